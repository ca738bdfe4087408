/**
 * The Express app: emulator endpoints (`/_emulator/*`) and, for everything else, the data plane
 * of the vault the request addresses. Every error leaves in Azure's shape; nothing reaches
 * Express's default HTML error page.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { Errors, ServiceError } from '../core/errors';
import { createArmRouter } from '../arm/router';
import { createAuditHandler } from '../audit';
import { performance } from 'node:perf_hooks';
import { recordRequest, requestRecorder } from './records';
import { authenticate, managementChallenge } from './auth';
import { createIdentityRouter } from '../identity/issuer';
import type { EmulatorContext } from './context';
import { createDataPlaneHandler } from './dataPlane';
import { readJsonBody } from './body';
import { bodyParserError, sendError, sendJson } from './respond';
import { resolveSite } from './site';
import { VERSION } from '../version';

export interface AppOptions {
  scheme: 'https' | 'http';
  caPem?: string;
  /** The vault served on a local port, when that port is a vault's dedicated one. */
  dedicatedVault(localPort: number): string | undefined;
}

/**
 * True for `/secrets...` and `/deletedsecrets...` paths of at most three segments (plus a trailing
 * slash): only the data plane serves those. The identity routes that take a tenant as their first
 * segment all have four segments, the emulator's start with /_emulator, ARM's with /subscriptions.
 */
export function isDataPlanePath(url: string): boolean {
  const query = url.indexOf('?');
  const segments = (query < 0 ? url : url.slice(0, query)).split('/');
  if (segments[0] !== '' || segments.length < 2) return false;
  if (segments.length > 2 && segments[segments.length - 1] === '') segments.pop();
  if (segments.length > 4 || segments.slice(1).some((seg) => seg === '')) return false;
  const first = segments[1].toLowerCase();
  return first === 'secrets' || first === 'deletedsecrets';
}

export function createApp(ctx: EmulatorContext, options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const dataPlane = createDataPlaneHandler(ctx);
  const serveDataPlane = (req: Request, res: Response) => {
    const site = resolveSite(req, options.scheme, options.dedicatedVault(req.socket.localPort ?? 0));
    if (!site) {
      const startedAt = performance.now();
      sendError(res, Errors.badHost(String(req.headers.host ?? '').slice(0, 100)));
      recordRequest(ctx, req, res, startedAt);
      return;
    }
    return dataPlane(req, res, site);
  };
  // Data-plane requests go straight to the data plane: walking the emulator, identity and ARM
  // routers first (none of which can match these paths) was about an eighth of the CPU of a
  // GetSecret (profile in BENCHMARKS.md). Anything else takes the routes below and ends there too.
  app.use((req, res, next) => (isDataPlanePath(req.url) ? serveDataPlane(req, res) : next()));
  // Everything else gets its access-log line and audit record from here.
  app.use(requestRecorder(ctx));

  app.get('/_emulator/health', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  app.get('/_emulator/ca.pem', (_req, res) => {
    if (!options.caPem) {
      sendError(res, Errors.pathNotFound('/_emulator/ca.pem (the emulator runs with --http)'));
      return;
    }
    res.setHeader('Content-Type', 'application/x-pem-file');
    res.end(options.caPem);
  });
  // The access log, queried like `keyvault-emulator logs`. It names principals and secrets, so it
  // needs a token like the management API (strict mode: an emulator-issued management token).
  const auditQuery = createAuditHandler(ctx.audit.dir);
  app.get('/_emulator/audit', async (req, res) => {
    try {
      await authenticate(req, 'management', managementChallenge(ctx.auth), ctx.auth);
    } catch (err) {
      if (err instanceof ServiceError) {
        sendError(res, err);
        return;
      }
      throw err;
    }
    await ctx.audit.flush(); // records still gathering for their batch write are part of the answer
    await auditQuery(req, res);
  });
  // What clients and the CLI need to find their way: no secrets here.
  app.get('/_emulator/info', (_req, res) => {
    const vaults = Object.values(ctx.store.data.vaults)
      .map((v) => ({ name: v.name, resourceGroup: v.properties.resourceGroup, subscriptionId: v.properties.subscriptionId }))
      .sort((a, b) => a.name.localeCompare(b.name));
    sendJson(res, 200, {
      version: VERSION,
      tenantId: ctx.auth.tenantId,
      authMode: ctx.auth.mode,
      scheme: ctx.scheme,
      port: ctx.mainPort(),
      storeBackend: ctx.store.backend,
      vaults,
    });
  });
  app.post('/_emulator/clock', async (req, res) => {
    const body = await readJsonBody(req, 1024);
    const seconds = (body as { advanceSeconds?: unknown } | undefined)?.advanceSeconds;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      sendError(res, Errors.badParameter("Send {\"advanceSeconds\": N} with a non-negative integer N."));
      return;
    }
    ctx.clock.advance(seconds);
    sendJson(res, 200, { now: ctx.clock.now() });
  });

  app.use(createIdentityRouter(ctx)); // token issuer, managed identity, /_emulator/clients
  app.use(createArmRouter(ctx));

  app.use(serveDataPlane);

  // Last resort: errors thrown by middleware (body parsers of the emulator endpoints, ...).
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof ServiceError) {
      sendError(res, err);
      return;
    }
    const parserError = bodyParserError(err);
    if (parserError) {
      sendError(res, parserError);
      return;
    }
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(res, new ServiceError(status, 'BadRequest', (err as Error).message ?? 'Bad request'));
      return;
    }
    ctx.logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'unexpected error');
    sendError(res, Errors.internal());
  });
  return app;
}
