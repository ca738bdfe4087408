/**
 * States Azure Key Vault can never be in, checked over the store document (in memory, or parsed
 * from the store file). Each violation is returned as one readable line.
 */
import { STORE_SCHEMA_VERSION, type SecretRecord, type StoreData, type VaultRecord } from '../../../emulator/store/types';

const NAME = /^[0-9a-zA-Z-]{1,127}$/;
const VERSION = /^[0-9a-f]{32}$/;

export interface InvariantOptions {
  /** Versions of the in-memory store are frozen objects (not so in a parsed file). */
  frozen?: boolean;
}

export function storeViolations(data: StoreData, options: InvariantOptions = {}): string[] {
  const problems: string[] = [];
  if (data.schemaVersion !== STORE_SCHEMA_VERSION) problems.push(`schemaVersion is ${data.schemaVersion}, expected ${STORE_SCHEMA_VERSION}`);
  if (data.vaults === null || typeof data.vaults !== 'object') return [...problems, 'no vaults map'];
  const seenVersions = new Map<string, string>();
  const vaults: Array<{ key: string; where: string; vault: VaultRecord }> = Object.entries(data.vaults).map(([key, vault]) => ({
    key,
    where: `vault ${key}`,
    vault,
  }));
  for (const [key, deleted] of Object.entries(data.deletedVaults ?? {})) {
    if (Object.hasOwn(data.vaults, key)) problems.push(`vault ${key} is both live and deleted`);
    vaults.push({ key, where: `deleted vault ${key}`, vault: deleted.vault });
  }
  for (const { key: vaultKey, where, vault } of vaults) {
    if (!vault || typeof vault !== 'object') {
      problems.push(`${where}: not an object`);
      continue;
    }
    if (vaultKey !== vault.name.toLowerCase()) problems.push(`${where}: keyed under another name than '${vault.name}'`);
    const checkRecord = (map: 'secrets' | 'deletedSecrets', key: string, record: SecretRecord) => {
      const at = `${where} ${map}.${key}`;
      if (!record || typeof record !== 'object' || !Array.isArray(record.versions)) {
        problems.push(`${at}: not a secret record`);
        return;
      }
      if (record.name.toLowerCase() !== key) problems.push(`${at}: keyed under another name than '${record.name}'`);
      if (!NAME.test(record.name)) problems.push(`${at}: invalid name '${record.name}'`);
      if (record.versions.length === 0) problems.push(`${at}: no versions`);
      for (const v of record.versions) {
        if (!VERSION.test(v.version)) problems.push(`${at}: invalid version id '${v.version}'`);
        const other = seenVersions.get(v.version);
        if (other) problems.push(`${at}: version ${v.version} also belongs to ${other}`);
        seenVersions.set(v.version, at);
        if (typeof v.value !== 'string') problems.push(`${at}/${v.version}: value is not a string`);
        if (typeof v.enabled !== 'boolean') problems.push(`${at}/${v.version}: enabled is not a boolean`);
        if (!Number.isFinite(v.created) || !Number.isFinite(v.updated)) problems.push(`${at}/${v.version}: bad timestamps`);
        if (v.updated < v.created) problems.push(`${at}/${v.version}: updated before created`);
        if (options.frozen && !Object.isFrozen(v)) problems.push(`${at}/${v.version}: version object is mutable`);
      }
    };
    for (const [key, record] of Object.entries(vault.secrets ?? {})) {
      checkRecord('secrets', key, record);
      if (Object.hasOwn(vault.deletedSecrets ?? {}, key)) problems.push(`${where}: secret ${key} is both live and deleted`);
    }
    for (const [key, record] of Object.entries(vault.deletedSecrets ?? {})) {
      checkRecord('deletedSecrets', key, record);
      if (!(record.deletedDate <= record.scheduledPurgeDate)) problems.push(`${where} deletedSecrets.${key}: purge date before deletion`);
      if (!vault.properties.softDeleteEnabled) problems.push(`${where}: soft-deleted secret ${key} in a vault without soft delete`);
    }
  }
  return problems;
}

/** Where a secret name is in a vault: live, soft-deleted or nowhere (never both: that is a violation). */
export function locate(vault: VaultRecord, name: string): { where: 'live' | 'deleted' | 'absent'; versions: string[] } {
  const key = name.toLowerCase();
  const live = Object.hasOwn(vault.secrets, key) ? vault.secrets[key] : undefined;
  const deleted = Object.hasOwn(vault.deletedSecrets, key) ? vault.deletedSecrets[key] : undefined;
  const record = live ?? deleted;
  return { where: live ? 'live' : deleted ? 'deleted' : 'absent', versions: record ? record.versions.map((v) => v.version) : [] };
}
