/**
 * Sending responses: the headers the real service sends (reference §1.4) and the JSON/error bodies.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { Errors, ServiceError } from '../core/errors';
import { describeJsonError } from '../core/json';

/** Build number in the service's format; the SDKs only log it. */
export const SERVICE_VERSION = '1.9.3019.1';

export function keyVaultHeaders(req: Request, res: Response, region: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Expires', '-1');
  res.setHeader('x-ms-request-id', randomUUID());
  const clientRequestId = req.headers['x-ms-client-request-id'];
  if (typeof clientRequestId === 'string' && clientRequestId.length <= 256) {
    res.setHeader('x-ms-client-request-id', clientRequestId);
  }
  res.setHeader('x-ms-keyvault-service-version', SERVICE_VERSION);
  res.setHeader('x-ms-keyvault-region', region);
  const addr = req.socket.remoteAddress ?? '127.0.0.1';
  const family = addr.includes(':') && !addr.startsWith('::ffff:') ? 'InterNetworkV6' : 'InterNetwork';
  res.setHeader(
    'x-ms-keyvault-network-info',
    `conn_type=${family === 'InterNetwork' ? 'Ipv4' : 'Ipv6'};addr=${addr.replace(/^::ffff:/, '')};act_addr_fam=${family};`,
  );
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000;includeSubDomains');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendNoContent(res: Response): void {
  res.statusCode = 204;
  res.end();
}

export function sendError(res: Response, err: ServiceError): void {
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  sendJson(res, err.status, err.toBody());
}

/** Maps errors thrown by body-parser (raw-body) to the catalogue. */
export function bodyParserError(err: unknown): ServiceError | undefined {
  const e = err as { type?: string; limit?: number; charset?: string; message?: string; status?: number };
  switch (e?.type) {
    case 'entity.too.large':
      return Errors.bodyTooLarge(e.limit ?? 0);
    case 'entity.parse.failed':
      // Never e.message: V8 quotes the body around the error, and the body holds secret values.
      return Errors.malformedJson(describeJsonError(err));
    case 'charset.unsupported':
      return Errors.unsupportedCharset(e.charset ?? 'unknown');
    case 'encoding.unsupported':
      return Errors.badParameter('The Content-Encoding of the request is not supported.');
    case 'request.size.invalid':
    case 'request.aborted':
      return Errors.badParameter('The request body ended before its declared Content-Length.');
    default:
      // body-parser wraps other read failures (bad gzip/deflate/br data ...) as 400 without a type.
      if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
        return Errors.badParameter('The request body could not be read.');
      }
      return undefined;
  }
}
