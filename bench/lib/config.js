'use strict';
/**
 * Settings shared by every benchmark. The request headers that authenticate against the emulator
 * live here and nowhere else: when a mode needs a real token, change `authHeaders()` only.
 */
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

/** Data-plane api-version used by every request. */
const API_VERSION = '7.6';

/**
 * Headers that authenticate a data-plane request. Today any bearer token is accepted; the
 * emulator only reads (unverified) claims from it.
 */
function authHeaders() {
  return { authorization: 'Bearer keyvault-emulator-bench' };
}

module.exports = {
  ROOT,
  API_VERSION,
  authHeaders,
  /** The CLI under test; KV_BENCH_CLI points at another build (A/B comparisons of a change). */
  CLI: process.env.KV_BENCH_CLI ? path.resolve(process.env.KV_BENCH_CLI) : path.join(ROOT, 'bin', 'keyvault-emulator.cjs'),
  AUTOCANNON_DIR: path.join(ROOT, 'node_modules', 'autocannon'),
  RESULTS_FILE: path.join(ROOT, 'bench', 'results.json'),
};
