/**
 * Leaks: after the reliability suite, no secret value, token or client secret appears in any log,
 * audit file or error output it produced (everything under test/reliability/.artifacts/ except the
 * stores themselves, keys and TLS material). Every value and token the suite sends carries the
 * `LEAKCHECK-` marker; this file adds the token issuer: a client secret, a wrong one, and the
 * access tokens issued for them.
 *
 * Then it prints the figures of the whole suite on one line and writes test/reliability/summary.json.
 * Named zz- so it sorts last; when jest runs files in parallel it waits for the others to finish.
 * Jest may still order it before another file (its sequencer goes by past durations): every file
 * ends with the same scan and summary (helpers/summary.ts), so the last one of a run covers all.
 */
import { randomUUID } from 'node:crypto';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { addNeedles, artifactsFor, marker, runningElsewhere } from './helpers/artifacts';
import { authorization } from './helpers/auth';
import { finalCheck } from './helpers/summary';
import { Client, type Reply } from './helpers/net';

const art = artifactsFor('zz-leaks');
afterAll(() => art.finish());

const issuedTokens: string[] = [];
const clientSecrets: string[] = [];

describe('the token issuer', () => {
  let em: TestEmulator;
  let client: Client;
  const clientId = randomUUID();
  const secret = marker('client-secret', 16);
  const wrongSecret = marker('wrong-client-secret', 16);
  clientSecrets.push(secret, wrongSecret);

  beforeAll(async () => {
    em = await startTestEmulator('lowdb', {
      dataDir: art.subdir('issuer-data'),
      logger: art.file('issuer.emulator.log'),
      clients: [{ displayName: 'leak-check-app', clientId, clientSecret: secret }],
    });
    client = new Client(em.ca, 4);
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await em?.cleanup();
  });

  const tokenRequest = (body: string, headers: Record<string, string> = {}): Promise<Reply> =>
    client.request({
      method: 'POST',
      url: `${em.url}/${em.tenantId}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const record = (res: Reply) => {
    if (res.status >= 400) art.recordError({ status: res.status, body: res.text });
  };

  test('client secrets (right, wrong, in a form, in Basic auth, in a broken body) and issued tokens: used, never echoed', async () => {
    const scope = 'https://vault.azure.net/.default';
    const good = await tokenRequest(form({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope }));
    expect(good.status).toBe(200);
    issuedTokens.push(good.json.access_token);
    const basic = await tokenRequest(form({ grant_type: 'client_credentials', scope }), {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
    });
    expect(basic.status).toBe(200);
    issuedTokens.push(basic.json.access_token);

    const wrong = await tokenRequest(form({ grant_type: 'client_credentials', client_id: clientId, client_secret: wrongSecret, scope }));
    expect(wrong.status).toBe(401);
    record(wrong);
    const broken = await tokenRequest(`grant_type=client_credentials&client_id=${clientId}&client_secret=${wrongSecret}%zz&scope=%`);
    expect(broken.status).toBeLessThan(500);
    record(broken);
    const asJson = await tokenRequest(`{"client_id":"${clientId}","client_secret": ${wrongSecret}}`, { 'content-type': 'application/json' });
    expect(asJson.status).toBeLessThan(500);
    record(asJson);
    for (const res of [wrong, broken, asJson]) {
      expect(res.text).not.toContain(wrongSecret);
      expect(res.text).not.toContain(secret);
    }

    // The issued token works on the data plane, and a value set with it comes back.
    const value = marker('issuer-value');
    const set = await client.request({
      method: 'PUT',
      url: `${em.url}/secrets/issued?api-version=7.6`,
      headers: { authorization: `Bearer ${issuedTokens[0]}` },
      body: { value },
    });
    expect([set.status, set.json?.value]).toEqual([200, value]);
    const denied = await client.request({ url: `${em.url}/secrets?api-version=7.6`, headers: { authorization: `Bearer ${issuedTokens[0]}x` } });
    expect(denied.status).toBeLessThan(500);
    record(denied);
    expect(denied.text).not.toContain(issuedTokens[0]);
  }, 60_000);
});

test('no secret value, token or client secret in any log, audit file or error output of the suite', async () => {
  // Other reliability files may still run in parallel workers: wait for them. (Files jest runs
  // after this one in the same worker end with the same scan and summary: see helpers/summary.ts.)
  const deadline = Date.now() + 9 * 60_000;
  while (runningElsewhere().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1_000));
  expect(runningElsewhere()).toEqual([]);
  addNeedles('zz-leaks', [...clientSecrets, ...issuedTokens]);
  const report = finalCheck(art, [authorization().slice('Bearer '.length)]);
  expect(report.filesScanned).toBeGreaterThan(0);
  expect(report.leaks.slice(0, 10)).toEqual([]);
}, 600_000);
