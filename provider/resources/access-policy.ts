/**
 * keyvault_access_policy: one access-policy entry of a vault, like
 * azurerm_key_vault_access_policy (reference §1.2). The entry is identified by
 * object id + application id (case-insensitively, as ARM matches them); the
 * Terraform id is `{vaultId}/objectId/{objectId}[/applicationId/{applicationId}]`.
 *
 *   create   read the vault (an entry for the principal must not exist) → accessPolicies/add
 *   update   accessPolicies/replace with the whole entry
 *   delete   read the vault → accessPolicies/remove with the entry exactly as stored
 *            (ARM matches permissions case-sensitively on remove)
 */
import { DiagnosticError } from '../core/diagnostics';
import { defineResource, gone } from '../framework/definitions';
import { eachElement, isUuid, oneOf } from '../framework/validators';
import type { ArmAccessPolicy, ArmVault } from '../client/arm';
import { ACCESS_POLICY_ID_FORMAT, formatAccessPolicyId, parseAccessPolicyId, parseVaultId, VAULT_ID_FORMAT, type VaultId } from '../client/ids';
import type { KeyvaultProviderData } from '../keyvault-provider';
import {
  alreadyExists,
  badImportId,
  clientOf,
  keepSpelling,
  PERMISSION_LISTS,
  PERMISSIONS,
  permissionsFromRemote,
  sameText,
  vaultIdValidator,
  type PermissionAttribute,
} from './common';

const permissionList = (attribute: PermissionAttribute, what: string) =>
  ({
    type: ['list', 'string'],
    optional: true,
    validators: [eachElement(oneOf(PERMISSIONS[attribute]))],
    description: `${what} permissions: ${PERMISSIONS[attribute].join(', ')} (azurerm's casing).`,
  }) as const;

const schema = {
  description: "One access-policy entry of a vault, like azurerm_key_vault_access_policy. Don't manage the same principal twice.",
  attributes: {
    id: { type: 'string', computed: true, description: `Terraform id: ${ACCESS_POLICY_ID_FORMAT}.` },
    key_vault_id: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [vaultIdValidator],
      description: `ARM id of the vault (${VAULT_ID_FORMAT}).`,
    },
    tenant_id: { type: 'string', required: true, requiresReplace: true, validators: [isUuid()], description: 'Tenant of the principal (a UUID).' },
    object_id: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [isUuid()],
      description: 'Object id of the user, service principal or group (a UUID; keyvault_client_config.object_id for the deploying principal).',
    },
    application_id: {
      type: 'string',
      optional: true,
      requiresReplace: true,
      validators: [isUuid()],
      description: 'Application id of the client acting on behalf of object_id (compound identity).',
    },
    secret_permissions: permissionList('secret_permissions', 'Secret'),
    key_permissions: permissionList('key_permissions', 'Key'),
    certificate_permissions: permissionList('certificate_permissions', 'Certificate'),
    storage_permissions: permissionList('storage_permissions', 'Storage'),
  },
} as const;

type PolicyValues = {
  tenant_id: string | null;
  object_id: string | null;
  application_id: string | null;
  secret_permissions: string[] | null;
  key_permissions: string[] | null;
  certificate_permissions: string[] | null;
  storage_permissions: string[] | null;
};

function entryOf(config: PolicyValues): ArmAccessPolicy {
  return {
    tenantId: config.tenant_id!,
    objectId: config.object_id!,
    ...(config.application_id ? { applicationId: config.application_id } : {}),
    // azurerm sends every list, empty when not configured.
    permissions: {
      keys: config.key_permissions ?? [],
      secrets: config.secret_permissions ?? [],
      certificates: config.certificate_permissions ?? [],
      storage: config.storage_permissions ?? [],
    },
  };
}

function findEntry(vault: ArmVault, objectId: string, applicationId: string | null | undefined): ArmAccessPolicy | undefined {
  return (vault.properties.accessPolicies ?? []).find(
    (p) => sameText(p.objectId, objectId) && (p.applicationId ?? '').toLowerCase() === (applicationId ?? '').toLowerCase(),
  );
}

function vaultIdOf(keyVaultId: string | null): VaultId {
  const parsed = keyVaultId ? parseVaultId(keyVaultId) : undefined;
  if (!parsed) throw new DiagnosticError('Invalid key_vault_id', { detail: `"${keyVaultId}" is not a Key Vault id (${VAULT_ID_FORMAT}).` });
  return parsed;
}

function vaultNotFound(keyVaultId: string): DiagnosticError {
  return new DiagnosticError('Key Vault not found', { detail: `The Key Vault "${keyVaultId}" does not exist (any more).` });
}

export const accessPolicy = defineResource<typeof schema, KeyvaultProviderData>({
  typeName: 'keyvault_access_policy',
  schema,

  async create({ config, provider, signal }) {
    const client = clientOf(provider);
    const vaultId = vaultIdOf(config.key_vault_id);
    const id = formatAccessPolicyId({ vaultId: config.key_vault_id!, objectId: config.object_id!, applicationId: config.application_id ?? undefined });
    const vault = await client.arm.getVault(vaultId, signal);
    if (!vault) throw vaultNotFound(config.key_vault_id!);
    if (findEntry(vault, config.object_id!, config.application_id)) throw alreadyExists(id, 'keyvault_access_policy');
    await client.arm.updateAccessPolicies(vaultId, 'add', [entryOf(config)], signal);
    return { id };
  },

  async read({ state, provider, signal }) {
    const client = clientOf(provider);
    const fromId = typeof state.id === 'string' ? parseAccessPolicyId(state.id) : undefined;
    const keyVaultId = state.key_vault_id ?? fromId?.vaultId ?? null;
    const objectId = state.object_id ?? fromId?.objectId;
    if (!keyVaultId || !objectId) throw new DiagnosticError('Invalid state', { detail: `keyvault_access_policy has no valid id in its state (${JSON.stringify(state.id)}).` });
    const applicationId = state.application_id ?? fromId?.applicationId ?? null;
    const vault = await client.arm.getVault(vaultIdOf(keyVaultId), signal);
    if (!vault) return gone;
    const entry = findEntry(vault, objectId, applicationId);
    if (!entry) return gone;
    return {
      key_vault_id: keyVaultId,
      tenant_id: keepSpelling(state.tenant_id, entry.tenantId),
      object_id: keepSpelling(objectId, entry.objectId),
      application_id: entry.applicationId ? keepSpelling(applicationId, entry.applicationId) : null,
      secret_permissions: permissionsFromRemote('secret_permissions', entry.permissions[PERMISSION_LISTS.secret_permissions], state.secret_permissions),
      key_permissions: permissionsFromRemote('key_permissions', entry.permissions[PERMISSION_LISTS.key_permissions], state.key_permissions),
      certificate_permissions: permissionsFromRemote(
        'certificate_permissions',
        entry.permissions[PERMISSION_LISTS.certificate_permissions],
        state.certificate_permissions,
      ),
      storage_permissions: permissionsFromRemote('storage_permissions', entry.permissions[PERMISSION_LISTS.storage_permissions], state.storage_permissions),
    };
  },

  async update({ config, provider, signal }) {
    const client = clientOf(provider);
    await client.arm.updateAccessPolicies(vaultIdOf(config.key_vault_id), 'replace', [entryOf(config)], signal);
    return {};
  },

  async delete({ state, provider, signal }) {
    const client = clientOf(provider);
    const vaultId = vaultIdOf(state.key_vault_id);
    const vault = await client.arm.getVault(vaultId, signal);
    if (!vault) return;
    const entry = findEntry(vault, state.object_id!, state.application_id);
    if (!entry) return;
    await client.arm.updateAccessPolicies(vaultId, 'remove', [entry], signal);
  },

  async importState({ id }) {
    const parsed = parseAccessPolicyId(id);
    if (!parsed) throw badImportId('keyvault_access_policy', id, ACCESS_POLICY_ID_FORMAT);
    return { id, key_vault_id: parsed.vaultId, object_id: parsed.objectId, application_id: parsed.applicationId ?? null };
  },
});
