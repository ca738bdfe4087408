'use strict';
/**
 * Loads a CommonJS bundle through a V8 code cache. Compiling a multi-megabyte bundle is the largest
 * single start-up cost, and Node 20 has no built-in module compile cache. The cache lives in
 * `cacheDir`, keyed by a hash of the bundle and the Node version (V8 itself only checks the source
 * length); it is written once after a run that had none (at exit, so it also holds the functions
 * compiled while running), and any problem with it falls back to a plain require().
 *
 * Shared by the CLI (bin/keyvault-emulator.cjs) and the Terraform provider's launcher, which gets
 * a copy of this file beside its bundle (provider/install.ts).
 */
const fs = require('fs');
const path = require('path');

function cacheBase() {
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg && path.isAbsolute(xdg) ? xdg : path.join(require('os').homedir(), '.cache');
}

function loadWithCodeCache(bundle, cacheDir) {
  const vm = require('vm');
  const Module = require('module');
  const crypto = require('crypto');
  const source = fs.readFileSync(bundle, 'utf8');
  const key = crypto.createHash('sha256').update(process.version + '\0' + process.arch + '\0').update(source).digest('hex').slice(0, 40);
  const cacheFile = path.join(cacheDir, key + '.bin');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  if (!cachedData || script.cachedDataRejected) {
    process.on('exit', () => {
      try {
        fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        const tmp = cacheFile + '.' + process.pid + '.tmp';
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        const monthAgo = Date.now() - 30 * 24 * 3600 * 1000;
        for (const name of fs.readdirSync(cacheDir)) {
          const file = path.join(cacheDir, name);
          if (file !== cacheFile && fs.statSync(file).mtimeMs < monthAgo) fs.unlinkSync(file);
        }
      } catch {
        // a cache that cannot be written only costs the next start some milliseconds
      }
    });
  }
  return mod.exports;
}

/** `require(bundle)`, through the code cache under `<cache>/<name>/code-cache` when possible. */
function requireCached(bundle, name) {
  try {
    return loadWithCodeCache(bundle, path.join(cacheBase(), name, 'code-cache'));
  } catch {
    return require(bundle);
  }
}

module.exports = { loadWithCodeCache, requireCached };
