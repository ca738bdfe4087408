'use strict';
/** Starts a baseline server (bench/servers/*.js) as a child process. */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/**
 * @param {'express-route'|'bare-https'} name
 * @param {{status:number, headers:Array<[string,string]>, body:Buffer}} response the bytes to serve
 * @param {string} tlsDir the emulator's <data-dir>/tls
 * @param {string} workDir where to write the captured response
 */
function startBaseline(name, response, tlsDir, workDir) {
  const responseFile = path.join(workDir, 'captured-response.json');
  fs.writeFileSync(
    responseFile,
    JSON.stringify({ status: response.status, headers: response.headers, bodyBase64: response.body.toString('base64') }),
  );
  const proc = spawn(process.execPath, [path.join(__dirname, '..', 'servers', `${name}.js`), responseFile, tlsDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code) => reject(new Error(`${name} exited (${code}) before listening`));
    proc.once('exit', onExit);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (!m) return;
      proc.off('exit', onExit);
      proc.stdout.resume();
      resolve({
        name,
        pid: proc.pid,
        url: `https://127.0.0.1:${m[1]}`,
        stop: async () => {
          proc.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

module.exports = { startBaseline };
