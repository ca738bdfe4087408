/**
 * The token issuer, on the emulator's own port (reference management-plane-and-identity.md §4):
 *
 *   GET  /{tenant}/v2.0/.well-known/openid-configuration   OpenID discovery (what MSAL fetches)
 *   GET  /{tenant}/discovery/v2.0/keys                     JWKS
 *   POST /{tenant}/oauth2/v2.0/token                       client credentials with a client secret
 *   GET  /msi/token                                        managed identity, App Service style
 *   GET  /metadata/identity/oauth2/token                   managed identity, IMDS style
 *   POST|GET /_emulator/clients, DELETE /_emulator/clients/{clientId}   admin API
 *
 * `{tenant}` is the emulator's tenant, or `common` / `organizations`. The issuer is built on the
 * origin the client called (MSAL requires the discovery document's issuer to have the scheme, host
 * and port of the authority it used); strict mode accepts any loopback issuer (http/auth.ts).
 *
 * Nothing here logs or echoes a secret or a token: errors name client ids (GUIDs only), tenants
 * and scopes, never the values of `client_secret`, `X-IDENTITY-HEADER` or `Authorization`.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { IdentityErrors, Errors, ServiceError } from '../core/errors';
import { authenticate, managementChallenge } from '../http/auth';
import type { EmulatorContext } from '../http/context';
import { readJsonBody } from '../http/body';
import { sendError, sendJson } from '../http/respond';
import { parseHost } from '../http/site';
import { StoreWriteError } from '../store/lowStore';
import type { ClientRecord } from '../store/types';
import {
  CLIENT_KINDS,
  clientView,
  displayNameProblem,
  findByObjectId,
  findClient,
  generateSecret,
  hashSecret,
  isGuid,
  newClientRecord,
  putClient,
  removeClient,
  verifySecret,
  type ClientKind,
  type PrincipalIds,
} from './clients';
import { mintToken, resourceOfScope } from './tokens';

/** What the issuer needs besides the emulator context (built by identity/setup.ts). */
export interface IdentityContext {
  devClient: PrincipalIds;
  /** The system-assigned managed identity. */
  managedIdentity: PrincipalIds;
  /** The value the App Service endpoint expects in `X-IDENTITY-HEADER`. */
  identityHeader: string;
  /** Lifetime of issued tokens, seconds. */
  tokenLifetimeSeconds: number;
}

/** Facts for the audit log (`res.locals.tokenFacts`): ids only, never secrets or tokens. */
export interface TokenFacts {
  operation: 'TokenIssue' | 'ManagedIdentityToken' | 'OpenIdConfiguration' | 'Jwks';
  clientId?: string;
  objectId?: string;
  tenant?: string;
  resource?: string;
}

export const MSI_TOKEN_PATH = '/msi/token';
export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';
export const APP_SERVICE_API_VERSION = '2019-08-01';

const OIDC_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration\/?$/i;
const JWKS_PATH = /^\/([^/]+)\/discovery\/v2\.0\/keys\/?$/i;
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token\/?$/i;
const CLIENTS_PATH = /^\/_emulator\/clients(?:\/([^/]+))?\/?$/i;
const TENANT_ALIASES = new Set(['common', 'organizations']);
/** Scopes MSAL may add to any request; they name no resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** The issuer origin of a request: the scheme and Host the client called, when the Host is sane. */
function requestOrigin(req: Request, ctx: EmulatorContext): string {
  const host = req.headers.host;
  if (host && parseHost(host)) return `${req.protocol}://${host.toLowerCase()}`;
  return ctx.auth.issuerOrigin();
}

const issuerOf = (origin: string, tenantId: string) => `${origin}/${tenantId}/v2.0`;

/** Echo a value in an error only when it cannot be a secret pasted into the wrong field. */
const safeId = (value: string) => (isGuid(value) ? value : '(not a GUID)');

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store, no-cache');
  res.setHeader('Pragma', 'no-cache');
}

// --- AAD-shaped errors (token endpoint, discovery) ---

interface AadError {
  status: number;
  error: string;
  code: number;
  message: string;
}

const aad = (status: number, error: string, code: number, message: string): AadError => ({ status, error, code, message });

const AadErrors = {
  tenantNotFound: (tenant: string, error = 'invalid_request') =>
    aad(
      400,
      error,
      90002,
      `Tenant '${tenant.slice(0, 100)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. This emulator serves one tenant (see its start banner, or --tenant); 'common' and 'organizations' are accepted as aliases.`,
    ),
  missingParameter: (name: string) => aad(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  postOnly: () => aad(400, 'invalid_request', 900561, 'The endpoint only accepts POST requests. Received a GET request.'),
  unsupportedGrantType: () =>
    aad(400, 'unsupported_grant_type', 70003, "The app requested an unsupported grant type. The emulator's token endpoint supports grant_type=client_credentials."),
  unknownClient: (clientId: string, tenantId: string) =>
    aad(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${safeId(clientId)}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant. (keyvault-emulator client list shows the registered clients.)`,
    ),
  missingCredential: () =>
    aad(401, 'invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."),
  assertionUnsupported: () =>
    aad(401, 'invalid_client', 7000216, "The emulator's token endpoint accepts client secrets only; 'client_assertion' (certificate credentials) is not supported."),
  invalidSecret: (clientId: string) =>
    aad(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  conflictingClientIds: () => aad(400, 'invalid_request', 900144, "The client_id of the Authorization header and of the request body differ."),
  invalidScope: (scope: string) =>
    aad(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope.slice(0, 300)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  multipleResources: (scope: string) =>
    aad(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope.slice(0, 300)} is not valid. Request the /.default scope of one resource.`,
    ),
  malformedBody: () => aad(400, 'invalid_request', 900144, 'The request body must be application/x-www-form-urlencoded and at most 64 KB.'),
};

function sendAadError(req: Request, res: Response, ctx: EmulatorContext, e: AadError): void {
  const traceId = randomUUID();
  const requested = req.headers['client-request-id'];
  const correlationId = typeof requested === 'string' && isGuid(requested) ? requested.toLowerCase() : randomUUID();
  const timestamp = new Date(ctx.clock.now() * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  noStore(res);
  res.setHeader('x-ms-request-id', traceId);
  sendJson(res, e.status, {
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [e.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  });
}

// --- managed-identity errors, in the shapes msal-node parses (message / error_description) ---

/** App Service: `{"statusCode","message","correlationId"}`. */
function sendAppServiceError(res: Response, status: number, message: string): void {
  noStore(res);
  sendJson(res, status, { statusCode: status, message, correlationId: randomUUID() });
}

/** IMDS: `{"error","error_description"}`. */
function sendImdsError(res: Response, status: number, error: string, description: string): void {
  noStore(res);
  sendJson(res, status, { error, error_description: description });
}

function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Client credentials from the body, or from an `Authorization: Basic` header (client_secret_basic). */
function clientCredentials(req: Request, body: Record<string, unknown>): { clientId?: string; secret?: string } | AadError {
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  let clientId = str(body.client_id);
  let secret = str(body.client_secret);
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (m) {
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const decode = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      const headerId = decode(decoded.slice(0, colon));
      if (clientId && clientId.toLowerCase() !== headerId.toLowerCase()) return AadErrors.conflictingClientIds();
      clientId = headerId;
      secret ??= decode(decoded.slice(colon + 1));
    }
  }
  return { clientId, secret };
}

const parseForm = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100, type: () => true });

export function createIdentityRouter(ctx: EmulatorContext): Router {
  const router = express.Router();
  const identity = ctx.identity;

  const knownTenant = (tenant: string) =>
    TENANT_ALIASES.has(tenant.toLowerCase()) || tenant.toLowerCase() === ctx.auth.tenantId.toLowerCase();

  const issue = (origin: string, principal: PrincipalIds, resource: string) =>
    mintToken(
      ctx.auth.signingKey,
      { aud: resource, iss: issuerOf(origin, ctx.auth.tenantId), tid: ctx.auth.tenantId, oid: principal.objectId, appid: principal.clientId },
      ctx.clock.now(),
      identity.tokenLifetimeSeconds,
    );

  // --- discovery ---

  const openIdConfiguration = (req: Request, res: Response, tenant: string) => {
    res.locals.tokenFacts = { operation: 'OpenIdConfiguration', tenant } satisfies TokenFacts;
    if (!knownTenant(tenant)) return sendAadError(req, res, ctx, AadErrors.tenantNotFound(tenant, 'invalid_tenant'));
    const origin = requestOrigin(req, ctx);
    const base = `${origin}/${encodeURIComponent(tenant)}`;
    res.setHeader('Cache-Control', 'max-age=86400, private');
    sendJson(res, 200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      grant_types_supported: ['client_credentials'],
      // Tokens always carry the emulator's tenant, also when asked through an alias.
      issuer: issuerOf(origin, ctx.auth.tenantId),
      request_uri_parameter_supported: false,
      tenant_region_scope: null,
      cloud_instance_name: 'keyvault-emulator',
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'appid', 'azp', 'idtyp', 'ver'],
    });
  };

  const jwks = (req: Request, res: Response, tenant: string) => {
    res.locals.tokenFacts = { operation: 'Jwks', tenant } satisfies TokenFacts;
    if (!knownTenant(tenant)) return sendAadError(req, res, ctx, AadErrors.tenantNotFound(tenant, 'invalid_tenant'));
    res.setHeader('Cache-Control', 'max-age=86400, private');
    sendJson(res, 200, { keys: [ctx.auth.signingKey.jwk] });
  };

  // --- token endpoint ---

  const tokenEndpoint = async (req: Request, res: Response, tenant: string) => {
    const facts: TokenFacts = { operation: 'TokenIssue', tenant };
    res.locals.tokenFacts = facts;
    if (!knownTenant(tenant)) return sendAadError(req, res, ctx, AadErrors.tenantNotFound(tenant));
    if (req.method !== 'POST') return sendAadError(req, res, ctx, AadErrors.postOnly());
    const parsed = await new Promise<boolean>((resolve) => parseForm(req, res, (err?: unknown) => resolve(!err)));
    if (!parsed) return sendAadError(req, res, ctx, AadErrors.malformedBody());
    const body = (req.body ?? {}) as Record<string, unknown>;

    const grantType = body.grant_type;
    if (typeof grantType !== 'string' || grantType === '') return sendAadError(req, res, ctx, AadErrors.missingParameter('grant_type'));
    if (grantType !== 'client_credentials') return sendAadError(req, res, ctx, AadErrors.unsupportedGrantType());

    const credentials = clientCredentials(req, body);
    if ('error' in credentials) return sendAadError(req, res, ctx, credentials);
    const { clientId, secret } = credentials;
    if (!clientId) return sendAadError(req, res, ctx, AadErrors.missingParameter('client_id'));
    const client = isGuid(clientId) ? findClient(ctx.store.data, clientId) : undefined;
    if (!client) return sendAadError(req, res, ctx, AadErrors.unknownClient(clientId, ctx.auth.tenantId));
    facts.clientId = client.clientId;
    facts.objectId = client.objectId;
    if (!secret) {
      return sendAadError(req, res, ctx, typeof body.client_assertion === 'string' ? AadErrors.assertionUnsupported() : AadErrors.missingCredential());
    }
    if (!(await verifySecret(client, secret))) return sendAadError(req, res, ctx, AadErrors.invalidSecret(client.clientId));

    const scope = body.scope;
    if (typeof scope !== 'string' || scope.trim() === '') return sendAadError(req, res, ctx, AadErrors.missingParameter('scope'));
    const resourceScopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase()));
    if (resourceScopes.length > 1) return sendAadError(req, res, ctx, AadErrors.multipleResources(scope));
    if (resourceScopes.length === 0 || !resourceScopes[0].endsWith('/.default') || resourceScopes[0].length <= '/.default'.length) {
      return sendAadError(req, res, ctx, AadErrors.invalidScope(scope));
    }
    const resource = resourceOfScope(resourceScopes[0]);
    facts.resource = resource;

    const { token, expiresOn } = await issue(requestOrigin(req, ctx), client, resource);
    const expiresIn = expiresOn - ctx.clock.now();
    noStore(res);
    sendJson(res, 200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
  };

  // --- managed identity ---

  type Selection = { by: 'system' } | { by: 'client_id' | 'object_id' | 'resource_id'; value: string };

  /** Which managed identity a request names; `client_id`/`object_id`/`mi_res_id` (or `msi_res_id`). */
  const selection = (q: URLSearchParams): Selection | string => {
    const given = (
      [
        ['client_id', q.get('client_id') ?? q.get('clientid')],
        ['object_id', q.get('object_id') ?? q.get('principal_id')],
        ['resource_id', q.get('mi_res_id') ?? q.get('msi_res_id')],
      ] as const
    ).filter((entry): entry is readonly ['client_id' | 'object_id' | 'resource_id', string] => Boolean(entry[1]));
    if (given.length > 1) return 'Only one of client_id, object_id and mi_res_id/msi_res_id may be given.';
    if (given.length === 0) return { by: 'system' };
    return { by: given[0][0], value: given[0][1] };
  };

  /** The managed identity selected, or a message saying why none matched. */
  const managedIdentityOf = (sel: Selection): ClientRecord | string => {
    const data = ctx.store.data;
    const onlyMi = (c: ClientRecord | undefined) => (c?.kind === 'managedIdentity' ? c : undefined);
    switch (sel.by) {
      case 'system':
        return onlyMi(findClient(data, identity.managedIdentity.clientId)) ?? 'the system-assigned identity is not registered (restart the emulator to restore it)';
      case 'client_id':
        return (isGuid(sel.value) && onlyMi(findClient(data, sel.value))) || `no managed identity with client_id '${safeId(sel.value)}' is registered`;
      case 'object_id':
        return (isGuid(sel.value) && onlyMi(findByObjectId(data, sel.value))) || `no managed identity with object_id '${safeId(sel.value)}' is registered`;
      case 'resource_id': {
        // A user-assigned identity's ARM id ends in /userAssignedIdentities/{name}: the name is its display name.
        const name = /\/userAssignedIdentities\/([^/]+)\/?$/i.exec(sel.value)?.[1]?.toLowerCase();
        const found = name
          ? Object.values(data.identity.clients).find((c) => c.kind === 'managedIdentity' && c.displayName.toLowerCase() === name)
          : undefined;
        return found ?? 'no managed identity with that resource id is registered (its last segment must be the display name of a managed identity)';
      }
    }
  };

  const REGISTER_HINT = ' Register user-assigned identities with `keyvault-emulator client create --kind managedIdentity`.';

  const managedIdentityToken = async (req: Request, res: Response, style: 'appService' | 'imds') => {
    const facts: TokenFacts = { operation: 'ManagedIdentityToken', tenant: ctx.auth.tenantId };
    res.locals.tokenFacts = facts;
    const fail = (status: number, message: string) =>
      style === 'appService' ? sendAppServiceError(res, status, message) : sendImdsError(res, status, 'invalid_request', message);
    if (req.method !== 'GET') return fail(405, `HTTP ${req.method} is not allowed; use GET.`);
    const q = new URL(req.originalUrl, 'http://emulator').searchParams;

    if (style === 'appService') {
      const header = req.headers['x-identity-header'];
      if (typeof header !== 'string' || header === '') {
        return fail(401, 'The X-IDENTITY-HEADER header is missing. Set IDENTITY_HEADER as the emulator printed it (the content of <data-dir>/keys/identity-header).');
      }
      if (!equalSecret(header, identity.identityHeader)) {
        return fail(401, 'The X-IDENTITY-HEADER header does not match this emulator (the content of <data-dir>/keys/identity-header).');
      }
      const apiVersion = q.get('api-version');
      if (apiVersion !== APP_SERVICE_API_VERSION) {
        return fail(400, `The api-version query parameter must be ${APP_SERVICE_API_VERSION}.`);
      }
    } else {
      // IMDS refuses requests without the header (a guard against server-side request forgery).
      if (String(req.headers.metadata ?? '').toLowerCase() !== 'true') return fail(400, 'Required metadata header not specified');
      const apiVersion = q.get('api-version');
      if (!apiVersion) return fail(400, "Required query variable 'api-version' is missing");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) return fail(400, `Invalid api-version '${apiVersion.slice(0, 40)}'`);
    }

    const requested = q.get('resource');
    if (!requested) return fail(400, "Required query variable 'resource' is missing");
    if (requested.length > 1024) return fail(400, "The query variable 'resource' is too long");
    const sel = selection(q);
    if (typeof sel === 'string') return fail(400, sel);
    const mi = managedIdentityOf(sel);
    if (typeof mi === 'string') return fail(400, `Identity not found: ${mi}.${sel.by === 'system' ? '' : REGISTER_HINT}`);

    const resource = resourceOfScope(requested);
    facts.clientId = mi.clientId;
    facts.objectId = mi.objectId;
    facts.resource = resource;
    const now = ctx.clock.now();
    const { token, expiresOn } = await issue(requestOrigin(req, ctx), mi, resource);
    noStore(res);
    if (style === 'appService') {
      sendJson(res, 200, { access_token: token, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: mi.clientId });
    } else {
      const lifetime = String(expiresOn - now);
      sendJson(res, 200, {
        access_token: token,
        refresh_token: '',
        expires_in: lifetime,
        expires_on: String(expiresOn),
        ext_expires_in: lifetime,
        not_before: String(now),
        resource,
        token_type: 'Bearer',
        client_id: mi.clientId,
      });
    }
  };

  // --- admin API ---

  const builtInOf = (record: ClientRecord) =>
    record.clientId === identity.devClient.clientId
      ? ('developmentClient' as const)
      : record.clientId === identity.managedIdentity.clientId
        ? ('systemAssignedIdentity' as const)
        : undefined;

  const clientsApi = async (req: Request, res: Response, clientId: string | undefined) => {
    noStore(res);
    await authenticate(req, 'management', managementChallenge(ctx.auth), ctx.auth);
    if (clientId === undefined) {
      if (req.method === 'GET') {
        // Built-ins first, then in creation order.
        const rank = (c: ClientRecord) => (builtInOf(c) === 'developmentClient' ? 0 : builtInOf(c) ? 1 : 2);
        const value = Object.values(ctx.store.data.identity.clients)
          .sort((a, b) => rank(a) - rank(b) || a.createdAt - b.createdAt || a.displayName.localeCompare(b.displayName))
          .map((c) => clientView(c, builtInOf(c)));
        return sendJson(res, 200, { value });
      }
      if (req.method !== 'POST') throw Errors.methodNotAllowed(req.method);
      const body = await readJsonBody(req, 4096);
      const { displayName, kind = 'application' } = (body ?? {}) as { displayName?: unknown; kind?: unknown };
      const problem = displayNameProblem(displayName);
      if (problem) throw Errors.badParameter(`Send {"displayName": "...", "kind": "application" | "managedIdentity"}: ${problem}`);
      if (!CLIENT_KINDS.includes(kind as ClientKind)) throw Errors.badParameter(`kind must be one of ${CLIENT_KINDS.join(', ')}.`);
      const secret = kind === 'application' ? generateSecret() : undefined;
      const hash = secret ? await hashSecret(secret) : undefined;
      const record = newClientRecord({ displayName: displayName as string, kind: kind as ClientKind, ...hash }, ctx.clock.now());
      await ctx.store.update((data) => putClient(data, record));
      return sendJson(res, 201, { ...clientView(record), ...(secret ? { clientSecret: secret } : {}) });
    }
    if (req.method !== 'DELETE' && req.method !== 'GET') throw Errors.methodNotAllowed(req.method);
    const record = findClient(ctx.store.data, clientId);
    if (!record) throw IdentityErrors.clientNotFound(safeId(clientId));
    if (req.method === 'GET') return sendJson(res, 200, clientView(record, builtInOf(record)));
    if (builtInOf(record)) throw IdentityErrors.builtInClient(record.clientId);
    await ctx.store.update((data) => removeClient(data, record.clientId));
    res.statusCode = 204;
    res.end();
  };

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    try {
      let m: RegExpExecArray | null;
      if ((m = TOKEN_PATH.exec(path))) return await tokenEndpoint(req, res, decodeURIComponent(m[1]));
      if (path === MSI_TOKEN_PATH || path === `${MSI_TOKEN_PATH}/`) return await managedIdentityToken(req, res, 'appService');
      // msal-node normalises AZURE_POD_IDENTITY_AUTHORITY_HOST + path into a URL with a trailing slash.
      if (path === IMDS_TOKEN_PATH || path === `${IMDS_TOKEN_PATH}/`) return await managedIdentityToken(req, res, 'imds');
      if ((m = CLIENTS_PATH.exec(path))) return await clientsApi(req, res, m[1] === undefined ? undefined : decodeURIComponent(m[1]));
      if (req.method === 'GET' || req.method === 'HEAD') {
        if ((m = OIDC_PATH.exec(path))) return openIdConfiguration(req, res, decodeURIComponent(m[1]));
        if ((m = JWKS_PATH.exec(path))) return jwks(req, res, decodeURIComponent(m[1]));
      }
      next();
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof ServiceError) return sendError(res, err);
      if (err instanceof URIError) return sendError(res, Errors.badParameter('The request path contains an invalid escape sequence.'));
      ctx.logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'unexpected error in the token issuer');
      sendError(res, err instanceof StoreWriteError ? Errors.storeUnavailable(err.message) : Errors.internal());
    }
  });
  return router;
}

