/**
 * `keyvault-emulator logs` as users run it: the built CLI reading a data directory's audit files.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildAuditEvent, type AuditEvent } from '../../emulator/audit/event';
import { AuditLog, auditDirOf } from '../../emulator/audit/writer';
import { CLI, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/emulator';

function event(n: number, o: { vault?: string; op?: string; status?: number; upn?: string; at?: number } = {}): AuditEvent {
  return buildAuditEvent({
    startedAt: o.at ?? Date.now(),
    durationMs: 12,
    resource: { vault: { name: o.vault ?? 'app' } },
    operationName: o.op ?? 'SecretGet',
    apiVersion: '7.6',
    status: o.status ?? 200,
    callerIp: '127.0.0.1',
    clientRequestId: `req-${n}`,
    claims: { oid: `oid-${n}`, appid: 'app-1', upn: o.upn },
    objectId: `https://${o.vault ?? 'app'}.vault.localhost:8443/secrets/s${n}/0123456789abcdef0123456789abcdef`,
    requestUri: `https://${o.vault ?? 'app'}.vault.localhost:8443/secrets/s${n}?api-version=7.6`,
    userAgent: 'azsdk-js-keyvault-secrets/4.12.0',
    isAccessPolicyMatch: o.status !== 403,
  });
}

describe('keyvault-emulator logs', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir('kve-logs-');
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function write(events: AuditEvent[]): Promise<void> {
    const log = await AuditLog.open(auditDirOf(dataDir));
    for (const e of events) log.record(e);
    await log.close();
  }

  test('a readable table by default', async () => {
    const old = Date.now() - 2 * 3600_000;
    await write([
      event(1, { at: old }),
      event(2, { vault: 'other', op: 'SecretSet', upn: 'dev@contoso.com' }),
      event(3, { status: 403 }),
    ]);
    const r = runCli(['logs', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(/\s{2,}/)).toEqual(['TIME', 'VAULT', 'OPERATION', 'STATUS', 'CALLER', 'DURATION', 'OBJECT']);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z +app +SecretGet +200 OK +app-1 +12ms +\/secrets\/s1\/0123456789abcdef0123456789abcdef$/);
    expect(lines[2]).toMatch(/ other +SecretSet +200 OK +dev@contoso\.com +12ms +\/secrets\/s2\//);
    expect(lines[3]).toMatch(/ app +SecretGet +403 Forbidden +app-1 /);
    // Columns line up.
    const col = lines[0].indexOf('OPERATION');
    for (const line of lines.slice(1)) expect(line.slice(col, col + 6)).toMatch(/^Secret/);

    const filtered = runCli(['logs', '--data-dir', dataDir, '--vault', 'APP', '--since', '1h']);
    expect(filtered.status).toBe(0);
    expect(filtered.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(filtered.stdout).toContain('403 Forbidden');
  });

  test('--json prints the records as JSON lines; filters and --limit apply', async () => {
    await write([event(1), event(2, { op: 'SecretSet' }), event(3), event(4, { op: 'SecretSet', upn: 'dev@contoso.com' })]);
    const all = runCli(['logs', '-d', dataDir, '--json']);
    expect(all.status).toBe(0);
    const records = all.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    expect(records.map((e) => e.correlationId)).toEqual(['req-1', 'req-2', 'req-3', 'req-4']);
    expect(records[0].category).toBe('AuditEvent');

    const sets = runCli(['logs', '-d', dataDir, '--json', '--operation', 'secretset']);
    expect(sets.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as AuditEvent).correlationId)).toEqual(['req-2', 'req-4']);
    const byUpn = runCli(['logs', '-d', dataDir, '--json', '--principal', 'dev@contoso.com']);
    expect(byUpn.stdout.trimEnd().split('\n')).toHaveLength(1);
    const last = runCli(['logs', '-d', dataDir, '--json', '--limit', '2']);
    expect(last.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as AuditEvent).correlationId)).toEqual(['req-3', 'req-4']);
    const none = runCli(['logs', '-d', dataDir, '--json', '--vault', 'nothing']);
    expect([none.status, none.stdout]).toEqual([0, '']);
  });

  test('bad flag values: one line on stderr, exit 2', async () => {
    await write([event(1)]);
    for (const args of [
      ['--since', '10x'],
      ['--since', 'yesterday'],
      ['--limit', '0'],
      ['--limit', 'many'],
      ['--vault', 'a/b'],
      ['--operation', 'Secret Get'],
      ['--bogus'],
    ]) {
      const r = runCli(['logs', '--data-dir', dataDir, ...args]);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^keyvault-emulator: /);
      expect(r.stdout).toBe('');
    }
  });

  test('a data directory without an audit log, or no data directory: a clear message, exit 1', () => {
    const empty = runCli(['logs', '--data-dir', dataDir]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/^keyvault-emulator: no audit log in .+ yet/);
    const missing = runCli(['logs', '--data-dir', path.join(dataDir, 'nope')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^keyvault-emulator: no data directory at .+nope/);
  });

  test('--help describes every flag', () => {
    const r = runCli(['logs', '--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--data-dir', '--vault', '--operation', '--principal', '--since', '--follow', '--json', '--limit']) {
      expect(r.stdout).toContain(flag);
    }
  });

  test('--follow prints the recent records, then new ones as they are written, across rotation; exits 0 on SIGINT', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify(event(100))}\n`);
    const log = await AuditLog.open(auditDirOf(dataDir), { maxFileBytes: lineBytes * 3, maxFiles: 100 });
    for (let i = 1; i <= 5; i++) log.record(event(i));
    await log.flush();
    const proc = spawn(process.execPath, [CLI, 'logs', '-d', dataDir, '--follow', '--json', '--limit', '2', '--operation', 'SecretGet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const ids = () => out.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as AuditEvent).correlationId);
    const waitFor = async (n: number) => {
      const deadline = Date.now() + 15_000;
      while (ids().length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    };
    try {
      await waitFor(2);
      expect(ids()).toEqual(['req-4', 'req-5']);
      for (let i = 6; i <= 15; i++) log.record(event(i, { op: i === 10 ? 'SecretSet' : 'SecretGet' }));
      await log.flush();
      await waitFor(11);
      expect(ids()).toEqual(['req-4', 'req-5', ...[6, 7, 8, 9, 11, 12, 13, 14, 15].map((i) => `req-${i}`)]);
      expect(log.stats.rotations).toBeGreaterThan(2);
    } finally {
      proc.kill('SIGINT');
      await log.close();
    }
    expect(await exited).toBe(0);
    expect(err).toBe('');
  });

  test('--follow without --json prints table rows', async () => {
    await write([event(1)]);
    const proc = spawn(process.execPath, [CLI, 'logs', '-d', dataDir, '--follow'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 15_000;
    while (!out.includes('/secrets/s1/') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME +VAULT +OPERATION +STATUS +CALLER +DURATION +OBJECT$/);
    expect(lines[1]).toMatch(/ app +SecretGet +200 OK +app-1 +12ms +\/secrets\/s1\//);
  });
});
