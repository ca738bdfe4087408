/**
 * The one error catalogue of the emulator.
 *
 * Every error the emulator answers with is built here, so that status codes, error codes and
 * messages stay in one place and match what Azure sends (see
 * ../shared/reference/secrets-data-plane.md §6). Messages marked "[?]" in the reference are not
 * verified against the real service; they are listed in the README's differences section.
 *
 * Wire shape (data plane and ARM alike): {"error":{"code":..,"message":..,"innererror":{"code":..}}}
 */

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    /** Extra response headers, e.g. WWW-Authenticate on 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toBody(): { error: { code: string; message: string; innererror?: { code: string } } } {
    const error: { code: string; message: string; innererror?: { code: string } } = {
      code: this.code,
      message: this.message,
    };
    if (this.innerCode) error.innererror = { code: this.innerCode };
    return { error };
  }
}

const NOT_FOUND_HELP =
  'If you recently deleted this secret you may be able to recover it using the correct recovery command. ' +
  'For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182';

export const LATEST_API_VERSION = '2026-04-01';

/** Data-plane errors (Key Vault secrets). */
export const Errors = {
  // --- 400 ---
  invalidSecretName: (name: string) =>
    new ServiceError(400, 'BadParameter', `The request URI contains an invalid name: ${name}`),
  unknownApiVersion: (version: string) =>
    new ServiceError(
      400,
      'BadParameter',
      `The specified version (${version}) is not recognized. Consider using the latest supported version (${LATEST_API_VERSION}).`,
    ),
  missingApiVersion: () =>
    new ServiceError(
      400,
      'BadParameter',
      `The 'api-version' query parameter is missing. Specify a supported version, e.g. api-version=${LATEST_API_VERSION}.`,
    ),
  badParameter: (message: string) => new ServiceError(400, 'BadParameter', message),
  malformedJson: (detail: string) =>
    new ServiceError(400, 'BadParameter', `The request body is not valid JSON: ${detail}`),
  malformedBackup: () =>
    new ServiceError(400, 'Malformed backup blob', 'Backup blob contains invalid or corrupt version.'),
  badHost: (host: string) => new ServiceError(400, 'BadParameter', `The Host header '${host}' is not valid.`),
  /** Refused by the HTTP parser before any routing (see http/protocol.ts). */
  malformedRequest: (parserCode: string) =>
    new ServiceError(400, 'BadRequest', `The request is not valid HTTP/1.1 (${parserCode}).`),

  // --- 401 ---
  missingToken: (challenge: string) =>
    new ServiceError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', undefined, {
      'WWW-Authenticate': challenge,
    }),

  invalidToken: (message: string, challenge: string) =>
    new ServiceError(401, 'Unauthorized', message, undefined, { 'WWW-Authenticate': challenge }),

  // --- 403 ---
  /** Access-policy denial. `caller` is `appid=..;oid=..;iss=..`. */
  accessDenied: (caller: string, permission: string, vault: string, region: string) =>
    new ServiceError(
      403,
      'Forbidden',
      `The user, group or application '${caller}' does not have secrets ${permission} permission on key vault '${vault};location=${region}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
      'AccessDenied',
    ),
  /** RBAC denial; `resource` is the lower-cased ARM id of the vault (plus /secrets/{name}). */
  forbiddenByRbac: (caller: string, action: string, resource: string, vault: string, region: string) =>
    new ServiceError(
      403,
      'Forbidden',
      `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: ${caller}\r\nAction: '${action}'\r\nResource: '${resource}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: ${vault};location=${region}\r\n`,
      'ForbiddenByRbac',
    ),
  secretDisabled: () =>
    new ServiceError(403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled'),
  purgeProtected: (vault: string, region: string) =>
    new ServiceError(
      403,
      'Forbidden',
      `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed. Vault: ${vault};location=${region}`,
    ),

  // --- 404 ---
  secretNotFound: (nameOrId: string) =>
    new ServiceError(
      404,
      'SecretNotFound',
      `A secret with (name/id) ${nameOrId} was not found in this key vault. ${NOT_FOUND_HELP}`,
    ),
  deletedSecretNotFound: (name: string) =>
    new ServiceError(404, 'SecretNotFound', `Deleted Secret not found: ${name}`),
  vaultNotFound: (host: string) =>
    new ServiceError(
      404,
      'VaultNotFound',
      `No vault is served at '${host}'. Create it first (keyvault-emulator vault create <name>) or check the host name.`,
    ),
  pathNotFound: (path: string) =>
    new ServiceError(404, 'NotFound', `The requested resource '${path}' does not exist on this key vault.`),

  // --- 405 ---
  methodNotAllowed: (method: string) => new ServiceError(405, 'MethodNotAllowed', `HTTP ${method} not allowed`),

  // --- 409 ---
  secretDeletedButRecoverable: (name: string) =>
    new ServiceError(
      409,
      'Conflict',
      `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
      'ObjectIsDeletedButRecoverable',
    ),
  restoreConflict: (versionedId: string) =>
    new ServiceError(
      409,
      'Conflict',
      `There was a conflict restoring the secret '${versionedId}'. This can happen if either: a second secret with the same name was created after the first secret was deleted; thus trying to restore a secret whose name is already in use. To fix this, rename the second secret to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the secret. To avoid this error, perform operations against a secret in a sequential manner.`,
    ),

  // --- 408 / 413 / 415 / 417 / 431 ---
  requestTimeout: () => new ServiceError(408, 'RequestTimeout', 'The request was not received in time.'),
  expectationFailed: () =>
    new ServiceError(417, 'ExpectationFailed', "The 'Expect' header is not supported; send none, or '100-continue'."),
  headersTooLarge: () =>
    new ServiceError(431, 'RequestHeaderFieldsTooLarge', 'The request headers are larger than the emulator accepts.'),
  bodyTooLarge: (limit: number) =>
    new ServiceError(413, 'RequestEntityTooLarge', `The request body is larger than the limit of ${limit} bytes.`),
  unsupportedCharset: (charset: string) =>
    new ServiceError(415, 'UnsupportedMediaType', `The request body charset '${charset}' is not supported; use utf-8.`),

  // --- 5xx (never for bad input) ---
  storeUnavailable: (detail: string) =>
    new ServiceError(503, 'ServiceUnavailable', `The emulator could not persist the change: ${detail}. Retry later.`),
  internal: () =>
    new ServiceError(500, 'InternalError', 'The emulator hit an unexpected error; see its log for details.'),
} as const;

/**
 * Management-plane (ARM) errors: `{"error":{"code","message"}}` as Azure Resource Manager and the
 * Key Vault resource provider send them (reference management-plane-and-identity.md §2).
 */
export const ArmErrors = {
  missingApiVersion: () =>
    new ServiceError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests."),
  invalidRequestContent: (detail: string) =>
    new ServiceError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${detail}'.`),
  badRequest: (message: string) => new ServiceError(400, 'BadRequest', message),
  locationRequired: () => new ServiceError(400, 'LocationRequired', 'The location property is required for this definition.'),
  vaultNameNotValid: (name: string) =>
    new ServiceError(
      400,
      'VaultNameNotValid',
      `The vault name '${name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens. Follow this link for more information: https://go.microsoft.com/fwlink/?linkid=2147742`,
    ),
  vaultAlreadyExists: (name: string) =>
    new ServiceError(
      409,
      'VaultAlreadyExists',
      `The vault name '${name}' is already in use. Vault names are globally unique so it is possible that the name is already taken. If you are sure that the vault name was not taken then it is possible that a vault with the same name was recently deleted but not purged after being placed in a recoverable state. If the vault is in a recoverable state then the vault will need to be explicitly purged before reusing the name. Follow this link for more information: https://go.microsoft.com/fwlink/?linkid=2147740`,
    ),
  vaultInDeletedState: () =>
    new ServiceError(
      409,
      'ConflictError',
      'A vault with the same name already exists in deleted state. You need to either recover or purge existing key vault. Follow this link https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft delete.',
    ),
  resourceNotFound: (type: string, name: string, resourceGroup: string) =>
    new ServiceError(
      404,
      'ResourceNotFound',
      `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    ),
  resourceGroupNotFound: (resourceGroup: string) =>
    new ServiceError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`),
  deletedVaultNotFound: (name: string, location: string) =>
    new ServiceError(404, 'DeletedVaultNotFound', `The specified deleted vault '${name}' does not exist in the specified region '${location}'.`),
  purgeProtectedVault: (name: string, scheduledPurgeDate: string) =>
    new ServiceError(
      409,
      'Conflict',
      `Operation 'purge' is not allowed because purge protection is enabled for vault '${name}'. The vault will be purged automatically at ${scheduledPurgeDate}.`,
    ),
  propertyCannotChange: (message: string) => new ServiceError(400, 'BadRequest', message),
  roleAssignmentNotFound: (id: string) => new ServiceError(404, 'RoleAssignmentNotFound', `The role assignment '${id}' is not found.`),
  roleAssignmentUpdateNotPermitted: () =>
    new ServiceError(409, 'RoleAssignmentUpdateNotPermitted', 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.'),
  roleDefinitionDoesNotExist: (id: string) =>
    new ServiceError(400, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${id}' does not exist.`),
  invalidRoleAssignmentScope: (scope: string) =>
    new ServiceError(400, 'InvalidResourceType', `Role assignments are supported on a vault or on one of its secrets here, not on '${scope}'.`),
  notFound: (path: string) =>
    new ServiceError(404, 'NotFound', `No management operation is served at '${path}'.`),
  methodNotAllowed: (method: string) =>
    new ServiceError(405, 'MethodNotAllowed', `The requested method '${method}' is not allowed for this resource.`),
  missingToken: (challenge: string) =>
    new ServiceError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", undefined, {
      'WWW-Authenticate': challenge,
    }),
  /** A token was refused in strict mode; the code tells why, like ARM. */
  invalidToken: (code: string, message: string, challenge: string) =>
    new ServiceError(401, code, message, undefined, { 'WWW-Authenticate': challenge }),
} as const;

/** Errors of the token issuer's admin API (`/_emulator/clients`), in the data-plane shape. */
export const IdentityErrors = {
  clientNotFound: (clientId: string) =>
    new ServiceError(404, 'ClientNotFound', `No client with id '${clientId}' is registered with the emulator's token issuer.`),
  builtInClient: (clientId: string) =>
    new ServiceError(
      409,
      'Conflict',
      `Client '${clientId}' is built in (the development client or the system-assigned managed identity) and cannot be deleted.`,
    ),
} as const;
