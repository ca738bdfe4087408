/**
 * GET /_emulator/audit: the same query as `keyvault-emulator logs`, over HTTP.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { buildAuditEvent, type AuditEvent } from '../../emulator/audit/event';
import { auditQueryFromUrl, createAuditHandler, DEFAULT_HTTP_LIMIT } from '../../emulator/audit/handler';
import { AuditLog } from '../../emulator/audit/writer';
import { tempDir } from '../helpers/emulator';

function event(n: number, vault: string, op: string, oid: string, at = Date.now()): AuditEvent {
  return buildAuditEvent({
    startedAt: at,
    durationMs: 2,
    resource: { vault: { name: vault } },
    operationName: op,
    apiVersion: '7.6',
    status: 200,
    clientRequestId: `req-${n}`,
    claims: { oid },
    requestUri: `https://${vault}.vault.localhost:8443/secrets/s${n}?api-version=7.6`,
    isAccessPolicyMatch: true,
  });
}

function get(port: number, pathAndQuery: string): Promise<{ status: number; type: string; body: any }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathAndQuery }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

describe('GET /_emulator/audit', () => {
  let root: string;
  let dir: string;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    root = tempDir('kve-audit-h-');
    dir = path.join(root, 'audit');
    const app = express();
    app.get('/_emulator/audit', createAuditHandler(dir));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('an empty log before anything was written', async () => {
    const r = await get(port, '/_emulator/audit');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.body).toEqual({ value: [] });
  });

  test('filters like the CLI', async () => {
    const log = await AuditLog.open(dir);
    const old = Date.now() - 3 * 3600_000;
    log.record(event(1, 'app', 'SecretGet', 'oid-a', old));
    log.record(event(2, 'app', 'SecretSet', 'oid-b'));
    log.record(event(3, 'other', 'SecretGet', 'oid-a'));
    log.record(event(4, 'app', 'SecretGet', 'oid-a'));
    await log.close();
    const seqs = async (q: string) => {
      const r = await get(port, `/_emulator/audit${q}`);
      expect(r.status).toBe(200);
      return (r.body.value as AuditEvent[]).map((e) => Number(e.correlationId.slice(4)));
    };
    expect(await seqs('')).toEqual([1, 2, 3, 4]);
    expect(await seqs('?vault=APP')).toEqual([1, 2, 4]);
    expect(await seqs('?vault=app&operation=secretget')).toEqual([1, 4]);
    expect(await seqs('?principal=oid-a&since=1h')).toEqual([3, 4]);
    expect(await seqs('?limit=1')).toEqual([4]);
    expect(await seqs(`?since=${encodeURIComponent(new Date(old + 1000).toISOString())}`)).toEqual([2, 3, 4]);
  });

  test.each([
    ['?since=yesterday', /since/],
    ['?since=', /since/],
    ['?limit=0', /limit/],
    ['?limit=abc', /limit/],
    ['?limit=100000', /limit/],
    ['?vault=a/b', /vault/],
    ['?operation=Secret%20Get', /operation/],
    ['?principal=', /principal/],
    ['?vault=app&vault=other', /more than once/],
    ['?vualt=app', /Unknown query parameter 'vualt'/],
  ])('%s → 400 BadParameter', async (query, message) => {
    const r = await get(port, `/_emulator/audit${query}`);
    expect(r.status).toBe(400);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error.code).toBe('BadParameter');
    expect(r.body.error.message).toMatch(message);
  });

  test('auditQueryFromUrl defaults the limit', () => {
    expect(auditQueryFromUrl('/_emulator/audit')).toEqual({ limit: DEFAULT_HTTP_LIMIT });
    expect(auditQueryFromUrl('/_emulator/audit?vault=app&limit=5')).toEqual({ vault: 'app', limit: 5 });
  });
});
