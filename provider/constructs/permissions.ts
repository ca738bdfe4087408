/**
 * Access-policy permissions with azurerm's exact strings (PascalCase,
 * case-sensitive: azurerm validates them with `StringInSlice(..., false)` and
 * sends them to ARM as typed). Source: management-plane-and-identity.md §1.1
 * "Permission value sets" (azurerm `access_policy_schema.go` @69697b7). The
 * emulator's provider accepts the same strings, so one declaration serves
 * both targets.
 */

export const SECRET_PERMISSIONS = ['Get', 'List', 'Set', 'Delete', 'Recover', 'Backup', 'Restore', 'Purge'] as const;

export const KEY_PERMISSIONS = [
  'Get',
  'List',
  'Update',
  'Create',
  'Import',
  'Delete',
  'Recover',
  'Backup',
  'Restore',
  'Decrypt',
  'Encrypt',
  'UnwrapKey',
  'WrapKey',
  'Verify',
  'Sign',
  'Purge',
  'Release',
  'Rotate',
  'GetRotationPolicy',
  'SetRotationPolicy',
] as const;

export const CERTIFICATE_PERMISSIONS = [
  'Get',
  'List',
  'Update',
  'Create',
  'Import',
  'Delete',
  'Recover',
  'Backup',
  'Restore',
  'ManageContacts',
  'ManageIssuers',
  'GetIssuers',
  'ListIssuers',
  'SetIssuers',
  'DeleteIssuers',
  'Purge',
] as const;

export const STORAGE_PERMISSIONS = [
  'Backup',
  'Delete',
  'DeleteSAS',
  'Get',
  'GetSAS',
  'List',
  'ListSAS',
  'Purge',
  'Recover',
  'RegenerateKey',
  'Restore',
  'Set',
  'SetSAS',
  'Update',
] as const;

export type SecretPermission = (typeof SECRET_PERMISSIONS)[number];
export type KeyPermission = (typeof KEY_PERMISSIONS)[number];
export type CertificatePermission = (typeof CERTIFICATE_PERMISSIONS)[number];
export type StoragePermission = (typeof STORAGE_PERMISSIONS)[number];

/** What one access policy grants, per object kind. */
export interface KeyVaultPermissions {
  readonly secrets?: readonly SecretPermission[];
  readonly keys?: readonly KeyPermission[];
  readonly certificates?: readonly CertificatePermission[];
  readonly storage?: readonly StoragePermission[];
}

/** Read a secret's value and list secrets (`grantSecretRead`). */
export const SECRET_READ: readonly SecretPermission[] = ['Get', 'List'];
/** Set new versions and update attributes (`grantSecretWrite`); deleting is not writing, as in AWS CDK's grantWrite. */
export const SECRET_WRITE: readonly SecretPermission[] = ['Set'];
/**
 * Everything Terraform needs to manage secrets: create and update (Set),
 * refresh (Get, List), destroy (Delete, Purge), and recover a soft-deleted
 * secret of the same name (Recover: azurerm's docs require it for the
 * `recover_soft_deleted_*` features).
 */
export const SECRET_MANAGE: readonly SecretPermission[] = ['Get', 'List', 'Set', 'Delete', 'Recover', 'Purge'];

const ALLOWED = {
  secrets: SECRET_PERMISSIONS,
  keys: KEY_PERMISSIONS,
  certificates: CERTIFICATE_PERMISSIONS,
  storage: STORAGE_PERMISSIONS,
} as const;

export const PERMISSION_KINDS = Object.keys(ALLOWED) as Array<keyof KeyVaultPermissions>;

/**
 * The union of two grants, each list in azurerm's canonical order and without
 * duplicates, so the synthesized policy is the same whatever the order of the
 * grant() calls. Throws on a string azurerm would reject (plain JavaScript
 * callers bypass the types; a lowercase `get` is the classic mistake,
 * hashicorp/terraform-provider-azurerm#10707).
 */
export function mergePermissions(a: KeyVaultPermissions, b: KeyVaultPermissions): KeyVaultPermissions {
  const out: Record<string, string[]> = {};
  for (const kind of PERMISSION_KINDS) {
    const allowed: readonly string[] = ALLOWED[kind];
    const wanted = new Set<string>([...(a[kind] ?? []), ...(b[kind] ?? [])]);
    for (const p of wanted) {
      if (!allowed.includes(p)) {
        throw new Error(`unknown ${kind} permission "${p}": azurerm accepts exactly ${allowed.join(', ')}`);
      }
    }
    const list = allowed.filter((p) => wanted.has(p));
    if (list.length > 0) out[kind] = list;
  }
  return out as KeyVaultPermissions;
}
