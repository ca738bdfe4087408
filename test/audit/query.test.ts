/**
 * Reading the audit log back: filters, since, limit, torn lines, rotation, and following.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildAuditEvent, type AuditEvent } from '../../emulator/audit/event';
import { filterParsers, followAudit, listAuditFiles, parseSince, queryAudit } from '../../emulator/audit/query';
import { AuditLog, CURRENT_FILE } from '../../emulator/audit/writer';
import { tempDir } from '../helpers/emulator';

const MINUTE = 60_000;

function event(n: number, o: { vault?: string; op?: string; claims?: { oid?: string; appid?: string; upn?: string }; at?: number } = {}): AuditEvent {
  return buildAuditEvent({
    startedAt: o.at ?? Date.now(),
    durationMs: 1,
    resource: { vault: { name: o.vault ?? 'app' } },
    operationName: o.op ?? 'SecretGet',
    apiVersion: '7.6',
    status: 200,
    callerIp: '127.0.0.1',
    clientRequestId: `req-${n}`,
    claims: o.claims ?? { oid: 'oid-1', appid: 'app-1' },
    requestUri: `https://app.vault.localhost:8443/secrets/s${n}?api-version=7.6`,
    userAgent: 'test',
    isAccessPolicyMatch: true,
  });
}
const seqOf = (e: AuditEvent) => Number(e.correlationId.slice(4));

async function collect(gen: AsyncGenerator<AuditEvent>, count: number, timeoutMs = 10_000): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${out.length} of ${count} records followed`);
    const next = await gen.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe('parseSince and the filter values', () => {
  const now = Date.UTC(2024, 4, 1, 12, 0, 0);
  test.each([
    ['30s', now - 30_000],
    ['10m', now - 10 * MINUTE],
    ['2h', now - 2 * 60 * MINUTE],
    ['7d', now - 7 * 24 * 60 * MINUTE],
    ['2024-04-30T08:00:00Z', Date.UTC(2024, 3, 30, 8)],
    ['2024-04-30T08:00:00.5+02:00', Date.UTC(2024, 3, 30, 6, 0, 0, 500)],
    ['2024-04-30', Date.UTC(2024, 3, 30)],
  ])('%s', (value, expected) => {
    expect(parseSince(value, now)).toBe(expected);
  });

  test.each(['', '10', 'm', '10x', '-5m', '1.5h', 'yesterday', '2024-13-45T99:00:00Z', '10m; rm -rf /'])('rejects %j', (value) => {
    expect(() => parseSince(value, now)).toThrow(RangeError);
  });

  test('vault, operation, principal and limit values', () => {
    expect(filterParsers.vault('App-1')).toBe('App-1');
    expect(() => filterParsers.vault('a/b')).toThrow(RangeError);
    expect(filterParsers.operation('secretget')).toBe('secretget');
    expect(() => filterParsers.operation('Secret Get')).toThrow(RangeError);
    expect(filterParsers.principal('u@contoso.com')).toBe('u@contoso.com');
    expect(() => filterParsers.principal('')).toThrow(RangeError);
    expect(() => filterParsers.principal('a\nb')).toThrow(RangeError);
    expect(filterParsers.limit('25')).toBe(25);
    for (const bad of ['0', '-1', '1.5', 'ten', '10001']) expect(() => filterParsers.limit(bad)).toThrow(RangeError);
  });
});

describe('queryAudit', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = tempDir('kve-audit-q-');
    dir = path.join(root, 'audit');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function write(events: AuditEvent[], options = {}): Promise<void> {
    const log = await AuditLog.open(dir, options);
    for (const e of events) log.record(e);
    await log.close();
  }

  test('a missing directory is an empty log', async () => {
    expect(await queryAudit(dir)).toEqual([]);
    expect(await listAuditFiles(dir)).toEqual([]);
  });

  test('filters by vault and operation (case-insensitive) and by oid, appid or upn', async () => {
    await write([
      event(1, { vault: 'app', op: 'SecretGet', claims: { oid: 'OID-A', appid: 'app-a' } }),
      event(2, { vault: 'Other', op: 'SecretSet', claims: { oid: 'oid-b', upn: 'Bob@Contoso.com' } }),
      event(3, { vault: 'app', op: 'SecretSet', claims: { appid: 'app-c' } }),
      event(4, { vault: 'apps', op: 'SecretGet', claims: {} }),
    ]);
    const seqs = async (q: Parameters<typeof queryAudit>[1]) => (await queryAudit(dir, q)).map(seqOf);
    expect(await seqs({})).toEqual([1, 2, 3, 4]);
    expect(await seqs({ vault: 'APP' })).toEqual([1, 3]); // not "apps"
    expect(await seqs({ vault: 'other' })).toEqual([2]);
    expect(await seqs({ operation: 'secretset' })).toEqual([2, 3]);
    expect(await seqs({ principal: 'oid-a' })).toEqual([1]);
    expect(await seqs({ principal: 'app-c' })).toEqual([3]);
    expect(await seqs({ principal: 'bob@contoso.com' })).toEqual([2]);
    expect(await seqs({ vault: 'app', operation: 'SecretSet' })).toEqual([3]);
    expect(await seqs({ principal: 'nobody' })).toEqual([]);
  });

  test('since (relative and absolute) and limit (the most recent, in time order)', async () => {
    const now = Date.now();
    await write([0, 1, 2, 3, 4, 5].map((i) => event(i, { at: now - (60 - i * 10) * MINUTE })));
    const seqs = async (q: Parameters<typeof queryAudit>[1]) => (await queryAudit(dir, q)).map(seqOf);
    expect(await seqs({ since: parseSince('25m', now) })).toEqual([4, 5]);
    expect(await seqs({ since: parseSince('1h', now) })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await seqs({ since: parseSince(new Date(now - 30 * MINUTE).toISOString(), now) })).toEqual([3, 4, 5]);
    expect(await seqs({ limit: 2 })).toEqual([4, 5]);
    expect(await seqs({ limit: 100 })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await seqs({ since: parseSince('45m', now), limit: 1 })).toEqual([5]);
  });

  test('reads rotated files and the current one in time order, even when appended out of order', async () => {
    const now = Date.now();
    // A slow request is written after quicker ones that started later.
    const events = Array.from({ length: 60 }, (_, i) => event(i, { at: now - (i % 3 === 0 ? i + 2 : i) * 1000 }));
    events.reverse();
    await write(events, { maxFileBytes: 4096, maxFiles: 100 });
    expect((await listAuditFiles(dir)).length).toBeGreaterThan(5);
    const got = await queryAudit(dir);
    expect(got).toHaveLength(60);
    const times = got.map((e) => e.time);
    expect(times).toEqual([...times].sort());
    expect((await queryAudit(dir, { limit: 5 })).map((e) => e.time)).toEqual(times.slice(-5));
  });

  test('tolerates a torn last line and garbage lines', async () => {
    await write([event(1), event(2)]);
    const file = path.join(dir, CURRENT_FILE);
    const partial = JSON.stringify(event(3)).slice(0, 100);
    fs.appendFileSync(file, `not json\n[1,2]\n{"time":1}\n\n${partial}`);
    expect((await queryAudit(dir)).map(seqOf)).toEqual([1, 2]);
    // The writer closes the torn line off and carries on.
    await write([event(4)]);
    expect((await queryAudit(dir)).map(seqOf)).toEqual([1, 2, 4]);
  });

  test('a rotation between listing the files and reading them does not hide the rotated file', async () => {
    await write([event(1), event(2)]);
    const realReadFile = fs.promises.readFile;
    let rotated = false;
    jest.spyOn(fs.promises, 'readFile').mockImplementation((async (file: string, options: BufferEncoding) => {
      if (!rotated && String(file).endsWith(CURRENT_FILE)) {
        rotated = true;
        fs.renameSync(file, path.join(dir, 'audit-2030-01-01T00-00-00.000Z-000.jsonl'));
        fs.writeFileSync(file, `${JSON.stringify(event(3))}\n`);
      }
      return realReadFile.call(fs.promises, file, options);
    }) as unknown as typeof fs.promises.readFile);
    expect((await queryAudit(dir)).map(seqOf)).toEqual([1, 2, 3]);
    expect(rotated).toBe(true);
  });

  test('queries while the log is written and rotated see a gap-free prefix', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify(event(1000))}\n`);
    const log = await AuditLog.open(dir, { maxFileBytes: lineBytes * 20, maxFiles: 1000 });
    let writing = true;
    const writer = (async () => {
      for (let i = 1000; i < 2500; i++) {
        log.record(event(i));
        if (i % 5 === 0) await new Promise((r) => setImmediate(r));
      }
      await log.close();
      writing = false;
    })();
    let queries = 0;
    while (writing) {
      const seqs = (await queryAudit(dir)).map(seqOf).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 1000 + i));
      queries++;
    }
    await writer;
    expect(queries).toBeGreaterThan(1);
    expect(log.stats.rotations).toBeGreaterThan(50);
    expect(await queryAudit(dir)).toHaveLength(1500);
  });
});

describe('followAudit', () => {
  let root: string;
  let dir: string;
  let controller: AbortController;
  beforeEach(() => {
    root = tempDir('kve-audit-f-');
    dir = path.join(root, 'audit');
    controller = new AbortController();
  });
  afterEach(() => {
    controller.abort();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('yields records appended after it starts, through rotations, each once and in order', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify(event(100))}\n`);
    const log = await AuditLog.open(dir, { maxFileBytes: lineBytes * 5, maxFiles: 1000 });
    log.record(event(1)); // before following: not yielded
    await log.flush();
    const gen = followAudit(dir, {}, { pollMs: 10, signal: controller.signal });
    const got = collect(gen, 120);
    // Give the follower its starting position before writing.
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 100; i < 220; i++) {
      log.record(event(i));
      // Sometimes several rotations between two polls, sometimes one record per poll.
      if (i % 40 === 0) await new Promise((r) => setTimeout(r, 30));
      else if (i % 3 === 0) await log.flush();
    }
    await log.close();
    expect(log.stats.rotations).toBeGreaterThan(20);
    expect((await got).map(seqOf)).toEqual(Array.from({ length: 120 }, (_, i) => 100 + i));
    controller.abort();
    expect((await gen.next()).done).toBe(true);
  });

  test('one file per record and a 1 ms poll: rotations race the follower, nothing is lost or reordered', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify(event(100))}\n`);
    const log = await AuditLog.open(dir, { maxFileBytes: lineBytes, maxFiles: 100_000 });
    const gen = followAudit(dir, {}, { pollMs: 1, signal: controller.signal });
    const got = collect(gen, 300);
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 100; i < 400; i++) {
      log.record(event(i));
      if (i % 2) await log.flush();
      else await new Promise((r) => setImmediate(r));
    }
    await log.close();
    expect((await got).map(seqOf)).toEqual(Array.from({ length: 300 }, (_, i) => 100 + i));
  });

  test('filters, shows a backlog first, and waits for a log that does not exist yet', async () => {
    const gen = followAudit(dir, { vault: 'app', operation: 'SecretSet' }, { pollMs: 10, signal: controller.signal, backlog: 2 });
    const first = gen.next(); // nothing there yet: it waits
    await new Promise((r) => setTimeout(r, 40));
    const log = await AuditLog.open(dir);
    log.record(event(1, { op: 'SecretSet' }));
    log.record(event(2, { op: 'SecretGet' }));
    log.record(event(3, { vault: 'other', op: 'SecretSet' }));
    log.record(event(4, { op: 'secretset' }));
    await log.flush();
    expect(seqOf((await first).value as AuditEvent)).toBe(1);
    expect(seqOf((await gen.next()).value as AuditEvent)).toBe(4);
    controller.abort();
    await gen.return(undefined);

    // A new follower with a backlog of 2 gets the last two matches, then new ones, nothing twice.
    const again = followAudit(dir, { operation: 'SecretSet' }, { pollMs: 10, signal: (controller = new AbortController()).signal, backlog: 2 });
    const backlog = await collect(again, 2);
    expect(backlog.map(seqOf)).toEqual([3, 4]);
    log.record(event(5, { op: 'SecretSet' }));
    await log.close();
    expect((await collect(again, 1)).map(seqOf)).toEqual([5]);
  });

  test('a record written in two pieces is yielded once, whole', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, CURRENT_FILE);
    fs.writeFileSync(file, '');
    const gen = followAudit(dir, {}, { pollMs: 10, signal: controller.signal });
    const next = gen.next();
    await new Promise((r) => setTimeout(r, 30));
    const line = `${JSON.stringify(event(7, { claims: { upn: 'zoë@contoso.com' } }))}\n`;
    const bytes = Buffer.from(line);
    const cut = bytes.indexOf(Buffer.from('ë')) + 1; // inside the two-byte character
    fs.appendFileSync(file, bytes.subarray(0, cut));
    await new Promise((r) => setTimeout(r, 40));
    fs.appendFileSync(file, bytes.subarray(cut));
    const e = (await next).value as AuditEvent;
    expect(seqOf(e)).toBe(7);
    expect(e.identity.claim.upn).toBe('zoë@contoso.com');
  });
});
