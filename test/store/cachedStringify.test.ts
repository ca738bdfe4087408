/**
 * The incremental serializer of the store file (createCachedStringify): after any sequence of
 * mutations its output must equal JSON.stringify of the same document.
 */
import fc from 'fast-check';
import { createCachedStringify } from '../../emulator/store/durableFile';

type Doc = { schemaVersion: number; vaults: Record<string, Record<string, unknown>> };

const version = (n: number, extra: Record<string, unknown> = {}) =>
  Object.freeze({ version: `v${n}`, value: `value "${n}"\n`, enabled: n % 2 === 0, created: n, updated: n, ...extra });

function newDoc(): Doc {
  return {
    schemaVersion: 1,
    vaults: {
      default: {
        name: 'default',
        createdAt: 1,
        properties: { tags: {}, accessPolicies: [], softDeleteEnabled: true },
        secrets: { a: { name: 'A', versions: [version(0)] } },
        deletedSecrets: {},
      },
    },
  };
}

/** The ways the emulator (and colleagues' code) mutate the document, plus JSON edge cases. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), name: fc.constantFrom('a', 'b', 'c', 'ü', '10', '2'), n: fc.nat(1000) }),
  fc.record({ op: fc.constant('update' as const), name: fc.constantFrom('a', 'b', 'c'), n: fc.nat(1000) }),
  fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom('a', 'b', 'c', 'ü') }),
  fc.record({ op: fc.constant('recover' as const), name: fc.constantFrom('a', 'b', 'c', 'ü') }),
  fc.record({ op: fc.constant('tag' as const), key: fc.string({ maxLength: 4 }), value: fc.oneof(fc.string({ maxLength: 4 }), fc.constant(undefined)) }),
  fc.record({ op: fc.constant('policy' as const), n: fc.nat(5) }),
  fc.record({ op: fc.constant('vault' as const), name: fc.constantFrom('x', 'y') }),
  fc.record({ op: fc.constant('prop' as const), value: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.double()) }),
  fc.record({ op: fc.constant('noop' as const) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(doc: Doc, m: Mutation): void {
  const vault = doc.vaults.default as {
    properties: { tags: Record<string, unknown>; accessPolicies: unknown[]; extra?: unknown };
    secrets: Record<string, { name: string; versions: unknown[] }>;
    deletedSecrets: Record<string, { name: string; versions: unknown[]; deletedDate: number }>;
  };
  switch (m.op) {
    case 'set': {
      const s = (vault.secrets[m.name] ??= { name: m.name, versions: [] });
      s.versions.push(version(m.n));
      break;
    }
    case 'update': {
      const s = vault.secrets[m.name];
      if (s) s.versions[m.n % s.versions.length] = version(m.n, { tags: Object.freeze({ t: String(m.n) }) });
      break;
    }
    case 'delete': {
      const s = vault.secrets[m.name];
      if (s) {
        delete vault.secrets[m.name];
        vault.deletedSecrets[m.name] = { name: s.name, versions: s.versions, deletedDate: 5 };
      }
      break;
    }
    case 'recover': {
      const d = vault.deletedSecrets[m.name];
      if (d) {
        delete vault.deletedSecrets[m.name];
        vault.secrets[m.name] = { name: d.name, versions: d.versions };
      }
      break;
    }
    case 'tag':
      vault.properties.tags[m.key] = m.value;
      break;
    case 'policy':
      if (m.n === 0) vault.properties.accessPolicies.pop();
      else vault.properties.accessPolicies.push({ objectId: `o${m.n}`, permissions: { secrets: ['get'] } });
      break;
    case 'vault':
      if (doc.vaults[m.name]) delete doc.vaults[m.name];
      else doc.vaults[m.name] = { name: m.name, secrets: {}, deletedSecrets: {} };
      break;
    case 'prop':
      vault.properties.extra = m.value;
      break;
    case 'noop':
      break;
  }
}

describe('createCachedStringify', () => {
  test('equals JSON.stringify after every mutation of a long sequence', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 60 }), (mutations) => {
        const stringify = createCachedStringify();
        const doc = newDoc();
        expect(stringify(doc)).toBe(JSON.stringify(doc));
        for (const m of mutations) {
          apply(doc, m);
          expect(stringify(doc)).toBe(JSON.stringify(doc));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('top-level values and arrays with holes, undefined and functions', () => {
    const stringify = createCachedStringify();
    expect(stringify(undefined)).toBe('null');
    expect(stringify('x')).toBe('"x"');
    expect(stringify(Object.freeze({ a: 1 }))).toBe('{"a":1}');
    // eslint-disable-next-line no-sparse-arrays
    const arr: unknown[] = [1, , undefined, () => 1, { a: undefined, b: () => 1, c: NaN }];
    expect(stringify(arr)).toBe(JSON.stringify(arr));
    arr.push('y');
    expect(stringify(arr)).toBe(JSON.stringify(arr));
  });

  test('a shared object written twice in one document', () => {
    const stringify = createCachedStringify();
    const shared = { v: [1] };
    const doc = { a: shared, b: shared };
    for (let i = 0; i < 4; i++) {
      shared.v.push(i);
      expect(stringify(doc)).toBe(JSON.stringify(doc));
      expect(stringify(doc)).toBe(JSON.stringify(doc));
    }
  });
});
