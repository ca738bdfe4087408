/**
 * Principals of the token issuer: the admin API (`/_emulator/clients`) in every auth mode, and the
 * built-in principals, fixed per data directory (also with an in-memory store), with their files.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashSecret, verifySecret } from '../../emulator/identity/clients';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';
import { clientCredentialsForm, devSecret, tokenRequest } from './helpers';

describe.each(['none', 'lenient', 'strict'] as const)('admin API, %s mode', (auth) => {
  let em: TestEmulator;
  let admin: string;
  beforeAll(async () => {
    em = await startTestEmulator('memory', { auth });
    admin = await em.mintToken({ scope: 'https://management.azure.com/.default' });
  });
  afterAll(async () => em.cleanup());

  const api = (method: string, suffix = '', body?: object, token: string | null = admin) =>
    rawRequest(em.ca, { method, url: `${em.url}/_emulator/clients${suffix}`, body, token });

  test('create an application: its secret once; it gets tokens; list shows no secrets; delete removes it', async () => {
    const created = await api('POST', '', { displayName: 'billing-api' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toContain('no-store');
    expect(created.json).toEqual({
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      objectId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      displayName: 'billing-api',
      kind: 'application',
      createdAt: expect.any(Number),
      clientSecret: expect.stringMatching(/^[\w-]{40}$/),
    });
    const { clientId, clientSecret } = created.json;
    const issued = await tokenRequest(em, clientCredentialsForm(em, { client_id: clientId, client_secret: clientSecret }));
    expect(issued.status).toBe(200);

    const list = await api('GET');
    expect(list.status).toBe(200);
    expect(list.json.value.map((c: { displayName: string }) => c.displayName)).toEqual([
      'keyvault-emulator development client',
      'keyvault-emulator system-assigned identity',
      'billing-api',
    ]);
    expect(list.json.value.slice(0, 2).map((c: { builtIn: string }) => c.builtIn)).toEqual(['developmentClient', 'systemAssignedIdentity']);
    expect(list.text).not.toContain(clientSecret);
    expect(list.text).not.toMatch(/secretHash|secretSalt/);
    expect((await api('GET', `/${clientId.toUpperCase()}`)).json.clientId).toBe(clientId);

    expect((await api('DELETE', `/${clientId}`)).status).toBe(204);
    expect((await api('DELETE', `/${clientId}`)).status).toBe(404);
    const gone = await tokenRequest(em, clientCredentialsForm(em, { client_id: clientId, client_secret: clientSecret }));
    expect(gone.json.error_codes).toEqual([700016]);
  });

  test('create a managed identity: no secret; the IMDS endpoint issues for it', async () => {
    const created = await api('POST', '', { displayName: 'queue-reader', kind: 'managedIdentity' });
    expect(created.status).toBe(201);
    expect(created.json.clientSecret).toBeUndefined();
    const r = await rawRequest(em.ca, {
      url: `${em.url}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net&client_id=${created.json.clientId}`,
      headers: { Metadata: 'true' },
      token: null,
    });
    expect(r.json.client_id).toBe(created.json.clientId);
  });

  test('validation, built-ins, unknown ids, methods', async () => {
    for (const body of [{}, { displayName: '' }, { displayName: 'x'.repeat(257) }, { displayName: 'a', kind: 'user' }]) {
      const r = await api('POST', '', body);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('BadParameter');
    }
    const builtIn = await api('DELETE', `/${em.devClient.clientId}`);
    expect(builtIn.status).toBe(409);
    expect(builtIn.json.error.message).toMatch(/is built in/);
    expect((await api('DELETE', `/${em.managedIdentity.clientId}`)).status).toBe(409);
    const unknown = await api('DELETE', '/not-a-guid-but-maybe-a-secret');
    expect(unknown.status).toBe(404);
    expect(unknown.text).not.toContain('maybe-a-secret');
    expect((await api('PUT')).status).toBe(405);
  });

  if (auth !== 'none') {
    test('a bearer token is required', async () => {
      const r = await api('GET', '', undefined, null);
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer authorization_uri=/);
    });
  }

  if (auth === 'strict') {
    test('strict: a data-plane token or a foreign one is refused; the error is ARM-shaped', async () => {
      const dataToken = await em.mintToken({ scope: 'https://vault.azure.net/.default' });
      const r = await api('GET', '', undefined, dataToken);
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('InvalidAuthenticationTokenAudience');
      const foreign = await em.mintToken({ scope: 'https://management.azure.com/.default', issuerOrigin: 'https://sts.windows.net' });
      expect((await api('GET', '', undefined, foreign)).status).toBe(401);
      // A token for the emulator's own origin is a management token too.
      const own = await em.mintToken({ scope: `${em.url}/.default` });
      expect((await api('GET', '', undefined, own)).status).toBe(200);
    });
  }
});

describe('built-in principals', () => {
  test('fixed per data directory, across restarts and with an in-memory store; files are 0600', async () => {
    const dataDir = tempDir('kve-builtin-');
    try {
      const first = await startTestEmulator('memory', { dataDir });
      const ids = { dev: first.devClient, mi: first.managedIdentity };
      const secret = devSecret(first);
      await first.stop();
      for (const file of ['dev-client-secret', 'identity-header', 'identity.json']) {
        expect(statSync(path.join(dataDir, 'keys', file)).mode & 0o777).toBe(0o600);
      }
      const json = JSON.parse(readFileSync(path.join(dataDir, 'keys', 'identity.json'), 'utf8'));
      expect(json).toEqual({ devClient: { clientId: ids.dev.clientId, objectId: ids.dev.objectId }, managedIdentity: { clientId: ids.mi.clientId, objectId: ids.mi.objectId }, tenantId: first.tenantId });
      expect(JSON.stringify(json)).not.toContain(secret);

      for (const backend of ['memory', 'lowdb', 'lowdb'] as const) {
        const em = await startTestEmulator(backend, { dataDir, tenant: 'a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4' });
        try {
          expect([em.devClient.clientId, em.devClient.objectId, em.managedIdentity.clientId]).toEqual([ids.dev.clientId, ids.dev.objectId, ids.mi.clientId]);
          expect(devSecret(em)).toBe(secret);
          expect((await tokenRequest(em, clientCredentialsForm(em))).status).toBe(200);
        } finally {
          await em.stop();
        }
      }
      // The tenant of the last start is recorded for the offline `token` command.
      expect(JSON.parse(readFileSync(path.join(dataDir, 'keys', 'identity.json'), 'utf8')).tenantId).toBe('a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4');

      // A replaced secret file wins over the stored hash at the next start.
      writeFileSync(path.join(dataDir, 'keys', 'dev-client-secret'), 'a-new-development-secret\n');
      const em = await startTestEmulator('lowdb', { dataDir });
      try {
        expect((await tokenRequest(em, clientCredentialsForm(em))).status).toBe(200);
        expect((await tokenRequest(em, clientCredentialsForm(em, { client_secret: secret }))).status).toBe(401);
        expect(readFileSync(path.join(dataDir, 'store.json'), 'utf8')).not.toContain('a-new-development-secret');
      } finally {
        await em.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('secret hashes: salted, verified in constant time, and only the right secret verifies', async () => {
    const a = await hashSecret('same-secret');
    const b = await hashSecret('same-secret');
    expect(a.secretSalt).not.toBe(b.secretSalt);
    expect(a.secretHash).not.toBe(b.secretHash);
    const record = { clientId: 'c', objectId: 'o', displayName: 'd', kind: 'application' as const, createdAt: 0, ...a };
    expect(await verifySecret(record, 'same-secret')).toBe(true);
    expect(await verifySecret(record, 'same-secreT')).toBe(false);
    expect(await verifySecret({ ...record, secretHash: undefined }, 'same-secret')).toBe(false);
  });
});
