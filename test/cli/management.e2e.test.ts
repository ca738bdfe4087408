/**
 * `keyvault-emulator vault|policy|role` against a running emulator: every command goes through
 * the ARM-shaped API; what they set decides data-plane access.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCli, startCli, type RunningCli } from '../helpers/cli';
import { fakeJwt, tempDir, TEST_OID } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';

describe('vault, policy and role commands', () => {
  let dataDir: string;
  let cli: RunningCli;
  let ca: string;
  const kv = (...args: string[]) => runCli([...args, '--url', cli.url, '--data-dir', dataDir]);
  const secretUrl = (vault: string, name: string) => `https://${vault}.vault.localhost:${cli.port}/secrets/${name}?api-version=7.6`;

  beforeAll(async () => {
    dataDir = tempDir('kve-mgmt-');
    cli = await startCli(['--port', '0', '--data-dir', dataDir, '--quiet', '--auth', 'strict']);
    ca = readFileSync(path.join(dataDir, 'tls', 'ca.pem'), 'utf8');
  });
  afterAll(async () => {
    await cli.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('create a vault, grant access with a policy, revoke it', async () => {
    const created = kv('vault', 'create', 'orders', '--retention-days', '14', '--tag', 'team=orders');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain(`Created vault 'orders': https://orders.vault.localhost:${cli.port}/`);
    expect(created.stdout).toContain('keyvault-emulator policy add orders');

    const list = kv('vault', 'list');
    expect(list.stdout).toMatch(/^orders\s+keyvault-emulator\s+westus\s+policies\(0\)\s+14d\s+https:\/\/orders\.vault\.localhost/m);
    const shown = JSON.parse(kv('vault', 'show', 'orders', '--json').stdout);
    expect(shown.tags).toEqual({ team: 'orders' });

    // Strict mode: a token the CLI mints for the test principal (emulator-issued, data-plane audience).
    const token = kv('token', '--object-id', TEST_OID, '--scope', 'https://vault.localhost/.default').stdout.trim();
    const put = () => rawRequest(ca, { method: 'PUT', url: secretUrl('orders', 'db'), body: { value: 'v' }, token });
    expect((await put()).status).toBe(403);

    expect(kv('policy', 'add', 'orders', '--object-id', TEST_OID, '--secret-permissions', 'get,set').status).toBe(0);
    expect((await put()).status).toBe(200);
    expect((await rawRequest(ca, { url: secretUrl('orders', 'db'), token })).json.value).toBe('v');
    const del = await rawRequest(ca, { method: 'DELETE', url: secretUrl('orders', 'db'), token });
    expect(del.status).toBe(403);
    expect(del.json.error.message).toContain('does not have secrets delete permission');
    expect(kv('policy', 'list', 'orders').stdout).toMatch(new RegExp(`${TEST_OID}\\s+\\S+\\s+get,set`));

    expect(kv('policy', 'remove', 'orders', '--object-id', TEST_OID).status).toBe(0);
    expect((await rawRequest(ca, { url: secretUrl('orders', 'db'), token })).status).toBe(403);
    // An unsigned token is refused in strict mode.
    expect((await rawRequest(ca, { url: secretUrl('orders', 'db'), token: fakeJwt() })).status).toBe(401);
  });

  test('RBAC vault: role assignments at vault and secret scope', async () => {
    expect(kv('vault', 'create', 'rbac-kv', '--rbac').status).toBe(0);
    const token = kv('token', '--object-id', TEST_OID, '--scope', 'https://vault.localhost/.default').stdout.trim();
    const officer = kv('role', 'assign', 'rbac-kv', '--role', 'Key Vault Secrets Officer', '--principal', TEST_OID);
    expect(officer.status).toBe(0);
    expect((await rawRequest(ca, { method: 'PUT', url: secretUrl('rbac-kv', 'a'), body: { value: '1' }, token })).status).toBe(200);
    expect((await rawRequest(ca, { method: 'PUT', url: secretUrl('rbac-kv', 'b'), body: { value: '2' }, token })).status).toBe(200);
    const assignment = /assignment ([0-9a-f-]{36})/.exec(officer.stdout)![1];
    expect(kv('role', 'remove', 'rbac-kv', assignment).status).toBe(0);

    const reader = 'dddddddd-0000-4000-8000-000000000004';
    const readerToken = kv('token', '--object-id', reader, '--scope', 'https://vault.localhost/.default').stdout.trim();
    expect(kv('role', 'assign', 'rbac-kv', '--role', 'Key Vault Secrets User', '--principal', reader, '--secret', 'a').status).toBe(0);
    expect((await rawRequest(ca, { url: secretUrl('rbac-kv', 'a'), token: readerToken })).json.value).toBe('1');
    const denied = await rawRequest(ca, { url: secretUrl('rbac-kv', 'b'), token: readerToken });
    expect(denied.status).toBe(403);
    expect(denied.json.error.innererror).toEqual({ code: 'ForbiddenByRbac' });
    expect(kv('role', 'list', 'rbac-kv').stdout).toMatch(/Key Vault Secrets User\s+dddddddd-0000-4000-8000-000000000004\s+secret a/);
  });

  test('delete, recover, delete, purge', async () => {
    expect(kv('vault', 'create', 'temp-kv').status).toBe(0);
    expect(kv('vault', 'delete', 'temp-kv').stdout).toContain("Deleted vault 'temp-kv'");
    expect(kv('vault', 'list').stdout).not.toContain('temp-kv');
    expect(kv('vault', 'recover', 'temp-kv').status).toBe(0);
    expect(kv('vault', 'list').stdout).toContain('temp-kv');
    expect(kv('vault', 'delete', 'temp-kv').status).toBe(0);
    expect(kv('vault', 'purge', 'temp-kv').stdout).toContain("Purged vault 'temp-kv'");
    const again = kv('vault', 'recover', 'temp-kv');
    expect(again.status).toBe(1);
    expect(again.stderr).toBe("keyvault-emulator: no deleted vault named 'temp-kv'.\n");
  });

  test('errors: bad flags exit 2; API errors and an absent emulator exit 1 with one line', () => {
    const bad = kv('policy', 'add', 'orders', '--object-id', 'not-a-guid', '--secret-permissions', 'get');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(kv('policy', 'add', 'orders', '--object-id', TEST_OID, '--secret-permissions', 'read').status).toBe(2);
    expect(kv('vault', 'create', 'x', '--retention-days', '3').status).toBe(2);
    const invalid = kv('vault', 'create', 'bad_name');
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/^keyvault-emulator: VaultNameNotValid: The vault name 'bad_name' is invalid/);
    const dup = kv('vault', 'create', 'orders');
    expect(dup.status).toBe(1);
    const absent = runCli(['vault', 'list', '--url', 'https://localhost:1', '--data-dir', dataDir]);
    expect(absent.status).toBe(1);
    expect(absent.stderr).toBe('keyvault-emulator: no emulator answers at https://localhost:1 (start it, or pass --url).\n');
  });
});
