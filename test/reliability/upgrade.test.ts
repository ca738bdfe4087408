/**
 * Upgrades: every committed store fixture (fixtures/store-v<N>.json, written by the build of schema
 * version N) starts under this version, is migrated to the current schema, and every secret in it
 * reads back through the API as fixtures/store-v<N>.expected.json says. A store from a newer
 * version is refused with a clear message and never touched.
 *
 * Adding a fixture when STORE_SCHEMA_VERSION grows: see fixtures/generate-store-fixture.js.
 */
import { copyFileSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseStoreText, MIGRATIONS } from '../../emulator/store/schema';
import { STORE_SCHEMA_VERSION, type StoreData } from '../../emulator/store/types';
import { addNeedles, artifactsFor, reportFigures } from './helpers/artifacts';
import { authorization } from './helpers/auth';
import { storeViolations } from './helpers/invariants';
import { finalCheck } from './helpers/summary';
import { Client, type Reply } from './helpers/net';
import { TEST_OID } from '../helpers/emulator';
import { runChildToExit, runCli, startChild, type ChildEmulator } from './helpers/process';

const FIXTURES = path.join(__dirname, 'fixtures');
const API = 'api-version=7.6';

interface ExpectedVersion {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  nbf?: number;
  exp?: number;
}
interface Expected {
  schemaVersion: number;
  vaults: Record<string, { recoveryLevel: string; recoverableDays: number; secrets: Record<string, { deleted: boolean; versions: ExpectedVersion[] }> }>;
}

const art = artifactsFor('upgrade');
afterAll(() => art.finish());

const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^store-v\d+\.json$/.test(f))
  .map((file) => ({ file, version: Number(/^store-v(\d+)\.json$/.exec(file)![1]) }))
  .sort((a, b) => a.version - b.version);
const fixtureValues: string[] = [];
let secretsRead = 0;

test('a fixture for every older schema version is committed, with its expectations', () => {
  expect(fixtures.length).toBeGreaterThan(0);
  const versions = new Set(fixtures.map((f) => f.version));
  const missing = Array.from({ length: STORE_SCHEMA_VERSION - 1 }, (_, i) => i + 1).filter((v) => !versions.has(v));
  // Generate the missing one with the build of that version: fixtures/generate-store-fixture.js.
  expect(missing).toEqual([]);
  for (const { file, version } of fixtures) {
    expect(version).toBeLessThanOrEqual(STORE_SCHEMA_VERSION);
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, file.replace('.json', '.expected.json')), 'utf8')) as Expected;
    expect(expected.schemaVersion).toBe(version);
    for (let from = version; from < STORE_SCHEMA_VERSION; from++) expect([from, typeof MIGRATIONS[from]]).toEqual([from, 'function']);
  }
});

describe.each(fixtures)('$file', ({ file, version }) => {
  const fixturePath = path.join(FIXTURES, file);
  const expected = JSON.parse(readFileSync(path.join(FIXTURES, file.replace('.json', '.expected.json')), 'utf8')) as Expected;
  for (const vault of Object.values(expected.vaults)) {
    for (const secret of Object.values(vault.secrets)) for (const v of secret.versions) fixtureValues.push(v.value);
  }

  test(`written as schema ${version}, parses and migrates to schema ${STORE_SCHEMA_VERSION} in memory`, () => {
    const text = readFileSync(fixturePath, 'utf8');
    expect((JSON.parse(text) as StoreData).schemaVersion).toBe(version);
    const data = parseStoreText(text, fixturePath);
    expect(data.schemaVersion).toBe(STORE_SCHEMA_VERSION);
    expect(storeViolations(data, { frozen: true })).toEqual([]);
  });

  test(`started by this version: migrated on disk, and every secret reads back through the API`, async () => {
    const dir = art.subdir(`data-${path.basename(file, '.json')}`);
    copyFileSync(fixturePath, path.join(dir, 'store.json'));
    let em: ChildEmulator = await startChild(['--port', '0', '--data-dir', dir], art.file(`emulator-${path.basename(file, '.json')}`));
    const problems: string[] = [];
    try {
      // Vaults that had no access policies are closed under access control (schema 2 on), and the
      // banner says how to open them: do what it says, for the test principal.
      const closed = [...em.stdout().matchAll(/keyvault-emulator policy add (\S+) --object-id/g)].map((m) => m[1]);
      for (const vault of closed) {
        expect(Object.keys(expected.vaults)).toContain(vault);
        const granted = await runCli(
          ['policy', 'add', vault, '--object-id', TEST_OID, '--secret-permissions', 'all', '-d', dir, '--url', em.url],
          art.file(`grant-${path.basename(file, '.json')}-${vault}`),
        );
        expect([vault, granted.code, granted.stderr]).toEqual([vault, 0, '']);
      }
      let client = new Client(em.ca, 8);
      const base = (vault: string) => (vault === 'default' ? em.url : em.vaults[vault]?.[1]);
      const get = (vault: string, p: string, method = 'GET'): Promise<Reply> =>
        client.request({ method, url: `${base(vault)}${p}${p.includes('?') ? '&' : '?'}${API}`, headers: { authorization: authorization() } });
      const listVersions = async (vault: string, name: string) => {
        const ids: Array<{ id: string; enabled: boolean }> = [];
        let next: string | null = `${base(vault)}/secrets/${name}/versions?${API}&maxresults=25`;
        while (next) {
          const res: Reply = await client.request({ url: next, headers: { authorization: authorization() } });
          if (res.status !== 200) {
            problems.push(`${vault}/${name}: listing versions answered ${res.status} ${res.text.slice(0, 200)}`);
            return ids;
          }
          ids.push(...(res.json.value as Array<{ id: string; attributes: { enabled: boolean } }>).map((v) => ({ id: v.id.split('/').pop()!, enabled: v.attributes.enabled })));
          next = res.json.nextLink;
        }
        return ids;
      };
      const checkVersions = async (vault: string, name: string, versions: ExpectedVersion[], recoveryLevel: string) => {
        const listed = await listVersions(vault, name);
        if (JSON.stringify(listed) !== JSON.stringify(versions.map((v) => ({ id: v.version, enabled: v.enabled })))) {
          problems.push(`${vault}/${name}: versions ${JSON.stringify(listed)}`);
        }
        for (const v of versions) {
          const res = await get(vault, `/secrets/${name}/${v.version}`);
          secretsRead++;
          if (!v.enabled) {
            if (res.status !== 403 || res.json?.error?.innererror?.code !== 'SecretDisabled') problems.push(`${vault}/${name}/${v.version}: disabled, answered ${res.status}`);
            continue;
          }
          const got = res.json ?? {};
          const actual = {
            status: res.status,
            value: got.value,
            contentType: got.contentType,
            tags: got.tags,
            enabled: got.attributes?.enabled,
            nbf: got.attributes?.nbf,
            exp: got.attributes?.exp,
            recoveryLevel: got.attributes?.recoveryLevel,
          };
          const wanted = { status: 200, value: v.value, contentType: v.contentType, tags: v.tags, enabled: true, nbf: v.nbf, exp: v.exp, recoveryLevel };
          if (JSON.stringify(actual) !== JSON.stringify(wanted)) problems.push(`${vault}/${name}/${v.version}: ${res.status} ${res.text.slice(0, 300)}`);
        }
        const latest = await get(vault, `/secrets/${name}`);
        const last = versions[versions.length - 1];
        if (last.enabled && String(latest.json?.id).split('/').pop() !== last.version) problems.push(`${vault}/${name}: latest is not ${last.version}`);
      };

      for (const [vault, info] of Object.entries(expected.vaults)) {
        if (!base(vault)) {
          problems.push(`vault ${vault} is not served after the upgrade`);
          continue;
        }
        for (const [name, secret] of Object.entries(info.secrets)) {
          if (!secret.deleted) {
            await checkVersions(vault, name, secret.versions, info.recoveryLevel);
            continue;
          }
          // Soft-deleted: still deleted, then recovered with every version.
          const live = await get(vault, `/secrets/${name}`);
          const deleted = await get(vault, `/deletedsecrets/${name}`);
          if (live.status !== 404 || deleted.status !== 200) problems.push(`${vault}/${name}: deleted secret answers ${live.status}/${deleted.status}`);
          const recovered = await get(vault, `/deletedsecrets/${name}/recover`, 'POST');
          if (recovered.status !== 200) problems.push(`${vault}/${name}: recover answered ${recovered.status} ${recovered.text.slice(0, 200)}`);
          else await checkVersions(vault, name, secret.versions, info.recoveryLevel);
        }
      }
      client.close();

      // The file on disk is now the current schema, consistent, and loads again.
      const onDisk = JSON.parse(readFileSync(path.join(dir, 'store.json'), 'utf8')) as StoreData;
      expect(onDisk.schemaVersion).toBe(STORE_SCHEMA_VERSION);
      expect(storeViolations(onDisk)).toEqual([]);
      expect((await em.kill('SIGTERM')).code).toBe(0);
      em = await startChild(['--port', '0', '--data-dir', dir, '--quiet'], art.file(`emulator-${path.basename(file, '.json')}-again`));
      client = new Client(em.ca, 2);
      const again = await get('default', '/secrets/hello');
      expect(again.status).toBe(200);
      client.close();
    } finally {
      if (em.alive()) expect((await em.kill('SIGTERM')).code).toBe(0);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('a store this version cannot read', () => {
  const refuse = async (label: string, text: string, message: RegExp) => {
    const dir = art.subdir(`refused-${label}`);
    const file = path.join(dir, 'store.json');
    writeFileSync(file, text, { mode: 0o600 });
    const before = statSync(file);
    const result = await runChildToExit(['--port', '0', '--data-dir', dir], art.file(`refused-${label}`));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/was not modified/);
    expect(result.stdout).not.toMatch(/is ready/);
    // Never overwritten: same bytes, same mtime, no copies or temp files next to it.
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(dir).filter((f) => f.startsWith('store.json'))).toEqual(['store.json']);
    return result;
  };

  test('written by a newer version: refused with a clear message, exit code 1, file untouched', async () => {
    const newer = STORE_SCHEMA_VERSION + 1;
    const doc = JSON.parse(readFileSync(path.join(FIXTURES, fixtures[fixtures.length - 1].file), 'utf8')) as Record<string, unknown>;
    const text = JSON.stringify({ ...doc, schemaVersion: newer, aFieldFromTheFuture: { enabled: true } });
    const result = await refuse('newer', text, new RegExp(`written by a newer keyvault-emulator \\(schema version ${newer}; this version understands up to ${STORE_SCHEMA_VERSION}\\)`));
    expect(result.stderr).toMatch(/Upgrade keyvault-emulator or use another --data-dir/);
  }, 60_000);

  test('without a schema version: refused, exit code 1, file untouched', async () => {
    await refuse('unversioned', JSON.stringify({ vaults: {} }), /has no valid schemaVersion/);
  }, 60_000);
});

test('figures, and no fixture value or marker leaked into logs, audit files or error output', () => {
  reportFigures('upgrade', { fixtures: fixtures.length, fixture_versions_read: secretsRead, schema: STORE_SCHEMA_VERSION });
  addNeedles('upgrade', fixtureValues.filter((v) => v.length >= 12));
  const report = finalCheck(art);
  expect(report.filesScanned).toBeGreaterThan(0);
  expect(report.leaks).toEqual([]);
});
