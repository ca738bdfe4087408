/**
 * Vault settings as this emulator knows them, and creating vaults from the start-up flags.
 * (The ARM-shaped management API builds on the same records.)
 */
import { Errors } from '../core/errors';
import type { Store, VaultProperties, VaultRecord } from '../store/types';

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
    secrets: {},
    deletedSecrets: {},
  };
}

/**
 * Changes Azure refuses on an existing vault: soft delete cannot be turned off, retention is
 * set once, purge protection cannot be turned off.
 */
export function immutableChangeProblem(vault: VaultRecord, s: VaultSettings): string | undefined {
  const p = vault.properties;
  if (s.softDeleteEnabled !== undefined && s.softDeleteEnabled !== p.softDeleteEnabled) {
    return `soft delete of vault '${vault.name}' is ${p.softDeleteEnabled ? 'on' : 'off'} and cannot be changed once the vault exists.`;
  }
  if (s.softDeleteRetentionInDays !== undefined && s.softDeleteRetentionInDays !== p.softDeleteRetentionInDays) {
    return `The property "softDeleteRetentionInDays" has been set already and it can't be modified (vault '${vault.name}' keeps ${p.softDeleteRetentionInDays} days).`;
  }
  if (s.purgeProtectionEnabled === false && p.purgeProtectionEnabled) {
    return `purge protection of vault '${vault.name}' is on and cannot be turned off.`;
  }
  return undefined;
}

/**
 * Creates the vault if it does not exist, or applies the allowed changes (port, turning purge
 * protection on) to an existing one. Throws a 400 ServiceError for anything Azure would refuse.
 */
export async function ensureVault(
  store: Store,
  name: string,
  settings: VaultSettings,
  tenantId: string,
  now: number,
  decorate?: (properties: VaultProperties) => void,
): Promise<VaultRecord> {
  const problem = vaultNameProblem(name) ?? settingsProblem(settings);
  if (problem) throw Errors.badParameter(problem);
  return store.update((data) => {
    const key = name.toLowerCase();
    const existing = data.vaults[key];
    if (existing) {
      const change = immutableChangeProblem(existing, settings);
      if (change) throw Errors.badParameter(change);
      if (settings.purgeProtectionEnabled) existing.properties.purgeProtectionEnabled = true;
      if (settings.port !== undefined) existing.port = settings.port;
      return existing;
    }
    const properties = defaultProperties(tenantId);
    if (settings.softDeleteEnabled !== undefined) properties.softDeleteEnabled = settings.softDeleteEnabled;
    if (settings.softDeleteRetentionInDays !== undefined) properties.softDeleteRetentionInDays = settings.softDeleteRetentionInDays;
    if (settings.purgeProtectionEnabled !== undefined) properties.purgeProtectionEnabled = settings.purgeProtectionEnabled;
    decorate?.(properties);
    const vault = newVault(name, properties, now, settings.port);
    data.vaults[key] = vault;
    return vault;
  });
}
