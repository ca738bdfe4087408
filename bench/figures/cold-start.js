'use strict';
/**
 * Cold start: from spawning `node bin/keyvault-emulator.cjs start` to the first 200 from
 * `GET /_emulator/health`, with the CA and keys already in the data directory (a second start,
 * the everyday case). The main port is chosen up front so the client can poll it from the moment
 * of the spawn, like a test harness or `wait-on` would: a plain TCP connect every 5 ms until the
 * port accepts (cheap: polling with a full TLS request every 2 ms kept a core busy and slowed the
 * start it measured), then GET /_emulator/health over HTTPS until it answers 200.
 * Baseline: spawning `node -e ""` until it exits, measured alternately in the same loop.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const path = require('node:path');
const { CLI } = require('../lib/config');
const { seedStore, tempDir, sleep } = require('../lib/emulator');
const { median } = require('../lib/stats');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function healthOnce(port, ca) {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/_emulator/health', ca, servername: 'localhost', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
  });
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function emulatorStartMs(dataDir, ca) {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, [CLI, 'start', '--port', String(port), '--data-dir', dataDir], { stdio: 'ignore' });
  let exitCode;
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve((exitCode = code ?? signal))));
  try {
    for (;;) {
      if ((await portOpen(port)) && (await healthOnce(port, ca))) return Number(process.hrtime.bigint() - t0) / 1e6;
      if (exitCode !== undefined) throw new Error(`emulator exited (${exitCode}) before answering /_emulator/health`);
      if (Number(process.hrtime.bigint() - t0) > 30e9) throw new Error('emulator did not answer /_emulator/health in 30 s');
      await sleep(5);
    }
  } finally {
    proc.kill('SIGTERM');
    await exited;
  }
}

async function nodeSpawnMs() {
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => proc.once('exit', resolve));
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function run(settings, log) {
  const dir = tempDir('cold');
  try {
    seedStore(dir, 0, 0); // creates the store, CA and keys: every measured start finds them cached
    const ca = fs.readFileSync(path.join(dir, 'tls', 'ca.pem'), 'utf8');
    await emulatorStartMs(dir, ca); // unmeasured: warms the OS page cache for node and the bundle
    await nodeSpawnMs();
    const emulator = [];
    const node = [];
    for (let i = 0; i < settings.runs; i++) {
      node.push(await nodeSpawnMs());
      emulator.push(await emulatorStartMs(dir, ca));
    }
    log(`  emulator ms: ${emulator.map((x) => x.toFixed(0)).join(' ')}`);
    log(`  node -e ms:  ${node.map((x) => x.toFixed(0)).join(' ')}`);
    const ratios = emulator.map((e, i) => e / node[i]);
    return { emulatorMs: median(emulator), nodeMs: median(node), ratio: median(ratios), emulatorRuns: emulator, nodeRuns: node };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
