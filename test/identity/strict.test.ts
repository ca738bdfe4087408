/**
 * Strict mode accepts only tokens the emulator issued for its own audiences: tampered, expired,
 * not-yet-valid, wrong-audience and foreign-issuer tokens get 401 with Key Vault's message and the
 * bearer challenge. Time moves with the emulator clock, never by sleeping.
 */
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK } from 'jose';
import { mintToken, type SigningKey } from '../../emulator/identity/tokens';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';
import { clientCredentialsForm, tokenRequest } from './helpers';

describe('strict mode', () => {
  let em: TestEmulator;
  let url: string;
  beforeAll(async () => {
    em = await startTestEmulator('memory', { auth: 'strict' });
    url = `${em.vaultUrl('default')}/secrets?api-version=7.6`;
  });
  afterAll(async () => em.cleanup());

  const call = (token: string) => rawRequest(em.ca, { url, token });

  function expectRejected(r: Awaited<ReturnType<typeof call>>, message: RegExp) {
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('Unauthorized');
    expect(r.json.error.message).toMatch(message);
    expect(r.headers['www-authenticate']).toBe(`Bearer authorization="${em.url}/${em.tenantId}", resource="https://vault.localhost"`);
  }

  test('a token from the token endpoint, and one from mintToken: 200', async () => {
    const issued = await tokenRequest(em, clientCredentialsForm(em, { scope: 'https://vault.localhost/.default' }));
    expect((await call(issued.json.access_token)).status).toBe(200);
    expect((await call(await em.mintToken())).status).toBe(200);
    // Issuers on other loopback names and ports are the emulator's too (ports change between runs).
    expect((await call(await em.mintToken({ issuerOrigin: 'https://127.0.0.1:1' }))).status).toBe(200);
  });

  test('no token: 401 with the challenge', async () => {
    expectRejected(await rawRequest(em.ca, { url, token: null }), /^AKV10000: Request is missing a Bearer or PoP token\.$/);
  });

  test('tampered payload or signature: IDX10511', async () => {
    const token = await em.mintToken();
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, oid: '00000000-0000-0000-0000-000000000666' })).toString('base64url');
    expectRejected(await call(`${h}.${forged}.${s}`), /IDX10511: Signature validation failed/);
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    expectRejected(await call(`${h}.${p}.${flipped}`), /IDX10511: Signature validation failed/);
  });

  test('not yet valid: IDX10222', async () => {
    const token = await em.mintToken({ now: em.clock.now() + 3600 });
    expectRejected(await call(token), /IDX10222: Lifetime validation failed\. The token is not yet valid/);
  });

  test('expired once the emulator clock passes exp (and the 5-minute skew): IDX10223', async () => {
    const token = await em.mintToken({ lifetimeSeconds: 600 });
    expect((await call(token)).status).toBe(200);
    em.clock.advance(600 + 301);
    try {
      expectRejected(await call(token), /IDX10223: Lifetime validation failed\. The token is expired/);
    } finally {
      em.clock.advance(-(600 + 301));
    }
    expect((await call(token)).status).toBe(200);
  });

  test('wrong audience: a management token on the data plane: AKV10022', async () => {
    const issued = await tokenRequest(em, clientCredentialsForm(em, { scope: 'https://management.azure.com/.default' }));
    expectRejected(await call(issued.json.access_token), /^AKV10022: Invalid audience\. Expected .*, found: https:\/\/management\.azure\.com\.$/);
    expectRejected(await call(await em.mintToken({ scope: 'https://storage.azure.com/.default' })), /AKV10022/);
  });

  test('foreign issuer: a non-loopback iss signed with our key: AKV10032', async () => {
    const token = await em.mintToken({ issuerOrigin: 'https://login.microsoftonline.com' });
    expectRejected(await call(token), /^AKV10032: Invalid issuer\. Expected one of .*, found https:\/\/login\.microsoftonline\.com\/.*\/v2\.0\.$/);
    // Same host, another tenant.
    const tenant = '11111111-2222-3333-4444-555555555555';
    const other = await mintToken(
      em.signingKey,
      { aud: 'https://vault.localhost', iss: `${em.url}/${tenant}/v2.0`, tid: tenant, oid: em.devClient.objectId, appid: em.devClient.clientId },
      em.clock.now(),
    );
    expectRejected(await call(other.token), /AKV10032/);
  });

  test('foreign key: another RSA key (even claiming our kid) or another kid: 401', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const impostor: SigningKey = { kid: em.signingKey.kid, privateKey, publicKey, jwk: await exportJWK(publicKey) };
    const claims = { aud: 'https://vault.localhost', iss: `${em.url}/${em.tenantId}/v2.0`, tid: em.tenantId, oid: em.devClient.objectId, appid: em.devClient.clientId };
    expectRejected(await call((await mintToken(impostor, claims, em.clock.now())).token), /IDX10511: Signature validation failed/);
    expectRejected(await call((await mintToken({ ...impostor, kid: 'another-kid' }, claims, em.clock.now())).token), /AKV10046/);
  });

  test('unsigned (alg none) and opaque tokens: 401', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = em.clock.now();
    const unsigned = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ aud: 'https://vault.localhost', iss: `${em.url}/${em.tenantId}/v2.0`, oid: 'x', nbf: now, exp: now + 600 })}.`;
    expect((await call(unsigned)).status).toBe(401);
    expect((await call('opaque-token')).status).toBe(401);
  });
});
