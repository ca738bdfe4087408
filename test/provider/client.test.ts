/**
 * The provider's HTTP client on its own, against a scripted local HTTP server:
 * retries, where tokens may go, token caching and expiry, id parsing, and the
 * rules that keep refreshed values in the configured spelling.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArmClient } from '../../provider/client/arm';
import { TokenSource, type AuthSetting } from '../../provider/client/auth';
import { SecretsClient } from '../../provider/client/dataplane';
import { HttpTransport } from '../../provider/client/http';
import { formatAccessPolicyId, parseAccessPolicyId, parseSecretId, parseVaultId } from '../../provider/client/ids';
import { dateFromRemote, permissionsFromRemote, tagsFromRemote } from '../../provider/resources/common';

type Handler = (req: http.IncomingMessage, body: string) => { status: number; body?: unknown; headers?: Record<string, string> };

interface Scripted {
  url: string;
  requests: Array<{ method: string; url: string; authorization?: string; body: string }>;
  close(): Promise<void>;
}

async function scripted(handler: Handler): Promise<Scripted> {
  const requests: Scripted['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      const out = handler(req, body);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const anonymous: AuthSetting = { kind: 'anonymous', tenantId: 't', clientId: undefined };

describe('transport', () => {
  test('429/503 answers are retried (Retry-After honoured), then the answer is returned', async () => {
    let calls = 0;
    const server = await scripted(() => (++calls < 3 ? { status: 503, headers: { 'retry-after': '0' }, body: { error: { code: 'ServiceUnavailable', message: 'busy' } } } : { status: 200, body: { ok: true } }));
    const transport = new HttpTransport();
    try {
      const res = await transport.send({ method: 'GET', url: `${server.url}/x` });
      expect(res).toMatchObject({ status: 200, json: { ok: true } });
      expect(calls).toBe(3);
    } finally {
      transport.close();
      await server.close();
    }
  });

  test('a refused connection says to start the emulator', async () => {
    const server = await scripted(() => ({ status: 200 }));
    const url = server.url;
    await server.close();
    const transport = new HttpTransport();
    await expect(transport.send({ method: 'GET', url: `${url}/x` })).rejects.toThrow(/no keyvault-emulator answers at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)\. Start it/);
    transport.close();
  });

  test('a cancelled request (StopProvider) fails at once', async () => {
    const server = await scripted(() => ({ status: 200 }));
    const transport = new HttpTransport();
    const controller = new AbortController();
    controller.abort();
    await expect(transport.send({ method: 'GET', url: `${server.url}/x`, signal: controller.signal })).rejects.toThrow(/cancelled/);
    transport.close();
    await server.close();
  });
});

describe('tokens', () => {
  test('one request per audience, reused until shortly before expiry, then renewed', async () => {
    let issued = 0;
    const server = await scripted((req, body) => {
      const scope = new URLSearchParams(body).get('scope');
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: `token-${++issued}-${scope}` } };
    });
    let now = 1_000_000;
    const transport = new HttpTransport();
    const tokens = new TokenSource(
      transport,
      server.url,
      { kind: 'credentials', credentials: { tenantId: 'tenant-1', clientId: 'c', clientSecret: 's' } },
      () => now,
    );
    try {
      const [a, b] = await Promise.all([tokens.authorization('https://management.azure.com/.default'), tokens.authorization('https://management.azure.com/.default')]);
      expect(a).toBe('Bearer token-1-https://management.azure.com/.default');
      expect(b).toBe(a); // concurrent callers share one request
      expect(await tokens.authorization('https://vault.azure.net/.default')).toBe('Bearer token-2-https://vault.azure.net/.default');
      now += 3000_000;
      expect(await tokens.authorization('https://management.azure.com/.default')).toBe(a);
      now += 500_000; // within two minutes of expiry
      expect(await tokens.authorization('https://management.azure.com/.default')).toBe('Bearer token-3-https://management.azure.com/.default');
      expect(server.requests.map((r) => r.url)).toEqual(Array(3).fill('/tenant-1/oauth2/v2.0/token'));
      expect(new URLSearchParams(server.requests[0]!.body).get('grant_type')).toBe('client_credentials');
    } finally {
      transport.close();
      await server.close();
    }
  });

  test('a client id that is not a GUID is not echoed in errors (it may be a misplaced secret)', async () => {
    const server = await scripted(() => ({ status: 400, body: { error: 'unauthorized_client', error_description: 'AADSTS700016: nope' } }));
    const transport = new HttpTransport();
    const tokens = new TokenSource(transport, server.url, { kind: 'credentials', credentials: { tenantId: undefined, clientId: 'p4ssw0rd-pasted-here', clientSecret: 's' } });
    try {
      const err = await tokens.authorization('https://vault.azure.net/.default').catch((e: Error) => e);
      expect(String(err)).toMatch(/\/organizations\/oauth2\/v2\.0\/token \(client \(not a GUID\)\): Status=400 Code="unauthorized_client" Message="AADSTS700016: nope"/);
      expect(String(err)).not.toContain('p4ssw0rd');
    } finally {
      transport.close();
      await server.close();
    }
  });
});

describe('paging', () => {
  test('nextLink is followed on the same origin only: tokens never go elsewhere', async () => {
    const server = await scripted((req) => {
      if (req.url!.includes('page=2')) return { status: 200, body: { value: [{ id: 'b' }], nextLink: 'https://elsewhere.example/steal?page=3' } };
      return { status: 200, body: { value: [{ id: 'a' }], nextLink: `${server.url}/subscriptions/s/providers/Microsoft.KeyVault/vaults?page=2` } };
    });
    const transport = new HttpTransport();
    try {
      const arm = new ArmClient(transport, server.url, new TokenSource(transport, server.url, anonymous));
      expect((await arm.listVaults('s')).map((v) => v.id)).toEqual(['a', 'b']);
      expect(server.requests).toHaveLength(2);
      const secrets = new SecretsClient(transport, new TokenSource(transport, server.url, anonymous), `${server.url}/`);
      expect((await secrets.listSecrets()).map((v) => v.id)).toEqual(['a', 'b']);
      expect(server.requests).toHaveLength(4);
    } finally {
      transport.close();
      await server.close();
    }
  });
});

describe('ids', () => {
  test('vault, access-policy and secret ids', () => {
    const vault = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v1';
    expect(parseVaultId(vault)).toEqual({ subscriptionId: 's1', resourceGroup: 'rg', name: 'v1' });
    expect(parseVaultId(vault.toLowerCase())).toEqual({ subscriptionId: 's1', resourceGroup: 'rg', name: 'v1' });
    expect(parseVaultId(`${vault}/secrets/x`)).toBeUndefined();
    const policy = formatAccessPolicyId({ vaultId: vault, objectId: 'o', applicationId: 'a' });
    expect(policy).toBe(`${vault}/objectId/o/applicationId/a`);
    expect(parseAccessPolicyId(policy)).toEqual({ vaultId: vault, objectId: 'o', applicationId: 'a' });
    expect(parseAccessPolicyId(`${vault}/objectId/o`)).toEqual({ vaultId: vault, objectId: 'o' });
    expect(parseAccessPolicyId('/nope/objectId/o')).toBeUndefined();
    expect(parseSecretId('https://v1.vault.localhost:8443/secrets/db/0123abcd')).toEqual({
      origin: 'https://v1.vault.localhost:8443',
      hostname: 'v1.vault.localhost',
      name: 'db',
      version: '0123abcd',
    });
    expect(parseSecretId('https://v1.vault.localhost:8443/secrets/db/')).toMatchObject({ name: 'db' });
    expect(parseSecretId('https://v1.vault.localhost:8443/keys/db')).toBeUndefined();
  });
});

describe('refreshed values keep the configured spelling', () => {
  test('dates: same instant keeps the state string', () => {
    expect(dateFromRemote(1940580000, '2031-06-30T12:00:00+02:00')).toBe('2031-06-30T12:00:00+02:00');
    expect(dateFromRemote(1940580001, '2031-06-30T12:00:00+02:00')).toBe('2031-06-30T10:00:01Z');
    expect(dateFromRemote(undefined, '2031-06-30T12:00:00+02:00')).toBeNull();
  });

  test('permissions: the same set keeps order and casing; ARM casing maps onto azurerm casing', () => {
    expect(permissionsFromRemote('secret_permissions', ['list', 'GET'], ['Get', 'List'])).toEqual(['Get', 'List']);
    expect(permissionsFromRemote('key_permissions', ['wrapkey', 'getrotationpolicy', 'custom'], null)).toEqual(['WrapKey', 'GetRotationPolicy', 'custom']);
    expect(permissionsFromRemote('secret_permissions', [], null)).toBeNull();
    expect(permissionsFromRemote('secret_permissions', undefined, [])).toEqual([]);
    expect(permissionsFromRemote('secret_permissions', ['get'], ['Get', 'List'])).toEqual(['Get']);
  });

  test('tags: none reads as the state had it (null or {})', () => {
    expect(tagsFromRemote({}, null)).toBeNull();
    expect(tagsFromRemote(undefined, {})).toEqual({});
    expect(tagsFromRemote({ a: 'b' }, null)).toEqual({ a: 'b' });
  });
});
