/**
 * Answers for requests that never reach the app: what Node's HTTP parser refuses (a bad request
 * line or method, invalid bytes, oversized headers, broken framing), CONNECT, and an `Expect`
 * other than 100-continue. Node's defaults answer these with an empty body, or for CONNECT close
 * the connection without a word; here each gets Azure's error shape, then the connection closes.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Errors, type ServiceError } from '../core/errors';

function rawResponse(err: ServiceError): string {
  const body = JSON.stringify(err.toBody());
  return (
    `HTTP/1.1 ${err.status} ${http.STATUS_CODES[err.status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
    body
  );
}

/** The error for a request the HTTP parser refused (Node's clientError codes). */
export function parserRefusal(code: string | undefined): ServiceError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return Errors.headersTooLarge();
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return Errors.requestTimeout();
    default:
      return Errors.malformedRequest(code ?? 'parse error');
  }
}

/**
 * Options for http(s).createServer: a request without Host reaches the app (and gets the data
 * plane's 400 BadParameter in Azure's shape) instead of Node's bare 400.
 */
export const SERVER_OPTIONS = { requireHostHeader: false } as const;

/** How long a refused connection keeps reading (and dropping) what the client still sends. */
const LINGER_MS = 2_000;

export function answerProtocolErrors(server: http.Server): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports every later chunk of a refused request too: that is the rest of a body
    // the client is still sending. Let it drain until the linger time ends.
    if (answered.has(socket)) return;
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    answered.add(socket);
    // Lingering close: closing at once while the client is still sending makes the kernel answer
    // with a reset, which can destroy the response before the client has read it.
    socket.end(rawResponse(parserRefusal(err.code)));
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    socket.end(rawResponse(Errors.methodNotAllowed('CONNECT')));
  });
  server.on('checkExpectation', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    const err = Errors.expectationFailed();
    const body = JSON.stringify(err.toBody());
    res.writeHead(err.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    });
    res.end(body);
  });
}
