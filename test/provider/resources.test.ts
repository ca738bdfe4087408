/**
 * The shipped resources and data sources, driven in-process through the RPC
 * handlers the way Terraform drives them, against a real emulator in strict
 * auth mode (so every call carries a real token from its token endpoint).
 * Plan behaviour, drift, import, soft delete and recovery, validation and API
 * errors; the terraform binary runs the same flows in keyvault.e2e.test.ts.
 */
import { KeyvaultClient } from '../../provider/client';
import { isUnknown, type CtyObjectValue, type CtyValue } from '../../provider/core/cty';
import { generateServerCertificate } from '../../provider/core/x509';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';
import { changedAttributes, errorPaths, errors, ProviderHarness, providerSettings } from './harness';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const OTHER_PRINCIPAL = '33333333-3333-4333-8333-333333333333';

// The provider reads these as fallbacks; the tests must not depend on the shell they run in.
const ENV_PREFIXES = /^(KEYVAULT_EMULATOR_|ARM_|AZURE_)|^NODE_EXTRA_CA_CERTS$/;
const savedEnv: Record<string, string> = {};

let em: TestEmulator;
let h: ProviderHarness;

beforeAll(async () => {
  for (const [k, v] of Object.entries(process.env)) {
    if (ENV_PREFIXES.test(k) && v !== undefined) {
      savedEnv[k] = v;
      delete process.env[k];
    }
  }
  em = await startTestEmulator('memory', { auth: 'strict' });
  h = new ProviderHarness();
  expect(errors(await h.configure(providerSettings(em)))).toEqual([]);
});

afterAll(async () => {
  await em?.cleanup();
  Object.assign(process.env, savedEnv);
});

async function arm(method: string, armPath: string, body?: object) {
  const token = await em.mintToken({ scope: 'https://management.azure.com/.default' });
  return rawRequest(em.ca, { method, url: `${em.url}${armPath}?api-version=2023-07-01`, body, token });
}

async function dataPlane(method: string, vaultUri: string, secretPath: string, body?: object) {
  return rawRequest(em.ca, { method, url: `${vaultUri.replace(/\/$/, '')}${secretPath}?api-version=7.4`, body, token: await em.mintToken() });
}

const vaultConfig = (name: string, extra: Record<string, CtyValue> = {}): Record<string, CtyValue> => ({
  name,
  location: 'West Europe',
  resource_group_name: 'rg-unit',
  tenant_id: em.tenantId,
  ...extra,
});

const grant = (vaultId: CtyValue, extra: Record<string, CtyValue> = {}): Record<string, CtyValue> => ({
  key_vault_id: vaultId,
  tenant_id: em.tenantId,
  object_id: em.devClient.objectId,
  secret_permissions: ['Get', 'List', 'Set', 'Delete', 'Recover', 'Purge'],
  ...extra,
});

/** A vault the development client may use, created through the provider. */
async function vaultWithAccess(name: string, extra: Record<string, CtyValue> = {}): Promise<CtyObjectValue> {
  const vault = (await h.applyConfig('keyvault_vault', null, vaultConfig(name, extra)))!;
  await h.applyConfig('keyvault_access_policy', null, grant(vault.id));
  return vault;
}

describe('HTTP client and provider configuration', () => {
  test('tokens come from the token endpoint, one per audience, and are cached', async () => {
    const client = new KeyvaultClient({
      endpoint: em.url,
      subscriptionId: SUBSCRIPTION,
      caPem: em.ca,
      auth: {
        kind: 'credentials',
        credentials: { tenantId: em.tenantId, clientId: em.devClient.clientId, clientSecret: fs.readFileSync(em.devClient.secretFile, 'utf8').trim() },
      },
    });
    try {
      await client.arm.listVaults(SUBSCRIPTION);
      await client.arm.listVaults(SUBSCRIPTION);
      const vault = await client.arm.putVault(
        { subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-client', name: 'client-probe' },
        { location: 'westus', properties: { tenantId: em.tenantId, sku: { family: 'A', name: 'standard' }, accessPolicies: [], enableRbacAuthorization: false } },
      );
      // The canonical *.vault.localhost host is resolved by the provider itself.
      expect(vault.properties.vaultUri).toMatch(/^https:\/\/client-probe\.vault\.localhost:\d+\/$/);
      const secrets = client.secrets(vault.properties.vaultUri);
      // The vault grants nobody: the data plane answers with Azure's 403 text, carried verbatim.
      await expect(secrets.listSecrets()).rejects.toThrow(/Status=403 Code="Forbidden" InnerError="AccessDenied" Message="The user, group or application 'appid=.*does not have secrets list permission on key vault 'client-probe;location=westus'/);
      await expect(secrets.getSecret('x')).rejects.toThrow(/does not have secrets get permission/);
      expect(client.tokens.requests).toBe(2); // one management token, one Key Vault token
      const identity = await client.identity();
      expect(identity).toEqual({ tenantId: em.tenantId, clientId: em.devClient.clientId, objectId: em.devClient.objectId });
      expect(client.tokens.requests).toBe(2);
    } finally {
      client.close();
    }
  });

  test('keyvault_client_config names the configured principal', async () => {
    const read = await h.readData('keyvault_client_config', {});
    expect(errors(read)).toEqual([]);
    expect(read.state).toEqual({
      tenant_id: em.tenantId,
      client_id: em.devClient.clientId,
      object_id: em.devClient.objectId,
      subscription_id: SUBSCRIPTION,
    });
  });

  test('without credentials, an emulator that wants tokens gets a diagnostic naming the lines to paste', async () => {
    const bare = new ProviderHarness();
    const res = await bare.configure({ endpoint: em.url, ca_file: em.caPath! });
    expect(errors(res)).toEqual([expect.stringMatching(/^Missing credentials for the keyvault-emulator: The emulator at https:\/\/localhost:\d+ runs with --auth strict/)]);
    expect(errors(res)[0]).toContain(`export AZURE_TENANT_ID=${em.tenantId}`);
    expect(errors(res)[0]).toContain('export AZURE_CLIENT_SECRET="$(cat <data-dir>/keys/dev-client-secret)"');
    expect(errorPaths(res)).toEqual(['client_id']);
  });

  test('half a credential is an error on the missing attribute', async () => {
    const res = await new ProviderHarness().configure({ endpoint: em.url, ca_file: em.caPath!, client_id: em.devClient.clientId });
    expect(errorPaths(res)).toEqual(['client_secret']);
    expect(errors(res)[0]).toMatch(/AZURE_CLIENT_SECRET/);
  });

  test('the environment fills the configuration: KEYVAULT_EMULATOR_*, then ARM_*, then the AZURE_* banner lines', async () => {
    const env = {
      AZURE_AUTHORITY_HOST: em.url,
      AZURE_TENANT_ID: em.tenantId,
      ARM_CLIENT_ID: em.devClient.clientId,
      AZURE_CLIENT_ID: 'not-this-one',
      AZURE_CLIENT_SECRET: fs.readFileSync(em.devClient.secretFile, 'utf8').trim(),
      NODE_EXTRA_CA_CERTS: em.caPath!,
      KEYVAULT_EMULATOR_SUBSCRIPTION_ID: '44444444-4444-4444-8444-444444444444',
    };
    Object.assign(process.env, env);
    try {
      const fromEnv = new ProviderHarness();
      expect(errors(await fromEnv.configure({}))).toEqual([]);
      const read = await fromEnv.readData('keyvault_client_config', {});
      expect(errors(read)).toEqual([]);
      expect(read.state).toMatchObject({ client_id: em.devClient.clientId, object_id: em.devClient.objectId, subscription_id: '44444444-4444-4444-8444-444444444444' });
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
  });

  test("a wrong client secret surfaces the token endpoint's AADSTS message", async () => {
    const wrong = new ProviderHarness();
    expect(errors(await wrong.configure(providerSettings(em, { client_secret: 'not-the-secret' })))).toEqual([]);
    const read = await wrong.readData('keyvault_client_config', {});
    expect(errors(read)).toEqual([expect.stringMatching(/Code="invalid_client" Message="AADSTS7000215: Invalid client secret provided/)]);
  });

  test('an untrusted emulator certificate is explained (ca_file)', async () => {
    const dir = tempDir('kv-provider-ca-');
    try {
      const otherCa = path.join(dir, 'other-ca.pem');
      fs.writeFileSync(otherCa, generateServerCertificate({ commonName: 'localhost' }).certPem);
      const untrusting = new ProviderHarness();
      expect(errors(await untrusting.configure(providerSettings(em, { ca_file: otherCa })))).toEqual([]);
      const read = await untrusting.readData('keyvault_client_config', {});
      expect(errors(read)[0]).toMatch(/certificate is not trusted .*Set the provider's ca_file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an emulator started with --auth none needs no credentials', async () => {
    const open = await startTestEmulator('memory', { auth: 'none' });
    try {
      const anonymous = new ProviderHarness();
      expect(errors(await anonymous.configure({ endpoint: open.url, ca_file: open.caPath! }))).toEqual([]);
      const config = await anonymous.readData('keyvault_client_config', {});
      expect(config.state).toEqual({ tenant_id: open.tenantId, client_id: '', object_id: '', subscription_id: SUBSCRIPTION });
      const vault = await anonymous.applyConfig('keyvault_vault', null, { name: 'open-vault', location: 'westus', resource_group_name: 'rg', tenant_id: open.tenantId });
      expect(vault?.vault_uri).toMatch(/^https:\/\/open-vault\.vault\.localhost:/);
    } finally {
      await open.cleanup();
    }
  });
});

describe('keyvault_vault', () => {
  test('validation errors sit on the attribute', async () => {
    const res = await h.validate('keyvault_vault', vaultConfig('1-bad--name', { soft_delete_retention_days: 5, sku_name: 'Standard', tenant_id: 'nope', tags: { k: 'v'.repeat(300) } }));
    expect(errorPaths(res).sort()).toEqual(['name', 'sku_name', 'soft_delete_retention_days', 'tags.k', 'tenant_id']);
    expect(errors(res).join('\n')).toMatch(/Invalid value for "name": "name" must start with a letter, got "1-bad--name"/);
    const long = await h.validate('keyvault_vault', vaultConfig('a'.repeat(25)));
    expect(errors(long)).toEqual([expect.stringMatching(/"name" may only contain alphanumeric characters and dashes and must be between 3-24 chars/)]);
  });

  test('create, no-op plan, in-place update, drift, location spelling, force-new, import', async () => {
    const config = vaultConfig('unit-vault-1', { tags: { env: 'unit' } });
    const created = (await h.applyConfig('keyvault_vault', null, config))!;
    expect(created).toMatchObject({
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-unit/providers/Microsoft.KeyVault/vaults/unit-vault-1`,
      location: 'West Europe',
      sku_name: 'standard',
      soft_delete_retention_days: 90,
      purge_protection_enabled: false,
      rbac_authorization_enabled: false,
    });
    expect(created.vault_uri).toMatch(/^https:\/\/unit-vault-1\.vault\.localhost:\d+\/$/);
    const remote = await arm('GET', created.id as string);
    expect(remote.json.properties).toMatchObject({ enableRbacAuthorization: false, softDeleteRetentionInDays: 90, accessPolicies: [] });
    expect(remote.json.location).toBe('westeurope');

    // No changes after apply.
    let plan = await h.refreshAndPlan('keyvault_vault', created, config);
    expect(errors(plan)).toEqual([]);
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual([]);

    // The same location spelled differently is no change at all.
    plan = await h.refreshAndPlan('keyvault_vault', created, { ...config, location: 'westeurope' });
    expect(plan.requiresReplace).toEqual([]);
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual([]);
    // Another location replaces the vault.
    plan = await h.refreshAndPlan('keyvault_vault', created, { ...config, location: 'East US' });
    expect(plan.requiresReplace).toEqual(['location']);

    // Tags and SKU change in place (PATCH).
    const updatedConfig = { ...config, tags: { env: 'unit', team: 'a' }, sku_name: 'premium' };
    plan = await h.refreshAndPlan('keyvault_vault', created, updatedConfig);
    expect(plan.requiresReplace).toEqual([]);
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual(['sku_name', 'tags']);
    const updated = (await h.applyConfig('keyvault_vault', plan.refreshed, updatedConfig))!;
    expect((await arm('GET', created.id as string)).json).toMatchObject({ tags: { env: 'unit', team: 'a' }, properties: { sku: { name: 'premium' } } });

    // Drift made outside Terraform shows in the plan.
    expect((await arm('PATCH', created.id as string, { tags: { env: 'changed' } })).status).toBe(200);
    plan = await h.refreshAndPlan('keyvault_vault', updated, updatedConfig);
    expect(plan.refreshed!.tags).toEqual({ env: 'changed' });
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual(['tags']);
    const fixed = (await h.applyConfig('keyvault_vault', plan.refreshed, updatedConfig))!;

    // Import by ARM id into a fresh state: then the plan is empty.
    const imported = await h.importState('keyvault_vault', created.id as string);
    expect(errors(imported)).toEqual([]);
    expect(imported.state).toMatchObject({ ...fixed, location: 'westeurope' });
    const afterImport = await h.plan('keyvault_vault', imported.state, h.config('keyvault_vault', updatedConfig));
    expect(errors(afterImport)).toEqual([]);
    expect(changedAttributes(imported.state!, afterImport.planned!)).toEqual([]);

    expect(errors(await h.importState('keyvault_vault', '/subscriptions/x/vaults/y'))).toEqual([expect.stringMatching(/^Invalid import id: keyvault_vault is imported by an id of the form \/subscriptions\//)]);
    expect(errors(await h.destroy('keyvault_vault', fixed))).toEqual([]);
  });

  test('retention cannot change and purge protection cannot be turned off: plan-time errors on the attribute', async () => {
    const config = vaultConfig('unit-vault-2', { soft_delete_retention_days: 7, purge_protection_enabled: true });
    const created = (await h.applyConfig('keyvault_vault', null, config))!;
    const remote = await arm('GET', created.id as string);
    expect(remote.json.properties).toMatchObject({ softDeleteRetentionInDays: 7, enablePurgeProtection: true });
    const plan = await h.refreshAndPlan('keyvault_vault', created, { ...config, soft_delete_retention_days: 30, purge_protection_enabled: false });
    expect(errorPaths(plan).sort()).toEqual(['purge_protection_enabled', 'soft_delete_retention_days']);
    expect(errors(plan).join('\n')).toMatch(/Once soft_delete_retention_days has been configured it cannot be modified: Key Vault "unit-vault-2" keeps 7 days/);
    // A new name is a new vault: no error then.
    const renamed = await h.refreshAndPlan('keyvault_vault', created, { ...config, name: 'unit-vault-2b', soft_delete_retention_days: 30 });
    expect(errors(renamed)).toEqual([]);
    expect(renamed.requiresReplace).toEqual(['name']);

    // Destroy of a purge-protected vault leaves it soft-deleted, with a warning.
    const destroyed = await h.destroy('keyvault_vault', created);
    expect(errors(destroyed)).toEqual([]);
    expect(destroyed.diagnostics).toEqual([expect.objectContaining({ severity: 'WARNING', summary: 'Key Vault left soft-deleted' })]);
    expect((await arm('GET', `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/unit-vault-2`)).status).toBe(200);
  });

  test('destroy purges unless purge_soft_delete_on_destroy = false; create recovers a soft-deleted vault unless told not to', async () => {
    const deletedPath = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/unit-vault-3`;
    const config = vaultConfig('unit-vault-3', { tags: { v: '1' } });
    let vault = (await h.applyConfig('keyvault_vault', null, config))!;
    expect(errors(await h.destroy('keyvault_vault', vault))).toEqual([]);
    expect((await arm('GET', deletedPath)).status).toBe(404); // purged

    const keep = new ProviderHarness();
    expect(errors(await keep.configure(providerSettings(em, { purge_soft_delete_on_destroy: false, recover_soft_deleted_key_vaults: false })))).toEqual([]);
    vault = (await keep.applyConfig('keyvault_vault', null, config))!;
    // A secret inside, to prove that recovery brings the same vault back.
    await h.applyConfig('keyvault_access_policy', null, grant(vault.id));
    await h.applyConfig('keyvault_secret', null, { key_vault_id: vault.id, name: 'kept', value: 'v1' });
    expect(errors(await keep.destroy('keyvault_vault', vault))).toEqual([]);
    expect((await arm('GET', deletedPath)).status).toBe(200); // soft-deleted

    const refused = await keep.plan('keyvault_vault', null, keep.config('keyvault_vault', config));
    const failed = await keep.apply('keyvault_vault', null, refused.planned, keep.config('keyvault_vault', config));
    expect(errors(failed)).toEqual([expect.stringMatching(/An existing soft-deleted Key Vault exists with the name "unit-vault-3" in the location "westeurope".*recover_soft_deleted_key_vaults = false/)]);
    expect(errorPaths(failed)).toEqual(['name']);
    expect(failed.state).toBeNull();

    const recovered = (await h.applyConfig('keyvault_vault', null, { ...config, tags: { v: '2' } }))!;
    expect((await arm('GET', deletedPath)).status).toBe(404);
    expect((await arm('GET', recovered.id as string)).json.tags).toEqual({ v: '2' });
    const secret = await dataPlane('GET', recovered.vault_uri as string, '/secrets/kept');
    expect(secret.json.value).toBe('v1');
    expect(errors(await h.destroy('keyvault_vault', recovered))).toEqual([]);
  });

  test("create finds an existing vault: azurerm's import hint", async () => {
    await arm('PUT', `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-unit/providers/Microsoft.KeyVault/vaults/unit-vault-4`, {
      location: 'westeurope',
      properties: { tenantId: em.tenantId, sku: { family: 'A', name: 'standard' } },
    });
    const config = h.config('keyvault_vault', vaultConfig('unit-vault-4'));
    const plan = await h.plan('keyvault_vault', null, config);
    const res = await h.apply('keyvault_vault', null, plan.planned, config);
    expect(errors(res)).toEqual([
      expect.stringMatching(/A resource with the ID "\/subscriptions\/.*\/vaults\/unit-vault-4" already exists - to be managed via Terraform this resource needs to be imported/),
    ]);
  });
});

describe('keyvault_access_policy', () => {
  let vault: CtyObjectValue;
  beforeAll(async () => {
    vault = (await h.applyConfig('keyvault_vault', null, vaultConfig('unit-policies')))!;
  });

  test('validation: azurerm casing, UUIDs, a vault id', async () => {
    const res = await h.validate('keyvault_access_policy', {
      key_vault_id: '/subscriptions/x/resourceGroups/y',
      tenant_id: em.tenantId,
      object_id: 'not-a-uuid',
      secret_permissions: ['Get', 'get'],
      key_permissions: ['WrapKey', 'wrapkey'],
    });
    expect(errorPaths(res).sort()).toEqual(['key_permissions.1', 'key_vault_id', 'object_id', 'secret_permissions.1']);
    expect(errors(res).join('\n')).toMatch(/"secret_permissions" must be one of "Backup", "Delete", "Get", "List", "Purge", "Recover", "Restore", "Set", got "get"/);
  });

  test('create (add), no-op plan, drift, update (replace), import, delete (remove as stored)', async () => {
    const config = {
      key_vault_id: vault.id,
      tenant_id: em.tenantId,
      object_id: OTHER_PRINCIPAL,
      application_id: '55555555-5555-4555-8555-555555555555',
      secret_permissions: ['Get', 'List'],
      key_permissions: ['Get'],
    };
    const created = (await h.applyConfig('keyvault_access_policy', null, config))!;
    expect(created.id).toBe(`${vault.id}/objectId/${OTHER_PRINCIPAL}/applicationId/55555555-5555-4555-8555-555555555555`);
    const policies = () => arm('GET', vault.id as string).then((r) => r.json.properties.accessPolicies);
    expect(await policies()).toEqual([
      {
        tenantId: em.tenantId,
        objectId: OTHER_PRINCIPAL,
        applicationId: '55555555-5555-4555-8555-555555555555',
        permissions: { keys: ['Get'], secrets: ['Get', 'List'], certificates: [], storage: [] },
      },
    ]);
    let plan = await h.refreshAndPlan('keyvault_access_policy', created, config);
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual([]);

    // A permission removed outside Terraform: the plan puts it back in place.
    await arm('PUT', `${vault.id}/accessPolicies/remove`, {
      properties: { accessPolicies: [{ tenantId: em.tenantId, objectId: OTHER_PRINCIPAL, applicationId: '55555555-5555-4555-8555-555555555555', permissions: { secrets: ['List'] } }] },
    });
    plan = await h.refreshAndPlan('keyvault_access_policy', created, config);
    expect(plan.refreshed!.secret_permissions).toEqual(['Get']);
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual(['secret_permissions']);
    expect(plan.requiresReplace).toEqual([]);
    const updatedConfig = { ...config, secret_permissions: ['Get', 'List', 'Set'] };
    const updated = (await h.applyConfig('keyvault_access_policy', plan.refreshed, updatedConfig))!;
    expect((await policies())[0].permissions).toEqual({ keys: ['Get'], secrets: ['Get', 'List', 'Set'], certificates: [], storage: [] });

    // Import by id into a fresh state: the plan is empty.
    const imported = await h.importState('keyvault_access_policy', created.id as string);
    expect(imported.state).toEqual(updated);
    const clean = await h.plan('keyvault_access_policy', imported.state, h.config('keyvault_access_policy', updatedConfig));
    expect(changedAttributes(imported.state!, clean.planned!)).toEqual([]);

    expect(errors(await h.destroy('keyvault_access_policy', updated))).toEqual([]);
    expect(await policies()).toEqual([]);
    // Once the entry is gone (here: destroyed; likewise when removed outside Terraform) a refresh drops it from state.
    expect((await h.read('keyvault_access_policy', updated)).state).toBeNull();
  });

  test('an entry stored with other casing reads in azurerm casing and is removed exactly as stored', async () => {
    await arm('PUT', `${vault.id}/accessPolicies/add`, {
      properties: { accessPolicies: [{ tenantId: em.tenantId, objectId: OTHER_PRINCIPAL, permissions: { secrets: ['get', 'LIST'], keys: ['wrapkey'] } }] },
    });
    const imported = await h.importState('keyvault_access_policy', `${vault.id}/objectId/${OTHER_PRINCIPAL}`);
    expect(errors(imported)).toEqual([]);
    expect(imported.state).toMatchObject({ application_id: null, secret_permissions: ['Get', 'List'], key_permissions: ['WrapKey'], storage_permissions: null });
    expect(errors(await h.destroy('keyvault_access_policy', imported.state!))).toEqual([]);
    expect((await arm('GET', vault.id as string)).json.properties.accessPolicies).toEqual([]);
  });

  test('create finds the principal already granted', async () => {
    const config = { key_vault_id: vault.id, tenant_id: em.tenantId, object_id: OTHER_PRINCIPAL, secret_permissions: ['Get'] };
    const first = (await h.applyConfig('keyvault_access_policy', null, config))!;
    const cfg = h.config('keyvault_access_policy', config);
    const again = await h.apply('keyvault_access_policy', null, (await h.plan('keyvault_access_policy', null, cfg)).planned, cfg);
    expect(errors(again)).toEqual([expect.stringContaining(`A resource with the ID "${vault.id}/objectId/${OTHER_PRINCIPAL}" already exists`)]);
    await h.destroy('keyvault_access_policy', first);
  });
});

describe('keyvault_secret', () => {
  let vault: CtyObjectValue;
  let uri: string;
  beforeAll(async () => {
    vault = await vaultWithAccess('unit-secrets');
    uri = vault.vault_uri as string;
  });

  test('validation: name, dates, at most 15 tags', async () => {
    const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']));
    const res = await h.validate('keyvault_secret', { key_vault_id: vault.id, name: 'bad_name!', value: 'v', expiration_date: '2030-01-01', tags });
    expect(errorPaths(res).sort()).toEqual(['expiration_date', 'name', 'tags']);
    expect(errors(res).join('\n')).toMatch(/"name" may only contain alphanumeric characters and dashes, got "bad_name!"/);
  });

  test('create, no-op plan, PATCH in place, a new value is a new version in place, drift, import', async () => {
    const config = {
      key_vault_id: vault.id,
      name: 'db-password',
      value: 's3cr3t',
      content_type: 'text/plain',
      tags: { env: 'unit' },
      not_before_date: '2024-01-01T00:00:00Z',
      expiration_date: '2031-06-30T12:00:00+02:00',
    };
    const created = (await h.applyConfig('keyvault_secret', null, config))!;
    expect(created.id).toMatch(new RegExp(`^${uri}secrets/db-password/[0-9a-f]{32}$`));
    expect(created.versionless_id).toBe(`${uri}secrets/db-password`);
    expect(created.version).toBe((created.id as string).split('/').pop());
    expect(created.enabled).toBe(true);
    const remote = await dataPlane('GET', uri, '/secrets/db-password');
    expect(remote.json).toMatchObject({ value: 's3cr3t', contentType: 'text/plain', tags: { env: 'unit' }, attributes: { nbf: 1704067200, exp: 1940580000 } });

    let plan = await h.refreshAndPlan('keyvault_secret', created, config);
    expect(plan.refreshed).toEqual(created); // dates keep their spelling
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual([]);

    // Tags, content type, enabled: PATCH of the latest version, same version.
    const patched = { ...config, tags: { env: 'unit', owner: 'me' }, content_type: null, enabled: false };
    plan = await h.refreshAndPlan('keyvault_secret', created, patched);
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual(['content_type', 'enabled', 'tags']);
    const afterPatch = (await h.applyConfig('keyvault_secret', plan.refreshed, patched))!;
    expect(afterPatch.version).toBe(created.version);
    // A disabled secret cannot be read; its state still refreshes from the versions list.
    expect((await dataPlane('GET', uri, '/secrets/db-password')).json.error.innererror.code).toBe('SecretDisabled');
    plan = await h.refreshAndPlan('keyvault_secret', afterPatch, patched);
    expect(errors(plan)).toEqual([]);
    expect(plan.refreshed).toEqual(afterPatch);
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual([]);

    // A new value: an in-place update, the version becomes unknown, a new version is written.
    const newValue = { ...config, value: 'n3w' };
    plan = await h.refreshAndPlan('keyvault_secret', afterPatch, newValue);
    expect(plan.requiresReplace).toEqual([]);
    expect(isUnknown(plan.planned!.version)).toBe(true);
    expect(isUnknown(plan.planned!.id)).toBe(true);
    expect(plan.planned!.versionless_id).toBe(created.versionless_id);
    const rotated = (await h.applyConfig('keyvault_secret', plan.refreshed, newValue))!;
    expect(rotated.version).not.toBe(created.version);
    expect((await dataPlane('GET', uri, '/secrets/db-password')).json).toMatchObject({ value: 'n3w', contentType: 'text/plain', attributes: { enabled: true } });
    expect((await dataPlane('GET', uri, '/secrets/db-password/versions')).json.value).toHaveLength(2);

    // Drift: a value set outside Terraform (a new version) and tags changed outside Terraform.
    await dataPlane('PUT', uri, '/secrets/db-password', { value: 'changed-elsewhere', contentType: 'text/plain', tags: { env: 'other' } });
    plan = await h.refreshAndPlan('keyvault_secret', rotated, newValue);
    expect(plan.refreshed).toMatchObject({ value: 'changed-elsewhere', tags: { env: 'other' }, not_before_date: null, expiration_date: null });
    expect(changedAttributes(plan.refreshed!, plan.planned!)).toEqual(['expiration_date', 'id', 'not_before_date', 'tags', 'value', 'version']);
    const restored = (await h.applyConfig('keyvault_secret', plan.refreshed, newValue))!;
    expect((await dataPlane('GET', uri, '/secrets/db-password')).json.value).toBe('n3w');

    // Removing a date cannot be done with PATCH: a new version without it.
    const noDates = { ...newValue, not_before_date: null, expiration_date: null };
    plan = await h.refreshAndPlan('keyvault_secret', restored, noDates);
    expect(isUnknown(plan.planned!.version)).toBe(true);
    const dateless = (await h.applyConfig('keyvault_secret', plan.refreshed, noDates))!;
    expect((await dataPlane('GET', uri, '/secrets/db-password')).json.attributes.exp).toBeUndefined();

    // Import by the versioned URL into a fresh state: key_vault_id is found, the plan is empty.
    const imported = await h.importState('keyvault_secret', dateless.id as string);
    expect(errors(imported)).toEqual([]);
    expect(imported.state).toEqual(dateless);
    const clean = await h.plan('keyvault_secret', imported.state, h.config('keyvault_secret', noDates));
    expect(changedAttributes(imported.state!, clean.planned!)).toEqual([]);
    // Renaming replaces.
    expect((await h.plan('keyvault_secret', dateless, h.config('keyvault_secret', { ...noDates, name: 'db-password-2' }))).requiresReplace).toEqual(['name']);

    expect(errors(await h.destroy('keyvault_secret', dateless))).toEqual([]);
    expect((await dataPlane('GET', uri, '/deletedsecrets/db-password')).status).toBe(404); // purged
    expect((await h.read('keyvault_secret', dateless)).state).toBeNull();
  });

  test('soft delete: kept with purge_soft_deleted_secrets_on_destroy = false, recovered on create, or an error when recovery is off', async () => {
    const keep = new ProviderHarness();
    expect(errors(await keep.configure(providerSettings(em, { purge_soft_deleted_secrets_on_destroy: false, recover_soft_deleted_secrets: false })))).toEqual([]);
    const config = { key_vault_id: vault.id, name: 'recoverable', value: 'one' };
    const first = (await keep.applyConfig('keyvault_secret', null, config))!;
    expect(errors(await keep.destroy('keyvault_secret', first))).toEqual([]);
    expect((await dataPlane('GET', uri, '/deletedsecrets/recoverable')).status).toBe(200);

    const cfg = keep.config('keyvault_secret', config);
    const refused = await keep.apply('keyvault_secret', null, (await keep.plan('keyvault_secret', null, cfg)).planned, cfg);
    expect(errors(refused)).toEqual([
      expect.stringMatching(/Status=409 Code="Conflict" InnerError="ObjectIsDeletedButRecoverable" Message="Secret recoverable is currently in a deleted but recoverable state.*recover_soft_deleted_secrets = false/s),
    ]);
    expect(errorPaths(refused)).toEqual(['name']);

    const second = (await h.applyConfig('keyvault_secret', null, { ...config, value: 'two' }))!;
    const versions = (await dataPlane('GET', uri, '/secrets/recoverable/versions')).json.value;
    expect(versions).toHaveLength(2); // recovered, then the new value set
    expect((await dataPlane('GET', uri, '/secrets/recoverable')).json.value).toBe('two');
    await h.destroy('keyvault_secret', second);
  });

  test('purge protection: destroy leaves the secret soft-deleted', async () => {
    const protectedVault = await vaultWithAccess('unit-protected', { purge_protection_enabled: true });
    const s = (await h.applyConfig('keyvault_secret', null, { key_vault_id: protectedVault.id, name: 'kept', value: 'v' }))!;
    expect(errors(await h.destroy('keyvault_secret', s))).toEqual([]);
    expect((await dataPlane('GET', protectedVault.vault_uri as string, '/deletedsecrets/kept')).status).toBe(200);
  });

  test("the data plane's 403 is surfaced with Azure's message", async () => {
    const locked = (await h.applyConfig('keyvault_vault', null, vaultConfig('unit-locked')))!;
    const cfg = h.config('keyvault_secret', { key_vault_id: locked.id, name: 'nope', value: 'v' });
    const res = await h.apply('keyvault_secret', null, (await h.plan('keyvault_secret', null, cfg)).planned, cfg);
    expect(errors(res)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Failed to apply changes to keyvault_secret: reading secret "nope" in ${locked.vault_uri}: Status=403 Code="Forbidden" InnerError="AccessDenied" ` +
            `Message="The user, group or application 'appid=${em.devClient.clientId};oid=${em.devClient.objectId};iss=.*' does not have secrets get permission on key vault 'unit-locked;location=westeurope'`,
        ),
      ),
    ]);
  });

  test('create finds an existing secret; import of a URL no vault serves is an error', async () => {
    await dataPlane('PUT', uri, '/secrets/already', { value: 'x' });
    const cfg = h.config('keyvault_secret', { key_vault_id: vault.id, name: 'already', value: 'y' });
    const res = await h.apply('keyvault_secret', null, (await h.plan('keyvault_secret', null, cfg)).planned, cfg);
    expect(errors(res)).toEqual([expect.stringMatching(new RegExp(`A resource with the ID "${uri}secrets/already/[0-9a-f]{32}" already exists`))]);
    expect(errors(await h.importState('keyvault_secret', 'https://nowhere.vault.localhost:1/secrets/a/0123'))).toEqual([
      expect.stringMatching(/No Key Vault of subscription .* serves https:\/\/nowhere\.vault\.localhost:1/),
    ]);
  });
});

describe('data sources', () => {
  test('keyvault_secret (latest or a version) and keyvault_secrets', async () => {
    const vault = await vaultWithAccess('unit-data');
    const a1 = (await h.applyConfig('keyvault_secret', null, { key_vault_id: vault.id, name: 'a', value: 'one', tags: { k: 'v' }, expiration_date: '2030-01-01T00:00:00Z' }))!;
    const a2 = (await h.applyConfig('keyvault_secret', a1, { key_vault_id: vault.id, name: 'a', value: 'two', tags: { k: 'v' }, expiration_date: '2030-01-01T00:00:00Z' }))!;
    await h.applyConfig('keyvault_secret', null, { key_vault_id: vault.id, name: 'b', value: 'bee', enabled: false });

    const latest = await h.readData('keyvault_secret', { key_vault_id: vault.id, name: 'a' });
    expect(errors(latest)).toEqual([]);
    expect(latest.state).toEqual({
      key_vault_id: vault.id,
      name: 'a',
      version: null,
      value: 'two',
      id: a2.id,
      versionless_id: a2.versionless_id,
      content_type: null,
      tags: { k: 'v' },
      not_before_date: null,
      expiration_date: '2030-01-01T00:00:00Z',
      enabled: true,
    });
    const older = await h.readData('keyvault_secret', { key_vault_id: vault.id, name: 'a', version: a1.version });
    expect(older.state).toMatchObject({ value: 'one', id: a1.id, version: a1.version });
    const missing = await h.readData('keyvault_secret', { key_vault_id: vault.id, name: 'zzz' });
    expect(errors(missing)).toEqual([expect.stringMatching(/Key Vault Secret "zzz" \(Key Vault URI "https:\/\/unit-data\.vault\.localhost:\d+\/"\) does not exist/)]);
    expect(errorPaths(missing)).toEqual(['name']);

    const list = await h.readData('keyvault_secrets', { key_vault_id: vault.id });
    expect(errors(list)).toEqual([]);
    expect(list.state).toEqual({
      key_vault_id: vault.id,
      names: ['a', 'b'],
      secrets: [
        { id: a2.versionless_id, name: 'a', enabled: true, tags: { k: 'v' } },
        { id: `${vault.vault_uri}secrets/b`, name: 'b', enabled: false, tags: {} },
      ],
    });
  });
});
