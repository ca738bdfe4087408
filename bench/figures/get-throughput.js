'use strict';
/**
 * GET secret over HTTPS keep-alive with 32 connections: the emulator against a minimal Express 5
 * route and a bare node:https server, both serving the exact bytes the emulator answered
 * (status, headers, body), with the emulator's own certificate.
 *
 * Rounds alternate the three servers (the order rotates each round), so drift on a shared
 * machine hits all of them; each round gives a ratio, and the table shows the median ratio.
 *
 * With two cores the load generator takes one and the server the other, so on a quiet machine
 * throughput follows the server's CPU cost per request; when other processes compete, everyone
 * waits for a core and the ratios move towards 1. So the server's CPU time per request (user +
 * system, from /proc/PID/stat, Linux only) is reported as well: it hardly depends on the load.
 */
const { API_VERSION } = require('../lib/config');
const { startEmulator, putSecret, request, tempDir } = require('../lib/emulator');
const { startBaseline } = require('../lib/baselines');
const { runLoad } = require('../lib/load');
const { median } = require('../lib/stats');
const fs = require('node:fs');
const path = require('node:path');

const SKIP_HEADERS = new Set(['date', 'connection', 'keep-alive']);

/** CPU seconds (user + system) a process has used, or undefined where /proc is not available. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

async function run(settings, log) {
  const { rounds, seconds, warmupSeconds, connections } = settings;
  const dir = tempDir('get');
  const emulator = await startEmulator({ dataDir: dir, extraArgs: settings.emulatorArgs ?? [] });
  const servers = [];
  try {
    const secretPath = `/secrets/bench-get?api-version=${API_VERSION}`;
    // The same origin the load generator uses, so the captured ids are byte-identical.
    const origin = `https://127.0.0.1:${emulator.port}`;
    await putSecret({ ...emulator, url: origin }, 'bench-get', 'x'.repeat(64));
    const captured = await request({ ...emulator, url: origin }, { path: secretPath });
    if (captured.status !== 200) throw new Error(`GetSecret answered ${captured.status}`);
    const headers = [];
    for (let i = 0; i < captured.rawHeaders.length; i += 2) {
      if (!SKIP_HEADERS.has(captured.rawHeaders[i].toLowerCase())) headers.push([captured.rawHeaders[i], captured.rawHeaders[i + 1]]);
    }
    const response = { status: 200, headers, body: captured.body };
    servers.push(await startBaseline('express-route', response, path.join(dir, 'tls'), dir));
    servers.push(await startBaseline('bare-https', response, path.join(dir, 'tls'), dir));
    const targets = [{ name: 'emulator', url: origin, pid: emulator.pid }, ...servers.map((s) => ({ name: s.name, url: s.url, pid: s.pid }))];

    const perRound = [];
    for (let r = 0; r < rounds; r++) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      const rps = {};
      const cpu = {};
      for (const t of order) {
        const load = { url: t.url, connections, headers: settings.headers, request: { kind: 'get', path: secretPath } };
        await runLoad({ ...load, duration: warmupSeconds });
        const before = cpuSeconds(t.pid);
        const res = await runLoad({ ...load, duration: seconds });
        const after = cpuSeconds(t.pid);
        rps[t.name] = res.rps;
        // microseconds of server CPU per response
        cpu[t.name] = before === undefined || after === undefined ? undefined : ((after - before) * 1e6) / res.ok;
      }
      const us = (name) => (cpu[name] === undefined ? '' : ` (${cpu[name].toFixed(0)} us CPU/req)`);
      log(
        `  round ${r + 1}: emulator ${rps.emulator.toFixed(0)} req/s${us('emulator')}, express ${rps['express-route'].toFixed(0)}${us('express-route')}, ` +
          `bare ${rps['bare-https'].toFixed(0)}${us('bare-https')}`,
      );
      perRound.push({ ...rps, cpuUsPerRequest: cpu });
    }
    const cpuKnown = perRound.every((x) => x.cpuUsPerRequest.emulator !== undefined && x.cpuUsPerRequest['express-route'] !== undefined);
    const ratioExpress = median(perRound.map((x) => x.emulator / x['express-route']));
    const ratioBare = median(perRound.map((x) => x.emulator / x['bare-https']));
    return {
      emulatorRps: median(perRound.map((x) => x.emulator)),
      expressRps: median(perRound.map((x) => x['express-route'])),
      bareRps: median(perRound.map((x) => x['bare-https'])),
      ratioExpress,
      ratioBare,
      cpuUsPerRequest: cpuKnown
        ? {
            emulator: median(perRound.map((x) => x.cpuUsPerRequest.emulator)),
            expressRoute: median(perRound.map((x) => x.cpuUsPerRequest['express-route'])),
            bareHttps: median(perRound.map((x) => x.cpuUsPerRequest['bare-https'])),
            // Express CPU per request / emulator CPU per request: the throughput ratio a quiet machine would give.
            ratioExpress: median(perRound.map((x) => x.cpuUsPerRequest['express-route'] / x.cpuUsPerRequest.emulator)),
          }
        : undefined,
      responseBytes: captured.body.length,
      rounds: perRound,
    };
  } finally {
    for (const s of servers) await s.stop();
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
