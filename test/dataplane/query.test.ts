/**
 * The data plane's query parser is a hand-written fast path: it must read every query string
 * exactly as URLSearchParams does (first occurrence wins, keys case-insensitive).
 */
import fc from 'fast-check';
import { parseQuery, pathSegments } from '../../emulator/http/dataPlane';

function reference(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(raw)) if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), v);
  return out;
}

test('parseQuery equals URLSearchParams on arbitrary query strings', () => {
  const part = fc.stringMatching(/^[A-Za-z0-9%+=&$.\-_~é]{0,24}$/);
  fc.assert(
    fc.property(part, (raw) => {
      expect([...parseQuery(raw)]).toEqual([...reference(raw)]);
    }),
    { numRuns: 5000 },
  );
  for (const raw of ['api%2Dversion=7.4', 'API-VERSION=7.4&api-version=7.6', 'a=%E0%A4%A', 'a=%zz', 'x=1+2', '&&a', '=v', 'maxresults=5&$skiptoken=abc']) {
    expect([...parseQuery(raw)]).toEqual([...reference(raw)]);
  }
});

test('pathSegments collapses slashes and decodes only when needed', () => {
  expect(pathSegments('/secrets/a/')).toEqual(['secrets', 'a', '']);
  expect(pathSegments('//secrets//a')).toEqual(['secrets', 'a']);
  expect(pathSegments('/secrets/a%2Db')).toEqual(['secrets', 'a-b']);
  expect(() => pathSegments('/secrets/%E0%A4%A')).toThrow(/invalid escape/);
});
