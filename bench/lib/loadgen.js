'use strict';
/**
 * The load generator: a separate process driving autocannon's programmatic API, so the server
 * under test never shares an event loop with the client. Started by load.js with one JSON
 * argument; prints one JSON line with the result on stdout.
 *
 * Throughput and latency are counted here from autocannon's per-response events (hrtime, in
 * fractional milliseconds): autocannon's own summary rounds latencies to whole milliseconds and,
 * in `amount` mode, stretches the duration to its next 1-second sampling tick.
 *
 * spec = {
 *   url: 'https://localhost:PORT', connections, duration? (s) | amount?,
 *   warmupSeconds?: number,          // an unmeasured run first, on its own connections
 *   headers: {...},
 *   request: { kind: 'get', path } | { kind: 'get', prefix, pool, apiVersion }   (names spread over the pool)
 *          | { kind: 'set', prefix, pool, apiVersion, valueBytes, offset? }
 * }
 * TLS: autocannon connects with rejectUnauthorized: false (hard-coded in its client), so no CA is
 * needed; the handshake and encryption are the same as with verification.
 */
const path = require('node:path');
const { AUTOCANNON_DIR } = require('./config');

const autocannon = require(path.join(AUTOCANNON_DIR));

const spec = JSON.parse(process.argv[2]);

function requestsFor(r) {
  if (r.kind === 'get' && r.pool) {
    let counter = 0;
    return [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/secrets/${r.prefix}${String((counter++ * 7919) % r.pool).padStart(6, '0')}?api-version=${r.apiVersion}`,
        }),
      },
    ];
  }
  if (r.kind === 'get') return [{ method: 'GET', path: r.path }];
  if (r.kind === 'set') {
    let counter = r.offset ?? 0;
    const filler = 'v'.repeat(Math.max(0, r.valueBytes - 12));
    return [
      {
        method: 'PUT',
        setupRequest: (req) => {
          const i = counter++;
          const name = `${r.prefix}${String(i % r.pool).padStart(6, '0')}`;
          return {
            ...req,
            path: `/secrets/${name}?api-version=${r.apiVersion}`,
            headers: { ...req.headers, 'content-type': 'application/json' },
            body: JSON.stringify({ value: `${String(i).padStart(12, '0')}${filler}` }),
          };
        },
      },
    ];
  }
  throw new Error(`unknown request kind ${r.kind}`);
}

function runOnce(options, measure) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let ok = 0;
    let other = 0;
    let started = 0n;
    let last = 0n;
    const instance = autocannon(
      {
        url: spec.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration }),
        headers: spec.headers,
        requests: requestsFor(spec.request),
        sampleInt: 100,
        timeout: 30,
      },
      (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const elapsedMs = Number(last - started) / 1e6;
        resolve({
          ok,
          other,
          errors: result.errors,
          timeouts: result.timeouts,
          elapsedMs,
          rps: elapsedMs > 0 ? (ok * 1000) / elapsedMs : 0,
          latencies: measure ? latencies : [],
        });
      },
    );
    instance.on('start', () => {
      started = process.hrtime.bigint();
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      last = process.hrtime.bigint();
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        if (measure) latencies.push(responseTime);
      } else {
        other++;
      }
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

async function main() {
  if (spec.warmupSeconds) {
    await runOnce({ connections: spec.connections, duration: spec.warmupSeconds }, false);
  }
  const r = await runOnce({ connections: spec.connections, duration: spec.duration, amount: spec.amount }, true);
  const sorted = r.latencies.sort((a, b) => a - b);
  const out = {
    ok: r.ok,
    other: r.other,
    errors: r.errors,
    timeouts: r.timeouts,
    elapsedMs: r.elapsedMs,
    rps: r.rps,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
    },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`loadgen: ${err.stack ?? err}\n`);
  process.exit(1);
});
