/**
 * Raw HTTPS requests to an emulator (for wire-level assertions the SDKs hide).
 */
import https from 'node:https';
import http from 'node:http';
import tls from 'node:tls';
import { localhostLookup } from '../../emulator';
import { fakeJwt } from './emulator';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RawRequest {
  method?: string;
  /** Full URL, e.g. `${em.vaultUrl('a')}/secrets/x?api-version=7.4`. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
  /** Bearer token to send; `null` sends no Authorization header. Default: the test principal's unsigned JWT. */
  token?: string | null;
}

export function rawRequest(ca: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.url);
  const body =
    req.body === undefined ? undefined : typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = { ...req.headers };
  if (req.token !== null) headers.authorization ??= `Bearer ${req.token ?? fakeJwt()}`;
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = transport.request(
      url,
      {
        method: req.method ?? 'GET',
        headers,
        ca,
        lookup: localhostLookup as never,
        agent: false,
        // TLS checks the URL's host even when a test sends another Host header.
        servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname,
        checkServerIdentity: (_host: string, cert: import('node:tls').PeerCertificate) => tls.checkServerIdentity(url.hostname.replace(/^\[|\]$/g, ''), cert),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
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
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}
