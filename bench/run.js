#!/usr/bin/env node
'use strict';
/**
 * The benchmark suite: `node bench/run.js` (npm run bench). Builds the emulator, measures every
 * figure of BENCHMARKS.md against a baseline measured in the same run, prints the table and
 * writes bench/results.json. Never part of `npm test`.
 *
 *   node bench/run.js                       everything (a few minutes)
 *   node bench/run.js --quick               one short round of each figure (a smoke run, ~1 min)
 *   node bench/run.js --only get,set        some figures: get, cold, set, seq, rss, provider, terraform
 *   node bench/run.js --profile DIR         every emulator (and provider) process writes a CPU profile
 *                                           to DIR; summarise with bench/profile-summary.js
 *   node bench/run.js --no-write            do not touch bench/results.json (the default with --quick
 *                                           or --only; --write writes anyway)
 *   KV_BENCH_CLI=path/to/bin.cjs            benchmark another build of the CLI (A/B comparisons)
 *   KV_BENCH_TF_LOG=/tmp/tf                 keep the emulator's access log of each terraform apply
 *                                           (/tmp/tf.durable-0, /tmp/tf.memory-0, ...)
 *
 * Every number printed is measured in this run; a figure that cannot be measured here (no
 * terraform, the provider not built yet) is reported as "not measured" with the reason.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { authHeaders, CLI, RESULTS_FILE, ROOT } = require('./lib/config');
const { build } = require('./lib/emulator');
const { NotReady } = require('./lib/provider');
const { round } = require('./lib/stats');

const FIGURES = ['get', 'cold', 'set', 'seq', 'rss', 'provider', 'terraform'];

function parseArgs(argv) {
  const args = { quick: false, only: FIGURES, profile: undefined, write: undefined, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--no-write') args.write = false;
    else if (a === '--write') args.write = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--only') args.only = argv[++i].split(',');
    else if (a.startsWith('--only=')) args.only = a.slice(7).split(',');
    else if (a === '--profile') args.profile = path.resolve(argv[++i]);
    else if (a.startsWith('--profile=')) args.profile = path.resolve(a.slice(10));
    else {
      process.stderr.write(`unknown argument ${a}\nusage: node bench/run.js [--quick] [--only ${FIGURES.join(',')}] [--profile DIR] [--no-write]\n`);
      process.exit(2);
    }
  }
  // results.json holds full runs: partial or quick runs leave it alone unless asked.
  args.write ??= !args.quick && args.only === FIGURES;
  const unknown = args.only.filter((f) => !FIGURES.includes(f));
  if (unknown.length > 0) {
    process.stderr.write(`unknown figure(s) ${unknown.join(', ')}; known: ${FIGURES.join(', ')}\n`);
    process.exit(2);
  }
  return args;
}

/** How long and how often: the full run, or a quick smoke run. */
function settingsFor(quick) {
  const headers = authHeaders();
  return {
    get: { rounds: quick ? 1 : 3, seconds: quick ? 2 : 4, warmupSeconds: 1, connections: 32, headers },
    cold: { runs: quick ? 4 : 10 },
    set: {
      rounds: quick ? 1 : 3,
      connections: 32,
      headers,
      sizes: [
        { secrets: 1000, amount: quick ? 1000 : 3000 },
        { secrets: 10000, amount: quick ? 600 : 1500 },
      ],
    },
    seq: { rounds: quick ? 1 : 3, secrets: 1000, amount: quick ? 150 : 400, headers },
    rss: { rounds: quick ? 1 : 2, secrets: 10000, versions: 3, getSeconds: 2, sets: 500, headers },
    provider: { runs: quick ? 4 : 10 },
    terraform: { rounds: quick ? 1 : 3 },
  };
}

const ms = (x) => `${x.toFixed(0)} ms`;
const x2 = (x) => `${x.toFixed(2)}x`;
const pass = (ok) => (ok ? 'pass' : 'MISS');

/** Turns one figure's result into table rows. */
function rowsFor(name, r) {
  switch (name) {
    case 'get':
      return [
        {
          figure: 'GET secret, HTTPS keep-alive, 32 connections',
          value: `${r.emulatorRps.toFixed(0)} req/s`,
          baseline: `Express 5 route ${r.expressRps.toFixed(0)} req/s`,
          ratio: x2(r.ratioExpress),
          goal: '>= 0.8x Express',
          status: pass(r.ratioExpress >= 0.8),
        },
        ...(r.cpuUsPerRequest
          ? [
              {
                figure: '  (server CPU per GET, load-independent)',
                value: `${r.cpuUsPerRequest.emulator.toFixed(0)} us`,
                baseline: `Express 5 route ${r.cpuUsPerRequest.expressRoute.toFixed(0)} us`,
                ratio: x2(r.cpuUsPerRequest.ratioExpress),
                goal: 'reported',
                status: 'info',
              },
            ]
          : []),
        {
          figure: '  (same, against bare node:https)',
          value: `${r.emulatorRps.toFixed(0)} req/s`,
          baseline: `bare node:https ${r.bareRps.toFixed(0)} req/s`,
          ratio: x2(r.ratioBare),
          goal: 'reported',
          status: 'info',
        },
      ];
    case 'cold':
      return [
        {
          figure: 'Cold start: spawn -> first 200 from /_emulator/health (CA cached)',
          value: ms(r.emulatorMs),
          baseline: `node -e spawn-to-exit ${ms(r.nodeMs)}`,
          ratio: x2(r.ratio),
          goal: '<= 300 ms median',
          status: pass(r.emulatorMs <= 300),
        },
      ];
    case 'set':
      return r.map((s) => ({
        figure: `Durable SetSecret, 32 clients, ${s.secrets.toLocaleString('en')} secrets stored`,
        value: `${s.durableOps.toFixed(0)} ops/s`,
        baseline: `--in-memory ${s.memoryOps.toFixed(0)} ops/s`,
        ratio: x2(s.ratio),
        goal: s.secrets >= 10000 ? '>= 300 ops/s' : '>= 1,000 ops/s',
        status: pass(s.durableOps >= (s.secrets >= 10000 ? 300 : 1000)),
      }));
    case 'seq':
      return [
        {
          figure: `Sequential SetSecret latency, ${r.secrets.toLocaleString('en')} secrets stored`,
          value: `p50 ${r.durableP50.toFixed(2)} ms (p99 ${r.durableP99.toFixed(1)})`,
          baseline: `--in-memory p50 ${r.memoryP50.toFixed(2)} ms`,
          ratio: x2(r.ratio),
          goal: 'p50 <= 5 ms',
          status: pass(r.durableP50 <= 5),
        },
      ];
    case 'rss':
      return [
        {
          figure: 'RSS idle (empty durable store)',
          value: `${r.idleMb.toFixed(1)} MB`,
          baseline: '-',
          ratio: '-',
          goal: '<= 70 MB',
          status: pass(r.idleMb <= 70),
        },
        {
          figure: 'RSS with 10,000 secrets x 3 versions, after load',
          value: `${r.loadedMb.toFixed(1)} MB (${r.loadedAtStartMb.toFixed(1)} MB at start)`,
          baseline: '-',
          ratio: '-',
          goal: '<= 200 MB',
          status: pass(r.loadedMb <= 200),
        },
      ];
    case 'provider':
      return [
        {
          figure: 'Provider launch -> handshake line',
          value: ms(r.providerMs),
          baseline: `node -e spawn-to-exit ${ms(r.nodeMs)}`,
          ratio: x2(r.ratio),
          goal: '<= 250 ms median',
          status: pass(r.providerMs <= 250),
        },
      ];
    case 'terraform':
      return [
        {
          figure: 'terraform apply: 1 vault + 100 secrets + 2 policies',
          value: `${(r.keyvaultMs / 1000).toFixed(2)} s`,
          baseline: `100 terraform_data ${(r.baselineMs / 1000).toFixed(2)} s`,
          ratio: x2(r.ratio),
          goal: '<= 3x',
          status: pass(r.ratio <= 3),
        },
        {
          figure: '  (same, emulator --in-memory)',
          value: `${(r.inMemoryMs / 1000).toFixed(2)} s`,
          baseline: `100 terraform_data ${(r.baselineMs / 1000).toFixed(2)} s`,
          ratio: x2(r.inMemoryRatio),
          goal: 'reported',
          status: 'info',
        },
      ];
    default:
      throw new Error(`no rows for ${name}`);
  }
}

const TITLES = {
  get: 'GET secret, HTTPS keep-alive, 32 connections',
  cold: 'Cold start: spawn -> first 200 from /_emulator/health (CA cached)',
  set: 'Durable SetSecret, 32 clients, 1,000 / 10,000 secrets stored',
  seq: 'Sequential SetSecret latency, 1,000 secrets stored',
  rss: 'RSS idle; RSS with 10,000 secrets x 3 versions',
  provider: 'Provider launch -> handshake line',
  terraform: 'terraform apply: 1 vault + 100 secrets + 2 policies',
};

function notMeasured(name, reason, status = 'not measured') {
  return [{ figure: TITLES[name], value: status === 'FAILED' ? 'failed' : 'not measured', baseline: '-', ratio: '-', goal: '-', status, note: reason }];
}

function formatTable(rows) {
  const cols = ['figure', 'value', 'baseline', 'ratio', 'goal', 'status'];
  const head = { figure: 'Figure', value: 'Measured (median)', baseline: 'Baseline, same run', ratio: 'Ratio', goal: 'Goal', status: 'Result' };
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(head[c].length, ...rows.map((r) => String(r[c]).length))]));
  const line = (r) => cols.map((c) => String(r[c]).padEnd(width[c])).join(' | ');
  const out = [line(head), cols.map((c) => '-'.repeat(width[c])).join('-|-'), ...rows.map(line)];
  for (const r of rows) if (r.note) out.push(`  ${r.figure.trim()}: ${r.note}`);
  return out.join('\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  if (args.profile) {
    fs.mkdirSync(args.profile, { recursive: true });
    process.env.KV_BENCH_PROFILE_DIR = args.profile;
  }
  const log = (line) => process.stdout.write(`${line}\n`);
  if (args.build) {
    log('building (node scripts/build.js) ...');
    build();
  }
  const settings = settingsFor(args.quick);
  const info = machine();
  log(`machine: ${info.cpu}, ${info.memoryGb} GB, ${info.os}, Node ${info.node}, load average ${info.loadAverageAtStart.join(' ')}`);
  log(`emulator under test: ${path.relative(ROOT, CLI) || CLI}`);

  const figures = {
    get: () => require('./figures/get-throughput').run(settings.get, log),
    cold: () => require('./figures/cold-start').run(settings.cold, log),
    set: () => require('./figures/set-secret').runConcurrent(settings.set, log),
    seq: () => require('./figures/set-secret').runSequential(settings.seq, log),
    rss: () => require('./figures/rss').run(settings.rss, log),
    provider: () => require('./figures/provider-launch').run(settings.provider, log),
    terraform: () => require('./figures/terraform').run(settings.terraform, log),
  };

  const results = {};
  const rows = [];
  let failed = false;
  for (const name of FIGURES) {
    if (!args.only.includes(name)) continue;
    log(`\n${TITLES[name]}`);
    const t0 = Date.now();
    try {
      const r = await figures[name]();
      results[name] = { seconds: round((Date.now() - t0) / 1000, 1), ...r };
      rows.push(...rowsFor(name, r));
    } catch (err) {
      if (err instanceof NotReady) {
        log(`  not measured: ${err.message}`);
        results[name] = { notMeasured: err.message };
        rows.push(...notMeasured(name, err.message));
      } else {
        // Reported, and the run goes on; the exit status says something failed.
        failed = true;
        log(`  FAILED: ${err.stack ?? err}`);
        const reason = String(err.message).split('\n').filter(Boolean).slice(0, 3).join(' / ').slice(0, 300);
        results[name] = { failed: reason };
        rows.push(...notMeasured(name, reason, 'FAILED'));
      }
    }
  }

  const table = formatTable(rows);
  log(`\n${table}\n`);
  const seconds = round((Date.now() - started) / 1000, 1);
  log(`${args.quick ? 'quick run' : 'full run'} in ${seconds} s; load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  if (args.write) {
    const doc = {
      generatedAt: new Date().toISOString(),
      command: `node bench/run.js${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
      quick: args.quick,
      seconds,
      machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)) },
      settings: JSON.parse(JSON.stringify(settings, (k, v) => (k === 'headers' ? undefined : v))),
      table: rows,
      results,
    };
    const tmp = `${RESULTS_FILE}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(doc, (k, v) => (typeof v === 'number' ? round(v, 3) : v), 2)}\n`);
    fs.renameSync(tmp, RESULTS_FILE);
    log(`wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
