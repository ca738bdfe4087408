/**
 * The data-plane HTTP layer for one request: path normalisation, routing to one of the twelve
 * operations, api-version, body parsing, and the response. Order matters (reference §9.4):
 * authentication first, then routing, then api-version, then the body.
 */
import { performance } from 'node:perf_hooks';
import type { Request, Response } from 'express';
import { requireApiVersion } from '../core/apiVersions';
import { Errors, ServiceError } from '../core/errors';
import { SECRET_OPERATIONS, type SecretOperationInfo, type SecretOperationName } from '../core/operations';
import * as ops from '../ops/secrets';
import { StoreWriteError } from '../store/lowStore';
import type { EmulatorContext } from './context';
import { decide, denialError, type AccessDecision } from '../authz/authorize';
import { authenticateRequest, challengeFor, type Principal } from './auth';
import { readJsonBody } from './body';
import { keyVaultHeaders, sendErrorWithHeaders, sendWithHeaders } from './respond';
import { recordRequest } from './records';
import type { Site } from './site';

/** What the router found: the operation and its path parameters. */
export interface RoutedRequest {
  op: SecretOperationInfo;
  name?: string;
  version?: string;
}

/** Per-request facts other layers (authorization, access log, audit) read from `res.locals.kv`. */
export interface RequestFacts {
  site: Site;
  principal?: Principal;
  routed?: RoutedRequest;
  apiVersion?: string;
  access?: AccessDecision;
  /** Id of the object the operation returned or affected (audit `properties.id`). */
  objectId?: string;
  /** Error code of a failed request (audit `resultDescription`); never a message. */
  errorCode?: string;
}

const NO_ACCESS_CONTROL: AccessDecision = Object.freeze({ allowed: true, isAccessPolicyMatch: false, isRbacAuthorized: false });

const route = (name: SecretOperationName, params: Omit<RoutedRequest, 'op'> = {}): RoutedRequest => ({
  op: SECRET_OPERATIONS[name],
  ...params,
});

/**
 * Maps method + normalised path segments to an operation. Route by method first: a secret may be
 * named "restore", "versions" or "backup"; only POST /secrets/restore is RestoreSecret.
 * Returns a 405 error for a known path with the wrong method, undefined for an unknown path.
 */
export function routeRequest(method: string, segments: string[]): RoutedRequest | ServiceError | undefined {
  // A trailing slash is the same resource ("/secrets/{name}/" = latest version).
  const s = segments.length > 1 && segments[segments.length - 1] === '' ? segments.slice(0, -1) : segments;
  const collection = s[0]?.toLowerCase();
  // Built only when needed: an Error captures a stack trace, too costly for every request.
  const notAllowed = () => Errors.methodNotAllowed(method);
  if (collection === 'secrets') {
    if (s.length === 1) return method === 'GET' ? route('GetSecrets') : notAllowed();
    const name = s[1];
    if (s.length === 2) {
      if (method === 'POST' && name.toLowerCase() === 'restore') return route('RestoreSecret');
      switch (method) {
        case 'PUT':
          return route('SetSecret', { name });
        case 'GET':
          return route('GetSecret', { name });
        case 'PATCH':
          return route('UpdateSecret', { name });
        case 'DELETE':
          return route('DeleteSecret', { name });
        default:
          return notAllowed();
      }
    }
    if (s.length === 3) {
      const third = s[2];
      if (method === 'GET' && third.toLowerCase() === 'versions') return route('GetSecretVersions', { name });
      if (method === 'POST' && third.toLowerCase() === 'backup') return route('BackupSecret', { name });
      if (method === 'GET') return route('GetSecret', { name, version: third });
      if (method === 'PATCH') return route('UpdateSecret', { name, version: third });
      return notAllowed();
    }
    return undefined;
  }
  if (collection === 'deletedsecrets') {
    if (s.length === 1) return method === 'GET' ? route('GetDeletedSecrets') : notAllowed();
    const name = s[1];
    if (s.length === 2) {
      if (method === 'GET') return route('GetDeletedSecret', { name });
      if (method === 'DELETE') return route('PurgeDeletedSecret', { name });
      return notAllowed();
    }
    if (s.length === 3 && s[2].toLowerCase() === 'recover') {
      return method === 'POST' ? route('RecoverDeletedSecret', { name }) : notAllowed();
    }
    return undefined;
  }
  return undefined;
}

/** Splits a request path into segments, collapsing repeated slashes and percent-decoding. */
export function pathSegments(rawPath: string): string[] {
  const collapsed = rawPath.includes('//') ? rawPath.replace(/\/{2,}/g, '/') : rawPath;
  const trimmed = collapsed.startsWith('/') ? collapsed.slice(1) : collapsed;
  const segments = trimmed.split('/');
  if (!trimmed.includes('%')) return segments;
  return segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw Errors.badParameter(`The request path contains an invalid escape sequence: '${segment.slice(0, 64)}'.`);
    }
  });
}

/** Query parameters with percent-decoded, case-insensitive keys (the SDK sends `api%2Dversion`). */
export function parseQuery(rawQuery: string): Map<string, string> {
  const query = new Map<string, string>();
  if (rawQuery === '') return query;
  // application/x-www-form-urlencoded, as URLSearchParams reads it ('+' is a space), without its
  // cost on the hot path; the first occurrence of a key wins.
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    if (!query.has(key)) query.set(key, eq < 0 ? '' : decodeQueryPart(pair.slice(eq + 1)));
  }
  return query;
}

function decodeQueryPart(part: string): string {
  if (!part.includes('%') && !part.includes('+')) return part;
  const spaced = part.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape: decode exactly as URLSearchParams does (it keeps what it cannot read).
    return new URLSearchParams(`v=${part}`).get('v') ?? '';
  }
}

const SMALL_BODY = 1024 * 1024; // a Set/Update body is at most ~200 KB even fully \u-escaped
const RESTORE_BODY = 32 * 1024 * 1024; // 500 versions x 25 KB, base64url-encoded, fits

function needsBody(name: SecretOperationName): boolean {
  return name === 'SetSecret' || name === 'UpdateSecret' || name === 'RestoreSecret';
}

function execute(routed: RoutedRequest, opCtx: ops.SecretOpContext, query: Map<string, string>, body: unknown) {
  const name = routed.name ?? '';
  const list = { maxresults: query.get('maxresults'), skiptoken: query.get('$skiptoken') };
  switch (routed.op.name) {
    case 'SetSecret':
      return ops.setSecret(opCtx, name, body);
    case 'GetSecret':
      return ops.getSecret(opCtx, name, routed.version);
    case 'UpdateSecret':
      return ops.updateSecret(opCtx, name, routed.version, body);
    case 'DeleteSecret':
      return ops.deleteSecret(opCtx, name);
    case 'GetSecrets':
      return ops.getSecrets(opCtx, list);
    case 'GetSecretVersions':
      return ops.getSecretVersions(opCtx, name, list);
    case 'GetDeletedSecrets':
      return ops.getDeletedSecrets(opCtx, list);
    case 'GetDeletedSecret':
      return ops.getDeletedSecret(opCtx, name);
    case 'PurgeDeletedSecret':
      return ops.purgeDeletedSecret(opCtx, name);
    case 'RecoverDeletedSecret':
      return ops.recoverDeletedSecret(opCtx, name);
    case 'BackupSecret':
      return ops.backupSecret(opCtx, name);
    case 'RestoreSecret':
      return ops.restoreSecret(opCtx, body);
  }
}

/**
 * Express handler for everything a vault serves. `site` was resolved by the caller. The handler
 * writes its own access-log line and audit record (`recordRequest`) when it answers.
 */
export function createDataPlaneHandler(ctx: EmulatorContext) {
  return async function dataPlane(req: Request, res: Response, site: Site): Promise<void> {
    const startedAt = performance.now();
    const facts: RequestFacts = { site };
    res.locals.kv = facts;
    const vault = ctx.store.data.vaults[site.vaultKey];
    const headers = keyVaultHeaders(req, vault?.properties.location ?? ctx.defaultLocation);
    try {
      const principal = authenticateRequest(req, 'data', () => challengeFor(site, ctx.auth), ctx.auth);
      facts.principal = principal instanceof Promise ? await principal : principal;
      if (!vault) throw Errors.vaultNotFound(req.headers.host ?? site.hostname);

      const queryStart = req.url.indexOf('?');
      const rawPath = queryStart < 0 ? req.url : req.url.slice(0, queryStart);
      const query = parseQuery(queryStart < 0 ? '' : req.url.slice(queryStart + 1));
      // Clients that cannot send PATCH/DELETE may POST with X-HTTP-Method naming the verb.
      const override = req.method === 'POST' ? req.headers['x-http-method'] ?? req.headers['x-http-request'] : undefined;
      const method = typeof override === 'string' ? override.toUpperCase() : req.method;

      const routed = routeRequest(method, pathSegments(rawPath));
      if (routed instanceof ServiceError) throw routed;
      if (!routed) throw Errors.pathNotFound(rawPath.slice(0, 200));
      facts.routed = routed;
      facts.apiVersion = requireApiVersion(query.get('api-version'));

      // --auth none means no identities, so nothing to authorize: every caller may do everything.
      facts.access = ctx.auth.mode === 'none' ? NO_ACCESS_CONTROL : decide(vault, facts.principal, routed.op, routed.name);
      if (!facts.access.allowed) throw denialError(vault, facts.principal, routed.op, routed.name);
      if (facts.access.assignmentId) headers.push('x-ms-keyvault-rbac-assignment-id', facts.access.assignmentId);

      const body = needsBody(routed.op.name)
        ? await readJsonBody(req, routed.op.name === 'RestoreSecret' ? RESTORE_BODY : SMALL_BODY)
        : undefined;
      const opCtx: ops.SecretOpContext = {
        store: ctx.store,
        vaultKey: site.vaultKey,
        origin: site.origin,
        apiVersion: facts.apiVersion,
        now: ctx.clock.now(),
        backupKey: ctx.backupKey,
      };
      // Reads answer at once; only writes wait (for the store's flush).
      const pending = execute(routed, opCtx, query, body);
      const result = pending instanceof Promise ? await pending : pending;
      if (result === null) sendWithHeaders(res, 204, undefined, headers);
      else {
        const id = (result as { id?: unknown }).id;
        if (typeof id === 'string') facts.objectId = id;
        sendWithHeaders(res, 200, result, headers);
      }
    } catch (err) {
      if (err instanceof ServiceError) {
        facts.errorCode = err.innerCode ?? err.code;
        sendErrorWithHeaders(res, err, headers);
      } else {
        facts.errorCode = 'InternalError';
        ctx.logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'unexpected error');
        sendErrorWithHeaders(res, err instanceof StoreWriteError ? Errors.storeUnavailable(err.message) : Errors.internal(), headers);
      }
    } finally {
      recordRequest(ctx, req, res, startedAt);
    }
  };
}
