/**
 * The HTTP transport of the provider: node:https with an agent that trusts
 * the configured CA and resolves `*.localhost` to loopback itself.
 *
 * Why not the system resolver: vaults live at `{name}.vault.localhost`, and
 * plain glibc (no nss-myhostname) does not resolve `*.localhost`; Terraform
 * users should not have to edit /etc/hosts. Why not fetch(): Node 20's fetch
 * cannot take a custom lookup or CA without the undici package.
 *
 * Failures are turned into messages that say what to do (start the emulator,
 * trust its CA), because Terraform shows them verbatim.
 */
import http from 'node:http';
import https from 'node:https';
import { localhostLookup } from '../../emulator/client';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body; undefined when the body is empty or not JSON. */
  json: unknown;
}

/** The request never got an HTTP answer (refused, TLS, timeout, aborted). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface TransportOptions {
  /** PEM of the CA(s) to trust; without it Node's defaults apply (plus NODE_EXTRA_CA_CERTS). */
  caPem?: string;
  /** Per-request timeout, ms (default 60 s). */
  timeoutMs?: number;
  /** Retries of 429/503 answers (default 3); tests lower it. */
  maxRetries?: number;
}

const TLS_TRUST_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class HttpTransport {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent: http.Agent;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;

  constructor(options: TransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 3;
    // keepAlive: one Terraform operation makes several calls to the same origins (token, ARM, vault).
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      ...(options.caPem ? { ca: options.caPem } : {}),
      lookup: localhostLookup as never,
    });
    this.httpAgent = new http.Agent({ keepAlive: true, lookup: localhostLookup as never });
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.once(request);
      } catch (err) {
        // A kept-alive socket the server closed meanwhile fails before the request reached it.
        if (err instanceof StaleSocketError && attempt === 0) continue;
        throw err instanceof StaleSocketError ? err.cause : err;
      }
      if ((response.status === 429 || response.status === 503) && attempt < this.maxRetries) {
        await delay(retryAfterMs(response.headers['retry-after'], attempt), request.signal);
        continue;
      }
      return response;
    }
  }

  close(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }

  private once(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const transport = isHttps ? https : http;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    return new Promise((resolve, reject) => {
      if (request.signal?.aborted) {
        reject(new TransportError(`${request.method} ${url.origin}${url.pathname}: cancelled`, 'ABORT_ERR'));
        return;
      }
      const req = transport.request(
        url,
        { method: request.method, headers, agent: isHttps ? this.httpsAgent : this.httpAgent, signal: request.signal, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              res.destroy(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', (err) => reject(transportError(err as NodeJS.ErrnoException, request.method, url)));
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
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => {
        const translated = transportError(err, request.method, url);
        if (req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) reject(new StaleSocketError(translated));
        else reject(translated);
      });
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: TransportError) {
    super(cause.message);
  }
}

function transportError(err: NodeJS.ErrnoException, method: string, url: URL): TransportError {
  const where = `${method} ${url.origin}${url.pathname}`;
  const code = err.code;
  if (code === 'ABORT_ERR' || err.name === 'AbortError') return new TransportError(`${where}: cancelled`, code);
  if (code === 'ECONNREFUSED') {
    return new TransportError(
      `no keyvault-emulator answers at ${url.origin} (connection refused). Start it (keyvault-emulator start), or point the provider's endpoint at it.`,
      code,
    );
  }
  if (code && TLS_TRUST_CODES.has(code)) {
    return new TransportError(
      `${where}: the server's certificate is not trusted (${code}). Set the provider's ca_file (or KEYVAULT_EMULATOR_CA_FILE / NODE_EXTRA_CA_CERTS) ` +
        `to the emulator's CA, <data-dir>/tls/ca.pem, as printed when it starts.`,
      code,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new TransportError(`${where}: the server's certificate does not cover ${url.hostname} (${err.message}).`, code);
  }
  if (code === 'EPROTO' && /wrong version number|packet length too long/i.test(err.message)) {
    return new TransportError(`${where}: the server does not speak HTTPS (it may run with --http: use an http:// endpoint).`, code);
  }
  return new TransportError(`${where}: ${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}`, code);
}

function retryAfterMs(header: string | string[] | undefined, attempt: number): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const seconds = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
  // Capped: the emulator answers 503 only while its store cannot write, which is rarely long.
  return Math.min(seconds !== undefined ? seconds * 1000 : 250 * 2 ** attempt, 5_000);
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TransportError('cancelled', 'ABORT_ERR'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
