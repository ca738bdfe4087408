/**
 * Bodies over the size cap are refused early, without being buffered whole: the 413 arrives
 * before the client has finished sending (for a declared length, before it sent anything), and
 * the emulator's memory stays flat while 50 MB bodies come at it.
 */
import tls from 'node:tls';
import zlib from 'node:zlib';
import { artifactsFor, marker, reportFigures } from './helpers/artifacts';
import { authorization } from './helpers/auth';
import { finalCheck } from './helpers/summary';
import { Client, parseResponses, type RawResponse } from './helpers/net';
import { memoryOf, startChild, type ChildEmulator } from './helpers/process';

const MB = 1024 * 1024;
const SMALL_CAP = 1024 * 1024; // SetSecret / UpdateSecret
const RESTORE_CAP = 32 * 1024 * 1024;

const art = artifactsFor('body-limits');
afterAll(() => art.finish());

let em: ChildEmulator;
let baselinePeak = 0;
const figures = { cases: 0, maxBytesSentBefore413: 0 };

beforeAll(async () => {
  em = await startChild(['--port', '0', '--data-dir', art.subdir('data')], art.file('emulator'));
  // Warm up (TLS, JIT, a few writes) before taking the memory baseline.
  const client = new Client(em.ca, 4);
  for (let i = 0; i < 20; i++) {
    const res = await client.request({ method: 'PUT', url: `${em.url}/secrets/warm-${i % 4}?api-version=7.6`, headers: { authorization: authorization() }, body: { value: marker('warm') } });
    expect(res.status).toBe(200);
  }
  client.close();
  baselinePeak = memoryOf(em.pid)?.peak ?? 0;
}, 60_000);

afterAll(async () => {
  if (em?.alive()) await em.kill('SIGTERM');
});

interface Upload {
  /** Request line and headers (without the blank line). */
  head: string[];
  /** Body bytes to offer in total; sent in 64 KB pieces while no response has arrived. */
  total: number;
  chunked: boolean;
  /** Declared: send no body byte before the response (or 3 s) to prove nothing was waited for. */
  holdBody?: boolean;
  piece?: Buffer;
}

interface UploadResult {
  response?: RawResponse;
  /** Body bytes written to the socket when the response arrived. */
  sentAtResponse: number;
  elapsedMs: number;
}

/** Uploads over raw TLS, stops sending as soon as a response arrives. */
function upload(u: Upload): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port: em.port, host: '127.0.0.1', servername: 'localhost', ca: em.ca });
    const started = Date.now();
    let sent = 0;
    let received = Buffer.alloc(0);
    let result: UploadResult | undefined;
    const finish = () => {
      if (!result) return;
      socket.destroy();
      resolve(result);
    };
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
      const { responses } = parseResponses(received);
      if (responses.length > 0 && !result) {
        result = { response: responses[0], sentAtResponse: sent, elapsedMs: Date.now() - started };
        finish();
      }
    });
    socket.on('error', (err) => (result ? finish() : reject(err)));
    socket.on('close', () => {
      if (!result) reject(new Error(`connection closed without a response after ${sent} bytes`));
    });
    socket.once('secureConnect', async () => {
      const headers = [...u.head, 'Host: localhost', `Authorization: ${authorization()}`, u.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${u.total}`];
      socket.write(`${headers.join('\r\n')}\r\n\r\n`);
      if (u.holdBody) await new Promise((r) => setTimeout(r, 3_000));
      const piece = u.piece ?? Buffer.alloc(64 * 1024, 0x61);
      while (!result && sent < u.total && !socket.destroyed) {
        const framed = u.chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
        const more = socket.write(framed);
        sent += piece.length;
        if (!more) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
      if (!result && u.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    });
  });
}

function expect413(r: UploadResult, cap: number) {
  figures.cases++;
  figures.maxBytesSentBefore413 = Math.max(figures.maxBytesSentBefore413, r.sentAtResponse);
  expect(r.response?.status).toBe(413);
  const body = JSON.parse(r.response!.body.toString('utf8'));
  expect(body).toEqual({ error: { code: 'RequestEntityTooLarge', message: `The request body is larger than the limit of ${cap} bytes.` } });
  if (r.response!.body.length > 0) art.recordError({ status: 413, body: r.response!.body.toString('utf8') });
}

describe('oversized bodies', () => {
  test('a declared 50 MB SetSecret body: 413 before a single body byte is sent', async () => {
    const r = await upload({ head: ['PUT /secrets/huge?api-version=7.6 HTTP/1.1'], total: 50 * MB, chunked: false, holdBody: true });
    expect413(r, SMALL_CAP);
    expect(r.sentAtResponse).toBe(0);
  }, 30_000);

  test('a chunked 50 MB body without a length: 413 once the cap is crossed, long before the end', async () => {
    const r = await upload({ head: ['PUT /secrets/huge?api-version=7.6 HTTP/1.1'], total: 50 * MB, chunked: true });
    expect413(r, SMALL_CAP);
    expect(r.sentAtResponse).toBeGreaterThan(SMALL_CAP); // it did read up to the cap...
    expect(r.sentAtResponse).toBeLessThan(16 * MB); // ...and no further than socket buffers hold
  }, 30_000);

  test('UpdateSecret through a verb override, RestoreSecret and /_emulator/clock: each refused at its own cap', async () => {
    const update = await upload({ head: ['POST /secrets/warm-0?api-version=7.6 HTTP/1.1', 'X-HTTP-Method: PATCH'], total: 50 * MB, chunked: false, holdBody: true });
    expect413(update, SMALL_CAP);
    expect(update.sentAtResponse).toBe(0);
    const restore = await upload({ head: ['POST /secrets/restore?api-version=7.6 HTTP/1.1'], total: 100 * MB, chunked: false, holdBody: true });
    expect413(restore, RESTORE_CAP);
    expect(restore.sentAtResponse).toBe(0);
    const clock = await upload({ head: ['POST /_emulator/clock HTTP/1.1'], total: 50 * MB, chunked: true });
    expect413(clock, 1024);
    expect(clock.sentAtResponse).toBeLessThan(16 * MB);
  }, 60_000);

  test('a gzip bomb (20 MB inflated, 20 KB on the wire): 413 counted after decompression', async () => {
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from(`{"value":"${marker('bomb')}`), Buffer.alloc(20 * MB, 0x61), Buffer.from('"}')]));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const r = await upload({ head: ['PUT /secrets/bomb?api-version=7.6 HTTP/1.1', 'Content-Encoding: gzip'], total: bomb.length, chunked: false, piece: bomb });
    expect413(r, SMALL_CAP);
  }, 30_000);

  test('8 clients sending 50 MB chunked bodies at once: all refused, memory stays flat', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => upload({ head: ['PUT /secrets/flood?api-version=7.6 HTTP/1.1'], total: 50 * MB, chunked: true })),
    );
    for (const r of results) expect413(r, SMALL_CAP);
  }, 60_000);

  test('afterwards: the emulator serves normally, and its peak memory grew far less than one body', async () => {
    const client = new Client(em.ca, 2);
    const value = marker('after');
    const set = await client.request({ method: 'PUT', url: `${em.url}/secrets/after?api-version=7.6`, headers: { authorization: authorization() }, body: { value } });
    expect([set.status, set.json?.value]).toEqual([200, value]);
    client.close();
    const memory = memoryOf(em.pid);
    const growthMb = memory ? Math.round((memory.peak - baselinePeak) / MB) : 'n/a';
    reportFigures('body-limits', {
      oversized_cases: figures.cases,
      max_body_bytes_sent_before_413: figures.maxBytesSentBefore413,
      peak_rss_growth_mb: growthMb,
    });
    // 11 bodies of 50-100 MB went in; buffering even one would add more than this.
    if (memory) expect(memory.peak - baselinePeak).toBeLessThan(40 * MB);
    expect((await em.kill('SIGTERM')).code).toBe(0);
    expect(em.stderr()).toBe('');
  }, 30_000);

  test('nothing the suite sent so far leaked into its logs, audit files or error output', () => {
    const report = finalCheck(art);
    expect(report.filesScanned).toBeGreaterThan(0);
    expect(report.leaks).toEqual([]);
  });
});
