/**
 * Resource ids, parsed and built like azurerm does:
 *
 *   vault          /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}
 *   access policy  {vaultId}/objectId/{objectId}[/applicationId/{applicationId}]   (Terraform-only)
 *   secret         https://{vault}.vault.localhost:{port}/secrets/{name}[/{version}]
 *
 * Fixed segments are matched case-insensitively (ARM is case-insensitive);
 * ids the provider builds use Azure's canonical casing.
 */

export interface VaultId {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export const VAULT_ID_FORMAT = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}';

const VAULT_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)$/i;

/** Parses a vault ARM id; undefined when it is not one. */
export function parseVaultId(id: string): VaultId | undefined {
  const m = VAULT_ID.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1]!, resourceGroup: m[2]!, name: m[3]! };
}

export function formatVaultId(id: VaultId): string {
  return `/subscriptions/${id.subscriptionId}/resourceGroups/${id.resourceGroup}/providers/Microsoft.KeyVault/vaults/${id.name}`;
}

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface AccessPolicyId {
  vaultId: string;
  objectId: string;
  applicationId?: string;
}

export const ACCESS_POLICY_ID_FORMAT = `${VAULT_ID_FORMAT}/objectId/{objectId}[/applicationId/{applicationId}]`;

const ACCESS_POLICY_ID = /^(.+)\/objectId\/([^/]+?)(?:\/applicationId\/([^/]+))?$/i;

export function parseAccessPolicyId(id: string): AccessPolicyId | undefined {
  const m = ACCESS_POLICY_ID.exec(id);
  if (!m || !parseVaultId(m[1]!)) return undefined;
  return { vaultId: m[1]!, objectId: m[2]!, ...(m[3] ? { applicationId: m[3] } : {}) };
}

export function formatAccessPolicyId(id: AccessPolicyId): string {
  return `${id.vaultId}/objectId/${id.objectId}${id.applicationId ? `/applicationId/${id.applicationId}` : ''}`;
}

export interface SecretId {
  /** scheme://host[:port] of the vault. */
  origin: string;
  hostname: string;
  name: string;
  version?: string;
}

export const SECRET_ID_FORMAT = 'https://{vault}.vault.localhost:{port}/secrets/{name}/{version}';

/** Parses a data-plane secret id (versioned or not); undefined when it is not one. */
export function parseSecretId(id: string): SecretId | undefined {
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const segments = url.pathname.replace(/\/+$/, '').split('/').slice(1);
  if (segments.length < 2 || segments.length > 3 || segments[0]!.toLowerCase() !== 'secrets' || !segments[1]) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(segments[1]);
  } catch {
    return undefined;
  }
  return { origin: url.origin, hostname: url.hostname.toLowerCase(), name, ...(segments[2] ? { version: segments[2] } : {}) };
}

/** `https://host/secrets/name/version` → its versionless form. */
export function versionlessSecretId(versionedId: string): string {
  const parsed = parseSecretId(versionedId);
  if (!parsed) return versionedId;
  return `${parsed.origin}/secrets/${parsed.name}`;
}
