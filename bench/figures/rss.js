'use strict';
/**
 * Resident memory (RSS, from /proc/PID/status) of the emulator process.
 *  - idle: a fresh start on an empty durable store (CA cached), 1 s after the banner, no request;
 *  - 10,000 secrets x 3 versions: the store is seeded (bench/lib/seed.js), the emulator started,
 *    then put to work: GetSecret over all names (32 connections) and durable SetSecrets (which
 *    build the writer's caches), then 1 s of rest. That is the conservative figure: V8 keeps the
 *    heap it grew under load. The RSS right after start, before any request, is reported too.
 * Medians over `rounds` starts.
 */
const fs = require('node:fs');
const { API_VERSION } = require('../lib/config');
const { seedStore, sleep, startEmulator, tempDir } = require('../lib/emulator');
const { runLoad } = require('../lib/load');
const { median } = require('../lib/stats');

async function idleOnce(templateDir) {
  const dir = tempDir('rss-idle');
  fs.cpSync(templateDir, dir, { recursive: true });
  const emulator = await startEmulator({ dataDir: dir });
  try {
    await sleep(1000);
    return emulator.rssMb();
  } finally {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function loadedOnce(templateDir, settings) {
  const dir = tempDir('rss-10k');
  fs.cpSync(templateDir, dir, { recursive: true });
  const emulator = await startEmulator({ dataDir: dir });
  try {
    await sleep(1000);
    const atStart = emulator.rssMb();
    const url = `https://127.0.0.1:${emulator.port}`;
    await runLoad({
      url,
      connections: 32,
      duration: settings.getSeconds,
      headers: settings.headers,
      request: { kind: 'get', prefix: 'seed-', pool: settings.secrets, apiVersion: API_VERSION },
    });
    await runLoad({
      url,
      connections: 32,
      amount: settings.sets,
      headers: settings.headers,
      request: { kind: 'set', prefix: 'seed-', pool: settings.secrets, apiVersion: API_VERSION, valueBytes: 64 },
    });
    await sleep(1000);
    return { atStart, afterLoad: emulator.rssMb() };
  } finally {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(settings, log) {
  const empty = tempDir('rss-empty');
  const seeded = tempDir('rss-seeded');
  try {
    seedStore(empty, 0, 0);
    seedStore(seeded, settings.secrets, settings.versions);
    const idle = [];
    const loaded = [];
    for (let r = 0; r < settings.rounds; r++) {
      idle.push(await idleOnce(empty));
      loaded.push(await loadedOnce(seeded, settings));
      log(
        `  round ${r + 1}: idle ${idle[r].toFixed(1)} MB; ${settings.secrets} x ${settings.versions}: ` +
          `${loaded[r].atStart.toFixed(1)} MB at start, ${loaded[r].afterLoad.toFixed(1)} MB after load`,
      );
    }
    return {
      idleMb: median(idle),
      loadedAtStartMb: median(loaded.map((x) => x.atStart)),
      loadedMb: median(loaded.map((x) => x.afterLoad)),
      storeBytes: fs.statSync(`${seeded}/store.json`).size,
      rounds: idle.map((x, i) => ({ idle: x, ...loaded[i] })),
    };
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
    fs.rmSync(seeded, { recursive: true, force: true });
  }
}

module.exports = { run };
