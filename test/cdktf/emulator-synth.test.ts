/**
 * `target: 'emulator'`: the synthesized stack (snapshot) uses our provider's resources with
 * arguments its schema (provider/schema/keyvault.json, the document terraform is checked against)
 * declares as settable, every required one present.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, Testing } from '../../provider/cdktf/bindings/runtime';
import { committedPaths, KEYVAULT_SCHEMA_FILE } from '../../provider/cdktf/generate-all';
import type { SchemaBlock, SchemaDocument } from '../../provider/cdktf/schema-document';
import { KeyVault, SECRET_MANAGE } from '../../provider/constructs';
import { PROVIDER_SOURCE, PROVIDER_VERSION } from '../../provider/version';
import { META_ARGUMENTS } from './azurerm-4x-arguments';
import { removeTestApps, testApp } from './helpers';

afterAll(removeTestApps);

interface Synthesized {
  provider: Record<string, Array<Record<string, unknown>>>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
  terraform: { required_providers: Record<string, { source: string; version: string }> };
}

const schema = (
  JSON.parse(fs.readFileSync(path.join(committedPaths().schemaDir, KEYVAULT_SCHEMA_FILE), 'utf8')) as SchemaDocument
).provider_schemas[PROVIDER_SOURCE]!;

function emulatorStack(): Synthesized {
  const stack = new TerraformStack(testApp(), 'emulator');
  const vault = new KeyVault(stack, 'vault', {
    target: 'emulator',
    name: 'app-kv',
    resourceGroupName: 'rg-app',
    location: 'westeurope',
    softDeleteRetentionDays: 7,
    tags: { env: 'dev' },
    emulator: { endpoint: 'https://localhost:8443', caFile: '/tmp/ca.pem' },
  });
  vault.grant(vault.deployer, { secrets: SECRET_MANAGE });
  vault.grantSecretRead({ objectId: '3b6c7c1e-8d9a-4f5e-9b1a-2c3d4e5f6a7b', name: 'app' });
  vault.addSecret('db-password', {
    value: 's3cr3t',
    contentType: 'text/plain',
    tags: { owner: 'db' },
    notBefore: '2026-01-01T00:00:00Z',
    expiresOn: new Date(Date.UTC(2030, 0, 1, 12, 30, 15, 250)),
    enabled: false,
  });
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

/** Unknown, read-only and missing-required arguments of one synthesized block. */
function check(type: string, config: Record<string, unknown>, block: SchemaBlock, meta: string[]): string[] {
  const problems: string[] = [];
  const attributes = block.attributes ?? {};
  for (const name of Object.keys(config)) {
    const a = attributes[name];
    if (meta.includes(name)) continue;
    if (!a) problems.push(`${type}.${name} is not in the provider schema`);
    else if (a.computed && !a.optional && !a.required) problems.push(`${type}.${name} is read-only`);
  }
  for (const [name, a] of Object.entries(attributes)) if (a.required && !(name in config)) problems.push(`${type}.${name} is required`);
  return problems;
}

test('snapshot of the target: emulator stack', () => {
  expect(emulatorStack()).toMatchSnapshot();
});

test('every emitted argument is a settable argument of our provider schema, required ones present', () => {
  const synthesized = emulatorStack();
  const problems: string[] = [];
  for (const [type, resources] of Object.entries(synthesized.resource)) {
    const entry = schema.resource_schemas?.[type];
    if (!entry) problems.push(`${type} is not a resource of the provider`);
    else for (const config of Object.values(resources)) problems.push(...check(type, config, entry.block, META_ARGUMENTS));
  }
  for (const [type, sources] of Object.entries(synthesized.data)) {
    const entry = schema.data_source_schemas?.[type];
    if (!entry) problems.push(`data ${type} is not a data source of the provider`);
    else for (const config of Object.values(sources)) problems.push(...check(`data.${type}`, config, entry.block, META_ARGUMENTS));
  }
  const [provider] = synthesized.provider.keyvault!;
  problems.push(...check('provider', provider!, schema.provider.block, ['alias']));
  expect(problems).toEqual([]);
  expect(Object.keys(synthesized.resource).sort()).toEqual(['keyvault_access_policy', 'keyvault_secret', 'keyvault_vault']);
});

test('the provider block points at the emulator and spells the soft-delete features as flat flags', () => {
  const [provider] = emulatorStack().provider.keyvault!;
  expect(provider).toEqual({
    endpoint: 'https://localhost:8443',
    ca_file: '/tmp/ca.pem',
    purge_soft_delete_on_destroy: false,
    recover_soft_deleted_key_vaults: true,
    purge_soft_deleted_secrets_on_destroy: false,
    recover_soft_deleted_secrets: true,
  });
  expect(emulatorStack().terraform.required_providers.keyvault).toEqual({ source: PROVIDER_SOURCE, version: PROVIDER_VERSION });
});

test('credentials are left to the environment unless given', () => {
  const stack = new TerraformStack(testApp(), 'env');
  new KeyVault(stack, 'vault', { target: 'emulator', name: 'kv-env', resourceGroupName: 'rg', location: 'westeurope' });
  const [provider] = (JSON.parse(Testing.synth(stack)) as Synthesized).provider.keyvault!;
  expect(Object.keys(provider!).filter((k) => !k.includes('soft_delete'))).toEqual([]);
});

test('dates are RFC 3339 in whole seconds, and a disabled secret is kept on the emulator', () => {
  const [secret] = Object.values(emulatorStack().resource.keyvault_secret!);
  expect(secret).toMatchObject({ not_before_date: '2026-01-01T00:00:00Z', expiration_date: '2030-01-01T12:30:15Z', enabled: false });
});
