/**
 * The one table that says, for every data-plane secret operation, which access-policy permission
 * and which RBAC data action it needs and how it is named in the audit log
 * (reference secrets-data-plane.md §3.14 and §12). Routing, authorization and the access log all
 * read it; nothing else may restate these facts.
 */

export type SecretPermission = 'get' | 'list' | 'set' | 'delete' | 'recover' | 'backup' | 'restore' | 'purge';

export const SECRET_PERMISSIONS: readonly SecretPermission[] = [
  'get',
  'list',
  'set',
  'delete',
  'recover',
  'backup',
  'restore',
  'purge',
];

export type SecretOperationName =
  | 'SetSecret'
  | 'GetSecret'
  | 'UpdateSecret'
  | 'DeleteSecret'
  | 'GetSecrets'
  | 'GetSecretVersions'
  | 'GetDeletedSecrets'
  | 'GetDeletedSecret'
  | 'PurgeDeletedSecret'
  | 'RecoverDeletedSecret'
  | 'BackupSecret'
  | 'RestoreSecret';

export interface SecretOperationInfo {
  readonly name: SecretOperationName;
  /** AuditEvent operationName. */
  readonly auditName: string;
  /** Access-policy permission the caller needs. */
  readonly permission: SecretPermission;
  /** RBAC data action the caller needs. */
  readonly dataAction: string;
}

const SECRETS = 'Microsoft.KeyVault/vaults/secrets/';

function op(
  name: SecretOperationName,
  auditName: string,
  permission: SecretPermission,
  action: string,
): SecretOperationInfo {
  return { name, auditName, permission, dataAction: SECRETS + action };
}

export const SECRET_OPERATIONS: Readonly<Record<SecretOperationName, SecretOperationInfo>> = {
  SetSecret: op('SetSecret', 'SecretSet', 'set', 'setSecret/action'),
  GetSecret: op('GetSecret', 'SecretGet', 'get', 'getSecret/action'),
  UpdateSecret: op('UpdateSecret', 'SecretUpdate', 'set', 'update/action'),
  DeleteSecret: op('DeleteSecret', 'SecretDelete', 'delete', 'delete'),
  GetSecrets: op('GetSecrets', 'SecretList', 'list', 'readMetadata/action'),
  GetSecretVersions: op('GetSecretVersions', 'SecretListVersions', 'list', 'readMetadata/action'),
  GetDeletedSecrets: op('GetDeletedSecrets', 'SecretListDeleted', 'list', 'readMetadata/action'),
  GetDeletedSecret: op('GetDeletedSecret', 'SecretGetDeleted', 'get', 'readMetadata/action'),
  PurgeDeletedSecret: op('PurgeDeletedSecret', 'SecretPurge', 'purge', 'purge/action'),
  RecoverDeletedSecret: op('RecoverDeletedSecret', 'SecretRecover', 'recover', 'recover/action'),
  BackupSecret: op('BackupSecret', 'SecretBackup', 'backup', 'backup/action'),
  RestoreSecret: op('RestoreSecret', 'SecretRestore', 'restore', 'restore/action'),
};
