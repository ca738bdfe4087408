/**
 * Vaults as resources through the official @azure/arm-keyvault (v5) client, authenticated with an
 * emulator-issued ClientSecretCredential in strict mode: create with access policies, read, list,
 * update policies, delete, list deleted, recover, purge — and the created vault's data plane obeys
 * what the management plane says.
 */
import { readFileSync } from 'node:fs';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { BACKENDS, sdkClientOptions, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { rawRequest as rawRequestAs } from '../helpers/http';

const SUB = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOB = 'bbbbbbbb-0000-4000-8000-000000000002';
const POLL = { updateIntervalInMs: 10 };

async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

/** The development client's own credential, as the banner's service-principal lines describe it. */
function devCredential(em: TestEmulator) {
  return new ClientSecretCredential(em.tenantId, em.devClient.clientId, readFileSync(em.devClient.secretFile, 'utf8').trim(), {
    authorityHost: em.url,
    disableInstanceDiscovery: true,
    ...sdkClientOptions(em),
  });
}

function managementClient(em: TestEmulator) {
  return new KeyVaultManagementClient(devCredential(em), SUB, {
    endpoint: em.url,
    credentials: { scopes: ['https://management.azure.com/.default'] },
    ...sdkClientOptions(em),
  });
}

/** A data-plane client acting as `oid`, with an emulator-issued token (strict mode verifies it). */
function secretsAs(em: TestEmulator, vaultName: string, oid: string) {
  const credential = {
    getToken: async (scopes: string | string[]) => ({
      token: await em.mintToken({ objectId: oid, appId: '', scope: Array.isArray(scopes) ? scopes[0] : scopes }),
      expiresOnTimestamp: Date.now() + 3_000_000,
    }),
  };
  return new SecretClient(em.vaultUrl(vaultName), credential, sdkClientOptions(em));
}

describe.each(BACKENDS)('ARM vaults (%s store)', (backend) => {
  let em: TestEmulator;
  let arm: KeyVaultManagementClient;
  beforeAll(async () => {
    em = await startTestEmulator(backend, { auth: 'strict' });
    arm = managementClient(em);
  });
  afterAll(async () => em.cleanup());

  test('the full lifecycle, and the policies decide data-plane access', async () => {
    const created = await arm.vaults.createOrUpdate('team-rg', 'payments-kv', {
      location: 'West Europe',
      tags: { team: 'payments' },
      properties: {
        tenantId: em.tenantId,
        sku: { family: 'A', name: 'standard' },
        softDeleteRetentionInDays: 7,
        enableRbacAuthorization: false, // api-version 2026-02-01 defaults new vaults to RBAC
        accessPolicies: [
          { tenantId: em.tenantId, objectId: ALICE, permissions: { secrets: ['Get', 'List', 'Set', 'Delete'] } },
          { tenantId: em.tenantId, objectId: BOB, permissions: { secrets: ['get'] } },
        ],
      },
    }, POLL);
    expect(created.id).toBe(`/subscriptions/${SUB}/resourceGroups/team-rg/providers/Microsoft.KeyVault/vaults/payments-kv`);
    expect(created.location).toBe('westeurope');
    expect(created.properties.vaultUri).toBe(`${em.vaultUrl('payments-kv')}/`);
    expect(created.properties.provisioningState).toBe('Succeeded');
    expect(created.properties.enableRbacAuthorization).toBe(false);
    expect(created.properties.accessPolicies?.map((p) => p.permissions.secrets)).toEqual([['Get', 'List', 'Set', 'Delete'], ['get']]);

    const got = await arm.vaults.get('team-rg', 'payments-kv');
    expect(got.tags).toEqual({ team: 'payments' });
    expect(got.properties.softDeleteRetentionInDays).toBe(7);
    expect((await collect(arm.vaults.listByResourceGroup('team-rg'))).map((v) => v.name)).toEqual(['payments-kv']);
    expect((await collect(arm.vaults.listBySubscription())).map((v) => v.name)).toContain('payments-kv');
    expect((await collect(arm.vaults.list())).map((v) => v.name)).toContain('payments-kv');
    expect(await arm.vaults.checkNameAvailability({ name: 'payments-kv', type: 'Microsoft.KeyVault/vaults' })).toMatchObject({
      nameAvailable: false,
      reason: 'AlreadyExists',
    });

    // The vault serves its data plane at once; the policies decide.
    const alice = secretsAs(em, 'payments-kv', ALICE);
    const bob = secretsAs(em, 'payments-kv', BOB);
    const set = await alice.setSecret('api-key', 'k1');
    expect(set.properties.recoverableDays).toBe(7);
    expect((await bob.getSecret('api-key')).value).toBe('k1');
    await expect(bob.setSecret('api-key', 'k2')).rejects.toMatchObject({ statusCode: 403, code: 'Forbidden' });
    await expect(secretsAs(em, 'payments-kv', 'cccccccc-0000-4000-8000-000000000003').getSecret('api-key')).rejects.toMatchObject({
      statusCode: 403,
    });

    // add merges, replace replaces, remove takes away (and drops an emptied entry).
    await arm.vaults.updateAccessPolicy('team-rg', 'payments-kv', 'add', {
      properties: { accessPolicies: [{ tenantId: em.tenantId, objectId: BOB, permissions: { secrets: ['set', 'GET'] } }] },
    });
    expect((await arm.vaults.get('team-rg', 'payments-kv')).properties.accessPolicies?.[1].permissions.secrets).toEqual(['get', 'set']);
    await bob.setSecret('api-key', 'k2');
    await arm.vaults.updateAccessPolicy('team-rg', 'payments-kv', 'replace', {
      properties: { accessPolicies: [{ tenantId: em.tenantId, objectId: BOB, permissions: { secrets: ['list'] } }] },
    });
    await expect(bob.getSecret('api-key')).rejects.toMatchObject({ statusCode: 403 });
    expect((await collect(bob.listPropertiesOfSecrets())).map((p) => p.name)).toEqual(['api-key']);
    await arm.vaults.updateAccessPolicy('team-rg', 'payments-kv', 'remove', {
      properties: { accessPolicies: [{ tenantId: em.tenantId, objectId: BOB, permissions: { secrets: ['list'] } }] },
    });
    expect((await arm.vaults.get('team-rg', 'payments-kv')).properties.accessPolicies?.map((p) => p.objectId)).toEqual([ALICE]);

    // update (PATCH) merges; retention cannot change.
    const patched = await arm.vaults.update('team-rg', 'payments-kv', { tags: { team: 'payments', tier: 'gold' }, properties: { enablePurgeProtection: true } });
    expect(patched.tags).toEqual({ team: 'payments', tier: 'gold' });
    expect(patched.properties?.enablePurgeProtection).toBe(true);
    await expect(arm.vaults.update('team-rg', 'payments-kv', { properties: { softDeleteRetentionInDays: 30 } })).rejects.toMatchObject({ statusCode: 400 });
    await expect(arm.vaults.update('team-rg', 'payments-kv', { properties: { enablePurgeProtection: false } })).rejects.toMatchObject({ statusCode: 400 });

    // delete → deleted vault (secrets go with it) → recover → both back.
    await arm.vaults.delete('team-rg', 'payments-kv');
    await expect(arm.vaults.get('team-rg', 'payments-kv')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    await expect(alice.getSecret('api-key')).rejects.toMatchObject({ statusCode: 404 });
    const deleted = await collect(arm.vaults.listDeleted());
    expect(deleted.map((d) => d.name)).toContain('payments-kv');
    const one = await arm.vaults.getDeleted('payments-kv', 'westeurope');
    expect(one.properties?.vaultId).toBe(created.id);
    expect(one.properties?.purgeProtectionEnabled).toBe(true);
    expect(one.properties!.scheduledPurgeDate!.getTime() - one.properties!.deletionDate!.getTime()).toBe(7 * 86_400_000);
    // The name stays taken while deleted.
    await expect(
      arm.vaults.createOrUpdate('other-rg', 'payments-kv', { location: 'westeurope', properties: { tenantId: em.tenantId, sku: { family: 'A', name: 'standard' } } }, POLL),
    ).rejects.toMatchObject({ statusCode: 409, code: 'ConflictError' });
    // Purge protection holds for vaults too.
    await expect(arm.vaults.purgeDeleted('payments-kv', 'westeurope', POLL)).rejects.toMatchObject({ statusCode: 409 });

    const recovered = await arm.vaults.createOrUpdate('team-rg', 'payments-kv', {
      location: 'westeurope',
      properties: { tenantId: em.tenantId, sku: { family: 'A', name: 'standard' }, createMode: 'recover' },
    }, POLL);
    expect(recovered.properties.accessPolicies?.map((p) => p.objectId)).toEqual([ALICE]);
    expect((await alice.getSecret('api-key')).value).toBe('k2');
  });

  test('delete then purge removes the vault and its secrets; the name is free again', async () => {
    await arm.vaults.createOrUpdate('scratch-rg', 'scratch-kv', {
      location: 'westus',
      properties: {
        tenantId: em.tenantId,
        sku: { family: 'A', name: 'standard' },
        enableRbacAuthorization: false,
        accessPolicies: [{ tenantId: em.tenantId, objectId: ALICE, permissions: { secrets: ['all'] } }],
      },
    }, POLL);
    await secretsAs(em, 'scratch-kv', ALICE).setSecret('temp', 'v');
    await arm.vaults.delete('scratch-rg', 'scratch-kv');
    await arm.vaults.purgeDeleted('scratch-kv', 'westus', POLL);
    await expect(arm.vaults.getDeleted('scratch-kv', 'westus')).rejects.toMatchObject({ statusCode: 404 });
    expect(await arm.vaults.checkNameAvailability({ name: 'scratch-kv', type: 'Microsoft.KeyVault/vaults' })).toEqual({ nameAvailable: true });
    await arm.vaults.createOrUpdate('scratch-rg', 'scratch-kv', {
      location: 'westus',
      properties: {
        tenantId: em.tenantId,
        sku: { family: 'A', name: 'standard' },
        enableRbacAuthorization: false,
        accessPolicies: [{ tenantId: em.tenantId, objectId: ALICE, permissions: { secrets: ['all'] } }],
      },
    }, POLL);
    await expect(secretsAs(em, 'scratch-kv', ALICE).getSecret('temp')).rejects.toMatchObject({ statusCode: 404 });
  });

  test('vault settings reach the data plane: retention, purge protection, RBAC default from 2026-02-01', async () => {
    const guarded = await arm.vaults.createOrUpdate('rg2', 'guarded-kv', {
      location: 'westus',
      properties: { tenantId: em.tenantId, sku: { family: 'A', name: 'premium' }, softDeleteRetentionInDays: 30, enablePurgeProtection: true },
    }, POLL);
    // api-version 2026-02-01 (the client's default): a vault that does not say otherwise uses RBAC.
    expect(guarded.properties.enableRbacAuthorization).toBe(true);
    const vaultId = guarded.id!;
    const assign = await rawRequestAs(em.ca, {
      token: await em.mintToken({ scope: 'https://management.azure.com/.default' }),
      method: 'PUT',
      url: `${em.url}${vaultId}/providers/Microsoft.Authorization/roleAssignments/5c6f5d1e-0000-4000-8000-00000000aaaa?api-version=2022-04-01`,
      body: { properties: { roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7`, principalId: ALICE } },
    });
    expect(assign.status).toBe(201);
    const alice = secretsAs(em, 'guarded-kv', ALICE);
    const s = await alice.setSecret('kept', 'v');
    expect(s.properties.recoveryLevel).toBe('CustomizedRecoverable');
    expect(s.properties.recoverableDays).toBe(30);
    await (await alice.beginDeleteSecret('kept', { intervalInMs: 10 })).pollUntilDone();
    await expect(alice.purgeDeletedSecret('kept')).rejects.toMatchObject({ statusCode: 403, code: 'Forbidden' });
    // Bob has no role: ForbiddenByRbac naming him and the action.
    const denied = await secretsAs(em, 'guarded-kv', BOB).getDeletedSecret('kept').catch((e: unknown) => e as { statusCode: number; message: string });
    expect(denied).toMatchObject({ statusCode: 403 });
    expect((denied as { message: string }).message).toContain(`Caller: appid=;oid=${BOB};iss=https://localhost:${em.port}/${em.tenantId}/v2.0`);
  });

  test('ARM errors: invalid name, name taken elsewhere, missing location, missing api-version, no token', async () => {
    const mgmt = await em.mintToken({ scope: 'https://management.azure.com/.default' });
    const rawRequest: typeof rawRequestAs = (ca, req) => rawRequestAs(ca, { ...req, token: req.token === undefined ? mgmt : req.token });
    const put = (rg: string, name: string, body: object, token?: string | null, query = 'api-version=2023-07-01') =>
      rawRequest(em.ca, { method: 'PUT', url: `${em.url}/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}?${query}`, body, token });
    const body = { location: 'westus', properties: { tenantId: em.tenantId, sku: { family: 'A', name: 'standard' } } };
    const bad = await put('rg', 'no_underscores', body);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VaultNameNotValid');
    expect((await put('rg', 'dup-kv', body)).status).toBe(201);
    const taken = await put('other-rg', 'dup-kv', body);
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('VaultAlreadyExists');
    expect((await put('rg', 'noloc-kv', { properties: body.properties })).json.error.code).toBe('LocationRequired');
    expect((await put('rg', 'x-kv', body, undefined, '')).json.error.code).toBe('MissingApiVersionParameter');
    const anon = await put('rg', 'x-kv', body, null);
    expect(anon.status).toBe(401);
    expect(anon.json.error.code).toBe('AuthenticationFailed');
    expect(anon.headers['www-authenticate']).toMatch(/^Bearer authorization_uri="https:\/\/localhost:\d+\//);
    // Strict mode: a data-plane token is not a management token.
    const wrongAudience = await put('rg', 'x-kv', body, await em.mintToken({ scope: 'https://vault.azure.net/.default' }));
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.json.error.code).toBe('InvalidAuthenticationTokenAudience');
    const malformed = await rawRequest(em.ca, { method: 'PATCH', url: `${em.url}/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/dup-kv?api-version=2023-07-01`, body: '{"tags":' });
    expect(malformed.status).toBe(400);
    // Behind a port mapping (docker -p 9443:8443) vaultUri follows the port the client called.
    const mapped = await rawRequest(em.ca, {
      url: `${em.url}/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/dup-kv?api-version=2023-07-01`,
      headers: { host: 'localhost:9443' },
    });
    expect(mapped.json.properties.vaultUri).toBe('https://dup-kv.vault.localhost:9443/');
    const getMissing = await rawRequest(em.ca, { url: `${em.url}/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/nope-kv?api-version=2023-07-01` });
    expect(getMissing.json).toEqual({
      error: {
        code: 'ResourceNotFound',
        message: "The Resource 'Microsoft.KeyVault/vaults/nope-kv' under resource group 'rg' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
  });
});
