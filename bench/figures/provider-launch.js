'use strict';
/**
 * Provider launch: from spawning the installed provider executable (the launcher Terraform runs,
 * from the filesystem mirror installProvider() writes) to its go-plugin handshake line on stdout,
 * with Terraform's environment (magic cookie, protocol versions, AutoMTLS client certificate).
 * The first launch is unmeasured: it fills the launcher's V8 code cache, as the first of the
 * several launches of any Terraform command does. Baseline: `node -e ""` spawn-to-exit,
 * alternating with the launches.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { tempDir } = require('../lib/emulator');
const { installInto, pluginEnv, providerTools } = require('../lib/provider');
const { median } = require('../lib/stats');

function launchMs(executable, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(executable, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let ms;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (ms === undefined && out.includes('\n')) {
        ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (!/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|/.test(out)) {
          child.kill('SIGKILL');
          reject(new Error(`unexpected handshake line: ${out.split('\n')[0]}`));
          return;
        }
        child.kill('SIGTERM'); // the provider shuts down cleanly (and writes its code cache)
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (ms === undefined) reject(new Error(`provider exited (${code}) before its handshake: ${err.slice(0, 500)}`));
      else resolve(ms);
    });
  });
}

function nodeSpawnMs() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

async function run(settings, log) {
  const dir = tempDir('provider');
  try {
    const installed = await installInto(path.join(dir, 'terraform'));
    const env = pluginEnv(providerTools().generateServerCertificate().certPem, path.join(dir, 'cache'));
    await launchMs(installed.executablePath, env); // unmeasured: fills the code cache
    const provider = [];
    const node = [];
    for (let i = 0; i < settings.runs; i++) {
      node.push(await nodeSpawnMs());
      provider.push(await launchMs(installed.executablePath, env));
    }
    log(`  provider ms: ${provider.map((x) => x.toFixed(0)).join(' ')}`);
    log(`  node -e ms:  ${node.map((x) => x.toFixed(0)).join(' ')}`);
    return {
      providerMs: median(provider),
      nodeMs: median(node),
      ratio: median(provider.map((p, i) => p / node[i])),
      providerRuns: provider,
      nodeRuns: node,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
