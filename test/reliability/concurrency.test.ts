/**
 * Concurrency: many clients on the same names, both store backends, in-process emulators (so the
 * store document itself can be watched while the requests run).
 *
 *  - 32 clients × 100 SetSecret on one name → exactly 3,200 versions, all ids distinct, in the
 *    store, through the API (paged) and (lowdb) in the file after a restart.
 *  - 32 clients interleaving set / delete / recover / purge / get on the same few names never
 *    produce a state Azure could not: a name is never both live and soft-deleted, a version never
 *    disappears except by a purge, a purged version never comes back, every answer is one the
 *    service could give for some order of the requests, and versions are conserved exactly on
 *    names that are never purged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StoreData } from '../../emulator/store/types';
import { BACKENDS, startTestEmulator, type Backend, type TestEmulator } from '../helpers/emulator';
import { artifactsFor, marker, prng, reportFigures, seedFor } from './helpers/artifacts';
import { authorization } from './helpers/auth';
import { locate, storeViolations } from './helpers/invariants';
import { finalCheck } from './helpers/summary';
import { Client, type Reply } from './helpers/net';

const CLIENTS = 32;
const SETS_PER_CLIENT = 100;
const MIXED_OPS_PER_CLIENT = 120;
const API = 'api-version=7.6';

const art = artifactsFor('concurrency');
const seed = seedFor();
afterAll(() => art.finish());

const versionOf = (res: Reply) => String(res.json?.id ?? '').split('/').pop()!;

async function start(backend: Backend, label: string): Promise<TestEmulator> {
  return startTestEmulator(backend, {
    dataDir: art.subdir(`${backend}-${label}-data`),
    logger: art.file(`${backend}-${label}.emulator.log`),
    vaults: [{ name: 'legacy', softDeleteEnabled: false }],
  });
}

async function listVersions(client: Client, baseUrl: string, name: string): Promise<string[]> {
  const ids: string[] = [];
  let url: string | null = `${baseUrl}/secrets/${name}/versions?${API}&maxresults=25`;
  while (url) {
    const res: Reply = await client.request({ url, headers: { authorization: authorization() } });
    expect(res.status).toBe(200);
    ids.push(...(res.json.value as Array<{ id: string }>).map((v) => v.id.split('/').pop()!));
    url = res.json.nextLink;
  }
  return ids;
}

const figures: Record<string, number> = {};

describe.each(BACKENDS)('%s backend', (backend) => {
  test(`${CLIENTS} clients × ${SETS_PER_CLIENT} sets on one name → exactly ${CLIENTS * SETS_PER_CLIENT} versions`, async () => {
    const em = await start(backend, 'hot');
    const client = new Client(em.ca, CLIENTS);
    const name = 'hot-secret';
    const acked = new Map<string, string>(); // version → value
    const statuses: Record<number, number> = {};
    try {
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; i < SETS_PER_CLIENT; i++) {
            const value = marker(`hot-c${c}-${i}`);
            const res = await client.request({ method: 'PUT', url: `${em.url}/secrets/${name}?${API}`, headers: { authorization: authorization() }, body: { value } });
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            if (res.status !== 200) {
              art.recordError({ test: 'hot', status: res.status, body: res.text.slice(0, 500) });
              continue;
            }
            expect(res.json.value).toBe(value);
            acked.set(versionOf(res), value);
          }
        }),
      );
      const total = CLIENTS * SETS_PER_CLIENT;
      expect(statuses).toEqual({ 200: total });
      expect(acked.size).toBe(total); // version ids are distinct

      // The store document: exactly these versions, each with its value.
      const record = em.store.data.vaults.default.secrets[name];
      expect(record.versions).toHaveLength(total);
      expect(new Set(record.versions.map((v) => v.version))).toEqual(new Set(acked.keys()));
      for (const v of record.versions) expect(v.value).toBe(acked.get(v.version));
      expect(storeViolations(em.store.data, { frozen: true })).toEqual([]);

      // The API: 128 pages of versions, the same set; the latest is the last one created.
      const listed = await listVersions(client, em.url, name);
      expect(listed).toHaveLength(total);
      expect(new Set(listed)).toEqual(new Set(acked.keys()));
      const latest = await client.request({ url: `${em.url}/secrets/${name}?${API}`, headers: { authorization: authorization() } });
      expect(versionOf(latest)).toBe(record.versions[total - 1].version);

      if (backend === 'lowdb') {
        // What the file holds after the emulator stops is what the API acknowledged.
        await em.stop();
        const doc = JSON.parse(readFileSync(path.join(em.dataDir, 'store.json'), 'utf8')) as StoreData;
        const onDisk = doc.vaults.default.secrets[name].versions;
        expect(onDisk).toHaveLength(total);
        expect(new Set(onDisk.map((v) => v.version))).toEqual(new Set(acked.keys()));
        expect(storeViolations(doc)).toEqual([]);
      }
      figures[`${backend}_hot_versions`] = record.versions.length;
    } finally {
      client.close();
      await em.cleanup();
    }
  }, 180_000);

  test(`${CLIENTS} clients interleaving set/delete/recover/purge/get on the same names: only states Azure can be in`, async () => {
    const em = await start(backend, 'mixed');
    const client = new Client(em.ca, CLIENTS);
    const rand = prng(seed ^ (backend === 'lowdb' ? 0x1111 : 0x2222));
    // keep-*: never purged, so every acknowledged version must still be there at the end.
    // purge-*: purged too. legacy-*: a vault without soft delete (delete is final).
    const targets = [
      ...['mix-keep-0', 'mix-keep-1', 'mix-keep-2'].map((name) => ({ vault: 'default', name, purge: false })),
      ...['mix-purge-0', 'mix-purge-1', 'mix-purge-2'].map((name) => ({ vault: 'default', name, purge: true })),
      ...['mix-legacy-0', 'mix-legacy-1'].map((name) => ({ vault: 'legacy', name, purge: false })),
    ];
    const baseOf = (vault: string) => (vault === 'default' ? em.url : em.vaultUrl(vault));
    const keyOf = (t: { vault: string; name: string }) => `${t.vault}/${t.name}`;
    const acked = new Map<string, Map<string, string>>(targets.map((t) => [keyOf(t), new Map()])); // version → value
    const sentValues = new Map<string, Set<string>>(targets.map((t) => [keyOf(t), new Set()]));
    const problems: string[] = [];
    const tally: Record<string, number> = {};

    // Watch the store document between every two turns of the event loop while the storm runs.
    const everSeen = new Map<string, Set<string>>(targets.map((t) => [keyOf(t), new Set()]));
    const previous = new Map<string, { where: string; versions: string[] }>();
    let samples = 0;
    let watching = true;
    const sample = (loop = true) => {
      samples++;
      const data = em.store.data;
      for (const p of storeViolations(data, { frozen: true })) problems.push(`sample ${samples}: ${p}`);
      for (const t of targets) {
        const key = keyOf(t);
        const now = locate(data.vaults[t.vault], t.name);
        const before = previous.get(key);
        const seen = everSeen.get(key)!;
        if (before && before.where !== 'absent' && now.where !== 'absent') {
          const extends_ = before.versions.every((v, i) => now.versions[i] === v);
          const fresh = now.versions.every((v) => !seen.has(v));
          if (!extends_ && !(fresh && (t.purge || t.vault === 'legacy'))) {
            problems.push(`sample ${samples}: ${key} went from ${before.where} [${before.versions.length}] to ${now.where} [${now.versions.length}] without keeping its versions`);
          }
        }
        if (before && before.where === 'absent' && now.where !== 'absent' && now.versions.some((v) => seen.has(v))) {
          problems.push(`sample ${samples}: ${key} came back with a purged version`);
        }
        if (before && before.where !== 'absent' && now.where === 'absent' && !t.purge && t.vault !== 'legacy') {
          problems.push(`sample ${samples}: ${key} vanished without a purge`);
        }
        for (const v of now.versions) seen.add(v);
        previous.set(key, now);
      }
      if (loop && watching) setImmediate(sample);
    };
    setImmediate(sample);

    const expectOneOf = (op: string, res: Reply, allowed: Array<[number, string?]>) => {
      sample(false); // and once more on every answer

      const code = res.json?.error?.code as string | undefined;
      const ok = allowed.some(([status, errorCode]) => status === res.status && (errorCode === undefined || errorCode === code));
      tally[`${op} ${res.status}`] = (tally[`${op} ${res.status}`] ?? 0) + 1;
      if (!ok) problems.push(`${op} answered ${res.status} ${code ?? ''}: ${res.text.slice(0, 200)}`);
      if (res.status >= 400) art.recordError({ test: 'mixed', op, status: res.status, body: res.text.slice(0, 500) });
      return ok;
    };

    try {
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; i < MIXED_OPS_PER_CLIENT; i++) {
            const t = targets[Math.floor(rand() * targets.length)];
            const key = keyOf(t);
            const base = baseOf(t.vault);
            const auth = { authorization: authorization() };
            const r = rand();
            if (r < 0.35) {
              const value = marker(`mix-c${c}-${i}`);
              sentValues.get(key)!.add(value);
              const res = await client.request({ method: 'PUT', url: `${base}/secrets/${t.name}?${API}`, headers: auth, body: { value } });
              if (expectOneOf('set', res, [[200], [409, 'Conflict']]) && res.status === 200) {
                if (res.json.value !== value) problems.push(`set ${key} echoed another value`);
                acked.get(key)!.set(versionOf(res), value);
              }
              if (res.status === 409 && res.json.error.innererror?.code !== 'ObjectIsDeletedButRecoverable') problems.push(`set ${key}: 409 of another kind`);
            } else if (r < 0.55) {
              const res = await client.request({ method: 'DELETE', url: `${base}/secrets/${t.name}?${API}`, headers: auth });
              if (expectOneOf('delete', res, [[200], [404, 'SecretNotFound']]) && res.status === 200 && t.vault === 'default') {
                if (res.json.recoveryId !== `${base}/deletedsecrets/${t.name}`) problems.push(`delete ${key}: recoveryId ${res.json.recoveryId}`);
              }
            } else if (r < 0.7) {
              const res = await client.request({ method: 'POST', url: `${base}/deletedsecrets/${t.name}/recover?${API}`, headers: auth });
              expectOneOf('recover', res, t.vault === 'legacy' ? [[404, 'SecretNotFound']] : [[200], [404, 'SecretNotFound']]);
            } else if (r < 0.82 && t.purge) {
              const res = await client.request({ method: 'DELETE', url: `${base}/deletedsecrets/${t.name}?${API}`, headers: auth });
              expectOneOf('purge', res, [[204], [404, 'SecretNotFound']]);
            } else if (r < 0.94) {
              const res = await client.request({ url: `${base}/secrets/${t.name}?${API}`, headers: auth });
              if (expectOneOf('get', res, [[200], [404, 'SecretNotFound']]) && res.status === 200 && !sentValues.get(key)!.has(res.json.value)) {
                problems.push(`get ${key} returned a value no client sent`);
              }
            } else {
              const res = await client.request({ url: `${base}/deletedsecrets/${t.name}?${API}`, headers: auth });
              expectOneOf('get-deleted', res, t.vault === 'legacy' ? [[404, 'SecretNotFound']] : [[200], [404, 'SecretNotFound']]);
            }
          }
        }),
      );
      watching = false;
      sample(false);

      // Quiescent: the API and the store agree, per name, and versions are conserved.
      for (const t of targets) {
        const key = keyOf(t);
        const base = baseOf(t.vault);
        const auth = { authorization: authorization() };
        const live = await client.request({ url: `${base}/secrets/${t.name}?${API}`, headers: auth });
        const deleted = await client.request({ url: `${base}/deletedsecrets/${t.name}?${API}`, headers: auth });
        const at = locate(em.store.data.vaults[t.vault], t.name);
        expect([key, live.status, deleted.status]).toEqual([key, at.where === 'live' ? 200 : 404, at.where === 'deleted' ? 200 : 404]);
        const mine = acked.get(key)!;
        for (const v of at.versions) {
          if (!mine.has(v)) problems.push(`${key}: version ${v} was never acknowledged`);
        }
        const record = at.where === 'live' ? em.store.data.vaults[t.vault].secrets[t.name] : at.where === 'deleted' ? em.store.data.vaults[t.vault].deletedSecrets[t.name] : undefined;
        for (const v of record?.versions ?? []) {
          if (v.value !== mine.get(v.version)) problems.push(`${key}: version ${v.version} holds another value than was set`);
        }
        if (!t.purge && t.vault === 'default') {
          // Never purged: every acknowledged version is still there, none else.
          expect([key, at.versions.length]).toEqual([key, mine.size]);
          expect(new Set(at.versions)).toEqual(new Set(mine.keys()));
        }
        if (at.where === 'live') expect(await listVersions(client, base, t.name)).toEqual(at.versions);
      }
      const allIds = [...acked.values()].flatMap((m) => [...m.keys()]);
      expect(new Set(allIds).size).toBe(allIds.length);
      expect(problems.slice(0, 20)).toEqual([]);
      expect(samples).toBeGreaterThan(CLIENTS * MIXED_OPS_PER_CLIENT);

      if (backend === 'lowdb') {
        const inMemory = JSON.parse(JSON.stringify(em.store.data)) as StoreData;
        await em.stop();
        const onDisk = JSON.parse(readFileSync(path.join(em.dataDir, 'store.json'), 'utf8')) as StoreData;
        expect(onDisk).toEqual(inMemory);
      }
      const ops = Object.values(tally).reduce((a, b) => a + b, 0);
      expect(ops).toBe(CLIENTS * MIXED_OPS_PER_CLIENT);
      figures[`${backend}_mixed_ops`] = ops;
      figures[`${backend}_mixed_samples`] = samples;
      console.log(`concurrency (${backend}): ${JSON.stringify(tally)}`);
    } finally {
      watching = false;
      client.close();
      await em.cleanup();
    }
  }, 180_000);
});

test('figures, and nothing the suite sent so far leaked into its logs, audit files or error output', () => {
  reportFigures('concurrency', { ...figures, seed });
  const report = finalCheck(art);
  expect(report.filesScanned).toBeGreaterThan(0);
  expect(report.leaks).toEqual([]);
});
