/**
 * Sending responses: the headers the real service sends (reference §1.4) and the JSON/error bodies.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { Errors, ServiceError } from '../core/errors';
import { describeJsonError } from '../core/json';

/** Build number in the service's format; the SDKs only log it. */
export const SERVICE_VERSION = '1.9.3019.1';

/** x-ms-keyvault-network-info of a connection: computed once per socket, not per request. */
const networkInfo = new WeakMap<object, string>();
function networkInfoOf(req: Request): string {
  let info = networkInfo.get(req.socket);
  if (info === undefined) {
    const addr = req.socket.remoteAddress ?? '127.0.0.1';
    const v4 = !addr.includes(':') || addr.startsWith('::ffff:');
    info = `conn_type=${v4 ? 'Ipv4' : 'Ipv6'};addr=${addr.replace(/^::ffff:/, '')};act_addr_fam=${v4 ? 'InterNetwork' : 'InterNetworkV6'};`;
    networkInfo.set(req.socket, info);
  }
  return info;
}

/**
 * The headers of a Key Vault response, as a flat [name, value, ...] list for one
 * `res.writeHead`: building them up front and writing them at once is what keeps the data plane
 * near a bare Express route (a setHeader per header cost about a tenth of a GetSecret).
 */
export function keyVaultHeaders(req: Request, region: string): string[] {
  const headers = [
    'Cache-Control', 'no-cache',
    'Pragma', 'no-cache',
    'Expires', '-1',
    'x-ms-request-id', randomUUID(),
    'x-ms-keyvault-service-version', SERVICE_VERSION,
    'x-ms-keyvault-region', region,
    'x-ms-keyvault-network-info', networkInfoOf(req),
    'X-Content-Type-Options', 'nosniff',
  ];
  const clientRequestId = req.headers['x-ms-client-request-id'];
  if (typeof clientRequestId === 'string' && clientRequestId.length <= 256) headers.push('x-ms-client-request-id', clientRequestId);
  if ((req.socket as { encrypted?: boolean }).encrypted) headers.push('Strict-Transport-Security', 'max-age=31536000;includeSubDomains');
  return headers;
}

/** Sends a JSON body (or, with `undefined`, an empty 204-style answer) with `headers` in one go. */
export function sendWithHeaders(res: Response, status: number, body: unknown, headers: string[]): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  headers.push('Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(text)));
  res.writeHead(status, headers);
  res.end(text);
}

/** An error in Azure's shape with `headers` plus the error's own (WWW-Authenticate ...). */
export function sendErrorWithHeaders(res: Response, err: ServiceError, headers: string[]): void {
  for (const [name, value] of Object.entries(err.headers)) headers.push(name, value);
  sendWithHeaders(res, err.status, err.toBody(), headers);
}

export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
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
