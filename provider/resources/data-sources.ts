/**
 * Data sources, like azurerm's (reference §1.4):
 *   keyvault_secret         one secret (latest version, or `version`), value included
 *   keyvault_secrets        the names and metadata of a vault's secrets
 *   keyvault_client_config  who the provider acts as, like azurerm_client_config,
 *                           so a configuration can grant its own principal access
 */
import { attr, DiagnosticError } from '../core/diagnostics';
import { defineDataSource } from '../framework/definitions';
import { stringMatches } from '../framework/validators';
import type { KeyvaultClient } from '../client';
import { parseSecretId, VAULT_ID_FORMAT } from '../client/ids';
import type { KeyvaultProviderData } from '../keyvault-provider';
import { clientOf, dateFromUnix, secretName, vaultIdValidator } from './common';

async function vaultData(client: KeyvaultClient, keyVaultId: string, signal: AbortSignal) {
  const uri = await client.vaultUri(keyVaultId, signal);
  if (!uri) throw new DiagnosticError('Key Vault not found', { detail: `The Key Vault "${keyVaultId}" does not exist.`, path: [attr('key_vault_id')] });
  return client.secrets(uri);
}

const secretSchema = {
  description: 'Reads a secret, like the azurerm_key_vault_secret data source.',
  attributes: {
    name: { type: 'string', required: true, validators: [secretName], description: 'Secret name.' },
    key_vault_id: { type: 'string', required: true, validators: [vaultIdValidator], description: `ARM id of the vault (${VAULT_ID_FORMAT}).` },
    version: {
      type: 'string',
      optional: true,
      validators: [stringMatches(/^[0-9a-fA-F]{32}$/, 'be a version id of 32 hex characters')],
      description: 'A version to read instead of the latest.',
    },
    value: { type: 'string', computed: true, sensitive: true, description: 'The secret value.' },
    id: { type: 'string', computed: true, description: 'Versioned URL of the version read.' },
    versionless_id: { type: 'string', computed: true, description: 'URL of the secret without a version.' },
    content_type: { type: 'string', computed: true, description: 'Content type (null when none).' },
    tags: { type: ['map', 'string'], computed: true, description: 'Tags ({} when none).' },
    not_before_date: { type: 'string', computed: true, description: 'RFC 3339 not-before date-time (null when none).' },
    expiration_date: { type: 'string', computed: true, description: 'RFC 3339 expiry date-time (null when none).' },
    enabled: { type: 'bool', computed: true, description: 'Whether the version is enabled.' },
  },
} as const;

export const secretDataSource = defineDataSource<typeof secretSchema, KeyvaultProviderData>({
  typeName: 'keyvault_secret',
  schema: secretSchema,
  async read({ config, provider, signal }) {
    const secrets = await vaultData(clientOf(provider), config.key_vault_id!, signal);
    const bundle = await secrets.getSecret(config.name!, config.version ?? undefined, signal);
    if (!bundle) {
      throw new DiagnosticError('Secret not found', {
        detail: `Key Vault Secret "${config.name}"${config.version ? ` version "${config.version}"` : ''} (Key Vault URI "${secrets.base}/") does not exist.`,
        path: [attr('name')],
      });
    }
    const parsed = parseSecretId(bundle.id);
    return {
      value: bundle.value ?? '',
      id: bundle.id,
      versionless_id: parsed ? `${parsed.origin}/secrets/${parsed.name}` : bundle.id,
      content_type: bundle.contentType ? bundle.contentType : null,
      tags: { ...(bundle.tags ?? {}) },
      not_before_date: bundle.attributes?.nbf !== undefined ? dateFromUnix(bundle.attributes.nbf) : null,
      expiration_date: bundle.attributes?.exp !== undefined ? dateFromUnix(bundle.attributes.exp) : null,
      enabled: bundle.attributes?.enabled !== false,
    };
  },
});

const secretsSchema = {
  description: "Lists a vault's secrets (names and metadata, no values), like the azurerm_key_vault_secrets data source.",
  attributes: {
    key_vault_id: { type: 'string', required: true, validators: [vaultIdValidator], description: `ARM id of the vault (${VAULT_ID_FORMAT}).` },
    names: { type: ['list', 'string'], computed: true, description: 'Names of the secrets, sorted.' },
    secrets: {
      type: ['list', ['object', { id: 'string', name: 'string', enabled: 'bool', tags: ['map', 'string'] }]],
      computed: true,
      description: 'The secrets: versionless id, name, enabled, tags.',
    },
  },
} as const;

export const secretsDataSource = defineDataSource<typeof secretsSchema, KeyvaultProviderData>({
  typeName: 'keyvault_secrets',
  schema: secretsSchema,
  async read({ config, provider, signal }) {
    const secrets = await vaultData(clientOf(provider), config.key_vault_id!, signal);
    const items = (await secrets.listSecrets(signal))
      .map((item) => ({
        id: item.id,
        name: parseSecretId(item.id)?.name ?? item.id,
        enabled: item.attributes?.enabled !== false,
        tags: { ...(item.tags ?? {}) },
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { names: items.map((i) => i.name), secrets: items };
  },
});

const clientConfigSchema = {
  description: 'The principal the provider acts as, like azurerm_client_config (object_id comes from its token).',
  attributes: {
    tenant_id: { type: 'string', computed: true, description: 'Tenant of the principal.' },
    client_id: { type: 'string', computed: true, description: 'Client (application) id of the principal ("" without credentials).' },
    object_id: { type: 'string', computed: true, description: 'Object id of the principal ("" without credentials, against --auth none).' },
    subscription_id: { type: 'string', computed: true, description: 'The subscription the provider creates vaults in.' },
  },
} as const;

export const clientConfigDataSource = defineDataSource<typeof clientConfigSchema, KeyvaultProviderData>({
  typeName: 'keyvault_client_config',
  schema: clientConfigSchema,
  async read({ provider, signal }) {
    const client = clientOf(provider);
    const identity = await client.identity(signal);
    return {
      tenant_id: identity.tenantId,
      client_id: identity.clientId,
      object_id: identity.objectId,
      subscription_id: client.subscriptionId,
    };
  },
});
