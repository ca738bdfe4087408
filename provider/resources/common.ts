/**
 * What the resources share: the configured client, azurerm's validations
 * (names, permissions, tags, dates) and the rules that keep a refreshed value
 * identical to the configured one when the API only spells it differently
 * (location casing, permission order, date formats), so plans stay empty.
 */
import { isPlainObject, type CtyValue } from '../core/cty';
import { DiagnosticError } from '../core/diagnostics';
import type { ValidationIssue, Validator } from '../framework/validators';
import type { KeyvaultClient } from '../client';
import { parseVaultId, VAULT_ID_FORMAT } from '../client/ids';
import type { KeyvaultProviderData } from '../keyvault-provider';

/** The API client, or a diagnostic explaining why there is none yet. */
export function clientOf(provider: KeyvaultProviderData): KeyvaultClient {
  if (provider.client) return provider.client;
  if (provider.unknownAttributes.length > 0) {
    throw new DiagnosticError('Provider configuration not known yet', {
      detail: `The provider settings ${provider.unknownAttributes.map((a) => `"${a}"`).join(', ')} depend on values known only after apply, so the emulator cannot be called yet.`,
    });
  }
  throw new DiagnosticError('The provider is not configured', { detail: 'The keyvault provider has no usable configuration (see the errors above).' });
}

// ------------------------------------------------------------- validators ----

/** azurerm validate.VaultName: 3-24 letters, digits and dashes, a letter first, no "--", no dash last. */
export const vaultName: Validator = (value) => {
  if (typeof value !== 'string') return;
  if (!/^[a-zA-Z0-9-]{3,24}$/.test(value)) return `may only contain alphanumeric characters and dashes and must be between 3-24 chars, got ${JSON.stringify(value)}`;
  if (!/^[a-zA-Z]/.test(value)) return `must start with a letter, got ${JSON.stringify(value)}`;
  if (!/[a-zA-Z0-9]$/.test(value)) return `must end with a letter or digit, got ${JSON.stringify(value)}`;
  if (value.includes('--')) return `must not contain consecutive dashes, got ${JSON.stringify(value)}`;
};

/** azurerm resource group names: 1-90 of letters, digits, `-_.()`, not ending in a period. */
export const resourceGroupName: Validator = (value) => {
  if (typeof value !== 'string') return;
  if (value.length < 1 || value.length > 90) return `must be between 1 and 90 characters long, got ${value.length}`;
  if (!/^[-\w.()]+$/u.test(value)) return `may only contain letters, digits, underscores, dashes, periods and parentheses, got ${JSON.stringify(value)}`;
  if (value.endsWith('.')) return `must not end with a period, got ${JSON.stringify(value)}`;
};

/** azurerm's Key Vault child names (secrets): letters, digits and dashes, at most 127 characters. */
export const secretName: Validator = (value) => {
  if (typeof value !== 'string') return;
  if (!/^[0-9a-zA-Z-]+$/.test(value)) return `may only contain alphanumeric characters and dashes, got ${JSON.stringify(value)}`;
  if (value.length > 127) return `must be at most 127 characters long, got ${value.length}`;
};

export const nonEmpty: Validator = (value) => {
  if (typeof value === 'string' && value.trim() === '') return 'must not be empty';
};

export const vaultIdValidator: Validator = (value) => {
  if (typeof value === 'string' && !parseVaultId(value)) return `must be a Key Vault id (${VAULT_ID_FORMAT}), got ${JSON.stringify(value)}`;
};

/** Tags as azurerm checks them: at most `max`, names up to 512 and values up to 256 characters. */
export function tagsValidator(max: number): Validator {
  return (value) => {
    if (!isPlainObject(value)) return;
    const issues: ValidationIssue[] = [];
    const keys = Object.keys(value);
    if (keys.length > max) issues.push({ message: `must have at most ${max} tags, got ${keys.length}` });
    for (const key of keys) {
      if (key.length > 512) issues.push({ message: `tag names must be at most 512 characters long, got ${key.length}`, path: [{ key }] });
      const v = value[key];
      if (typeof v === 'string' && v.length > 256) issues.push({ message: `tag values must be at most 256 characters long, got ${v.length}`, path: [{ key }] });
    }
    return issues;
  };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export const rfc3339: Validator = (value) => {
  if (typeof value !== 'string') return;
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) return `must be an RFC 3339 date-time such as "2030-01-01T00:00:00Z", got ${JSON.stringify(value)}`;
};

// ------------------------------------------------------------ permissions ----

/** azurerm's access-policy permission values, in its casing (validated case-sensitively, sent as typed). */
export const PERMISSIONS = {
  secret_permissions: ['Backup', 'Delete', 'Get', 'List', 'Purge', 'Recover', 'Restore', 'Set'],
  key_permissions: [
    'Backup', 'Create', 'Decrypt', 'Delete', 'Encrypt', 'Get', 'Import', 'List', 'Purge', 'Recover', 'Restore', 'Sign',
    'UnwrapKey', 'Update', 'Verify', 'WrapKey', 'Release', 'Rotate', 'GetRotationPolicy', 'SetRotationPolicy',
  ],
  certificate_permissions: [
    'Backup', 'Create', 'Delete', 'DeleteIssuers', 'Get', 'GetIssuers', 'Import', 'List', 'ListIssuers', 'ManageContacts',
    'ManageIssuers', 'Purge', 'Recover', 'Restore', 'SetIssuers', 'Update',
  ],
  storage_permissions: [
    'Backup', 'Delete', 'DeleteSAS', 'Get', 'GetSAS', 'List', 'ListSAS', 'Purge', 'Recover', 'RegenerateKey', 'Restore', 'Set', 'SetSAS', 'Update',
  ],
} as const;

export type PermissionAttribute = keyof typeof PERMISSIONS;

/** ARM's name of each permission list. */
export const PERMISSION_LISTS: Record<PermissionAttribute, 'secrets' | 'keys' | 'certificates' | 'storage'> = {
  secret_permissions: 'secrets',
  key_permissions: 'keys',
  certificate_permissions: 'certificates',
  storage_permissions: 'storage',
};

/** ARM values mapped onto azurerm's casing (case-insensitively); unknown values pass through, as azurerm does. */
export function canonicalPermissions(attribute: PermissionAttribute, values: readonly string[]): string[] {
  const canonical = PERMISSIONS[attribute] as readonly string[];
  return values.map((v) => canonical.find((c) => c.toLowerCase() === v.toLowerCase()) ?? v);
}

// ------------------------------------------------- keeping configured spellings ----

/** Azure's location form: "West Europe" → "westeurope". */
export function normaliseLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** The state's spelling when it means the same as the remote one (case-insensitive), else the remote value. */
export function keepSpelling(state: CtyValue | undefined, remote: string): string {
  return typeof state === 'string' && sameText(state, remote) ? state : remote;
}

/** Tags from the API: an empty or absent map reads as what the state had (null or {}), so "no tags" never diffs. */
export function tagsFromRemote(remote: Record<string, string> | undefined | null, state: CtyValue | undefined): Record<string, string> | null {
  const tags = remote && Object.keys(remote).length > 0 ? { ...remote } : null;
  if (tags === null) return isPlainObject(state) && Object.keys(state).length === 0 ? {} : null;
  return tags;
}

/** A permission list from the API, kept in the state's order (and casing) when it holds the same values. */
export function permissionsFromRemote(attribute: PermissionAttribute, remote: readonly string[] | undefined, state: CtyValue | undefined): string[] | null {
  const values = canonicalPermissions(attribute, remote ?? []);
  const stateList = Array.isArray(state) ? (state as string[]) : null;
  if (values.length === 0) return stateList && stateList.length === 0 ? [] : null;
  if (stateList && sameSet(stateList, values)) return stateList;
  return values;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const norm = (list: readonly string[]) => [...new Set(list.map((s) => s.toLowerCase()))].sort().join('\n');
  return a.length === b.length && norm(a) === norm(b);
}

/** Unix seconds → RFC 3339 as azurerm writes it (`2030-01-01T00:00:00Z`). */
export function dateFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function unixFromDate(value: string): number {
  return Math.floor(Date.parse(value) / 1000);
}

/** A date attribute from the API, kept in the state's spelling when it is the same instant. */
export function dateFromRemote(remote: number | undefined, state: CtyValue | undefined): string | null {
  if (remote === undefined || remote === null) return null;
  if (typeof state === 'string' && !Number.isNaN(Date.parse(state)) && unixFromDate(state) === remote) return state;
  return dateFromUnix(remote);
}

/** azurerm's message for a create that finds the object already there. */
export function alreadyExists(id: string, typeName: string): DiagnosticError {
  return new DiagnosticError('Resource already exists', {
    detail:
      `A resource with the ID "${id}" already exists - to be managed via Terraform this resource needs to be imported into the State. ` +
      `Please see the resource documentation for "${typeName}" for more information (terraform import ${typeName}.<name> "${id}").`,
  });
}

/** The diagnostic for an id given to terraform import that is not of the resource's form. */
export function badImportId(typeName: string, id: string, format: string): DiagnosticError {
  return new DiagnosticError('Invalid import id', {
    detail: `${typeName} is imported by an id of the form ${format}; got ${JSON.stringify(id)}.`,
  });
}
