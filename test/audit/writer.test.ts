/**
 * The audit writer: batching, rotation, retention, permissions, and that failures stay out of
 * the request path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildAuditEvent, type AuditEvent } from '../../emulator/audit/event';
import { AuditLog, CURRENT_FILE, ROTATED_FILE } from '../../emulator/audit/writer';
import { tempDir } from '../helpers/emulator';

export function event(n: number, overrides: { vault?: string; op?: string; oid?: string; at?: number; status?: number } = {}): AuditEvent {
  return buildAuditEvent({
    startedAt: overrides.at ?? Date.now(),
    durationMs: 3,
    resource: { vault: { name: overrides.vault ?? 'app' } },
    operationName: overrides.op ?? 'SecretGet',
    apiVersion: '7.6',
    status: overrides.status ?? 200,
    callerIp: '127.0.0.1',
    clientRequestId: `req-${n}`,
    claims: { oid: overrides.oid ?? 'oid-1', appid: 'app-1' },
    objectId: `https://app.vault.localhost:8443/secrets/s${n}/0123456789abcdef0123456789abcdef`,
    requestUri: `https://app.vault.localhost:8443/secrets/s${n}?api-version=7.6`,
    userAgent: 'test',
    isAccessPolicyMatch: true,
  });
}

/** All lines of all files, oldest file first; every line must be a complete JSON record. */
function readAllLines(dir: string): AuditEvent[] {
  const names = fs.readdirSync(dir);
  const files = [...names.filter((n) => ROTATED_FILE.test(n)).sort(), ...(names.includes(CURRENT_FILE) ? [CURRENT_FILE] : [])];
  const out: AuditEvent[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    if (text === '') continue;
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.slice(0, -1).split('\n')) out.push(JSON.parse(line) as AuditEvent);
  }
  return out;
}

const seqOf = (e: AuditEvent) => Number(e.correlationId.slice(4));

describe('AuditLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(tempDir('kve-audit-'), 'audit');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  test('creates the directory 0700 and the file 0600; appends one JSON line per record', async () => {
    const log = await AuditLog.open(dir);
    log.record(event(1));
    log.record(event(2));
    await log.flush();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, CURRENT_FILE)).mode & 0o777).toBe(0o600);
    expect(readAllLines(dir).map(seqOf)).toEqual([1, 2]);
    await log.close();
    // Reopening appends.
    const again = await AuditLog.open(dir);
    again.record(event(3));
    await again.close();
    expect(readAllLines(dir).map(seqOf)).toEqual([1, 2, 3]);
  });

  test('tightens an existing directory and file to 0700/0600', async () => {
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, CURRENT_FILE), '', { mode: 0o644 });
    fs.chmodSync(path.join(dir, CURRENT_FILE), 0o644);
    const log = await AuditLog.open(dir);
    await log.close();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, CURRENT_FILE)).mode & 0o777).toBe(0o600);
  });

  test('thousands of records from concurrent tasks: all present, in order, each line valid JSON, few writes', async () => {
    const log = await AuditLog.open(dir);
    const writes = jest.spyOn(fs, 'write');
    let n = 0;
    // 50 tasks interleaving over many event-loop turns, as concurrent requests do.
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let i = 0; i < 100; i++) {
          log.record(event(++n));
          if (i % 10 === 0) await new Promise((r) => setImmediate(r));
          else await Promise.resolve();
        }
      }),
    );
    await log.flush();
    const lines = readAllLines(dir);
    expect(lines).toHaveLength(5000);
    expect(lines.map(seqOf)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    // Batched: far fewer write calls than records.
    expect(writes.mock.calls.length).toBeGreaterThan(0);
    expect(writes.mock.calls.length).toBeLessThan(100);
    expect(log.stats).toEqual({ written: 5000, dropped: 0, rotations: 0 });
    await log.close();
  });

  test('records of one tick go out in a single write', async () => {
    const log = await AuditLog.open(dir);
    const writes = jest.spyOn(fs, 'write');
    for (let i = 1; i <= 2000; i++) log.record(event(i));
    await log.flush();
    expect(writes).toHaveBeenCalledTimes(1);
    expect(readAllLines(dir)).toHaveLength(2000);
    await log.close();
  });

  test('rotates by size into sortable names and keeps at most maxFiles files', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify(event(1000))}\n`);
    const log = await AuditLog.open(dir, { maxFileBytes: lineBytes * 10, maxFiles: 4 });
    // Spread over many ticks and in bursts, so rotation happens inside batches and between them.
    for (let i = 1000; i < 1200; i++) {
      log.record(event(i));
      if (i % 7 === 0) await log.flush();
    }
    await log.close();
    const names = fs.readdirSync(dir).sort();
    const rotated = names.filter((n) => ROTATED_FILE.test(n));
    expect(names).toContain(CURRENT_FILE);
    expect(rotated).toHaveLength(3); // maxFiles counts the current file
    expect(names).toHaveLength(4);
    for (const name of names) {
      const size = fs.statSync(path.join(dir, name)).size;
      expect(size).toBeLessThanOrEqual(lineBytes * 10);
      expect(fs.statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    }
    // What is kept is the most recent, contiguous tail, in file-name order.
    const seqs = readAllLines(dir).map(seqOf);
    expect(seqs[seqs.length - 1]).toBe(1199);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 1200 - seqs.length + i));
    expect(seqs.length).toBeGreaterThanOrEqual(30);
    expect(log.stats.rotations).toBeGreaterThanOrEqual(19);
    expect(log.stats.written).toBe(200);
  });

  test('rotated names stay increasing within one millisecond and when the clock steps back', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify(event(1))}\n`);
    const log = await AuditLog.open(dir, { maxFileBytes: lineBytes, maxFiles: 100 });
    const now = jest.spyOn(Date.prototype, 'toISOString');
    now.mockReturnValue('2030-01-01T00:00:00.000Z');
    for (let i = 1; i <= 5; i++) log.record(event(i));
    await log.flush();
    now.mockReturnValue('2029-01-01T00:00:00.000Z');
    for (let i = 6; i <= 8; i++) log.record(event(i));
    await log.close();
    now.mockRestore();
    const rotated = fs.readdirSync(dir).filter((n) => ROTATED_FILE.test(n));
    expect(rotated.sort()).toEqual([
      'audit-2030-01-01T00-00-00.000Z-000.jsonl',
      'audit-2030-01-01T00-00-00.000Z-001.jsonl',
      'audit-2030-01-01T00-00-00.000Z-002.jsonl',
      'audit-2030-01-01T00-00-00.000Z-003.jsonl',
      'audit-2030-01-01T00-00-00.000Z-004.jsonl',
      'audit-2030-01-01T00-00-00.000Z-005.jsonl',
      'audit-2030-01-01T00-00-00.000Z-006.jsonl',
    ]);
    expect(readAllLines(dir).map(seqOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('a torn last line left by a crash is closed off; the next record starts on its own line', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const whole = JSON.stringify(event(1));
    fs.writeFileSync(path.join(dir, CURRENT_FILE), `${whole}\n${whole.slice(0, 40)}`);
    const log = await AuditLog.open(dir);
    log.record(event(2));
    await log.close();
    const lines = fs.readFileSync(path.join(dir, CURRENT_FILE), 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 2)).toEqual([whole, whole.slice(0, 40)]);
    expect((JSON.parse(lines[2]) as AuditEvent).correlationId).toBe('req-2');
    expect(lines[3]).toBe('');
  });

  test('a failing write is reported, never thrown; the records are counted as dropped and logging goes on', async () => {
    const errors: Array<{ err: Error; dropped: number }> = [];
    const log = await AuditLog.open(dir, { onError: (err, { dropped }) => errors.push({ err, dropped }) });
    const realWrite = fs.write;
    jest.spyOn(fs, 'write').mockImplementationOnce(((...args: unknown[]) => {
      const cb = args[args.length - 1] as (err: Error) => void;
      setImmediate(() => cb(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })));
    }) as unknown as typeof realWrite);
    expect(() => {
      for (let i = 1; i <= 3; i++) log.record(event(i));
    }).not.toThrow();
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0].err.message).toMatch(/no space/);
    expect(errors[0].dropped).toBe(3);
    log.record(event(4));
    await log.close();
    expect(readAllLines(dir).map(seqOf)).toEqual([4]);
    expect(log.stats).toEqual({ written: 1, dropped: 3, rotations: 0 });
  });

  test('a logger that throws does not break recording', async () => {
    const log = await AuditLog.open(dir, {
      onError: () => {
        throw new Error('logger down');
      },
    });
    jest.spyOn(fs, 'write').mockImplementationOnce(((...args: unknown[]) => {
      (args[args.length - 1] as (err: Error) => void)(new Error('EIO'));
    }) as unknown as typeof fs.write);
    log.record(event(1));
    await log.flush();
    log.record(event(2));
    await log.close();
    expect(readAllLines(dir).map(seqOf)).toEqual([2]);
  });

  test('when the disk does not keep up, the backlog is bounded and the excess is dropped', async () => {
    const errors: Error[] = [];
    const log = await AuditLog.open(dir, { maxPendingBytes: 10_000, onError: (err) => errors.push(err) });
    for (let i = 1; i <= 500; i++) log.record(event(i));
    await log.close();
    const stats = log.stats;
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.written + stats.dropped).toBe(500);
    expect(readAllLines(dir)).toHaveLength(stats.written);
    expect(errors[0].message).toMatch(/not keeping up/);
  });

  test('flush waits for what was recorded before it; records after close are dropped silently', async () => {
    const log = await AuditLog.open(dir);
    log.record(event(1));
    const flushed = log.flush();
    log.record(event(2));
    await flushed;
    expect(readAllLines(dir).map(seqOf)).toContain(1);
    await log.close();
    log.record(event(3));
    await log.flush();
    expect(readAllLines(dir).map(seqOf)).toEqual([1, 2]);
    expect(log.stats.dropped).toBe(1);
    await expect(log.close()).resolves.toBeUndefined();
  });

  test('a log directory removed while running is recreated (checked at most once a second)', async () => {
    const log = await AuditLog.open(dir);
    log.record(event(1));
    await log.flush();
    fs.rmSync(dir, { recursive: true, force: true });
    const later = Date.now() + 5000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    log.record(event(2));
    await log.close();
    expect(readAllLines(dir).map(seqOf)).toEqual([2]);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });
});
