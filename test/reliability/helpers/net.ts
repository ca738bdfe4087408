/**
 * HTTP plumbing for the reliability suite: a keep-alive HTTPS client (many requests, few
 * handshakes), and raw TLS exchanges for bytes no HTTP client would send.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { localhostLookup } from '../../../emulator';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined (empty or not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface Call {
  method?: string;
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
  timeoutMs?: number;
}

/** Keep-alive HTTPS client that trusts the emulator's CA and resolves *.localhost to loopback. */
export class Client {
  readonly agent: https.Agent;

  constructor(ca: string, maxSockets = 32) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets, ca, lookup: localhostLookup as never });
  }

  request(call: Call): Promise<Reply> {
    const url = new URL(call.url);
    const body =
      call.body === undefined
        ? undefined
        : typeof call.body === 'string' || Buffer.isBuffer(call.body)
          ? call.body
          : JSON.stringify(call.body);
    const headers: Record<string, string> = { ...call.headers };
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] ??= String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method: call.method ?? 'GET',
          headers,
          agent: this.agent,
          timeout: call.timeoutMs ?? 30_000,
          // TLS checks the URL's host even when a test sends another Host header.
          servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname,
          checkServerIdentity: (_host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(url.hostname.replace(/^\[|\]$/g, ''), cert),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout after ${call.timeoutMs ?? 30_000} ms: ${call.method ?? 'GET'} ${call.url}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface RawResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  /** Every complete response received, in order. */
  responses: RawResponse[];
  /** Bytes after the last complete response (a truncated or unparsable response). */
  leftover: Buffer;
  /** How the exchange ended. */
  end: 'closed' | 'timeout' | 'error';
  error?: string;
}

/**
 * Opens a TLS connection, writes `bytes`, and collects what comes back until the server closes
 * the connection or `timeoutMs` passes. `servername` is the SNI name (default localhost).
 */
export function rawExchange(
  port: number,
  bytes: Buffer,
  options: { servername?: string; timeoutMs?: number; ca?: string; head?: boolean } = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = tls.connect({
      port,
      host: '127.0.0.1',
      servername: options.servername ?? 'localhost',
      ca: options.ca,
      rejectUnauthorized: Boolean(options.ca),
    });
    const done = (end: RawExchange['end'], error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      const { responses, rest } = parseResponses(all, options.head);
      resolve({ responses, leftover: rest, end, error });
    };
    const timer = setTimeout(() => done('timeout'), options.timeoutMs ?? 5_000);
    socket.once('secureConnect', () => socket.write(bytes));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('end', () => done('closed'));
    socket.on('close', () => done('closed'));
    socket.on('error', (err: NodeJS.ErrnoException) => done('error', err.code ?? err.message));
  });
}

/**
 * Parses consecutive HTTP/1.1 responses (Content-Length or chunked bodies; 1xx skipped). With
 * `head`, the first final response answers a HEAD request: it has no body whatever its headers say.
 */
export function parseResponses(data: Buffer, headRequest = false): { responses: RawResponse[]; rest: Buffer } {
  const responses: RawResponse[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', offset, 'latin1');
    if (headEnd < 0) break;
    const lines = data.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0]);
    if (!m) break;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(m[1]);
    let bodyStart = headEnd + 4;
    let body: Buffer;
    if (status < 200 || status === 204 || status === 304 || (headRequest && responses.length === 0)) {
      body = Buffer.alloc(0);
    } else if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const parts: Buffer[] = [];
      let pos = bodyStart;
      let complete = false;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', pos, 'latin1');
        if (lineEnd < 0) break;
        const size = parseInt(data.subarray(pos, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) break;
        if (size === 0) {
          const trailerEnd = data.indexOf('\r\n', lineEnd + 2, 'latin1');
          if (trailerEnd < 0) break;
          pos = trailerEnd + 2;
          complete = true;
          break;
        }
        if (lineEnd + 2 + size + 2 > data.length) break;
        parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        pos = lineEnd + 2 + size + 2;
      }
      if (!complete) break;
      body = Buffer.concat(parts);
      bodyStart = pos;
      if (status >= 200) responses.push({ status, reason: m[2], headers, body });
      offset = bodyStart;
      continue;
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (bodyStart + length > data.length) break;
      body = data.subarray(bodyStart, bodyStart + length);
      bodyStart += length;
    } else {
      body = data.subarray(bodyStart); // until close
      bodyStart = data.length;
    }
    if (status >= 200) responses.push({ status, reason: m[2], headers, body });
    offset = bodyStart;
  }
  return { responses, rest: data.subarray(offset) };
}
