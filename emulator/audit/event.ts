/**
 * The access log record: Key Vault's `AuditEvent` (reference secrets-data-plane.md §11), and the
 * one function that builds it.
 *
 * Safety by construction: `buildAuditEvent` reads only the named fields of its input, checks the
 * type and shape of each, and builds the record field by field. Passing a request, a header map, a
 * body or a whole claim set does not put any of it in the log: an object where a string is expected
 * is dropped, extra properties are never read. What each field may contain:
 *
 *   - `requestUri`: scheme, host, path, and only the query keys in AUDIT_QUERY_KEYS (none of them
 *     carries a value or a credential); user info and fragment are removed.
 *   - `identity.claim`: `oid`, `appid`, `upn` only, never the token.
 *   - `correlationId`: the client request id only when it looks like an id (a token does not).
 *   - `resultDescription`: short text without quotes, braces or brackets, because parser errors
 *     quote the request body (`Unexpected token ... "{"value":"..."` is not valid JSON).
 *
 * Field rules the emulator chose where the reference is silent:
 *   - `resultType` is `Success` for 1xx-3xx and `Failure` for 4xx/5xx (the reference only shows
 *     `Success`; the status itself is in `resultSignature` and `properties.httpStatusCode`).
 *   - `resultSignature` is the .NET `HttpStatusCode` name of the status (`OK`, `Unauthorized`, ...);
 *     a status without a name is written as its number, as .NET's `Enum.ToString` does.
 *   - `time` has 7 fractional digits (100 ns ticks, like the service); `durationMs` is a string of
 *     whole milliseconds, as in the service's records.
 *   - `identity` is always present; `claim` holds whichever of oid/appid/upn the caller had, so it
 *     is `{}` for requests without a token (the 401 challenge).
 *   - `properties.id` is present only when the request named an object.
 */
import { isIP } from 'node:net';
import { DEFAULT_RESOURCE_GROUP, DEFAULT_SUBSCRIPTION } from '../ops/vaults';

export const AUDIT_CATEGORY = 'AuditEvent';

/** Operation names that are not one of the twelve secret operations (those come from core/operations). */
export const AUDIT_OPERATIONS = {
  /** A vault request answered before it was authenticated (no, bad or expired token: the 401). */
  authentication: 'Authentication',
  /** A request to the emulator's token endpoint. Emulator-specific: Azure's token service is not Key Vault. */
  tokenIssue: 'TokenIssue',
  /** An authenticated vault request that matched no operation (unknown path, 405). */
  unknown: 'Unknown',
} as const;

/**
 * The only query keys a logged request URI keeps (compared decoded and case-insensitively), with
 * what their values may look like; a pair that does not fit is dropped.
 */
const QUERY_VALUE: ReadonlyMap<string, RegExp> = new Map([
  ['api-version', /^[A-Za-z0-9.-]{0,32}$/],
  ['maxresults', /^\d{0,10}$/],
  ['$skiptoken', /^[A-Za-z0-9_%.~-]{0,1024}$/], // base64url of the last name returned, maybe %-encoded
]);
export const AUDIT_QUERY_KEYS: readonly string[] = [...QUERY_VALUE.keys()];

export interface AuditClaims {
  oid?: string;
  appid?: string;
  upn?: string;
}

export interface AuditEvent {
  /** UTC, 7 fractional digits: 2016-01-05T01:32:01.2691226Z */
  time: string;
  /** Upper-cased ARM id of the vault, or of the tenant for the token endpoint. */
  resourceId: string;
  operationName: string;
  /** api-version the client sent ('' when none or unusable). */
  operationVersion: string;
  category: typeof AUDIT_CATEGORY;
  resultType: 'Success' | 'Failure';
  resultSignature: string;
  resultDescription: string;
  /** Whole milliseconds, as a string (the service writes it so). */
  durationMs: string;
  callerIpAddress: string;
  correlationId: string;
  identity: { claim: AuditClaims };
  properties: {
    /** Id of the object the request named or returned (e.g. a versioned secret id). */
    id?: string;
    requestUri: string;
    httpStatusCode: number;
    isAccessPolicyMatch: boolean;
    isRbacAuthorized: boolean;
    /** User-Agent. */
    clientInfo: string;
  };
}

/** Which resource a record is about: a vault (ARM id) or, for the token endpoint, the tenant. */
export type AuditResource =
  | { vault: { name: string; subscriptionId?: string; resourceGroup?: string } }
  | { tenantId: string };

export interface AuditInput {
  /** When the request arrived, in ms since the epoch; fractions give sub-ms digits (performance.timeOrigin + performance.now()). */
  startedAt: number;
  durationMs: number;
  resource: AuditResource;
  /** SecretGet, SecretSet, ... (SECRET_OPERATIONS[..].auditName) or one of AUDIT_OPERATIONS. */
  operationName: string;
  apiVersion?: string;
  /** HTTP status sent. */
  status: number;
  /** req.socket.remoteAddress */
  callerIp?: string;
  /** The x-ms-client-request-id header. */
  clientRequestId?: string;
  /** Identity of the caller; only oid, appid and upn are read. */
  claims?: AuditClaims;
  /** URL of the object the request named (versioned secret id when known). */
  objectId?: string;
  /** Absolute URI the client called: origin + path + query. */
  requestUri: string;
  /** The User-Agent header. */
  userAgent?: string;
  isAccessPolicyMatch?: boolean;
  isRbacAuthorized?: boolean;
  /** E.g. the error code (`SecretNotFound`, `ForbiddenByRbac`); '' for successes. */
  resultDescription?: string;
}

/** .NET System.Net.HttpStatusCode names (for values with two names, the primary one). */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'SwitchingProtocols',
  102: 'Processing',
  103: 'EarlyHints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'NonAuthoritativeInformation',
  204: 'NoContent',
  205: 'ResetContent',
  206: 'PartialContent',
  207: 'MultiStatus',
  208: 'AlreadyReported',
  226: 'IMUsed',
  300: 'MultipleChoices',
  301: 'MovedPermanently',
  302: 'Found',
  303: 'SeeOther',
  304: 'NotModified',
  305: 'UseProxy',
  306: 'Unused',
  307: 'TemporaryRedirect',
  308: 'PermanentRedirect',
  400: 'BadRequest',
  401: 'Unauthorized',
  402: 'PaymentRequired',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  407: 'ProxyAuthenticationRequired',
  408: 'RequestTimeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'LengthRequired',
  412: 'PreconditionFailed',
  413: 'RequestEntityTooLarge',
  414: 'RequestUriTooLong',
  415: 'UnsupportedMediaType',
  416: 'RequestedRangeNotSatisfiable',
  417: 'ExpectationFailed',
  421: 'MisdirectedRequest',
  422: 'UnprocessableEntity',
  423: 'Locked',
  424: 'FailedDependency',
  426: 'UpgradeRequired',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  431: 'RequestHeaderFieldsTooLarge',
  451: 'UnavailableForLegalReasons',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
  505: 'HttpVersionNotSupported',
  506: 'VariantAlsoNegotiates',
  507: 'InsufficientStorage',
  508: 'LoopDetected',
  510: 'NotExtended',
  511: 'NetworkAuthenticationRequired',
};

export function resultSignatureOf(status: number): string {
  return STATUS_NAMES[status] ?? String(status);
}

export function resultTypeOf(status: number): 'Success' | 'Failure' {
  return status >= 100 && status < 400 ? 'Success' : 'Failure';
}

const MAX_TIME = Date.UTC(10000, 0, 1);
let cachedSecond = NaN;
let cachedPrefix = '';

/** Formats ms since the epoch as the service does: 2016-01-05T01:32:01.2691226Z. */
export function formatAuditTime(epochMs: number): string {
  // Years 1970-9999 only: the format has four year digits (and Date throws beyond its range).
  const ms = Number.isFinite(epochMs) && epochMs >= 0 && epochMs < MAX_TIME ? epochMs : Date.now();
  const whole = Math.floor(ms);
  const ticks = Math.min(9999, Math.max(0, Math.round((ms - whole) * 10_000)));
  const second = Math.floor(whole / 1000);
  // Records come in bursts within one second: format the date part once per second.
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19); // 2016-01-05T01:32:01
  }
  const fraction = (whole - second * 1000) * 10_000 + ticks;
  return `${cachedPrefix}.${String(fraction).padStart(7, '0')}Z`;
}

const CONTROL = /[\u0000-\u001f\u007f]/g;

/** A string field: strings only, control characters removed, length capped. */
function text(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const clean = value.replace(CONTROL, '');
  return clean.length > max ? clean.slice(0, max) : clean;
}

/** A field that must be an id-like token (GUIDs, api-versions, names); otherwise ''. */
function token(value: unknown, pattern: RegExp): string {
  return typeof value === 'string' && pattern.test(value) ? value : '';
}

const API_VERSION = /^[A-Za-z0-9.-]{1,32}$/;
// A GUID in practice; anything id-like up to 72 characters. A JWT is longer and never matches.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,72}$/;
const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const ARM_SEGMENT = /^[A-Za-z0-9._()-]{1,90}$/;
// No quotes, braces or brackets: parser errors quote the request body between them.
const DESCRIPTION = /^[^"{}[\]\\`]{0,256}$/;

/**
 * A bounded memo for the pure string functions of a record: a busy emulator builds the same
 * resource ids and cleans the same URLs over and over (the record is built on every request).
 */
function memo(fn: (key: string) => string, max = 2048): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      if (cache.size >= max) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

const upperCase = memo((s) => s.toUpperCase());

function resourceIdOf(resource: AuditResource): string {
  if (resource && typeof resource === 'object' && 'vault' in resource && resource.vault && typeof resource.vault === 'object') {
    const name = token(resource.vault.name, ARM_SEGMENT) || 'UNKNOWN';
    const sub = token(resource.vault.subscriptionId, ARM_SEGMENT) || DEFAULT_SUBSCRIPTION;
    const rg = token(resource.vault.resourceGroup, ARM_SEGMENT) || DEFAULT_RESOURCE_GROUP;
    return upperCase(`/SUBSCRIPTIONS/${sub}/RESOURCEGROUPS/${rg}/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/${name}`);
  }
  const tenantId = resource && typeof resource === 'object' ? (resource as { tenantId?: unknown }).tenantId : undefined;
  const tenant = token(tenantId, ARM_SEGMENT) || 'UNKNOWN';
  // The resource id Azure's sign-in logs use for a tenant.
  return `/TENANTS/${tenant}/PROVIDERS/MICROSOFT.AADIAM`.toUpperCase();
}

// scheme, authority, path, query, fragment. Parsed by hand: `new URL` costs more than the rest of a record.
const URL_PARTS = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i;
const URL_SAFE = /^[\x21-\x7e]*$/; // printable ASCII, no spaces: what a request line can carry

/** The decoded, lower-cased key of a query pair when it is kept, else ''. */
function keptQueryKey(pair: string): string {
  const eq = pair.indexOf('=');
  const key = queryKeyOf(eq < 0 ? pair : pair.slice(0, eq));
  const valuePattern = QUERY_VALUE.get(key);
  return valuePattern && valuePattern.test(eq < 0 ? '' : pair.slice(eq + 1)) ? key : '';
}

function queryKeyOf(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw.toLowerCase();
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return '';
  }
}

const cleanWithQuery = memo((value) => cleanUrlOnce(value, true));
const cleanWithoutQuery = memo((value) => cleanUrlOnce(value, false));

/** An absolute http(s) URL without user info and fragment, with only the known query keys; '' when it is not one. */
function cleanUrl(value: unknown, keepQuery: boolean): string {
  if (typeof value !== 'string' || value.length > 8192) return '';
  return keepQuery ? cleanWithQuery(value) : cleanWithoutQuery(value);
}

function cleanUrlOnce(value: string, keepQuery: boolean): string {
  const m = URL_PARTS.exec(value);
  if (!m) return '';
  const authority = m[2].slice(m[2].lastIndexOf('@') + 1); // user info never reaches the log
  const base = `${m[1].toLowerCase()}://${authority}${m[3] || '/'}`;
  if (!URL_SAFE.test(base) || authority === '') return '';
  let out = base.length > 2048 ? base.slice(0, 2048) : base;
  if (keepQuery && m[4]) {
    const kept = m[4].split('&').filter((pair) => keptQueryKey(pair) !== '');
    if (kept.length > 0) out += `?${kept.join('&')}`;
  }
  return out;
}

function claimsOf(claims: unknown): AuditClaims {
  const out: AuditClaims = {};
  if (!claims || typeof claims !== 'object') return out;
  const c = claims as Record<string, unknown>;
  for (const key of ['oid', 'appid', 'upn'] as const) {
    const v = text(c[key], 256);
    if (v) out[key] = v;
  }
  return out;
}

function callerIpOf(value: unknown): string {
  if (typeof value !== 'string') return '';
  const ip = value.startsWith('::ffff:') && isIP(value.slice(7)) === 4 ? value.slice(7) : value;
  return isIP(ip) ? ip : '';
}

function statusOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 999 ? value : 500;
}

/** Builds one AuditEvent from explicit, checked fields (see the module comment). */
export function buildAuditEvent(given: AuditInput): AuditEvent {
  const input: Partial<AuditInput> = given && typeof given === 'object' ? given : {};
  const status = statusOf(input.status);
  // DurationMs is an int column in Log Analytics: 0 .. 2^31-1.
  const duration =
    typeof input.durationMs === 'number' && Number.isFinite(input.durationMs) ? Math.min(2 ** 31 - 1, Math.max(0, Math.round(input.durationMs))) : 0;
  const description = typeof input.resultDescription === 'string' && DESCRIPTION.test(input.resultDescription)
    ? text(input.resultDescription, 256)
    : '';
  const id = cleanUrl(input.objectId, false);
  const requestUri = cleanUrl(input.requestUri, true);
  const isAccessPolicyMatch = input.isAccessPolicyMatch === true;
  const isRbacAuthorized = input.isRbacAuthorized === true;
  const clientInfo = text(input.userAgent, 512);
  // Two literals rather than a spread: a spread makes V8 build a slow dictionary object.
  const properties: AuditEvent['properties'] = id
    ? { id, requestUri, httpStatusCode: status, isAccessPolicyMatch, isRbacAuthorized, clientInfo }
    : { requestUri, httpStatusCode: status, isAccessPolicyMatch, isRbacAuthorized, clientInfo };
  return {
    time: formatAuditTime(typeof input.startedAt === 'number' ? input.startedAt : Date.now()),
    resourceId: resourceIdOf(input.resource as AuditResource),
    operationName: token(input.operationName, OPERATION_NAME) || AUDIT_OPERATIONS.unknown,
    operationVersion: token(input.apiVersion, API_VERSION),
    category: AUDIT_CATEGORY,
    resultType: resultTypeOf(status),
    resultSignature: resultSignatureOf(status),
    resultDescription: description,
    durationMs: String(duration),
    callerIpAddress: callerIpOf(input.callerIp),
    correlationId: token(input.clientRequestId, CLIENT_REQUEST_ID),
    identity: { claim: claimsOf(input.claims) },
    properties,
  };
}

/** The vault name of a record ('' for tenant records), lower-cased for display. */
export function vaultOfResourceId(resourceId: string): string {
  const m = /\/VAULTS\/([^/]+)$/i.exec(resourceId);
  return m ? m[1].toLowerCase() : '';
}
