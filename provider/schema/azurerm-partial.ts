/**
 * A curated, partial `terraform providers schema -json` document of the
 * hashicorp/azurerm provider, 4.x line: only what the KeyVault construct emits
 * for `target: 'azure'`. CDKTF bindings are generated from it with the same
 * generator as our own provider's (`npm run generate`), so the construct is
 * type-checked against azurerm's argument names instead of going through
 * untyped escape hatches, without the ~100 MB prebuilt @cdktf/provider-azurerm
 * and without the network.
 *
 * Source of every name, type and Required/Optional/Computed flag:
 * /work/shared/reference/management-plane-and-identity.md
 *   §1.1 `azurerm_key_vault` (argument table, `access_policy`, `network_acls`, timeouts),
 *   §1.2 `azurerm_key_vault_access_policy`,
 *   §1.3 `azurerm_key_vault_secret`,
 *   §1.5 provider `features { key_vault { ... } }` (all Optional bools),
 *   §1.6 `data.azurerm_client_config` (`object_id` from the token's `oid`),
 * which cite hashicorp/terraform-provider-azurerm @69697b7 and v4.81.0
 * (`website/docs/r/key_vault*.html.markdown`, `internal/services/keyvault/*`,
 * `website/docs/guides/features-block.html.markdown`).
 * Two names are not in that reference and come from azurerm's own docs:
 *   - provider `subscription_id`: Optional in the schema; 4.0 made a subscription
 *     mandatory, from this argument or $ARM_SUBSCRIPTION_ID (`website/docs/index.html.markdown`);
 *   - `azurerm_client_config`'s attributes `client_id`, `tenant_id`, `subscription_id`,
 *     `object_id` (`website/docs/d/client_config.html.markdown`).
 *
 * Shape notes (how the SDKv2 schema appears in `terraform providers schema -json`):
 *   - `id` of an SDKv2 resource is Optional+Computed;
 *   - `access_policy` on the vault uses `ConfigMode: Attr`, so it is an attribute
 *     of type list(object), not a block;
 *   - `timeouts` is a `single` block with create/read/update/delete strings;
 *   - defaults (90 days, `true` feature flags) are not part of the JSON schema;
 *   - schema `version` numbers (state upgrades) are not reproduced: all 0, the
 *     generator ignores them.
 *
 * Deliberately left out: every other azurerm resource, data source and
 * provider argument, and the `features` sub-blocks other than `key_vault`.
 * The version constraint below needs 4.42+ because the construct emits
 * `rbac_authorization_enabled` (added in 4.42.0, PR #29886), and stays below 5
 * (5.0 removes `enable_rbac_authorization` and `contact`, and makes
 * `rbac_authorization_enabled` Required).
 */
import type { SchemaAttribute, SchemaBlock, SchemaDocument, SchemaNestedBlock } from '../cdktf/schema-document';

export const AZURERM_SOURCE = 'registry.terraform.io/hashicorp/azurerm';
export const AZURERM_VERSION_CONSTRAINT = '>= 4.42.0, < 5.0.0';

const str = (description: string, flags: Omit<SchemaAttribute, 'type' | 'description'>): SchemaAttribute => ({
  type: 'string',
  description,
  description_kind: 'plain',
  ...flags,
});
const bool = (description: string, flags: Omit<SchemaAttribute, 'type' | 'description'> = { optional: true }): SchemaAttribute => ({
  type: 'bool',
  description,
  description_kind: 'plain',
  ...flags,
});
const stringList = (description: string): SchemaAttribute => ({
  type: ['list', 'string'],
  description,
  description_kind: 'plain',
  optional: true,
});
const tags = (description: string): SchemaAttribute => ({ type: ['map', 'string'], description, description_kind: 'plain', optional: true });
const sdkId: SchemaAttribute = { type: 'string', description_kind: 'plain', optional: true, computed: true };

function timeouts(...operations: Array<'create' | 'read' | 'update' | 'delete'>): SchemaNestedBlock {
  const attributes: Record<string, SchemaAttribute> = {};
  for (const op of [...operations].sort()) attributes[op] = { type: 'string', description_kind: 'plain', optional: true };
  return { nesting_mode: 'single', block: { attributes, description_kind: 'plain' } };
}

const PERMISSIONS =
  'PascalCase, case-sensitive, sent to ARM as typed (§1.1 "Permission value sets").';

const keyVaultFeatures: SchemaBlock = {
  attributes: Object.fromEntries(
    [
      ['purge_soft_delete_on_destroy', 'Purge azurerm_key_vault after delete (skipped if purge protection). Default true.'],
      ['purge_soft_deleted_certificates_on_destroy', 'Purge certificates after delete. Default true.'],
      ['purge_soft_deleted_hardware_security_module_keys_on_destroy', 'Purge Managed HSM keys after delete. Default true.'],
      ['purge_soft_deleted_hardware_security_modules_on_destroy', 'Purge Managed HSMs after delete. Default true.'],
      ['purge_soft_deleted_keys_on_destroy', 'Purge keys after delete. Default true.'],
      ['purge_soft_deleted_secrets_on_destroy', 'Purge secrets after delete (skipped if the vault has purge protection). Default true.'],
      ['recover_soft_deleted_certificates', 'Recover a soft-deleted certificate instead of failing. Default true.'],
      ['recover_soft_deleted_hardware_security_module_keys', 'Recover a soft-deleted Managed HSM key instead of failing. Default true.'],
      ['recover_soft_deleted_key_vaults', 'On create, recover a soft-deleted vault of the same name and location (createMode "recover"). Default true.'],
      ['recover_soft_deleted_keys', 'Recover a soft-deleted key instead of failing. Default true.'],
      ['recover_soft_deleted_secrets', 'On a 409 from SetSecret, recover the soft-deleted secret and set it again. Default true.'],
    ].map(([name, description]) => [name!, bool(description!)]),
  ),
  description_kind: 'plain',
};

const provider: SchemaBlock = {
  attributes: {
    subscription_id: str('The Subscription ID to use; falls back to $ARM_SUBSCRIPTION_ID (required from one of the two since 4.0).', {
      optional: true,
    }),
  },
  block_types: {
    features: {
      nesting_mode: 'list',
      block: {
        block_types: { key_vault: { nesting_mode: 'list', block: keyVaultFeatures, max_items: 1 } },
        description_kind: 'plain',
      },
      min_items: 1,
      max_items: 1,
    },
  },
  description_kind: 'plain',
};

const keyVault: SchemaBlock = {
  attributes: {
    access_policy: {
      type: [
        'list',
        [
          'object',
          {
            application_id: 'string',
            certificate_permissions: ['list', 'string'],
            key_permissions: ['list', 'string'],
            object_id: 'string',
            secret_permissions: ['list', 'string'],
            storage_permissions: ['list', 'string'],
            tenant_id: 'string',
          },
        ],
      ],
      description: 'Inline access policies (ConfigMode Attr, max 1024); conflicts with azurerm_key_vault_access_policy on the same vault.',
      description_kind: 'plain',
      optional: true,
      computed: true,
    },
    enable_rbac_authorization: bool('Deprecated alias of rbac_authorization_enabled (removed in 5.0).', {
      optional: true,
      computed: true,
      deprecated: true,
    }),
    enabled_for_deployment: bool('Allow Azure VMs to retrieve certificates stored as secrets.'),
    enabled_for_disk_encryption: bool('Allow Azure Disk Encryption to retrieve secrets and unwrap keys.'),
    enabled_for_template_deployment: bool('Allow Azure Resource Manager to retrieve secrets.'),
    id: sdkId,
    location: str('Azure region; ForceNew.', { required: true }),
    name: str('Vault name: ^[a-zA-Z0-9-]{3,24}$, starts with a letter, ends with a letter or digit, no "--"; ForceNew.', {
      required: true,
    }),
    public_network_access_enabled: bool('Whether public network access is allowed. Default true.'),
    purge_protection_enabled: bool('Purge protection; cannot be turned off once on.'),
    rbac_authorization_enabled: bool('Authorize data actions with Azure RBAC instead of access policies (4.42+).', {
      optional: true,
      computed: true,
    }),
    resource_group_name: str('Resource group of the vault; ForceNew.', { required: true }),
    sku_name: str('standard or premium (case-sensitive).', { required: true }),
    soft_delete_retention_days: {
      type: 'number',
      description: 'Days soft-deleted items are kept: 7 to 90, default 90; cannot change once set.',
      description_kind: 'plain',
      optional: true,
    },
    tags: tags('Resource tags.'),
    tenant_id: str('Tenant ID (UUID) that authenticates requests to the vault.', { required: true }),
    vault_uri: str('Data-plane URI of the vault.', { computed: true }),
  },
  block_types: {
    contact: {
      nesting_mode: 'set',
      block: {
        attributes: {
          email: str('Contact e-mail.', { required: true }),
          name: str('Contact name.', { optional: true }),
          phone: str('Contact phone.', { optional: true }),
        },
        description_kind: 'plain',
        deprecated: true,
      },
    },
    network_acls: {
      nesting_mode: 'list',
      block: {
        attributes: {
          bypass: str('AzureServices or None.', { required: true }),
          default_action: str('Allow or Deny.', { required: true }),
          ip_rules: { type: ['set', 'string'], description: 'IPv4 addresses or CIDR ranges.', description_kind: 'plain', optional: true },
          virtual_network_subnet_ids: { type: ['set', 'string'], description: 'Subnet IDs.', description_kind: 'plain', optional: true },
        },
        description_kind: 'plain',
      },
      max_items: 1,
    },
    timeouts: timeouts('create', 'read', 'update', 'delete'),
  },
  description_kind: 'plain',
};

const keyVaultSecret: SchemaBlock = {
  attributes: {
    content_type: str('Content type of the secret (always sent; empty when unset).', { optional: true }),
    expiration_date: str('Expiry, RFC3339 (data-plane attributes.exp).', { optional: true }),
    id: sdkId,
    key_vault_id: str('ARM ID of the vault; ForceNew.', { required: true }),
    name: str('Secret name: ^[0-9a-zA-Z-]+$; ForceNew.', { required: true }),
    not_before_date: str('Not-before time, RFC3339 (data-plane attributes.nbf).', { optional: true }),
    resource_id: str('ARM ID of this secret version.', { computed: true }),
    resource_versionless_id: str('ARM ID of the secret.', { computed: true }),
    tags: tags('Tags, at most 15.'),
    value: str('The secret value; exactly one of value and value_wo. Stored in state.', { optional: true, sensitive: true }),
    value_wo: str('Write-only value (4.23+), never stored in state; needs value_wo_version.', {
      optional: true,
      sensitive: true,
      write_only: true,
    }),
    value_wo_version: {
      type: 'number',
      description: 'Bump to push a new value_wo (>= 1).',
      description_kind: 'plain',
      optional: true,
    },
    version: str('32-hex version of the secret.', { computed: true }),
    versionless_id: str('Data-plane URL of the secret without version.', { computed: true }),
  },
  block_types: { timeouts: timeouts('create', 'read', 'update', 'delete') },
  description_kind: 'plain',
};

const keyVaultAccessPolicy: SchemaBlock = {
  attributes: {
    application_id: str('Application ID (UUID) of a compound identity; ForceNew.', { optional: true }),
    certificate_permissions: stringList(`Certificate permissions, ${PERMISSIONS}`),
    id: sdkId,
    key_permissions: stringList(`Key permissions, ${PERMISSIONS}`),
    key_vault_id: str('ARM ID of the vault; ForceNew.', { required: true }),
    object_id: str('Object ID (UUID) of the principal; ForceNew.', { required: true }),
    secret_permissions: stringList(`Secret permissions, ${PERMISSIONS}`),
    storage_permissions: stringList(`Storage permissions, ${PERMISSIONS}`),
    tenant_id: str('Tenant ID (UUID) of the principal; ForceNew.', { required: true }),
  },
  block_types: { timeouts: timeouts('create', 'read', 'update', 'delete') },
  description_kind: 'plain',
};

const clientConfig: SchemaBlock = {
  attributes: {
    client_id: str('Client ID of the principal Terraform runs as.', { computed: true }),
    id: sdkId,
    object_id: str('Object ID of the principal Terraform runs as (the token\'s oid).', { computed: true }),
    subscription_id: str('Subscription ID in use.', { computed: true }),
    tenant_id: str('Tenant ID of the principal.', { computed: true }),
  },
  block_types: { timeouts: timeouts('read') },
  description_kind: 'plain',
};

export const azurermPartialSchema: SchemaDocument = {
  format_version: '1.0',
  provider_schemas: {
    [AZURERM_SOURCE]: {
      provider: { version: 0, block: provider },
      resource_schemas: {
        azurerm_key_vault: { version: 0, block: keyVault },
        azurerm_key_vault_access_policy: { version: 0, block: keyVaultAccessPolicy },
        azurerm_key_vault_secret: { version: 0, block: keyVaultSecret },
      },
      data_source_schemas: {
        azurerm_client_config: { version: 0, block: clientConfig },
      },
    },
  },
};
