/**
 * Crash safety of the store file.
 *
 *  - A child emulator under a 32-client SetSecret storm is killed with SIGKILL at a random moment,
 *    20 times on the same data directory. After each kill the store file must parse and hold every
 *    write that was acknowledged (200), and after each restart every acknowledged version must be
 *    readable through the API with its value. Nothing may appear that no client sent.
 *  - A torn, truncated or overwritten store file at start-up is detected and reported; the last
 *    good copy is used, the damaged file is kept aside, and without a good copy the emulator
 *    refuses to start and touches nothing.
 *
 * Replay a run with RELIABILITY_SEED=<seed printed below>.
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StoreData } from '../../emulator/store/types';
import { artifactsFor, marker, prng, reportFigures, seedFor } from './helpers/artifacts';
import { authorization } from './helpers/auth';
import { storeViolations } from './helpers/invariants';
import { Client, pool, type Reply } from './helpers/net';
import { runChildToExit, startChild, type ChildEmulator } from './helpers/process';
import { finalCheck } from './helpers/summary';

const ROUNDS = 20;
const CLIENTS = 32;
const NAMES = 40;
const API = 'api-version=7.6';

const art = artifactsFor('crash');
const seed = seedFor();
const rand = prng(seed);
afterAll(() => art.finish());

interface Ack {
  round: number;
  name: string;
  version: string;
  value: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const startArgs = (dataDir: string) => ['--port', '0', '--data-dir', dataDir, '--quiet'];

function readStore(dataDir: string): { doc?: StoreData; error?: string } {
  const text = readFileSync(path.join(dataDir, 'store.json'), 'utf8');
  try {
    return { doc: JSON.parse(text) as StoreData };
  } catch (err) {
    return { error: `${(err as Error).name} (${text.length} bytes)` };
  }
}

function versionInFile(doc: StoreData, name: string, version: string): { value: string } | undefined {
  const secret = doc.vaults.default?.secrets?.[name];
  return secret?.versions.find((v) => v.version === version);
}

async function readBack(em: ChildEmulator, client: Client, acks: readonly Ack[]): Promise<Ack[]> {
  const missing: Ack[] = [];
  await pool(acks, 32, async (ack) => {
    const res: Reply = await client.request({
      url: `${em.url}/secrets/${ack.name}/${ack.version}?${API}`,
      headers: { authorization: authorization() },
    });
    if (res.status !== 200 || res.json?.value !== ack.value) {
      missing.push(ack);
      art.recordError({ test: 'crash read-back', status: res.status, body: res.text.slice(0, 500) });
    }
  });
  return missing;
}

describe('crash safety', () => {
  test(`${ROUNDS} SIGKILL rounds under a ${CLIENTS}-client SetSecret storm: every acknowledged write survives`, async () => {
    console.log(`crash: seed=${seed} (replay with RELIABILITY_SEED=${seed})`);
    const dataDir = art.subdir('storm-data');
    const acked: Ack[] = [];
    const attempted = new Set<string>(); // every value any client sent
    const lost: Ack[] = [];
    const problems: string[] = [];
    let requestsSent = 0;

    let em = await startChild(startArgs(dataDir), art.file('storm-start-01'));
    for (let round = 1; round <= ROUNDS; round++) {
      const client = new Client(em.ca, CLIENTS);
      const roundAcks: Ack[] = [];
      let killed = false;
      const killAfterMs = 20 + Math.floor(rand() * 1500);
      const storm = Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let seq = 0; !killed; seq++) {
            const name = `crash-${String(Math.floor(rand() * NAMES)).padStart(2, '0')}`;
            const value = `${marker(`crash-r${round}-c${c}-${seq}`)}-${'v'.repeat(Math.floor(rand() * 400))}`;
            attempted.add(value);
            requestsSent++;
            let res: Reply;
            try {
              res = await client.request({
                method: 'PUT',
                url: `${em.url}/secrets/${name}?${API}`,
                headers: { authorization: authorization() },
                body: { value },
                timeoutMs: 20_000,
              });
            } catch (err) {
              // Killed mid-request: not acknowledged, may or may not be on disk.
              if (!killed) problems.push(`round ${round}: request failed before the kill: ${(err as Error).message}`);
              return;
            }
            if (res.status !== 200) {
              problems.push(`round ${round}: SetSecret answered ${res.status}: ${res.text.slice(0, 200)}`);
              art.recordError({ test: 'crash storm', status: res.status, body: res.text.slice(0, 500) });
              return;
            }
            if (res.json?.value !== value) problems.push(`round ${round}: SetSecret echoed another value`);
            const version = String(res.json.id).split('/').pop()!;
            roundAcks.push({ round, name, version, value });
          }
        }),
      );
      await sleep(killAfterMs);
      killed = true;
      const exit = await em.kill('SIGKILL');
      await storm;
      client.close();
      expect(exit.signal).toBe('SIGKILL');
      acked.push(...roundAcks);

      // The file parses, is consistent, and holds every acknowledged write (all rounds so far).
      const { doc, error } = readStore(dataDir);
      if (!doc) {
        problems.push(`round ${round}: store.json does not parse after SIGKILL: ${error}`);
        break;
      }
      problems.push(...storeViolations(doc).map((p) => `round ${round}: ${p}`));
      for (const ack of acked) {
        if (versionInFile(doc, ack.name, ack.version)?.value !== ack.value) lost.push(ack);
      }
      for (const secret of Object.values(doc.vaults.default.secrets)) {
        for (const v of secret.versions) {
          if (!attempted.has(v.value)) problems.push(`round ${round}: ${secret.name}/${v.version} holds a value no client sent`);
        }
      }

      // Restart on the same directory; this round's writes read back through the API.
      em = await startChild(startArgs(dataDir), art.file(`storm-start-${String(round + 1).padStart(2, '0')}`));
      const reader = new Client(em.ca, 32);
      lost.push(...(await readBack(em, reader, roundAcks)));
      reader.close();
      console.log(`crash: round ${round}: killed after ${killAfterMs} ms, ${roundAcks.length} writes acknowledged`);
      if (lost.length > 0 || problems.length > 0) break;
    }

    // After the last restart: every write of every round, through the API.
    const reader = new Client(em.ca, 32);
    const missingAtEnd = await readBack(em, reader, acked);
    reader.close();
    const stopped = await em.kill('SIGTERM');

    const writesLost = new Set([...lost, ...missingAtEnd].map((a) => a.version)).size;
    reportFigures('crash', {
      rounds: ROUNDS,
      requests_sent: requestsSent,
      writes_acked: acked.length,
      writes_lost: writesLost,
      seed,
    });
    expect(problems).toEqual([]);
    expect(lost.map((a) => `${a.name}/${a.version} (round ${a.round})`)).toEqual([]);
    expect(missingAtEnd.map((a) => `${a.name}/${a.version} (round ${a.round})`)).toEqual([]);
    expect(acked.length).toBeGreaterThan(ROUNDS * 10); // the storms did write
    expect(stopped.code).toBe(0);
  }, 300_000);

  describe('a damaged store file at start-up', () => {
    let baseline: string;
    let first: string;
    let second: string;
    let third: string;

    beforeAll(async () => {
      baseline = art.subdir('torn-baseline');
      const em = await startChild(startArgs(baseline), art.file('torn-baseline'));
      const client = new Client(em.ca, 4);
      const put = async (name: string, value: string) => {
        const res = await client.request({ method: 'PUT', url: `${em.url}/secrets/${name}?${API}`, headers: { authorization: authorization() }, body: { value } });
        expect(res.status).toBe(200);
      };
      first = marker('torn-a');
      second = marker('torn-b1');
      third = marker('torn-b2');
      await put('torn-a', first);
      await put('torn-b', second);
      await put('torn-b', third); // the last write: store.json has it, store.json.bak does not
      client.close();
      expect((await em.kill('SIGTERM')).code).toBe(0);
    }, 60_000);

    const storeText = () => readFileSync(path.join(baseline, 'store.json'));
    const damages: Array<[string, (good: Buffer) => Buffer]> = [
      ['empty (0 bytes)', () => Buffer.alloc(0)],
      ['truncated to half', (good) => good.subarray(0, Math.floor(good.length / 2))],
      ['truncated by one byte', (good) => good.subarray(0, good.length - 1)],
      ['tail zero-filled', (good) => Buffer.concat([good.subarray(0, Math.floor(good.length / 3)), Buffer.alloc(good.length - Math.floor(good.length / 3))])],
      ['random bytes', (good) => Buffer.from(Array.from({ length: good.length }, () => Math.floor(rand() * 256)))],
      ['a flipped quote before a secret value', (good) => Buffer.from(good.toString('latin1').replace('"value":"', '"value": '), 'latin1')],
      ['valid JSON, not an object', () => Buffer.from('[1,2,3]')],
    ];

    test.each(damages)('%s: the last good copy is used and the damage reported', async (label, damage) => {
      const dir = art.subdir(`torn-${label.replace(/\W+/g, '-')}`);
      cpSync(baseline, dir, { recursive: true });
      const damaged = damage(storeText());
      writeFileSync(path.join(dir, 'store.json'), damaged);

      const em = await startChild(startArgs(dir), art.file(`torn-${label.replace(/\W+/g, '-')}`));
      try {
        const warning = em
          .stdout()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as { msg?: string; damagedCopy?: string; reason?: string })
          .find((l) => l.msg?.includes('damaged'));
        expect(warning?.msg).toBe('the store file was damaged; started from the last good copy');
        expect(warning?.reason).toMatch(/is damaged|does not hold a JSON object/);
        // The damaged bytes are kept aside, untouched.
        const aside = readdirSync(dir).filter((f) => f.startsWith('store.json.damaged-'));
        expect(aside).toHaveLength(1);
        expect(path.join(dir, aside[0])).toBe(warning?.damagedCopy);
        expect(readFileSync(path.join(dir, aside[0])).equals(damaged)).toBe(true);
        // The last good copy: everything before the last write.
        const client = new Client(em.ca, 2);
        const get = (name: string) => client.request({ url: `${em.url}/secrets/${name}?${API}`, headers: { authorization: authorization() } });
        expect((await get('torn-a')).json?.value).toBe(first);
        expect((await get('torn-b')).json?.value).toBe(second);
        client.close();
        expect(() => JSON.parse(readFileSync(path.join(dir, 'store.json'), 'utf8'))).not.toThrow();
      } finally {
        expect((await em.kill('SIGTERM')).code).toBe(0);
      }
    }, 60_000);

    test.each([
      ['no last good copy', false],
      ['the last good copy damaged too', true],
    ])('%s: refused with a clear message, nothing touched, exit code 1', async (_label, damageBackup) => {
      const dir = art.subdir(`torn-refused-${damageBackup ? 'both' : 'nobak'}`);
      cpSync(baseline, dir, { recursive: true });
      const good = storeText();
      const damaged = Buffer.from(good.toString('latin1').replace('"value":"', '"value": '), 'latin1');
      writeFileSync(path.join(dir, 'store.json'), damaged);
      if (damageBackup) writeFileSync(path.join(dir, 'store.json.bak'), good.subarray(0, 40));
      else rmSync(path.join(dir, 'store.json.bak'));
      const before = readdirSync(dir).sort();
      const backupBefore = damageBackup ? readFileSync(path.join(dir, 'store.json.bak')) : undefined;

      const result = await runChildToExit(startArgs(dir), art.file(`torn-refused-${damageBackup ? 'both' : 'nobak'}`));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^keyvault-emulator: The store file .*store\.json(\.bak)? is damaged/m);
      if (!damageBackup) expect(result.stderr).toMatch(/No last good copy/);
      expect(result.stdout).not.toMatch(/is ready/);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(readFileSync(path.join(dir, 'store.json')).equals(damaged)).toBe(true);
      if (backupBefore) expect(readFileSync(path.join(dir, 'store.json.bak')).equals(backupBefore)).toBe(true);
      expect(existsSync(path.join(dir, 'store.json.tmp'))).toBe(false);
    }, 60_000);
  });

  test('nothing the suite sent so far leaked into its logs, audit files or error output', () => {
    const report = finalCheck(art);
    expect(report.filesScanned).toBeGreaterThan(0);
    expect(report.leaks).toEqual([]);
  });
});
