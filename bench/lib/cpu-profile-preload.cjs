'use strict';
/**
 * `--cpu-prof` for processes whose command line we do not control (Node refuses --cpu-prof in
 * NODE_OPTIONS): NODE_OPTIONS="--require bench/lib/cpu-profile-preload.cjs" with
 * KV_BENCH_CPU_PROFILE_DIR set makes every Node process write DIR/<pid>.cpuprofile at exit.
 * Used for the Terraform provider, which Terraform launches through its own launcher script.
 */
const dir = process.env.KV_BENCH_CPU_PROFILE_DIR;
if (dir) {
  const fs = require('node:fs');
  const path = require('node:path');
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // The in-process inspector answers synchronously, so this works inside 'exit'.
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
