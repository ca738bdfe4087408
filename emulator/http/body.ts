/**
 * Request bodies, read with a hard cap.
 *
 * body-parser answers an oversized body only after reading all of it ("read off entire request"
 * before it calls back with the 413), so a 50 MB upload was received in full, and a chunked one
 * without end never answered. Here:
 *  - a declared Content-Length over the cap is refused before a byte is read;
 *  - a chunked or compressed body is refused as soon as it crosses the cap, counted after
 *    decompression (a 20 KB gzip bomb stops at the cap);
 *  - after such a 413 the rest of the body is drained, never kept, for at most DRAIN_MAX_BYTES and
 *    DRAIN_MAX_MS; then the connection is closed. The client has its answer long before.
 * Bodies are JSON in UTF-8 (another charset is 415), optionally gzip/deflate/br encoded. A JSON
 * syntax error is described without quoting the body (core/json.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Errors, type ServiceError } from '../core/errors';
import { describeJsonError } from '../core/json';

const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

/** Reads the rest of a refused body without keeping it; closes the connection past the limits. */
function drain(req: IncomingMessage): void {
  let drained = 0;
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_MAX_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) req.socket.destroy();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType);
  return m ? m[2].toLowerCase() : undefined;
}

function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined | null {
  switch (encoding) {
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/**
 * The raw (decoded) body, or undefined when the request has none (neither Content-Length nor
 * Transfer-Encoding). Throws a ServiceError: 413 over `limit`, 415 for a charset other than
 * UTF-8, 400 for an unknown Content-Encoding, bad compressed data or an aborted body.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.headers['transfer-encoding'] === undefined && req.headers['content-length'] === undefined) return undefined;
  const charset = charsetOf(req.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw Errors.unsupportedCharset(charset);
  const decoder = decoderFor((req.headers['content-encoding'] ?? 'identity').trim().toLowerCase());
  if (decoder === null) throw Errors.badParameter('The Content-Encoding of the request is not supported.');
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared !== undefined && declared > limit) {
    decoder?.destroy();
    drain(req);
    throw Errors.bodyTooLarge(limit);
  }

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const source: Readable = decoder ?? req;
    const settle = (err?: ServiceError) => {
      if (settled) return;
      settled = true;
      source.removeListener('data', onData);
      if (err) {
        if (decoder) {
          req.unpipe(decoder);
          decoder.destroy();
        }
        drain(req);
        reject(err);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(Errors.bodyTooLarge(limit));
      else chunks.push(chunk);
    };
    source.on('data', onData);
    source.once('end', () => settle());
    req.once('close', () => {
      if (!req.complete) settle(Errors.badParameter('The request body ended before its declared Content-Length.'));
    });
    if (decoder) {
      decoder.on('error', () => settle(Errors.badParameter('The request body could not be decoded with its Content-Encoding.')));
      req.pipe(decoder);
    }
  });
}

/**
 * The body parsed as JSON (any JSON value), undefined without a body, and `{}` for an empty one
 * (as body-parser did: a common client mistake, answered by the operation's own validation).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await readBody(req, limit);
  if (raw === undefined) return undefined;
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw Errors.malformedJson(describeJsonError(err));
  }
}
