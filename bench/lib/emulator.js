'use strict';
/**
 * Runs the emulator the way users do: the built CLI as a child process
 * (`node bin/keyvault-emulator.cjs start --port 0 --data-dir DIR ...`), its banner read from its
 * stdout, which goes to a log file (as in CI) so the benchmark process never competes for CPU by
 * draining a pipe.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const { CLI, ROOT, API_VERSION, authHeaders } = require('./config');

function build() {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { stdio: 'inherit' });
}

function tempDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kv-bench-${label}-`));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resident set size of a process in MB (Linux /proc; `ps` elsewhere). */
function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)[1]);
    return kb / 1024;
  } catch {
    const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return kb / 1024;
  }
}

/**
 * Starts `keyvault-emulator start --port 0 --data-dir DIR ...extraArgs` and resolves once the
 * banner is printed.
 */
async function startEmulator({ dataDir, extraArgs = [], timeoutMs = 30_000 }) {
  // `node bench/run.js --profile DIR` sets this: every emulator child then writes a CPU profile.
  const nodeArgs = process.env.KV_BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KV_BENCH_PROFILE_DIR}`] : [];
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, `emulator-${Date.now()}-${Math.random().toString(16).slice(2, 8)}.log`);
  const fd = fs.openSync(logFile, 'a');
  const proc = spawn(process.execPath, [...nodeArgs, CLI, 'start', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  let exitCode;
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve((exitCode = code ?? signal))));
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = fs.readFileSync(logFile, 'utf8');
    if (text.includes('Stop with Ctrl-C.')) break;
    if (exitCode !== undefined) throw new Error(`emulator exited (${exitCode}) before it was ready:\n${text}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`emulator not ready in ${timeoutMs} ms:\n${text}`);
    }
    await sleep(10);
  }
  const url = /Default vault: (\S+)/.exec(text)[1];
  const caPath = path.join(dataDir, 'tls', 'ca.pem');
  return {
    proc,
    pid: proc.pid,
    url,
    port: Number(new URL(url).port),
    caPath,
    ca: fs.readFileSync(caPath, 'utf8'),
    logFile,
    rssMb: () => rssMb(proc.pid),
    /** SIGTERM (the emulator finishes pending writes), then waits for the exit. */
    stop: async () => {
      if (exitCode === undefined) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One HTTPS request with the emulator's CA trusted; resolves with status, headers and body. */
function request(emulator, { method = 'GET', path: p, body, auth = true }) {
  const url = new URL(p, emulator.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { ...(auth ? authHeaders() : {}) };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca: emulator.ca, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Stores a secret through the API and fails loudly on anything but 200. */
async function putSecret(emulator, name, value) {
  const r = await request(emulator, { method: 'PUT', path: `/secrets/${name}?api-version=${API_VERSION}`, body: { value } });
  if (r.status !== 200) throw new Error(`SetSecret ${name} answered ${r.status}: ${r.body}`);
  return r;
}

/**
 * Writes `secrets` secrets of `versions` versions each into the durable store of `dataDir`, in one
 * transaction through the emulator's own store (see seed.js). Much faster than 10,000 HTTP
 * requests, and the file is exactly what the emulator writes.
 */
function seedStore(dataDir, secrets, versions) {
  execFileSync(process.execPath, [path.join(__dirname, 'seed.js'), dataDir, String(secrets), String(versions)], { stdio: 'inherit' });
}

module.exports = { build, tempDir, sleep, rssMb, startEmulator, request, putSecret, seedStore };
