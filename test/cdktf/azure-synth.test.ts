/**
 * `target: 'azure'`: the synthesized stack (snapshot) uses only azurerm 4.x arguments, with every
 * required one present; the curated partial azurerm schema the bindings come from agrees with the
 * same independently transcribed argument list.
 */
import { TerraformStack, Testing } from '../../provider/cdktf/bindings/runtime';
import type { SchemaBlock } from '../../provider/cdktf/schema-document';
import { KeyVault, SECRET_MANAGE } from '../../provider/constructs';
import { AZURERM_SOURCE, azurermPartialSchema } from '../../provider/schema/azurerm-partial';
import { AZURERM_4X, AZURERM_4X_KEY_VAULT_FEATURES, checkArguments, META_ARGUMENTS, type ArgumentList } from './azurerm-4x-arguments';
import { removeTestApps, testApp } from './helpers';

afterAll(removeTestApps);

const APP_OBJECT_ID = '3b6c7c1e-8d9a-4f5e-9b1a-2c3d4e5f6a7b';

interface Synthesized {
  provider: Record<string, Array<Record<string, unknown>>>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
  terraform: { required_providers: Record<string, { source: string; version: string }> };
}

/** Everything the construct can emit for Azure: every optional prop set. */
function fullAzureStack(): Synthesized {
  const stack = new TerraformStack(testApp(), 'azure');
  const vault = new KeyVault(stack, 'vault', {
    target: 'azure',
    name: 'contoso-app-kv',
    resourceGroupName: 'rg-contoso',
    location: 'westeurope',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    skuName: 'premium',
    softDeleteRetentionDays: 30,
    tags: { env: 'prod' },
    publicNetworkAccessEnabled: true,
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: ['203.0.113.7/32'], virtualNetworkSubnetIds: [] },
    softDelete: { purgeSoftDeletedSecretsOnDestroy: true },
    azure: { subscriptionId: '00000000-0000-0000-0000-0000000000aa' },
  });
  vault.grant(vault.deployer, { secrets: SECRET_MANAGE, keys: ['Get'], certificates: ['Get'], storage: ['Get'] });
  vault.grantSecretRead({ objectId: APP_OBJECT_ID, name: 'app', applicationId: '5d0f6e1a-0b2c-4d3e-8f9a-1b2c3d4e5f60' });
  vault.addSecret('db-password', {
    value: 's3cr3t',
    contentType: 'text/plain',
    tags: { owner: 'db' },
    notBefore: new Date('2026-01-01T00:00:00.000Z'),
    expiresOn: '2030-01-01T00:00:00Z',
  });
  vault.addSecret('plain', { value: 'v' });
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

test('snapshot of the target: azure stack', () => {
  expect(fullAzureStack()).toMatchSnapshot();
});

test('every emitted argument is an azurerm 4.x argument of its resource, and the required ones are present', () => {
  const synthesized = fullAzureStack();
  const problems: string[] = [];
  const seen: string[] = [];
  for (const [type, resources] of [...Object.entries(synthesized.resource), ...Object.entries(synthesized.data)]) {
    const list = AZURERM_4X[type as keyof typeof AZURERM_4X];
    if (!list) {
      problems.push(`${type} is not one of the resources the construct may emit`);
      continue;
    }
    for (const config of Object.values(resources)) problems.push(...checkArguments(type, config, list));
    seen.push(type);
  }
  expect(problems).toEqual([]);
  expect(seen.sort()).toEqual(['azurerm_client_config', 'azurerm_key_vault', 'azurerm_key_vault_access_policy', 'azurerm_key_vault_secret']);
});

test('the azurerm provider block carries features { key_vault { … } } with known flags only', () => {
  const [provider] = fullAzureStack().provider.azurerm!;
  expect(Object.keys(provider!).sort()).toEqual(['features', 'subscription_id']);
  const keyVault = (provider!.features as { key_vault: Record<string, boolean> }).key_vault;
  expect(Object.keys(keyVault).filter((k) => !AZURERM_4X_KEY_VAULT_FEATURES.includes(k))).toEqual([]);
  expect(keyVault).toEqual({
    purge_soft_delete_on_destroy: false,
    recover_soft_deleted_key_vaults: true,
    purge_soft_deleted_secrets_on_destroy: true,
    recover_soft_deleted_secrets: true,
  });
});

test('required_providers pins azurerm to the 4.x versions that have rbac_authorization_enabled', () => {
  expect(fullAzureStack().terraform.required_providers.azurerm).toEqual({
    source: 'registry.terraform.io/hashicorp/azurerm',
    version: '>= 4.42.0, < 5.0.0',
  });
});

test('the access-policy model is explicit and the secure defaults are set', () => {
  const stack = new TerraformStack(testApp(), 'defaults');
  new KeyVault(stack, 'vault', { target: 'azure', name: 'kv-defaults', resourceGroupName: 'rg', location: 'westeurope' });
  const synthesized = JSON.parse(Testing.synth(stack)) as Synthesized;
  const [vault] = Object.values(synthesized.resource.azurerm_key_vault!);
  expect(vault).toMatchObject({
    purge_protection_enabled: true,
    soft_delete_retention_days: 90,
    rbac_authorization_enabled: false,
    sku_name: 'standard',
    tenant_id: '${data.azurerm_client_config.azurerm-client-config.tenant_id}',
  });
  expect(vault).not.toHaveProperty('network_acls');
  expect(vault).not.toHaveProperty('public_network_access_enabled');
});

/** The argument list a schema block declares, classified like the reference tables. */
function listOf(block: SchemaBlock): ArgumentList {
  const list: ArgumentList = { required: [], optional: [], computed: [], blocks: {} };
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.required) list.required.push(name);
    else if (name === 'id' || (a.computed && !a.optional)) list.computed.push(name);
    else list.optional.push(name);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const inner = listOf(nested.block);
    list.blocks[name] = { required: inner.required.sort(), optional: inner.optional.sort() };
  }
  list.required.sort();
  list.optional.sort();
  list.computed.sort();
  return list;
}

function sorted(list: ArgumentList): ArgumentList {
  return {
    required: [...list.required].sort(),
    optional: [...list.optional].sort(),
    computed: [...list.computed].sort(),
    blocks: Object.fromEntries(
      Object.entries(list.blocks).map(([k, b]) => [k, { required: [...b.required].sort(), optional: [...b.optional].sort() }]),
    ),
  };
}

test('the curated azurerm schema declares exactly the reference arguments', () => {
  const schemas = azurermPartialSchema.provider_schemas[AZURERM_SOURCE]!;
  for (const type of ['azurerm_key_vault', 'azurerm_key_vault_secret', 'azurerm_key_vault_access_policy'] as const) {
    expect({ type, ...listOf(schemas.resource_schemas![type]!.block) }).toEqual({ type, ...sorted(AZURERM_4X[type]) });
  }
  expect(listOf(schemas.data_source_schemas!.azurerm_client_config!.block)).toEqual(sorted(AZURERM_4X.azurerm_client_config));
  const features = schemas.provider.block.block_types!.features!;
  expect(features).toMatchObject({ nesting_mode: 'list', min_items: 1, max_items: 1 });
  expect(Object.keys(features.block.block_types!.key_vault!.block.attributes!).sort()).toEqual([...AZURERM_4X_KEY_VAULT_FEATURES].sort());
  expect(META_ARGUMENTS).toContain('provider');
});
