/**
 * `GET /_emulator/audit?vault=&operation=&principal=&since=&limit=` → `{"value":[records...]}`,
 * the same query as `keyvault-emulator logs`. Records hold no secret values, tokens or bodies,
 * so serving them needs no more protection than the emulator's other endpoints.
 */
import type { Request, Response } from 'express';
import { Errors, type ServiceError } from '../core/errors';
import { sendError, sendJson } from '../http/respond';
import { filterParsers, queryAudit, type AuditFilterName, type AuditQuery } from './query';

/** Records returned when the request names no limit. */
export const DEFAULT_HTTP_LIMIT = 1000;

const NAMES = Object.keys(filterParsers) as AuditFilterName[];

/** The query of a request URL; throws a 400 ServiceError for unknown, repeated or bad parameters. */
export function auditQueryFromUrl(url: string): AuditQuery {
  const start = url.indexOf('?');
  const params = new URLSearchParams(start < 0 ? '' : url.slice(start + 1));
  const seen = new Set<string>();
  const query: AuditQuery = { limit: DEFAULT_HTTP_LIMIT };
  for (const [rawKey, value] of params) {
    const key = rawKey as AuditFilterName;
    if (!NAMES.includes(key)) {
      throw Errors.badParameter(`Unknown query parameter '${rawKey.slice(0, 64)}'. Use: ${NAMES.join(', ')}.`);
    }
    if (seen.has(key)) throw Errors.badParameter(`The query parameter '${key}' is given more than once.`);
    seen.add(key);
    try {
      // Two branches so that each assignment has a single value type (number / string).
      if (key === 'since' || key === 'limit') query[key] = filterParsers[key](value);
      else query[key] = filterParsers[key](value);
    } catch (err) {
      throw Errors.badParameter(`Invalid '${key}': ${(err as Error).message}`);
    }
  }
  return query;
}

export function createAuditHandler(dir: string) {
  return async function auditHandler(req: Request, res: Response): Promise<void> {
    let query: AuditQuery;
    try {
      query = auditQueryFromUrl(req.originalUrl ?? req.url);
    } catch (err) {
      sendError(res, err as ServiceError);
      return;
    }
    try {
      sendJson(res, 200, { value: await queryAudit(dir, query) });
    } catch {
      sendError(res, Errors.internal());
    }
  };
}
