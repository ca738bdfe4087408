import { describeJsonError } from '../core/json';
import { developmentAccessPolicy } from './devPolicy';
import { dict, STORE_SCHEMA_VERSION, type StoreData, type SecretRecord, type SecretVersion } from './types';

/** The store file cannot be used; the message says why and what to do. Never auto-repaired. */
export class StoreFileError extends Error {
  constructor(
    message: string,
    readonly kind: 'corrupt' | 'too-new' | 'invalid',
  ) {
    super(message);
    this.name = 'StoreFileError';
  }
}

/**
 * Migrations from older schema versions, keyed by the version they upgrade *from*. Each takes the
 * parsed document of version N and returns version N+1. Add one whenever STORE_SCHEMA_VERSION grows.
 */
export const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  /**
   * 1 → 2: deleted vaults, resource groups and identities appear; the default vault gets the
   * development access policy every default vault now starts with (see ops/vaults.ts).
   */
  1: (doc) => {
    const vaults = (doc.vaults ?? {}) as Record<string, { name?: string; properties?: { accessPolicies?: unknown[] } }>;
    const defaultVault = vaults.default;
    if (defaultVault?.properties && (defaultVault.properties.accessPolicies ?? []).length === 0) {
      defaultVault.properties.accessPolicies = [developmentAccessPolicy()];
    }
    return { ...doc, deletedVaults: {}, resourceGroups: {}, identity: { clients: {} } };
  },
};

export function parseStoreText(text: string, filePath: string): StoreData {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new StoreFileError(
      `The store file ${filePath} is damaged (${describeJsonError(err)}; ${text.length} bytes). ` +
        'It was not modified.',
      'corrupt',
    );
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new StoreFileError(`The store file ${filePath} does not hold a JSON object. It was not modified.`, 'corrupt');
  }
  let record = doc as Record<string, unknown>;
  const version = record.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StoreFileError(
      `The store file ${filePath} has no valid schemaVersion (found ${JSON.stringify(version)}). It was not modified.`,
      'invalid',
    );
  }
  if (version > STORE_SCHEMA_VERSION) {
    throw new StoreFileError(
      `The store file ${filePath} was written by a newer keyvault-emulator (schema version ${version}; this ` +
        `version understands up to ${STORE_SCHEMA_VERSION}). Upgrade keyvault-emulator or use another --data-dir. ` +
        'The file was not modified.',
      'too-new',
    );
  }
  for (let from = version; from < STORE_SCHEMA_VERSION; from++) {
    const migrate = MIGRATIONS[from];
    if (!migrate) {
      throw new StoreFileError(`No migration from store schema version ${from} (file ${filePath}).`, 'invalid');
    }
    record = migrate(record);
    record.schemaVersion = from + 1;
  }
  if (record.vaults === null || typeof record.vaults !== 'object' || Array.isArray(record.vaults)) {
    throw new StoreFileError(`The store file ${filePath} has no 'vaults' object. It was not modified.`, 'invalid');
  }
  for (const key of ['deletedVaults', 'resourceGroups', 'identity'] as const) {
    const value = record[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new StoreFileError(`The store file ${filePath} has no '${key}' object. It was not modified.`, 'invalid');
    }
  }
  const data = record as unknown as StoreData;
  data.vaults = dict(data.vaults);
  data.deletedVaults = dict(data.deletedVaults);
  data.resourceGroups = dict(data.resourceGroups);
  data.identity.clients = dict(data.identity.clients ?? {});
  const vaults = [...Object.values(data.vaults), ...Object.values(data.deletedVaults).map((d) => d.vault)];
  for (const vault of vaults) {
    vault.secrets = dict(vault.secrets ?? {});
    vault.deletedSecrets = dict(vault.deletedSecrets ?? {});
    for (const [key, secret] of Object.entries(vault.secrets)) vault.secrets[key] = freezeSecret(secret);
    for (const [key, secret] of Object.entries(vault.deletedSecrets)) vault.deletedSecrets[key] = freezeSecret(secret);
  }
  return data;
}

/**
 * A secret record as the store keeps it: frozen, with a frozen versions array of frozen versions
 * (see store/types.ts). Changes build a new record through this function.
 */
export function freezeSecret<T extends SecretRecord>(secret: T): T {
  return Object.freeze({ ...secret, versions: Object.freeze(secret.versions.map((v) => freezeVersion(v))) });
}

/** Versions are immutable; tags inside them too (see store/types.ts). */
export function freezeVersion(version: SecretVersion): SecretVersion {
  if (version.tags) Object.freeze(version.tags);
  return Object.freeze(version);
}
