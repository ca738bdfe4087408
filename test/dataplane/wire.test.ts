/**
 * Wire-level checks over raw HTTPS: the error catalogue (status, code, message, innererror), the
 * auth challenge, api-version handling, path normalisation, headers and body shapes.
 */
import { BACKENDS, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { rawRequest, type RawRequest } from '../helpers/http';

const API = 'api-version=7.6';
const NOT_FOUND_TAIL =
  'was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182';

describe.each(BACKENDS)('wire contract (%s store)', (backend) => {
  let em: TestEmulator;
  let base: string;
  const req = (r: Omit<RawRequest, 'url'> & { path: string; host?: string }) =>
    rawRequest(em.ca, { ...r, url: `${r.host ?? base}${r.path}` });
  const put = (name: string, body: object, host?: string) =>
    req({ method: 'PUT', path: `/secrets/${name}?${API}`, body, host });

  beforeAll(async () => {
    em = await startTestEmulator(backend, {
      vaults: ['wire', { name: 'locked', purgeProtectionEnabled: true }, { name: 'legacy', softDeleteEnabled: false }],
    });
    base = em.vaultUrl('wire');
  });
  afterAll(async () => em.cleanup());

  describe('authentication challenge', () => {
    test.each([
      ['{vault}.vault.localhost', () => em.vaultUrl('wire'), 'https://vault.localhost'],
      ['{vault}.localhost', () => `https://wire.localhost:${em.port}`, 'https://localhost'],
      ['localhost (default vault)', () => em.url, 'https://vault.azure.net'],
      ['dedicated port', () => em.vaultPortUrl('wire'), 'https://vault.azure.net'],
    ])('no token on %s → 401 with a challenge the SDK accepts', async (_label, host, resource) => {
      // No api-version and a body: authentication is still checked first.
      const res = await req({ method: 'PUT', path: '/secrets/x', body: { value: 'v' }, token: null, host: host() });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } });
      expect(res.headers['www-authenticate']).toBe(
        `Bearer authorization="https://localhost:${em.port}/${em.tenantId}", resource="${resource}"`,
      );
    });

    test('a non-bearer scheme is not a token', async () => {
      const res = await req({ path: `/secrets?${API}`, token: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(res.status).toBe(401);
    });
  });

  describe('api-version', () => {
    test.each(['7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '2025-07-01', '2026-04-01', '7.6-preview.2'])(
      'accepts %s',
      async (v) => {
        const res = await req({ path: `/secrets?api-version=${v}` });
        expect(res.status).toBe(200);
      },
    );

    test('percent-encoded and upper-case keys are the same parameter', async () => {
      expect((await req({ path: '/secrets?api%2Dversion=2026-04-01' })).status).toBe(200);
      expect((await req({ path: '/secrets?API-VERSION=7.4' })).status).toBe(200);
    });

    test('unknown version → 400 BadParameter', async () => {
      const res = await req({ path: '/secrets?api-version=7.9' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        error: {
          code: 'BadParameter',
          message: 'The specified version (7.9) is not recognized. Consider using the latest supported version (2026-04-01).',
        },
      });
    });

    test('missing version → 400 BadParameter', async () => {
      const res = await req({ path: '/secrets' });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('BadParameter');
      expect(res.json.error.message).toContain("'api-version'");
    });

    test('recoverableDays appears from 7.1 on', async () => {
      await put('days', { value: 'v' });
      expect((await req({ path: '/secrets/days?api-version=7.0' })).json.attributes.recoverableDays).toBeUndefined();
      expect((await req({ path: '/secrets/days?api-version=7.1' })).json.attributes.recoverableDays).toBe(90);
    });
  });

  describe('paths', () => {
    test('latest version with and without a trailing slash; collapsed double slashes', async () => {
      const set = await put('slashy', { value: 'v1' });
      for (const path of [`/secrets/slashy?${API}`, `/secrets/slashy/?${API}`, `//secrets//slashy/?${API}`, `/Secrets/slashy?${API}`]) {
        const res = await req({ path });
        expect(res.status).toBe(200);
        expect(res.json.id).toBe(set.json.id);
      }
      const patched = await req({ method: 'PATCH', path: `/secrets/slashy/?${API}`, body: { contentType: 'x' } });
      expect(patched.status).toBe(200);
      expect(patched.json.contentType).toBe('x');
    });

    test('a secret may be named restore, versions or backup', async () => {
      for (const name of ['restore', 'versions', 'backup']) {
        expect((await put(name, { value: `is-${name}` })).status).toBe(200);
        expect((await req({ path: `/secrets/${name}?${API}` })).json.value).toBe(`is-${name}`);
      }
    });

    test('PUT /secrets/ → 405 MethodNotAllowed', async () => {
      const res = await req({ method: 'PUT', path: `/secrets/?${API}`, body: { value: 'v' } });
      expect(res.status).toBe(405);
      expect(res.json).toEqual({ error: { code: 'MethodNotAllowed', message: 'HTTP PUT not allowed' } });
      const del = await req({ method: 'DELETE', path: `/secrets?${API}` });
      expect(del.status).toBe(405);
      expect(del.json.error.message).toBe('HTTP DELETE not allowed');
      expect((await req({ method: 'PUT', path: `/deletedsecrets/x?${API}`, body: {} })).status).toBe(405);
    });

    test('unknown paths → 404 in the error shape', async () => {
      const res = await req({ path: `/keys/k?${API}` });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('NotFound');
    });

    test('X-HTTP-Method lets a POST act as PATCH or DELETE', async () => {
      await put('override', { value: 'v' });
      const patched = await req({ method: 'POST', path: `/secrets/override?${API}`, body: { tags: { t: '1' } }, headers: { 'x-http-method': 'PATCH' } });
      expect(patched.status).toBe(200);
      expect(patched.json.tags).toEqual({ t: '1' });
      const deleted = await req({ method: 'POST', path: `/secrets/override?${API}`, headers: { 'x-http-method': 'DELETE' } });
      expect(deleted.status).toBe(200);
      expect(deleted.json.recoveryId).toBeDefined();
    });

    test('an unknown vault host → 404 VaultNotFound; a bad Host header → 400', async () => {
      const res = await req({ path: `/secrets?${API}`, host: `https://nosuchvault.vault.localhost:${em.port}` });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('VaultNotFound');
      const bad = await req({ path: `/secrets?${API}`, headers: { host: 'bad host!' } });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('BadParameter');
    });
  });

  describe('headers', () => {
    test('the service headers on success and error; client request id echoed', async () => {
      for (const path of [`/secrets?${API}`, `/secrets/nothing-here?${API}`]) {
        const res = await req({ path, headers: { 'x-ms-client-request-id': 'abc-123' } });
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.headers['x-ms-client-request-id']).toBe('abc-123');
        expect(res.headers['x-ms-keyvault-service-version']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        expect(res.headers['x-ms-keyvault-region']).toBe('westus');
        expect(res.headers['x-ms-keyvault-network-info']).toMatch(/^conn_type=Ipv4;addr=127\.0\.0\.1;act_addr_fam=InterNetwork;$/);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers.pragma).toBe('no-cache');
        expect(res.headers.expires).toBe('-1');
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000;includeSubDomains');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('bodies', () => {
    test('SecretBundle: value only on set and get; attribute order as the service sends', async () => {
      const set = await put('shape', { value: 's3cr3t', contentType: 'text/plain', tags: { a: 'b' }, attributes: { nbf: 1700000000, exp: 1900000000 } });
      expect(Object.keys(set.json)).toEqual(['value', 'contentType', 'id', 'attributes', 'tags']);
      expect(Object.keys(set.json.attributes)).toEqual(['enabled', 'nbf', 'exp', 'created', 'updated', 'recoveryLevel', 'recoverableDays']);
      expect(set.json.attributes.created).toBe(set.json.attributes.updated);
      const updated = await req({ method: 'PATCH', path: `/secrets/shape?${API}`, body: { tags: {} } });
      expect(updated.json.value).toBeUndefined();
      expect(updated.json.tags).toEqual({});
      const del = await req({ method: 'DELETE', path: `/secrets/shape?${API}` });
      expect(del.json.value).toBeUndefined();
      expect(Object.keys(del.json).slice(0, 4)).toEqual(['recoveryId', 'deletedDate', 'scheduledPurgeDate', 'contentType']);
      expect(del.json.id).toBe(set.json.id);
      const rec = await req({ method: 'POST', path: `/deletedsecrets/shape/recover?${API}` });
      expect(rec.status).toBe(200);
      expect(rec.json.value).toBeUndefined();
      expect(rec.json.id).toBe(set.json.id);
    });

    test('paging: absolute nextLink on the caller origin, explicit null on the last page', async () => {
      for (let i = 0; i < 4; i++) await put(`pg${i}`, { value: 'v' }, em.vaultUrl('legacy'));
      const first = await req({ path: `/secrets?${API}&maxresults=3`, host: em.vaultUrl('legacy') });
      expect(first.json.value).toHaveLength(3);
      expect(first.json.nextLink).toMatch(new RegExp(`^${em.vaultUrl('legacy').replace(/\./g, '\\.')}/secrets\\?api-version=7\\.6&\\$skiptoken=[A-Za-z0-9_-]+&maxresults=3$`));
      const second = await rawRequest(em.ca, { url: first.json.nextLink });
      expect(second.json.value).toHaveLength(1);
      expect('nextLink' in second.json).toBe(true);
      expect(second.json.nextLink).toBeNull();
    });

    test('versions of an unknown name: empty list, not 404', async () => {
      const res = await req({ path: `/secrets/never-was/versions?${API}` });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ value: [], nextLink: null });
    });

    test('purge answers 204 with no body and no content type', async () => {
      await put('topurge', { value: 'v' });
      await req({ method: 'DELETE', path: `/secrets/topurge?${API}` });
      const res = await req({ method: 'DELETE', path: `/deletedsecrets/topurge?${API}` });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers['content-type']).toBeUndefined();
    });

    test('tag names are data, even __proto__', async () => {
      const res = await req({ method: 'PUT', path: `/secrets/proto?${API}`, body: '{"value":"v","tags":{"__proto__":"x","constructor":"y"}}' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('"tags":{"__proto__":"x","constructor":"y"}');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });
  });

  describe('error catalogue', () => {
    const expectError = (res: { status: number; json: any }, status: number, code: string, message?: string | RegExp, inner?: string) => {
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
      if (typeof message === 'string') expect(res.json.error.message).toBe(message);
      else if (message) expect(res.json.error.message).toMatch(message);
      if (inner) expect(res.json.error.innererror).toEqual({ code: inner });
      else expect(res.json.error.innererror).toBeUndefined();
    };

    test('invalid secret name', async () => {
      expectError(await put('bad_name', { value: 'v' }), 400, 'BadParameter', 'The request URI contains an invalid name: bad_name');
      expectError(await put('x'.repeat(128), { value: 'v' }), 400, 'BadParameter', /invalid name/);
      expectError(await req({ path: `/secrets/bad.name?${API}` }), 400, 'BadParameter', 'The request URI contains an invalid name: bad.name');
    });

    test.each([
      ['malformed JSON', '{"value": "v",', /not valid JSON/],
      ['missing value', { contentType: 'x' }, "The parameter 'value' is required."],
      ['value not a string', { value: 42 }, "The parameter 'value' must be a string."],
      ['body not an object', '"just a string"', 'The request body must be a JSON object.'],
      ['value over 25 KB', { value: 'x'.repeat(25_601) }, /maximum permitted length of 25600 bytes/],
      ['content type over 255', { value: 'v', contentType: 'c'.repeat(256) }, /longer than 255/],
      ['16 tags', { value: 'v', tags: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v'])) }, /at most 15 tags/],
      ['tag name over 512', { value: 'v', tags: { ['n'.repeat(513)]: 'v' } }, /longer than 512/],
      ['tag value over 256', { value: 'v', tags: { t: 'v'.repeat(257) } }, /longer than 256/],
      ['tag value not a string', { value: 'v', tags: { t: 1 } }, /must be a string/],
      ['enabled not a boolean', { value: 'v', attributes: { enabled: 'yes' } }, /'enabled' must be a boolean/],
      ['exp not a number', { value: 'v', attributes: { exp: 'tomorrow' } }, /'exp' must be an integer/],
    ])('set with %s → 400', async (_label, body, message) => {
      const res = await req({ method: 'PUT', path: `/secrets/val?${API}`, body: body as object });
      expectError(res, 400, 'BadParameter', message);
    });

    test('limits are inclusive: 25,600 bytes, 15 tags, 512/256 chars', async () => {
      const res = await put('limits', {
        value: 'x'.repeat(25_600),
        contentType: 'c'.repeat(255),
        tags: Object.fromEntries(Array.from({ length: 15 }, (_, i) => [i === 0 ? 'n'.repeat(512) : `t${i}`, 'v'.repeat(256)])),
      });
      expect(res.status).toBe(200);
    });

    test('negative dates are stored and echoed', async () => {
      const res = await put('negdate', { value: 'v', attributes: { exp: -2085978496, nbf: -1856058368 } });
      expect(res.json.attributes.exp).toBe(-2085978496);
      expect((await req({ path: `/secrets/negdate?${API}` })).json.attributes.nbf).toBe(-1856058368);
    });

    test.each(['0', '26', 'abc', '-1', '2.5'])('maxresults=%s → 400', async (n) => {
      expectError(await req({ path: `/secrets?${API}&maxresults=${n}` }), 400, 'BadParameter', /maxresults/);
    });

    test('a bad $skiptoken → 400', async () => {
      expectError(await req({ path: `/secrets?${API}&$skiptoken=%%%` }), 400, 'BadParameter');
      expectError(await req({ path: `/secrets?${API}&$skiptoken=bm90LWpzb24` }), 400, 'BadParameter', /skiptoken/);
    });

    test('not found, in both of the service\'s wordings', async () => {
      expectError(await req({ path: `/secrets/ghost?${API}` }), 404, 'SecretNotFound', `A secret with (name/id) ghost ${NOT_FOUND_TAIL}`);
      expectError(await req({ method: 'DELETE', path: `/secrets/ghost?${API}` }), 404, 'SecretNotFound', /^A secret with \(name\/id\) ghost/);
      expectError(await req({ method: 'POST', path: `/secrets/ghost/backup?${API}` }), 404, 'SecretNotFound', /^A secret with/);
      expectError(await req({ method: 'POST', path: `/deletedsecrets/ghost/recover?${API}` }), 404, 'SecretNotFound', /^A secret with/);
      expectError(await req({ path: `/deletedsecrets/ghost?${API}` }), 404, 'SecretNotFound', 'Deleted Secret not found: ghost');
      expectError(await req({ method: 'DELETE', path: `/deletedsecrets/ghost?${API}` }), 404, 'SecretNotFound', 'Deleted Secret not found: ghost');
      await put('versioned', { value: 'v' });
      expectError(await req({ path: `/secrets/versioned/${'0'.repeat(32)}?${API}` }), 404, 'SecretNotFound', /versioned\/0{32}/);
    });

    test('disabled secret → 403 SecretDisabled', async () => {
      await put('off', { value: 'v', attributes: { enabled: false } });
      expectError(await req({ path: `/secrets/off?${API}` }), 403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled');
    });

    test('set on a soft-deleted name → 409 ObjectIsDeletedButRecoverable', async () => {
      await put('zombie', { value: 'v' });
      await req({ method: 'DELETE', path: `/secrets/zombie?${API}` });
      expectError(
        await put('Zombie', { value: 'v2' }),
        409,
        'Conflict',
        'Secret Zombie is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.',
        'ObjectIsDeletedButRecoverable',
      );
      // Everything but get-deleted/recover/purge sees nothing.
      expectError(await req({ path: `/secrets/zombie?${API}` }), 404, 'SecretNotFound');
      expectError(await req({ method: 'PATCH', path: `/secrets/zombie?${API}`, body: {} }), 404, 'SecretNotFound');
      expect((await req({ path: `/secrets/zombie/versions?${API}` })).json.value).toEqual([]);
    });

    test('purge with purge protection → 403 with the service text', async () => {
      const locked = em.vaultUrl('locked');
      const set = await put('kept', { value: 'v' }, locked);
      expect(set.json.attributes.recoveryLevel).toBe('Recoverable');
      await req({ method: 'DELETE', path: `/secrets/kept?${API}`, host: locked });
      expectError(
        await req({ method: 'DELETE', path: `/deletedsecrets/kept?${API}`, host: locked }),
        403,
        'Forbidden',
        'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed. Vault: locked;location=westus',
      );
      expect((await req({ path: `/deletedsecrets/kept?${API}`, host: locked })).status).toBe(200);
    });

    test('soft delete off: Purgeable, immediate delete without recoveryId', async () => {
      const legacy = em.vaultUrl('legacy');
      const set = await put('temp', { value: 'v' }, legacy);
      expect(set.json.attributes.recoveryLevel).toBe('Purgeable');
      expect(set.json.attributes.recoverableDays).toBe(0);
      const del = await req({ method: 'DELETE', path: `/secrets/temp?${API}`, host: legacy });
      expect(del.status).toBe(200);
      expect(del.json.recoveryId).toBeUndefined();
      expect(del.json.deletedDate).toBeUndefined();
      expect((await req({ path: `/deletedsecrets/temp?${API}`, host: legacy })).status).toBe(404);
      expect((await put('temp', { value: 'again' }, legacy)).status).toBe(200);
    });

    test('restore: junk → 400 Malformed backup blob; missing value → 400', async () => {
      expectError(
        await req({ method: 'POST', path: `/secrets/restore?${API}`, body: { value: 'bm90LWEtYmFja3Vw' } }),
        400,
        'Malformed backup blob',
        'Backup blob contains invalid or corrupt version.',
      );
      expectError(await req({ method: 'POST', path: `/secrets/restore?${API}`, body: { value: 'not base64!' } }), 400, 'Malformed backup blob');
      expectError(await req({ method: 'POST', path: `/secrets/restore?${API}`, body: {} }), 400, 'BadParameter');
    });

    test('restore onto a soft-deleted name → 409', async () => {
      await put('restorable', { value: 'v' });
      const blob = (await req({ method: 'POST', path: `/secrets/restorable/backup?${API}` })).json.value;
      await req({ method: 'DELETE', path: `/secrets/restorable?${API}` });
      expectError(await req({ method: 'POST', path: `/secrets/restore?${API}`, body: { value: blob } }), 409, 'Conflict', undefined, 'ObjectIsDeletedButRecoverable');
    });

    test('a body over the cap → 413 before it is read whole', async () => {
      const res = await req({ method: 'PUT', path: `/secrets/huge?${API}`, body: `{"value":"${'x'.repeat(1_100_000)}"}` });
      expectError(res, 413, 'RequestEntityTooLarge');
    });

    test('an unsupported charset → 415', async () => {
      const res = await req({ method: 'PUT', path: `/secrets/cs?${API}`, body: '{"value":"v"}', headers: { 'content-type': 'application/json; charset=latin-9000' } });
      expect(res.status).toBe(415);
      expect(res.json.error.code).toBe('UnsupportedMediaType');
    });
  });

  describe('automatic purge', () => {
    test('a soft-deleted secret is purged once its scheduled date passes', async () => {
      await put('ephemeral', { value: 'v' });
      const del = await req({ method: 'DELETE', path: `/secrets/ephemeral?${API}` });
      expect(del.json.scheduledPurgeDate - del.json.deletedDate).toBe(90 * 86_400);
      // Time only moves forward: this test runs last in the file.
      em.clock.advance(90 * 86_400 + 1);
      expect((await req({ path: `/deletedsecrets/ephemeral?${API}` })).status).toBe(404);
      expect((await req({ path: `/deletedsecrets?${API}` })).json.value.map((d: { id: string }) => d.id)).not.toContain(
        `${base}/secrets/ephemeral`,
      );
      // The name can be used again at once.
      expect((await put('ephemeral', { value: 'new life' })).status).toBe(200);
    });
  });
});
