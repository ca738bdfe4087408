/**
 * Managed identity endpoints on the wire: App Service (`IDENTITY_ENDPOINT` + `X-IDENTITY-HEADER`)
 * and IMDS (`/metadata/identity/oauth2/token` + `Metadata: true`), system- and user-assigned, with
 * `expires_on`; errors in the shapes msal-node reads. The SDK path (DefaultAzureCredential in a
 * child process) is in dac.e2e.test.ts.
 */
import { ManagedIdentityCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { sdkClientOptions, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';
import { claimsOf, identityHeader } from './helpers';

describe('managed identity endpoints', () => {
  let em: TestEmulator;
  let user: { clientId: string; objectId: string };
  beforeAll(async () => {
    em = await startTestEmulator('memory', { auth: 'strict', clients: [{ displayName: 'orders-worker', kind: 'managedIdentity' }] });
    user = em.clients[0];
  });
  afterAll(async () => em.cleanup());

  const appService = (query: string, header: string | null = identityHeader(em)) =>
    rawRequest(em.ca, {
      url: `${em.managedIdentity.endpoint}?${query}`,
      headers: header === null ? {} : { 'X-IDENTITY-HEADER': header },
      token: null,
    });
  const imds = (query: string, metadata: string | null = 'true', trailingSlash = false) =>
    rawRequest(em.ca, {
      url: `${em.url}/metadata/identity/oauth2/token${trailingSlash ? '/' : ''}?${query}`,
      headers: metadata === null ? {} : { Metadata: metadata },
      token: null,
    });

  test('App Service, system-assigned: access_token, expires_on (unix seconds string), resource, token_type, client_id', async () => {
    const r = await appService('api-version=2019-08-01&resource=https://vault.localhost');
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['access_token', 'client_id', 'expires_on', 'resource', 'token_type']);
    expect(r.json).toMatchObject({ resource: 'https://vault.localhost', token_type: 'Bearer', client_id: em.managedIdentity.clientId });
    expect(r.json.expires_on).toBe(String(em.clock.now() + 3600));
    expect(claimsOf(r.json.access_token)).toMatchObject({
      aud: 'https://vault.localhost',
      oid: em.managedIdentity.objectId,
      appid: em.managedIdentity.clientId,
      tid: em.tenantId,
      iss: `${em.url}/${em.tenantId}/v2.0`,
      exp: Number(r.json.expires_on),
    });
    // Accepted by the data plane in strict mode.
    const read = await rawRequest(em.ca, { url: `${em.vaultUrl('default')}/secrets?api-version=7.6`, token: r.json.access_token });
    expect(read.status).toBe(200);
  });

  test('IMDS, system-assigned (with or without the trailing slash msal-node sends): IMDS fields as strings', async () => {
    for (const slash of [false, true]) {
      const r = await imds('api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net', 'true', slash);
      expect(r.status).toBe(200);
      const now = em.clock.now();
      expect(r.json).toEqual({
        access_token: expect.any(String),
        refresh_token: '',
        expires_in: '3600',
        expires_on: String(now + 3600),
        ext_expires_in: '3600',
        not_before: String(now),
        resource: 'https://vault.azure.net',
        token_type: 'Bearer',
        client_id: em.managedIdentity.clientId,
      });
      expect(claimsOf(r.json.access_token).aud).toBe('https://vault.azure.net');
    }
  });

  test('user-assigned by client_id, object_id or resource id (its name is the display name)', async () => {
    const rid = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/Orders-Worker';
    for (const r of [
      await appService(`api-version=2019-08-01&resource=https://vault.azure.net&client_id=${user.clientId}`),
      await appService(`api-version=2019-08-01&resource=https://vault.azure.net&object_id=${user.objectId.toUpperCase()}`),
      await appService(`api-version=2019-08-01&resource=https://vault.azure.net&mi_res_id=${encodeURIComponent(rid)}`),
      await imds(`api-version=2018-02-01&resource=https://vault.azure.net&client_id=${user.clientId}`),
      await imds(`api-version=2018-02-01&resource=https://vault.azure.net&msi_res_id=${encodeURIComponent(rid)}`),
    ]) {
      expect(r.status).toBe(200);
      expect(r.json.client_id).toBe(user.clientId);
      expect(claimsOf(r.json.access_token)).toMatchObject({ oid: user.objectId, appid: user.clientId });
    }
  });

  test('a scope instead of a resource yields the resource as audience', async () => {
    const r = await appService('api-version=2019-08-01&resource=https://management.azure.com/.default');
    expect(claimsOf(r.json.access_token).aud).toBe('https://management.azure.com');
  });

  test.each([
    ['no X-IDENTITY-HEADER', 'api-version=2019-08-01&resource=r', null, 401, /X-IDENTITY-HEADER header is missing/],
    ['a wrong X-IDENTITY-HEADER', 'api-version=2019-08-01&resource=r', 'wrong-header-value', 401, /does not match/],
    ['another api-version', 'api-version=2017-09-01&resource=r', undefined, 400, /api-version query parameter must be 2019-08-01/],
    ['no resource', 'api-version=2019-08-01', undefined, 400, /'resource' is missing/],
    ['two selectors', 'api-version=2019-08-01&resource=r&client_id=a&object_id=b', undefined, 400, /Only one of/],
    ['an unknown client_id', 'api-version=2019-08-01&resource=r&client_id=99999999-9999-9999-9999-999999999999', undefined, 400, /^Identity not found: no managed identity with client_id '99999999-9999-9999-9999-999999999999'/],
  ] as const)('App Service error: %s', async (_label, query, header, status, message) => {
    const r = await appService(query, header === undefined ? identityHeader(em) : header);
    expect(r.status).toBe(status);
    expect(r.json).toEqual({ statusCode: status, message: expect.stringMatching(message), correlationId: expect.any(String) });
    expect(r.text).not.toContain(identityHeader(em));
  });

  test('App Service: an application client id is not a managed identity', async () => {
    const r = await appService(`api-version=2019-08-01&resource=r&client_id=${em.devClient.clientId}`);
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/Identity not found/);
  });

  test.each([
    ['no Metadata header', 'api-version=2018-02-01&resource=r', null, /^Required metadata header not specified$/],
    ['Metadata: false', 'api-version=2018-02-01&resource=r', 'false', /^Required metadata header not specified$/],
    ['no api-version', 'resource=r', 'true', /'api-version' is missing/],
    ['no resource', 'api-version=2018-02-01', 'true', /'resource' is missing/],
    ['an unknown object_id', 'api-version=2018-02-01&resource=r&object_id=99999999-9999-9999-9999-999999999999', 'true', /^Identity not found/],
  ] as const)('IMDS error: %s', async (_label, query, metadata, description) => {
    const r = await imds(query, metadata);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'invalid_request', error_description: expect.stringMatching(description) });
  });
});

describe('ManagedIdentityCredential in process (App Service source)', () => {
  let em: TestEmulator;
  const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
  beforeAll(async () => {
    em = await startTestEmulator('memory', { auth: 'strict', clients: [{ displayName: 'uami', kind: 'managedIdentity' }] });
    // msal-node reads the managed-identity environment when a credential is created.
    process.env.IDENTITY_ENDPOINT = em.managedIdentity.endpoint;
    process.env.IDENTITY_HEADER = identityHeader(em);
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await em.cleanup();
  });

  test('system- and user-assigned tokens drive SecretClient in strict mode', async () => {
    for (const [credential, oid] of [
      [new ManagedIdentityCredential(sdkClientOptions(em)), em.managedIdentity.objectId],
      [new ManagedIdentityCredential({ clientId: em.clients[0].clientId, ...sdkClientOptions(em) }), em.clients[0].objectId],
    ] as const) {
      const token = await credential.getToken('https://vault.localhost/.default');
      expect(claimsOf(token!.token).oid).toBe(oid);
      expect(token!.expiresOnTimestamp).toBe(Number(claimsOf(token!.token).exp) * 1000);
      const client = new SecretClient(em.vaultUrl('default'), credential, sdkClientOptions(em));
      await client.setSecret(`mi-${oid.slice(0, 8)}`, 'v');
    }
  });
});
