/**
 * What every request leaves behind, written once when it is answered: one access-log line (method,
 * path, status, duration — never values, bodies, headers or tokens) and, for requests to a vault,
 * to the management API and to the token issuer, one AuditEvent record, denied and failed ones too.
 *
 * What each layer learned about the request is in `res.locals` (data plane: `kv`, management:
 * `armFacts`, token issuer: `tokenFacts`); requests to the emulator's own endpoints (`/_emulator/*`)
 * get no audit record. The data plane calls `recordRequest` itself as it answers (its hot path has
 * no middleware); everything else is recorded by `requestRecorder`.
 */
import type { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { AUDIT_OPERATIONS, buildAuditEvent, type AuditInput } from '../audit';
import type { ArmFacts } from '../arm/router';
import type { EmulatorContext } from './context';
import type { RequestFacts } from './dataPlane';

/** What the token issuer tells the audit log (ids only, never secrets). */
export interface TokenFacts {
  operation: string;
  clientId?: string;
  objectId?: string;
  tenant?: string;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Writes the access-log line and the audit record of a request, once. `startedAt` is a
 * `performance.now()` reading taken when the request arrived.
 */
export function recordRequest(ctx: EmulatorContext, req: Request, res: Response, startedAt: number): void {
  if (res.locals.recorded) return;
  res.locals.recorded = true;
  const durationMs = performance.now() - startedAt;
  const kv = res.locals.kv as RequestFacts | undefined;
  if (ctx.logger.isLevelEnabled('info')) {
    const queryStart = req.originalUrl.indexOf('?');
    ctx.logger.info({
      msg: 'request',
      method: req.method,
      path: (queryStart < 0 ? req.originalUrl : req.originalUrl.slice(0, queryStart)).slice(0, 300),
      status: res.statusCode,
      durationMs,
      vault: kv?.site.vaultKey,
      operation: kv?.routed?.op.name,
      aborted: res.writableEnded ? undefined : true,
    });
  }
  const arm = res.locals.armFacts as ArmFacts | undefined;
  const token = res.locals.tokenFacts as TokenFacts | undefined;
  if (!kv && !arm && !token) return;
  // One object, filled field by field: this runs for every request.
  const input: AuditInput = {
    startedAt: performance.timeOrigin + startedAt,
    durationMs,
    status: res.statusCode,
    callerIp: req.socket.remoteAddress,
    clientRequestId: header(req, 'x-ms-client-request-id'),
    userAgent: header(req, 'user-agent'),
    resource: { tenantId: ctx.auth.tenantId },
    operationName: AUDIT_OPERATIONS.unknown,
    requestUri: '',
  };
  if (kv) {
    const vault = ctx.store.data.vaults[kv.site.vaultKey];
    input.resource = {
      vault: { name: vault?.name ?? kv.site.vaultKey, subscriptionId: vault?.properties.subscriptionId, resourceGroup: vault?.properties.resourceGroup },
    };
    input.operationName = kv.routed?.op.auditName ?? (res.statusCode === 401 ? AUDIT_OPERATIONS.authentication : AUDIT_OPERATIONS.unknown);
    input.apiVersion = kv.apiVersion;
    input.claims = kv.principal;
    input.objectId = kv.objectId ?? (kv.routed?.name ? `${kv.site.origin}/secrets/${kv.routed.name}${kv.routed.version ? `/${kv.routed.version}` : ''}` : undefined);
    input.requestUri = `${kv.site.origin}${req.originalUrl ?? req.url}`;
    input.isAccessPolicyMatch = kv.access?.isAccessPolicyMatch ?? false;
    input.isRbacAuthorized = kv.access?.isRbacAuthorized ?? false;
    input.resultDescription = kv.errorCode ?? '';
  } else if (arm) {
    const key = arm.vaultName?.toLowerCase();
    const vault = key ? ctx.store.data.vaults[key] ?? ctx.store.data.deletedVaults[key]?.vault : undefined;
    if (vault) input.resource = { vault: { name: vault.name, subscriptionId: vault.properties.subscriptionId, resourceGroup: vault.properties.resourceGroup } };
    input.operationName = arm.operationName;
    input.apiVersion = arm.apiVersion;
    input.claims = arm.principal;
    input.objectId = arm.vaultId;
    input.requestUri = `${ctx.scheme}://${req.headers.host ?? 'localhost'}${req.originalUrl}`;
    input.resultDescription = arm.errorCode ?? '';
  } else if (token) {
    input.resource = { tenantId: token.tenant ?? ctx.auth.tenantId };
    input.operationName = token.operation || AUDIT_OPERATIONS.tokenIssue;
    if (token.objectId || token.clientId) input.claims = { oid: token.objectId, appid: token.clientId };
    input.requestUri = `${ctx.scheme}://${req.headers.host ?? 'localhost'}${req.originalUrl}`;
  }
  ctx.audit.record(buildAuditEvent(input));
}

/**
 * Records requests that do not record themselves: when the handler ends the response (before the
 * client can see it, so a record is queued before anyone can act on the answer), or when the
 * connection is lost first.
 */
export function requestRecorder(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const startedAt = performance.now();
    const done = () => recordRequest(ctx, req, res, startedAt);
    const end = res.end;
    res.end = function (this: Response, ...args: unknown[]) {
      const result = (end as (...a: unknown[]) => Response).apply(this, args);
      done();
      return result;
    } as Response['end'];
    res.once('close', done);
    next();
  };
}
