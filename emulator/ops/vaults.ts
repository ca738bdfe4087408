/**
 * Vaults as resources: create, update, delete (soft), recover, purge, access policies and role
 * assignments — as functions over the store. The ARM-shaped management API, the CLI (through
 * that API) and the `--vault` start flag all end here: one code path.
 *
 * Azure's rules enforced here: names are 3–24 chars and globally unique (also while deleted);
 * soft delete cannot be turned off, retention is set once (7–90 days), purge protection cannot be
 * turned off; deleting a vault soft-deletes it with its secrets; purge protection holds for vaults.
 */
import { randomUUID } from 'node:crypto';
import { ArmErrors, Errors } from '../core/errors';
import { findRole } from '../authz/roles';
import type {
  AccessPolicyEntry,
  DeletedVaultRecord,
  RoleAssignmentRecord,
  Store,
  StoreData,
  Tags,
  VaultProperties,
  VaultRecord,
} from '../store/types';
import { dict } from '../store/types';

export const DEFAULT_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
export const DEFAULT_RESOURCE_GROUP = 'keyvault-emulator';
export const DEFAULT_LOCATION = 'westus';

/** Azure's vault name rule: 3-24 of letters, digits, '-', starting with a letter, no '--', not ending in '-'. */
const VAULT_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;

export function vaultNameProblem(name: string): string | undefined {
  if (!VAULT_NAME.test(name) || name.includes('--')) {
    return `Vault name '${name}' is invalid: use 3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, without consecutive hyphens.`;
  }
  return undefined;
}

/** The settings the `--vault` start flag can give. */
export interface VaultSettings {
  softDeleteEnabled?: boolean;
  softDeleteRetentionInDays?: number;
  purgeProtectionEnabled?: boolean;
  port?: number;
}

export function settingsProblem(s: VaultSettings): string | undefined {
  const days = s.softDeleteRetentionInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 7 || days > 90)) {
    return `retention-days must be an integer from 7 to 90 (got ${days}).`;
  }
  if (s.purgeProtectionEnabled && s.softDeleteEnabled === false) {
    return 'purge protection needs soft delete: it cannot be enabled on a vault without soft delete.';
  }
  if (s.port !== undefined && (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535)) {
    return `port must be from 1 to 65535 (got ${s.port}).`;
  }
  return undefined;
}

/** The ARM id of a vault, in Azure's canonical casing. */
export function vaultArmId(vault: Pick<VaultRecord, 'name' | 'properties'>): string {
  const p = vault.properties;
  return `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroup}/providers/Microsoft.KeyVault/vaults/${vault.name}`;
}

/** Azure normalises locations: "West Europe" → "westeurope". */
export function normaliseLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

export function defaultProperties(tenantId: string): VaultProperties {
  return {
    tenantId,
    subscriptionId: DEFAULT_SUBSCRIPTION,
    resourceGroup: DEFAULT_RESOURCE_GROUP,
    location: DEFAULT_LOCATION,
    sku: 'standard',
    tags: {},
    softDeleteEnabled: true,
    softDeleteRetentionInDays: 90,
    purgeProtectionEnabled: false,
    rbacAuthorizationEnabled: false,
    publicNetworkAccess: 'Enabled',
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    accessPolicies: [],
  };
}

export function newVault(name: string, properties: VaultProperties, now: number, port?: number): VaultRecord {
  return {
    name,
    createdAt: now,
    ...(port !== undefined ? { port } : {}),
    properties,
    roleAssignments: [],
    secrets: dict(),
    deletedSecrets: dict(),
  };
}

/** Everything a create/replace can say about a vault (ARM PUT, or the start flags). */
export interface VaultDefinition {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tenantId: string;
  sku?: 'standard' | 'premium';
  tags?: Tags;
  softDeleteEnabled?: boolean;
  softDeleteRetentionInDays?: number;
  purgeProtectionEnabled?: boolean;
  rbacAuthorizationEnabled?: boolean;
  publicNetworkAccess?: string;
  enabledForDeployment?: boolean;
  enabledForDiskEncryption?: boolean;
  enabledForTemplateDeployment?: boolean;
  accessPolicies?: AccessPolicyEntry[];
  port?: number;
}

/** An update (ARM PATCH): only what is given changes. */
export type VaultPatch = Partial<Omit<VaultDefinition, 'name' | 'subscriptionId' | 'resourceGroup' | 'location'>> & {
  tags?: Tags;
};

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function inScope(vault: VaultRecord, subscriptionId: string, resourceGroup?: string): boolean {
  return (
    sameText(vault.properties.subscriptionId, subscriptionId) &&
    (resourceGroup === undefined || sameText(vault.properties.resourceGroup, resourceGroup))
  );
}

/** The vault `name` in subscription/resource group, or a 404 ResourceNotFound. */
export function findVault(data: StoreData, subscriptionId: string, resourceGroup: string, name: string): VaultRecord {
  const vault = data.vaults[name.toLowerCase()];
  if (!vault || !inScope(vault, subscriptionId, resourceGroup)) {
    throw ArmErrors.resourceNotFound('Microsoft.KeyVault/vaults', name, resourceGroup);
  }
  return vault;
}

export function listVaults(data: StoreData, subscriptionId: string, resourceGroup?: string): VaultRecord[] {
  return Object.values(data.vaults)
    .filter((v) => inScope(v, subscriptionId, resourceGroup))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
}

/** Changes Azure refuses on an existing vault. */
function immutableChangeProblem(vault: VaultRecord, change: VaultPatch): string | undefined {
  const p = vault.properties;
  if (change.softDeleteEnabled === false && p.softDeleteEnabled) {
    return 'The property "enableSoftDelete" cannot be set to false: soft delete cannot be turned off once it is on.';
  }
  if (change.softDeleteEnabled === true && !p.softDeleteEnabled) {
    return `Soft delete of vault '${vault.name}' is off; the emulator keeps it off for the vault's lifetime (recreate the vault to change it).`;
  }
  if (change.softDeleteRetentionInDays !== undefined && change.softDeleteRetentionInDays !== p.softDeleteRetentionInDays) {
    return `The property "softDeleteRetentionInDays" has been set already and it can't be modified (vault '${vault.name}' keeps ${p.softDeleteRetentionInDays} days).`;
  }
  if (change.purgeProtectionEnabled === false && p.purgeProtectionEnabled) {
    return 'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.';
  }
  if (change.purgeProtectionEnabled === true && !p.softDeleteEnabled) {
    return 'Purge protection cannot be enabled on a vault without soft delete.';
  }
  return undefined;
}

function validateDefinition(def: VaultPatch): void {
  const days = def.softDeleteRetentionInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 7 || days > 90)) {
    throw ArmErrors.badRequest(`The property "softDeleteRetentionInDays" must be an integer between 7 and 90 (got ${days}).`);
  }
  if (def.purgeProtectionEnabled && def.softDeleteEnabled === false) {
    throw ArmErrors.badRequest('Purge protection cannot be enabled on a vault without soft delete.');
  }
  if (def.accessPolicies && def.accessPolicies.length > 1024) {
    throw ArmErrors.badRequest(`A vault can have at most 1024 access policies (got ${def.accessPolicies.length}).`);
  }
}

function applyPatch(p: VaultProperties, change: VaultPatch): void {
  if (change.tenantId !== undefined) p.tenantId = change.tenantId;
  if (change.sku !== undefined) p.sku = change.sku;
  if (change.tags !== undefined) p.tags = change.tags;
  if (change.softDeleteEnabled !== undefined) p.softDeleteEnabled = change.softDeleteEnabled;
  if (change.softDeleteRetentionInDays !== undefined) p.softDeleteRetentionInDays = change.softDeleteRetentionInDays;
  if (change.purgeProtectionEnabled !== undefined) p.purgeProtectionEnabled = change.purgeProtectionEnabled;
  if (change.rbacAuthorizationEnabled !== undefined) p.rbacAuthorizationEnabled = change.rbacAuthorizationEnabled;
  if (change.publicNetworkAccess !== undefined) p.publicNetworkAccess = change.publicNetworkAccess;
  if (change.enabledForDeployment !== undefined) p.enabledForDeployment = change.enabledForDeployment;
  if (change.enabledForDiskEncryption !== undefined) p.enabledForDiskEncryption = change.enabledForDiskEncryption;
  if (change.enabledForTemplateDeployment !== undefined) p.enabledForTemplateDeployment = change.enabledForTemplateDeployment;
  if (change.accessPolicies !== undefined) p.accessPolicies = change.accessPolicies;
}

export interface PutVaultResult {
  vault: VaultRecord;
  created: boolean;
}

/**
 * ARM PUT semantics: creates the vault, or updates an existing one in the same resource group
 * (Azure's immutability rules apply). `createMode: 'recover'` brings a soft-deleted vault back,
 * with its secrets.
 */
export async function putVault(
  store: Store,
  def: VaultDefinition,
  now: number,
  options: { createMode?: 'default' | 'recover' } = {},
): Promise<PutVaultResult> {
  if (vaultNameProblem(def.name)) throw ArmErrors.vaultNameNotValid(def.name);
  validateDefinition(def);
  return store.update((data) => {
    const key = def.name.toLowerCase();
    const existing = data.vaults[key];
    if (options.createMode === 'recover') {
      const deleted = data.deletedVaults[key];
      if (!deleted) {
        if (existing && inScope(existing, def.subscriptionId, def.resourceGroup)) return { vault: existing, created: false };
        throw ArmErrors.deletedVaultNotFound(def.name, normaliseLocation(def.location));
      }
      const vault = deleted.vault;
      vault.properties.subscriptionId = def.subscriptionId;
      vault.properties.resourceGroup = def.resourceGroup;
      if (def.tags !== undefined) vault.properties.tags = def.tags;
      delete data.deletedVaults[key];
      data.vaults[key] = vault;
      ensureResourceGroup(data, def.subscriptionId, def.resourceGroup, vault.properties.location, now);
      return { vault, created: true };
    }
    if (existing) {
      if (!inScope(existing, def.subscriptionId, def.resourceGroup)) throw ArmErrors.vaultAlreadyExists(def.name);
      const change: VaultPatch = { ...def };
      const problem = immutableChangeProblem(existing, change);
      if (problem) throw ArmErrors.propertyCannotChange(problem);
      applyPatch(existing.properties, change);
      if (def.port !== undefined) existing.port = def.port;
      return { vault: existing, created: false };
    }
    if (data.deletedVaults[key]) throw ArmErrors.vaultInDeletedState();
    const properties = defaultProperties(def.tenantId);
    properties.subscriptionId = def.subscriptionId;
    properties.resourceGroup = def.resourceGroup;
    properties.location = normaliseLocation(def.location);
    applyPatch(properties, def);
    const vault = newVault(def.name, properties, now, def.port);
    data.vaults[key] = vault;
    ensureResourceGroup(data, def.subscriptionId, def.resourceGroup, properties.location, now);
    return { vault, created: true };
  });
}

/** ARM PATCH semantics: merges what is given. */
export async function patchVault(
  store: Store,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
  change: VaultPatch,
): Promise<VaultRecord> {
  validateDefinition(change);
  return store.update((data) => {
    const vault = findVault(data, subscriptionId, resourceGroup, name);
    const problem = immutableChangeProblem(vault, change);
    if (problem) throw ArmErrors.propertyCannotChange(problem);
    applyPatch(vault.properties, change);
    if (change.port !== undefined) vault.port = change.port;
    return vault;
  });
}

/**
 * Deletes a vault: with soft delete it moves (with its secrets) to the deleted vaults until its
 * scheduled purge date; without, it is gone. Returns false when there was nothing to delete.
 */
export async function deleteVault(store: Store, subscriptionId: string, resourceGroup: string, name: string, now: number): Promise<boolean> {
  return store.update((data) => {
    const key = name.toLowerCase();
    const vault = data.vaults[key];
    if (!vault || !inScope(vault, subscriptionId, resourceGroup)) return false;
    delete data.vaults[key];
    if (vault.properties.softDeleteEnabled) {
      data.deletedVaults[key] = {
        vault,
        deletionDate: now,
        scheduledPurgeDate: now + vault.properties.softDeleteRetentionInDays * 86_400,
      };
    }
    return true;
  });
}

export function findDeletedVault(data: StoreData, subscriptionId: string, location: string, name: string, now: number): DeletedVaultRecord {
  const deleted = data.deletedVaults[name.toLowerCase()];
  if (
    !deleted ||
    deleted.scheduledPurgeDate <= now ||
    !sameText(deleted.vault.properties.subscriptionId, subscriptionId) ||
    normaliseLocation(location) !== deleted.vault.properties.location
  ) {
    throw ArmErrors.deletedVaultNotFound(name, normaliseLocation(location));
  }
  return deleted;
}

export function listDeletedVaults(data: StoreData, subscriptionId: string, now: number): DeletedVaultRecord[] {
  return Object.values(data.deletedVaults)
    .filter((d) => d.scheduledPurgeDate > now && sameText(d.vault.properties.subscriptionId, subscriptionId))
    .sort((a, b) => a.vault.name.localeCompare(b.vault.name));
}

/** Purges a deleted vault and its secrets; refused while purge protection holds. */
export async function purgeDeletedVault(store: Store, subscriptionId: string, location: string, name: string, now: number): Promise<void> {
  await store.update((data) => {
    const deleted = findDeletedVault(data, subscriptionId, location, name, now);
    if (deleted.vault.properties.purgeProtectionEnabled) {
      throw ArmErrors.purgeProtectedVault(deleted.vault.name, new Date(deleted.scheduledPurgeDate * 1000).toISOString());
    }
    delete data.deletedVaults[name.toLowerCase()];
  });
}

export function checkNameAvailability(data: StoreData, name: string): { nameAvailable: boolean; reason?: string; message?: string } {
  if (vaultNameProblem(name)) {
    return { nameAvailable: false, reason: 'AccountNameInvalid', message: ArmErrors.vaultNameNotValid(name).message };
  }
  const key = name.toLowerCase();
  if (data.vaults[key] || data.deletedVaults[key]) {
    return { nameAvailable: false, reason: 'AlreadyExists', message: ArmErrors.vaultAlreadyExists(name).message };
  }
  return { nameAvailable: true };
}

function ensureResourceGroup(data: StoreData, subscriptionId: string, name: string, location: string, now: number): void {
  const key = `${subscriptionId}/${name}`.toLowerCase();
  if (!data.resourceGroups[key]) data.resourceGroups[key] = { subscriptionId, name, location, tags: {}, createdAt: now };
}

// --- access policies ------------------------------------------------------------------------

export type AccessPolicyUpdateKind = 'add' | 'replace' | 'remove';

const PERMISSION_LISTS = ['keys', 'secrets', 'certificates', 'storage'] as const;

function samePrincipal(a: AccessPolicyEntry, b: AccessPolicyEntry): boolean {
  return sameText(a.objectId, b.objectId) && sameText(a.applicationId ?? '', b.applicationId ?? '');
}

function isEmpty(entry: AccessPolicyEntry): boolean {
  return PERMISSION_LISTS.every((list) => (entry.permissions[list] ?? []).length === 0);
}

/**
 * `accessPolicies/{add|replace|remove}` (reference §2.3): entries are matched by objectId +
 * applicationId. `add` merges permissions (case-insensitively: a permission already there in any
 * casing is kept as stored), `replace` replaces the entry's permissions, `remove` takes the listed
 * permissions away — matched case-sensitively, as ARM does — and drops entries left empty.
 */
export async function updateAccessPolicies(
  store: Store,
  subscriptionId: string,
  resourceGroup: string,
  name: string,
  kind: AccessPolicyUpdateKind,
  entries: AccessPolicyEntry[],
): Promise<VaultRecord> {
  return store.update((data) => {
    const vault = findVault(data, subscriptionId, resourceGroup, name);
    const policies = vault.properties.accessPolicies.map((p) => ({ ...p, permissions: { ...p.permissions } }));
    for (const entry of entries) {
      const index = policies.findIndex((p) => samePrincipal(p, entry));
      if (kind === 'add') {
        if (index < 0) {
          policies.push(entry);
          continue;
        }
        for (const list of PERMISSION_LISTS) {
          const current = policies[index].permissions[list] ?? [];
          const added = (entry.permissions[list] ?? []).filter((p) => !current.some((c) => sameText(c, p)));
          if (current.length || added.length) policies[index].permissions[list] = [...current, ...added];
        }
      } else if (kind === 'replace') {
        if (index < 0) policies.push(entry);
        else policies[index] = { ...policies[index], permissions: entry.permissions };
      } else if (index >= 0) {
        for (const list of PERMISSION_LISTS) {
          const removing = entry.permissions[list];
          if (!removing) continue;
          policies[index].permissions[list] = (policies[index].permissions[list] ?? []).filter((p) => !removing.includes(p));
        }
        if (isEmpty(policies[index])) policies.splice(index, 1);
      }
    }
    if (policies.length > 1024) throw ArmErrors.badRequest('A vault can have at most 1024 access policies.');
    vault.properties.accessPolicies = policies;
    return vault;
  });
}

// --- role assignments (Azure RBAC on a vault or a secret) -----------------------------------------

export interface RoleAssignmentScope {
  vault: VaultRecord;
  /** '' for the vault, else the secret name. */
  secretScope: string;
}

export function roleAssignmentScopeId(vault: VaultRecord, secretScope: string): string {
  return vaultArmId(vault) + (secretScope ? `/secrets/${secretScope}` : '');
}

export async function putRoleAssignment(
  store: Store,
  vaultKey: string,
  secretScope: string,
  id: string,
  roleDefinitionId: string,
  principalId: string,
  now: number,
): Promise<{ assignment: RoleAssignmentRecord; vault: VaultRecord }> {
  const role = findRole(roleDefinitionId);
  if (!role) throw ArmErrors.roleDefinitionDoesNotExist(roleDefinitionId);
  if (!/^[0-9a-fA-F-]{36}$/.test(id)) throw ArmErrors.badRequest(`The role assignment name '${id}' is not a valid GUID.`);
  if (!principalId) throw ArmErrors.badRequest('The property "principalId" is required.');
  return store.update((data) => {
    const vault = data.vaults[vaultKey];
    if (!vault) throw Errors.vaultNotFound(vaultKey);
    const existing = vault.roleAssignments.find((a) => sameText(a.id, id));
    if (existing) {
      if (!sameText(existing.principalId, principalId) || existing.roleDefinitionId !== role.id || !sameText(existing.secretScope, secretScope)) {
        throw ArmErrors.roleAssignmentUpdateNotPermitted();
      }
      return { assignment: existing, vault };
    }
    const assignment: RoleAssignmentRecord = { id: id.toLowerCase(), principalId, roleDefinitionId: role.id, secretScope, createdAt: now };
    vault.roleAssignments.push(assignment);
    return { assignment, vault };
  });
}

export async function deleteRoleAssignment(store: Store, vaultKey: string, id: string): Promise<RoleAssignmentRecord | undefined> {
  return store.update((data) => {
    const vault = data.vaults[vaultKey];
    if (!vault) return undefined;
    const index = vault.roleAssignments.findIndex((a) => sameText(a.id, id));
    if (index < 0) return undefined;
    const [removed] = vault.roleAssignments.splice(index, 1);
    return removed;
  });
}

/** Creates a role assignment id when the caller does not name one. */
export function newAssignmentId(): string {
  return randomUUID();
}

// --- the --vault start flag -----------------------------------------------------------------------

/**
 * `--vault NAME[...]`: creates the vault in the emulator's default resource group, or checks an
 * existing one (refusing changes Azure refuses). Goes through putVault/patchVault like the ARM API.
 */
export async function applyVaultSpec(
  store: Store,
  name: string,
  settings: VaultSettings & { accessPolicies?: AccessPolicyEntry[]; rbacAuthorizationEnabled?: boolean },
  tenantId: string,
  now: number,
): Promise<VaultRecord> {
  const problem = vaultNameProblem(name) ?? settingsProblem(settings);
  if (problem) throw Errors.badParameter(problem);
  const existing = store.data.vaults[name.toLowerCase()];
  try {
    if (existing) {
      // Declared policies and the permission model only apply when a vault is created.
      const { accessPolicies: _policies, rbacAuthorizationEnabled: _rbac, ...rest } = settings;
      return await patchVault(store, existing.properties.subscriptionId, existing.properties.resourceGroup, existing.name, rest);
    }
    const { vault } = await putVault(store, {
      name,
      subscriptionId: DEFAULT_SUBSCRIPTION,
      resourceGroup: DEFAULT_RESOURCE_GROUP,
      location: DEFAULT_LOCATION,
      tenantId,
      ...settings,
    }, now);
    return vault;
  } catch (err) {
    // Flags are checked like other bad values: one clear message, exit code 2 (see cli/start.ts).
    if (err instanceof Error && 'status' in err && (err as { status: number }).status < 500) {
      throw Errors.badParameter((err as Error).message);
    }
    throw err;
  }
}

/** Soft-deleted vaults past their scheduled purge date are purged with their secrets. */
export function sweepExpiredVaults(data: StoreData, now: number): number {
  let purged = 0;
  for (const [key, deleted] of Object.entries(data.deletedVaults)) {
    if (deleted.scheduledPurgeDate <= now) {
      delete data.deletedVaults[key];
      purged++;
    }
  }
  return purged;
}
