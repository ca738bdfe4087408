'use strict';
/**
 * SetSecret throughput and latency, durable store against `--in-memory`, with N secrets stored.
 *
 * Durable: the data directory is a copy of one seeded with N secrets (bench/lib/seed.js), so every
 * round starts from the same file. In memory: the emulator starts empty with `--in-memory` and
 * the same N secrets are first stored through the API (unmeasured). The measured load then sends
 * SetSecret to those names in turn (each request adds a version to an existing secret), with 32
 * connections for throughput, or 1 connection (strictly sequential) for latency.
 */
const fs = require('node:fs');
const path = require('node:path');
const { API_VERSION } = require('../lib/config');
const { seedStore, startEmulator, tempDir } = require('../lib/emulator');
const { runLoad } = require('../lib/load');
const { median } = require('../lib/stats');

const VALUE_BYTES = 64;

/** A data directory seeded with `secrets` secrets of one version each; reused by every round. */
function template(secrets) {
  const dir = tempDir(`seed${secrets}`);
  seedStore(dir, secrets, 1);
  return dir;
}

function setSpec(url, headers, { secrets, connections, amount }) {
  return {
    url,
    connections,
    amount,
    headers,
    request: { kind: 'set', prefix: 'seed-', pool: secrets, apiVersion: API_VERSION, valueBytes: VALUE_BYTES },
  };
}

/** One measured load against a fresh emulator; `inMemory` seeds through the API first. */
async function measure({ templateDir, inMemory, secrets, connections, amount, headers, emulatorArgs = [] }) {
  const dir = tempDir(inMemory ? 'mem' : 'durable');
  fs.cpSync(templateDir, dir, { recursive: true });
  if (inMemory) fs.rmSync(path.join(dir, 'store.json'), { force: true });
  const emulator = await startEmulator({ dataDir: dir, extraArgs: [...(inMemory ? ['--in-memory'] : []), ...emulatorArgs] });
  try {
    const url = `https://127.0.0.1:${emulator.port}`;
    if (inMemory) await runLoad(setSpec(url, headers, { secrets, connections: 32, amount: secrets }));
    const result = await runLoad(setSpec(url, headers, { secrets, connections, amount }));
    return { ...result, rssMb: emulator.rssMb() };
  } finally {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Concurrent throughput: `settings.sizes` = [{secrets, amount}], 32 connections.
 * Returns per size: durable ops/s, in-memory ops/s, ratio (medians over rounds).
 */
async function runConcurrent(settings, log) {
  const out = [];
  for (const { secrets, amount } of settings.sizes) {
    const templateDir = template(secrets);
    try {
      const rounds = [];
      for (let r = 0; r < settings.rounds; r++) {
        const common = { templateDir, secrets, connections: settings.connections, amount, headers: settings.headers };
        const durable = await measure({ ...common, inMemory: false });
        const memory = await measure({ ...common, inMemory: true });
        log(`  ${secrets} secrets, round ${r + 1}: durable ${durable.rps.toFixed(0)} ops/s, in-memory ${memory.rps.toFixed(0)} ops/s`);
        rounds.push({ durable: durable.rps, memory: memory.rps });
      }
      out.push({
        secrets,
        requests: amount,
        durableOps: median(rounds.map((x) => x.durable)),
        memoryOps: median(rounds.map((x) => x.memory)),
        ratio: median(rounds.map((x) => x.durable / x.memory)),
        rounds,
      });
    } finally {
      fs.rmSync(templateDir, { recursive: true, force: true });
    }
  }
  return out;
}

/** Sequential latency (1 connection): p50/p99 durable and in memory. */
async function runSequential(settings, log) {
  const templateDir = template(settings.secrets);
  try {
    const rounds = [];
    for (let r = 0; r < settings.rounds; r++) {
      const common = { templateDir, secrets: settings.secrets, connections: 1, amount: settings.amount, headers: settings.headers };
      const durable = await measure({ ...common, inMemory: false });
      const memory = await measure({ ...common, inMemory: true });
      log(
        `  round ${r + 1}: durable p50 ${durable.latencyMs.p50.toFixed(2)} ms (p99 ${durable.latencyMs.p99.toFixed(2)}), ` +
          `in-memory p50 ${memory.latencyMs.p50.toFixed(2)} ms (p99 ${memory.latencyMs.p99.toFixed(2)})`,
      );
      rounds.push({ durable: durable.latencyMs, memory: memory.latencyMs });
    }
    return {
      secrets: settings.secrets,
      requests: settings.amount,
      durableP50: median(rounds.map((x) => x.durable.p50)),
      durableP99: median(rounds.map((x) => x.durable.p99)),
      memoryP50: median(rounds.map((x) => x.memory.p50)),
      memoryP99: median(rounds.map((x) => x.memory.p99)),
      ratio: median(rounds.map((x) => x.durable.p50 / x.memory.p50)),
      rounds,
    };
  } finally {
    fs.rmSync(templateDir, { recursive: true, force: true });
  }
}

module.exports = { runConcurrent, runSequential, template, measure };
