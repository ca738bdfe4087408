/**
 * Key Vault's built-in Azure RBAC roles, as far as secrets are concerned (reference
 * management-plane-and-identity.md §3). Evaluation goes through the data actions, with Azure's
 * wildcard rules, never through role names.
 */

export interface BuiltInRole {
  id: string; // roleDefinition GUID
  name: string;
  dataActions: readonly string[];
  actions: readonly string[];
}

const CONTROL_READ = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
];

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  { id: '00482a5a-887f-4fb3-b363-3b7fe8e74483', name: 'Key Vault Administrator', dataActions: ['Microsoft.KeyVault/vaults/*'], actions: CONTROL_READ },
  { id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', name: 'Key Vault Secrets Officer', dataActions: ['Microsoft.KeyVault/vaults/secrets/*'], actions: CONTROL_READ },
  {
    id: '4633458b-17de-408a-b874-0445c86b69e6',
    name: 'Key Vault Secrets User',
    dataActions: ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
    actions: [],
  },
  {
    id: '21090545-7ca7-4776-b22c-e363652d74d2',
    name: 'Key Vault Reader',
    dataActions: ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
    actions: CONTROL_READ,
  },
  {
    id: 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba',
    name: 'Key Vault Certificate User',
    dataActions: [
      'Microsoft.KeyVault/vaults/certificates/read',
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
      'Microsoft.KeyVault/vaults/keys/read',
    ],
    actions: [],
  },
  // Management-only roles: no data access at all (assignable, but grant nothing on secrets).
  { id: 'f25e0fa2-a7c8-4377-a976-54943a77a395', name: 'Key Vault Contributor', dataActions: [], actions: ['Microsoft.KeyVault/*'] },
  { id: 'a68e7c17-0ab2-4c09-9a58-125dae29748c', name: 'Key Vault Purge Operator', dataActions: [], actions: ['Microsoft.KeyVault/locations/deletedVaults/purge/action'] },
];

const BY_ID = new Map(BUILT_IN_ROLES.map((r) => [r.id, r]));
const BY_NAME = new Map(BUILT_IN_ROLES.map((r) => [r.name.toLowerCase(), r]));

/** A role by GUID, by full roleDefinitionId (…/roleDefinitions/{guid}) or by name, case-insensitive. */
export function findRole(idOrName: string): BuiltInRole | undefined {
  const s = idOrName.trim().toLowerCase();
  const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(s)?.[1];
  return (guid && BY_ID.get(guid)) || BY_NAME.get(s);
}

function toRegex(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i');
}
const cache = new Map<string, RegExp>();

/** Azure's action matching: case-insensitive, `*` matches any run of characters (slashes included). */
export function actionMatches(pattern: string, action: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = toRegex(pattern);
    cache.set(pattern, re);
  }
  return re.test(action);
}

export function roleGrants(role: BuiltInRole, dataAction: string): boolean {
  return role.dataActions.some((p) => actionMatches(p, dataAction));
}
