/**
 * `keyvault-emulator token` (minted offline with the data directory's key) and
 * `keyvault-emulator client create|list|delete` (the admin API of a running emulator).
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { jwtVerify } from 'jose';
import { startEmulator } from '../../emulator';
import { runCli, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';
import { claimsOf } from './helpers';

// Child processes on a shared machine; jest 30 ignored the e2e project's testTimeout here (5 s default).
jest.setTimeout(120_000);

describe('keyvault-emulator token', () => {
  let dataDir: string;
  let ids: { devClient: { clientId: string; objectId: string }; tenantId: string };
  const declared = { displayName: 'reporting', clientId: 'cccccccc-0000-4000-8000-000000000001', objectId: 'dddddddd-0000-4000-8000-000000000001', clientSecret: 'reporting-secret' };

  beforeAll(async () => {
    dataDir = tempDir('kve-token-');
    // Start once (creates keys and registers a client), then stop: `token` works offline.
    const em = await startEmulator({ port: 0, dataDir, tenant: 'f0f0f0f0-1111-2222-3333-444444444444', clients: [declared] });
    ids = { devClient: em.devClient, tenantId: em.tenantId };
    await em.stop();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const verify = (token: string) =>
    jwtVerify(token, createPublicKey(readFileSync(path.join(dataDir, 'keys', 'token-signing.pem'))), { algorithms: ['RS256'] });

  test('default: the development client, Key Vault audience, the tenant of the last start; only the token on stdout', async () => {
    const r = runCli(['token', '--data-dir', dataDir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { payload } = await verify(r.stdout.trim());
    expect(payload).toMatchObject({
      aud: 'https://vault.azure.net',
      iss: `https://localhost:8443/${ids.tenantId}/v2.0`,
      tid: ids.tenantId,
      oid: ids.devClient.objectId,
      appid: ids.devClient.clientId,
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  test('a chosen principal, scope, tenant, URL and lifetime', async () => {
    const r = runCli([
      'token', '--data-dir', dataDir,
      '--object-id', '12345678-aaaa-bbbb-cccc-1234567890ab', '--app-id', '87654321-aaaa-bbbb-cccc-1234567890ab',
      '--scope', 'https://management.azure.com/.default', '--tenant', 'common-tenant', '--url', 'https://127.0.0.1:9443/', '--lifetime', '60',
    ]);
    expect(r.status).toBe(0);
    const { payload } = await verify(r.stdout.trim());
    expect(payload).toMatchObject({
      aud: 'https://management.azure.com',
      iss: 'https://127.0.0.1:9443/common-tenant/v2.0',
      tid: 'common-tenant',
      oid: '12345678-aaaa-bbbb-cccc-1234567890ab',
      appid: '87654321-aaaa-bbbb-cccc-1234567890ab',
    });
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  test('--client-id and --object-id of a registered client use the store; an unregistered object id is its own appid', async () => {
    const byClient = runCli(['token', '--data-dir', dataDir, '--client-id', declared.clientId.toUpperCase()]);
    expect(claimsOf(byClient.stdout.trim())).toMatchObject({ oid: declared.objectId, appid: declared.clientId });
    const byObject = runCli(['token', '--data-dir', dataDir, '--object-id', declared.objectId]);
    expect(claimsOf(byObject.stdout.trim())).toMatchObject({ oid: declared.objectId, appid: declared.clientId });
    const anyone = runCli(['token', '--data-dir', dataDir, '--object-id', '0000aaaa-0000-4000-8000-000000000000']);
    expect(claimsOf(anyone.stdout.trim())).toMatchObject({ oid: '0000aaaa-0000-4000-8000-000000000000', appid: '0000aaaa-0000-4000-8000-000000000000' });
  });

  test('bad flags and values: one line on stderr, exit 2', () => {
    for (const args of [
      ['--client-id', 'not-a-guid'],
      ['--object-id', 'x'],
      ['--client-id', declared.clientId, '--object-id', declared.objectId],
      ['--app-id', declared.clientId],
      ['--lifetime', '0'],
      ['--lifetime', 'soon'],
      ['--url', 'ftp://localhost'],
      ['--tenant', 'a/b'],
      ['--client-id', '99999999-9999-4999-8999-999999999999'],
      ['--bogus'],
    ]) {
      const r = runCli(['token', '--data-dir', dataDir, ...args]);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^keyvault-emulator: /);
      expect(r.stdout).toBe('');
    }
    const missing = runCli(['token', '--data-dir', path.join(dataDir, 'nope')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^keyvault-emulator: no data directory at /);
  });
});

describe('keyvault-emulator client, against a running emulator (strict mode)', () => {
  test('create, list, delete; the created client gets tokens; errors exit 1', async () => {
    const dataDir = tempDir('kve-client-');
    const cli = await startCli(['--port', '0', '--data-dir', dataDir, '--auth', 'strict', '--quiet']);
    try {
      const flags = ['--data-dir', dataDir, '--url', cli.url];
      const created = runCli(['client', 'create', 'nightly job', ...flags]);
      expect(created.status).toBe(0);
      const client = JSON.parse(created.stdout) as { clientId: string; objectId: string; clientSecret: string; kind: string };
      expect(client).toMatchObject({ displayName: 'nightly job', kind: 'application', clientSecret: expect.stringMatching(/^[\w-]{40}$/) });

      const mi = runCli(['client', 'create', 'cron-identity', '--kind', 'managedIdentity', ...flags]);
      expect(JSON.parse(mi.stdout).clientSecret).toBeUndefined();

      const ca = readFileSync(path.join(dataDir, 'tls', 'ca.pem'), 'utf8');
      const issued = await rawRequest(ca, {
        method: 'POST',
        url: `${cli.url}/common/oauth2/v2.0/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'https://vault.localhost/.default' }).toString(),
        token: null,
      });
      expect(issued.status).toBe(200);
      const read = await rawRequest(ca, { url: `${cli.vaults.default[0]}/secrets?api-version=7.6`, token: issued.json.access_token });
      expect(read.status).toBe(200);

      // A token from `keyvault-emulator token` for that client works with curl-style requests too.
      const minted = runCli(['token', '--data-dir', dataDir, '--client-id', client.clientId, '--url', cli.url, '--scope', 'https://vault.localhost/.default']);
      expect((await rawRequest(ca, { url: `${cli.vaults.default[0]}/secrets?api-version=7.6`, token: minted.stdout.trim() })).status).toBe(200);

      const table = runCli(['client', 'list', ...flags]);
      expect(table.status).toBe(0);
      expect(table.stdout.split('\n')[0]).toMatch(/^CLIENT ID\s+OBJECT ID\s+KIND\s+NAME$/);
      expect(table.stdout).toContain('(developmentClient)');
      expect(table.stdout).toMatch(new RegExp(`${client.clientId}\\s+${client.objectId}\\s+application\\s+nightly job`));
      expect(table.stdout).not.toContain(client.clientSecret);
      const json = JSON.parse(runCli(['client', 'list', '--json', ...flags]).stdout) as Array<{ displayName: string }>;
      expect(json.map((c) => c.displayName)).toContain('cron-identity');

      expect(runCli(['client', 'delete', client.clientId, ...flags])).toMatchObject({ status: 0, stdout: '', stderr: '' });
      const again = runCli(['client', 'delete', client.clientId, ...flags]);
      expect(again.status).toBe(1);
      expect(again.stderr).toBe(`keyvault-emulator: No client with id '${client.clientId}' is registered with the emulator's token issuer. (HTTP 404)\n`);

      const builtIn = runCli(['client', 'delete', JSON.parse(runCli(['client', 'list', '--json', ...flags]).stdout)[0].clientId, ...flags]);
      expect(builtIn.status).toBe(1);
      expect(builtIn.stderr).toMatch(/is built in .* \(HTTP 409\)\n$/);

      const unreachable = runCli(['client', 'list', '--data-dir', dataDir, '--url', 'https://localhost:1']);
      expect(unreachable.status).toBe(1);
      expect(unreachable.stderr).toBe("keyvault-emulator: no emulator answers at https://localhost:1 (start it, or pass --url).\n");

      for (const args of [['client', 'create'], ['client', 'create', 'x', '--kind', 'user'], ['client', 'delete', 'nope'], ['client', 'bogus']]) {
        const r = runCli([...args, ...flags]);
        expect({ args, status: r.status }).toEqual({ args, status: 2 });
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
    } finally {
      expect(await cli.stop()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
