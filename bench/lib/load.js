'use strict';
/** Runs the load generator (loadgen.js) as a child process and returns its parsed result. */
const { execFile } = require('node:child_process');
const path = require('node:path');

const LOADGEN = path.join(__dirname, 'loadgen.js');

/**
 * @param {object} spec see loadgen.js
 * @returns {Promise<{ok:number, other:number, errors:number, timeouts:number, elapsedMs:number, rps:number,
 *   latencyMs:{p50:number|null,p90:number|null,p99:number|null,mean:number|null}}>}
 */
function runLoad(spec) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [LOADGEN, JSON.stringify(spec)], { maxBuffer: 16 * 1024 * 1024, timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`load generator failed: ${err.message}\n${stderr}`));
        return;
      }
      const result = JSON.parse(stdout.trim().split('\n').pop());
      if (result.ok === 0 || result.other > 0 || result.errors > 0) {
        reject(
          new Error(
            `load generator saw failures (${result.ok} ok, ${result.other} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`,
          ),
        );
        return;
      }
      resolve(result);
    });
  });
}

module.exports = { runLoad };
