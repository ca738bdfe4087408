/**
 * The access log end to end: N requests of mixed outcome → exactly N AuditEvent records with the
 * right operation, result and identity; and nothing secret in any log file.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fakeJwt, startTestEmulator, tempDir, testPolicy, TEST_APPID, TEST_OID } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';

const API = 'api-version=7.6';
const OTHER = '99999999-9999-4999-8999-999999999999';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('every request is one record; no value or token in any log', async () => {
  const dataDir = tempDir();
  const logFile = path.join(dataDir, 'emulator.log');
  const em = await startTestEmulator('lowdb', { dataDir, logger: logFile, vaults: [{ name: 'audited', accessPolicies: [testPolicy(['get', 'set', 'list'])] }] });
  const secretValue = `AUDIT-SECRET-${randomUUID()}`;
  const token = fakeJwt();
  const otherToken = fakeJwt({ oid: OTHER, appid: randomUUID() });
  const base = em.vaultUrl('audited');
  type Case = { method: string; path: string; token: string | null; body?: unknown; op: string; status: number; signature: string; oid?: string };
  const cases: Case[] = [
    { method: 'PUT', path: `/secrets/db?${API}`, token, body: { value: secretValue }, op: 'SecretSet', status: 200, signature: 'OK', oid: TEST_OID },
    { method: 'GET', path: `/secrets/db?${API}`, token, op: 'SecretGet', status: 200, signature: 'OK', oid: TEST_OID },
    { method: 'GET', path: `/secrets/db?${API}`, token: null, op: 'Authentication', status: 401, signature: 'Unauthorized' },
    { method: 'GET', path: `/secrets/db?${API}`, token: otherToken, op: 'SecretGet', status: 403, signature: 'Forbidden', oid: OTHER },
    { method: 'DELETE', path: `/secrets/db?${API}`, token, op: 'SecretDelete', status: 403, signature: 'Forbidden', oid: TEST_OID },
    { method: 'GET', path: `/secrets/missing?${API}`, token, op: 'SecretGet', status: 404, signature: 'NotFound', oid: TEST_OID },
    { method: 'GET', path: `/secrets?${API}`, token, op: 'SecretList', status: 200, signature: 'OK', oid: TEST_OID },
    { method: 'GET', path: `/secrets/db/versions?${API}`, token, op: 'SecretListVersions', status: 200, signature: 'OK', oid: TEST_OID },
    // A malformed body that quotes the secret: the 400 must not carry it into the log.
    { method: 'PUT', path: `/secrets/db?${API}`, token, body: `{"value":"${secretValue}"`, op: 'SecretSet', status: 400, signature: 'BadRequest', oid: TEST_OID },
    { method: 'PUT', path: `/secrets/?${API}`, token, body: { value: 'x' }, op: 'Unknown', status: 405, signature: 'MethodNotAllowed', oid: TEST_OID },
    { method: 'GET', path: '/secrets', token, op: 'SecretList', status: 400, signature: 'BadRequest', oid: TEST_OID },
    {
      method: 'GET',
      path: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/keyvault-emulator/providers/Microsoft.KeyVault/vaults/audited?api-version=2023-07-01`,
      token,
      op: 'VaultGet',
      status: 200,
      signature: 'OK',
      oid: TEST_OID,
    },
  ];
  const ids: string[] = [];
  for (const c of cases) {
    const id = randomUUID();
    ids.push(id);
    const origin = c.path.startsWith('/subscriptions') ? em.url : base;
    const res = await rawRequest(em.ca, {
      method: c.method,
      url: `${origin}${c.path}`,
      token: c.token,
      body: c.body as object | string | undefined,
      headers: { 'x-ms-client-request-id': id, 'user-agent': 'audit-test/1.0' },
    });
    expect([c.op, res.status]).toEqual([c.op, c.status]);
  }
  await em.stop();

  const auditFiles = filesUnder(path.join(dataDir, 'audit'));
  const records = auditFiles.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
  const ours = records.filter((r) => ids.includes(r.correlationId));
  expect(ours.map((r) => r.operationName)).toEqual(cases.map((c) => c.op));
  cases.forEach((c, i) => {
    const r = ours.find((x) => x.correlationId === ids[i]);
    expect({ op: r.operationName, status: r.properties.httpStatusCode, sig: r.resultSignature, oid: r.identity.claim.oid }).toEqual({
      op: c.op,
      status: c.status,
      sig: c.signature,
      oid: c.oid,
    });
    expect(r.category).toBe('AuditEvent');
    expect(r.resultType).toBe(c.status < 400 ? 'Success' : 'Failure');
    expect(r.properties.clientInfo).toBe('audit-test/1.0');
    if (c.op.startsWith('Secret')) {
      expect(r.resourceId).toBe('/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/KEYVAULT-EMULATOR/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/AUDITED');
    }
    if (c.oid === TEST_OID) expect(r.identity.claim.appid).toBe(TEST_APPID);
  });
  const denied = ours.find((r) => r.correlationId === ids[3]);
  expect(denied.properties.isAccessPolicyMatch).toBe(false);
  expect(denied.resultDescription).toBe('AccessDenied');
  expect(ours.find((r) => r.correlationId === ids[1]).properties.isAccessPolicyMatch).toBe(true);
  expect(ours.find((r) => r.correlationId === ids[1]).properties.id).toMatch(new RegExp(`^${base.replace(/\./g, '\\.')}/secrets/db/[0-9a-f]{32}$`));

  // Nothing secret anywhere: audit files, the emulator's log, the store's neighbours.
  for (const file of [...auditFiles, logFile]) {
    const text = readFileSync(file, 'utf8');
    expect([file, text.includes(secretValue)]).toEqual([file, false]);
    expect([file, text.includes(token.split('.')[1])]).toEqual([file, false]);
    expect([file, text.includes(otherToken.split('.')[1])]).toEqual([file, false]);
  }
});
