/**
 * The token issuer on the wire: OpenID discovery, JWKS, and the token endpoint (client credentials),
 * including its AAD-shaped errors. Secrets never reach a response or the log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';
import { claimsOf, clientCredentialsForm, devSecret, headerOf, tokenRequest } from './helpers';

describe('token issuer', () => {
  let em: TestEmulator;
  let logFile: string;
  beforeAll(async () => {
    logFile = path.join(tempDir('kve-idlog-'), 'access.log');
    em = await startTestEmulator('memory', { logger: logFile });
  });
  afterAll(async () => em.cleanup());

  test('OpenID discovery: issuer and endpoints on the origin the client called, for the tenant and its aliases', async () => {
    for (const tenant of [em.tenantId, 'common', 'organizations', em.tenantId.toUpperCase()]) {
      const r = await rawRequest(em.ca, { url: `${em.url}/${tenant}/v2.0/.well-known/openid-configuration`, token: null });
      expect(r.status).toBe(200);
      expect(r.json.issuer).toBe(`${em.url}/${em.tenantId}/v2.0`);
      expect(r.json.token_endpoint).toBe(`${em.url}/${tenant}/oauth2/v2.0/token`);
      expect(r.json.jwks_uri).toBe(`${em.url}/${tenant}/discovery/v2.0/keys`);
      expect(r.json.authorization_endpoint).toBe(`${em.url}/${tenant}/oauth2/v2.0/authorize`);
      expect(r.json.id_token_signing_alg_values_supported).toEqual(['RS256']);
    }
    // Another host and port of the same emulator: MSAL checks the issuer against the authority it used.
    const port = new URL(em.vaultPortUrl('default')).port;
    const viaIp = await rawRequest(em.ca, { url: `https://127.0.0.1:${port}/common/v2.0/.well-known/openid-configuration`, token: null });
    expect(viaIp.json.issuer).toBe(`https://127.0.0.1:${port}/${em.tenantId}/v2.0`);
  });

  test('unknown tenant: AADSTS90002', async () => {
    const r = await rawRequest(em.ca, { url: `${em.url}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`, token: null });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_tenant');
    expect(r.json.error_codes).toEqual([90002]);
    expect(r.json.error_description).toMatch(/^AADSTS90002: Tenant 'contoso\.onmicrosoft\.com' not found\. /);
    const token = await tokenRequest(em, clientCredentialsForm(em), { tenant: 'consumers' });
    expect(token.status).toBe(400);
    expect(token.json).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  test('a token from the token endpoint verifies against the served JWKS, with the expected claims', async () => {
    const r = await tokenRequest(em, clientCredentialsForm(em, { scope: 'https://vault.localhost/.default' }));
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toContain('no-store');
    expect(r.json).toEqual({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: expect.any(String) });
    const jwks = await rawRequest(em.ca, { url: `${em.url}/${em.tenantId}/discovery/v2.0/keys`, token: null });
    expect(jwks.status).toBe(200);
    expect(jwks.json.keys).toHaveLength(1);
    expect(jwks.json.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: em.signingKey.kid });
    expect(jwks.json.keys[0].d).toBeUndefined(); // public half only
    const { payload, protectedHeader } = await jwtVerify(r.json.access_token, createLocalJWKSet(jwks.json as JSONWebKeySet), {
      issuer: `${em.url}/${em.tenantId}/v2.0`,
      audience: 'https://vault.localhost',
      currentDate: new Date(em.clock.now() * 1000),
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: em.signingKey.kid, typ: 'JWT' });
    expect(payload).toMatchObject({ tid: em.tenantId, oid: em.devClient.objectId, appid: em.devClient.clientId });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.scp).toBeUndefined(); // azurerm takes a token with scp=openid for a user's
  });

  test('the audience is the resource of the requested scope; OIDC scopes next to it are ignored', async () => {
    for (const [scope, aud] of [
      ['https://vault.azure.net/.default', 'https://vault.azure.net'],
      ['https://management.azure.com//.default', 'https://management.azure.com'],
      ['https://management.core.windows.net/.default openid profile offline_access', 'https://management.core.windows.net'],
      ['api://my-app/.default', 'api://my-app'],
    ]) {
      const r = await tokenRequest(em, clientCredentialsForm(em, { scope }));
      expect(r.status).toBe(200);
      expect(claimsOf(r.json.access_token).aud).toBe(aud);
    }
  });

  test('client_secret_basic and common tenant: the token still names the emulator tenant', async () => {
    const basic = Buffer.from(`${encodeURIComponent(em.devClient.clientId)}:${encodeURIComponent(devSecret(em))}`).toString('base64');
    const r = await tokenRequest(em, clientCredentialsForm(em, { client_id: undefined, client_secret: undefined }), {
      tenant: 'common',
      headers: { authorization: `Basic ${basic}` },
    });
    expect(r.status).toBe(200);
    const claims = claimsOf(r.json.access_token);
    expect(claims).toMatchObject({ tid: em.tenantId, iss: `${em.url}/${em.tenantId}/v2.0`, appid: em.devClient.clientId });
    expect(headerOf(r.json.access_token).kid).toBe(em.signingKey.kid);
  });

  test.each([
    ['missing grant_type', { grant_type: undefined }, 400, 'invalid_request', 900144, /'grant_type'/],
    ['password grant', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003, /unsupported grant type/],
    ['missing client_id', { client_id: undefined }, 400, 'invalid_request', 900144, /'client_id'/],
    ['unknown client', { client_id: '99999999-9999-9999-9999-999999999999' }, 400, 'unauthorized_client', 700016, /'99999999-9999-9999-9999-999999999999' was not found in the directory/],
    ['client id that is no GUID', { client_id: 'pasted-a-secret-here' }, 400, 'unauthorized_client', 700016, /'\(not a GUID\)'/],
    ['missing secret', { client_secret: undefined }, 401, 'invalid_client', 7000216, /'client_secret'/],
    ['certificate credential', { client_secret: undefined, client_assertion: 'x.y.z', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' }, 401, 'invalid_client', 7000216, /client secrets only/],
    ['wrong secret', { client_secret: 'wrong-secret-value-123' }, 401, 'invalid_client', 7000215, /^AADSTS7000215: Invalid client secret provided\./],
    ['missing scope', { scope: undefined }, 400, 'invalid_request', 900144, /'scope'/],
    ['scope without /.default', { scope: 'https://vault.azure.net/secrets.read' }, 400, 'invalid_scope', 1002012, /must have a scope value with \/\.default/],
    ['two resources', { scope: 'https://vault.azure.net/.default https://management.azure.com/.default' }, 400, 'invalid_scope', 70011, /one resource/],
  ] as const)('%s: AAD-shaped error', async (_label, overrides, status, error, code, description) => {
    const r = await tokenRequest(em, clientCredentialsForm(em, overrides as Record<string, string | undefined>), {
      headers: { 'client-request-id': '0c0a0b0d-1111-2222-3333-444455556666' },
    });
    expect(r.status).toBe(status);
    expect(r.json).toEqual({
      error,
      error_description: expect.stringMatching(/ Trace ID: [0-9a-f-]{36} Correlation ID: 0c0a0b0d-1111-2222-3333-444455556666 Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      error_codes: [code],
      timestamp: expect.any(String),
      trace_id: expect.any(String),
      correlation_id: '0c0a0b0d-1111-2222-3333-444455556666',
    });
    expect(r.json.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(r.json.error_description).toMatch(description);
    expect(r.text).not.toContain(devSecret(em));
    expect(r.text).not.toContain('wrong-secret-value-123');
  });

  test('GET on the token endpoint: AADSTS900561', async () => {
    const r = await rawRequest(em.ca, { url: `${em.url}/${em.tenantId}/oauth2/v2.0/token`, token: null });
    expect(r.status).toBe(400);
    expect(r.json.error_codes).toEqual([900561]);
  });

  test('the access log has method, path and status of issuer requests, never a secret or a token', async () => {
    const r = await tokenRequest(em, clientCredentialsForm(em));
    expect(r.status).toBe(200);
    await tokenRequest(em, clientCredentialsForm(em, { client_secret: 'wrong-secret-value-456' }));
    em.logger.flush?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain(`"method":"POST","path":"/${em.tenantId}/oauth2/v2.0/token","status":200`);
    expect(log).toContain(`"method":"POST","path":"/${em.tenantId}/oauth2/v2.0/token","status":401`);
    expect(log).not.toContain(devSecret(em));
    expect(log).not.toContain('wrong-secret-value-456');
    expect(log).not.toContain(r.json.access_token.split('.')[2]);
  });
});
