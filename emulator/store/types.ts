/**
 * The persisted data model. Everything the emulator knows lives in one `StoreData` document, kept
 * in memory and (for the lowdb backend) written to one JSON file.
 *
 * Ids are stored host-relative (vault name, secret name, version), never as URLs, so a change of
 * port or host name never orphans data: URLs are built per request from the caller's origin.
 *
 * Secrets are immutable, frozen objects, down to their versions: a change (a new version, an
 * update, a delete or recover) replaces the secret's record in its map (see freezeSecret). That
 * keeps reasoning simple (a reader never sees a half-applied change) and lets the file writer keep
 * the serialized text of every unchanged secret: a write then costs the changed secret, not a
 * walk through all of them (measured in bench/, BENCHMARKS.md).
 */

export const STORE_SCHEMA_VERSION = 2;

export type Tags = Record<string, string>;

export interface SecretVersion {
  readonly version: string; // 32 lowercase hex chars
  readonly value: string;
  readonly contentType?: string;
  readonly tags?: Tags;
  readonly enabled: boolean;
  readonly nbf?: number; // unix seconds, any integer (SDK 4.10+ wraps dates after 2038 negative)
  readonly exp?: number;
  readonly created: number;
  readonly updated: number;
}

export interface SecretRecord {
  /** Casing of the first creation; lookups are case-insensitive. */
  readonly name: string;
  /** In creation order; the last one is the current version. */
  readonly versions: readonly SecretVersion[];
}

export interface DeletedSecretRecord extends SecretRecord {
  readonly deletedDate: number;
  readonly scheduledPurgeDate: number;
}

export interface AccessPolicyEntry {
  tenantId: string;
  objectId: string;
  applicationId?: string;
  /** Permission strings in the casing they were sent; compared case-insensitively. */
  permissions: { keys?: string[]; secrets?: string[]; certificates?: string[]; storage?: string[] };
}

export interface RoleAssignmentRecord {
  /** GUID name of the assignment. */
  id: string;
  principalId: string;
  roleDefinitionId: string; // GUID of the built-in role
  /** '' for the whole vault, or a secret name for a single-secret scope. */
  secretScope: string;
  createdAt: number;
}

export interface VaultProperties {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  sku: 'standard' | 'premium';
  tags: Tags;
  softDeleteEnabled: boolean;
  softDeleteRetentionInDays: number; // 7..90
  purgeProtectionEnabled: boolean;
  rbacAuthorizationEnabled: boolean;
  publicNetworkAccess: string;
  enabledForDeployment: boolean;
  enabledForDiskEncryption: boolean;
  enabledForTemplateDeployment: boolean;
  accessPolicies: AccessPolicyEntry[];
}

export interface VaultRecord {
  name: string;
  createdAt: number;
  /** A fixed dedicated port for zero-DNS access; absent = an ephemeral port per start. */
  port?: number;
  properties: VaultProperties;
  roleAssignments: RoleAssignmentRecord[];
  /** Keyed by lower-cased secret name. A name is never in both maps. */
  secrets: Record<string, SecretRecord>;
  deletedSecrets: Record<string, DeletedSecretRecord>;
}

/** A vault in Azure's "deleted" state, with its secrets, until recovered or purged. */
export interface DeletedVaultRecord {
  vault: VaultRecord;
  /** Unix seconds. */
  deletionDate: number;
  scheduledPurgeDate: number;
}

export interface ResourceGroupRecord {
  subscriptionId: string;
  name: string;
  location: string;
  tags: Tags;
  createdAt: number;
}

/**
 * An identity the token issuer knows: an application (client credentials with a secret) or a
 * managed identity (tokens from the managed-identity endpoints). Secrets are stored as salted
 * hashes only.
 */
export interface ClientRecord {
  /** Application (client) id, a GUID: the `appid` claim. */
  clientId: string;
  /** Service principal object id, a GUID: the `oid` claim. */
  objectId: string;
  displayName: string;
  kind: 'application' | 'managedIdentity';
  /** hex(scrypt(secret, salt)); absent for managed identities. */
  secretHash?: string;
  secretSalt?: string;
  createdAt: number;
}

export interface IdentityData {
  /** Keyed by lower-cased client id. */
  clients: Record<string, ClientRecord>;
}

export interface StoreData {
  schemaVersion: number;
  /** Keyed by lower-cased vault name. */
  vaults: Record<string, VaultRecord>;
  /** Keyed by lower-cased vault name: vault names stay taken while deleted. */
  deletedVaults: Record<string, DeletedVaultRecord>;
  /** Keyed by `${subscriptionId}/${resourceGroup}`, lower-cased. */
  resourceGroups: Record<string, ResourceGroupRecord>;
  identity: IdentityData;
}

/**
 * A keyed map of the store: an object without a prototype, so a key that names a member of
 * Object.prototype (a secret or vault named `constructor`, ...) finds nothing instead of a
 * function. Every map keyed by user input is one; `parseStoreText` restores them after JSON.parse.
 */
export function dict<T>(entries?: Record<string, T>): Record<string, T> {
  const map = Object.create(null) as Record<string, T>;
  if (entries) for (const key of Object.keys(entries)) map[key] = entries[key];
  return map;
}

export function emptyStoreData(): StoreData {
  return { schemaVersion: STORE_SCHEMA_VERSION, vaults: dict(), deletedVaults: dict(), resourceGroups: dict(), identity: { clients: dict() } };
}

/** The storage seam: the lowdb file backend and the in-memory backend implement it alike. */
export interface Store {
  readonly backend: 'lowdb' | 'memory';
  /** Where the data lives (file path, or ':memory:'). */
  readonly location: string;
  /** The current state. Read it; never mutate it outside `update`. */
  readonly data: StoreData;
  /**
   * Runs a synchronous mutation and resolves once the change is durable (for the lowdb backend:
   * fsync'ed and renamed into place). Concurrent updates share one flush (group commit).
   * `mutate` must validate before it changes anything: if it throws, nothing is written.
   */
  update<T>(mutate: (data: StoreData) => T): Promise<T>;
  /** Waits for pending writes and releases the file. */
  close(): Promise<void>;
}
