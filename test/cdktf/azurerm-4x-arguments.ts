/**
 * azurerm 4.x arguments of the three Key Vault resources, the client-config data source and the
 * provider's `features { key_vault { … } }` block, transcribed independently of
 * provider/schema/azurerm-partial.ts from /work/shared/reference/management-plane-and-identity.md
 * (§1.1 azurerm_key_vault, §1.2 azurerm_key_vault_access_policy, §1.3 azurerm_key_vault_secret,
 * §1.5 features block, §1.6 client config). Tests check the curated schema and every synthesized
 * `target: 'azure'` stack against it.
 */

export interface ArgumentList {
  required: string[];
  optional: string[];
  /** Read-only attributes (never set in configuration; `id` is Optional+Computed in SDKv2 schemas but never an argument). */
  computed: string[];
  /** Nested blocks and their own argument lists. */
  blocks: Record<string, { required: string[]; optional: string[] }>;
}

const TIMEOUTS = { required: [], optional: ['create', 'read', 'update', 'delete'] };

export const AZURERM_4X: Record<'azurerm_key_vault' | 'azurerm_key_vault_secret' | 'azurerm_key_vault_access_policy' | 'azurerm_client_config', ArgumentList> = {
  azurerm_key_vault: {
    required: ['name', 'location', 'resource_group_name', 'sku_name', 'tenant_id'],
    optional: [
      'rbac_authorization_enabled',
      'enable_rbac_authorization',
      'access_policy',
      'enabled_for_deployment',
      'enabled_for_disk_encryption',
      'enabled_for_template_deployment',
      'public_network_access_enabled',
      'purge_protection_enabled',
      'soft_delete_retention_days',
      'tags',
    ],
    computed: ['id', 'vault_uri'],
    blocks: {
      network_acls: { required: ['bypass', 'default_action'], optional: ['ip_rules', 'virtual_network_subnet_ids'] },
      contact: { required: ['email'], optional: ['name', 'phone'] },
      timeouts: TIMEOUTS,
    },
  },
  azurerm_key_vault_access_policy: {
    required: ['key_vault_id', 'tenant_id', 'object_id'],
    optional: ['application_id', 'certificate_permissions', 'key_permissions', 'secret_permissions', 'storage_permissions'],
    computed: ['id'],
    blocks: { timeouts: TIMEOUTS },
  },
  azurerm_key_vault_secret: {
    required: ['name', 'key_vault_id'],
    optional: ['value', 'value_wo', 'value_wo_version', 'content_type', 'not_before_date', 'expiration_date', 'tags'],
    computed: ['id', 'version', 'versionless_id', 'resource_id', 'resource_versionless_id'],
    blocks: { timeouts: TIMEOUTS },
  },
  azurerm_client_config: {
    required: [],
    optional: [],
    computed: ['id', 'client_id', 'tenant_id', 'subscription_id', 'object_id'],
    blocks: { timeouts: { required: [], optional: ['read'] } },
  },
};

/** §1.5: all Optional bools, default true. */
export const AZURERM_4X_KEY_VAULT_FEATURES = [
  'purge_soft_delete_on_destroy',
  'recover_soft_deleted_key_vaults',
  'purge_soft_deleted_secrets_on_destroy',
  'recover_soft_deleted_secrets',
  'purge_soft_deleted_keys_on_destroy',
  'recover_soft_deleted_keys',
  'purge_soft_deleted_certificates_on_destroy',
  'recover_soft_deleted_certificates',
  'purge_soft_deleted_hardware_security_modules_on_destroy',
  'purge_soft_deleted_hardware_security_module_keys_on_destroy',
  'recover_soft_deleted_hardware_security_module_keys',
];

/** Terraform meta-arguments, valid on every resource and data source. */
export const META_ARGUMENTS = ['provider', 'depends_on', 'count', 'for_each', 'lifecycle', 'provisioner', 'connection'];

/**
 * Problems of one synthesized resource against its argument list: unknown arguments, read-only
 * attributes set, missing required arguments, and the same inside nested blocks.
 */
export function checkArguments(type: string, config: Record<string, unknown>, list: ArgumentList): string[] {
  const problems: string[] = [];
  const known = new Set([...list.required, ...list.optional, ...Object.keys(list.blocks), ...META_ARGUMENTS]);
  for (const [name, value] of Object.entries(config)) {
    if (list.computed.includes(name)) problems.push(`${type}.${name} is read-only`);
    else if (!known.has(name)) problems.push(`${type}.${name} is not an azurerm 4.x argument`);
    const block = list.blocks[name];
    if (block) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const fields = item as Record<string, unknown>;
        for (const field of Object.keys(fields)) {
          if (![...block.required, ...block.optional].includes(field)) problems.push(`${type}.${name}.${field} is not an azurerm 4.x argument`);
        }
        for (const field of block.required) if (!(field in fields)) problems.push(`${type}.${name}.${field} is required`);
      }
    }
  }
  for (const name of list.required) if (!(name in config)) problems.push(`${type}.${name} is required`);
  return problems;
}
