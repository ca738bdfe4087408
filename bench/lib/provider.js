'use strict';
/**
 * The Terraform provider, as the benchmarks need it: its bundle (dist/provider/provider.cjs, made
 * by scripts/build.js), installed into a throw-away filesystem mirror with the provider's own
 * installProvider() (provider/install.ts), and the go-plugin environment Terraform launches it
 * with. Everything is looked up when used: while the provider is being built, a figure that needs
 * it reports why it was not measured instead of failing or inventing a number.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT } = require('./config');

/** Raised when the provider (or a part of it) is not there yet; the figure is "not measured". */
class NotReady extends Error {}

let tools;

/** provider/install.ts, provider/core/x509.ts and handshake constants, bundled on the fly with esbuild. */
function providerTools() {
  if (tools) return tools;
  const bundle = path.join(ROOT, 'dist', 'provider', 'provider.cjs');
  if (!fs.existsSync(bundle)) throw new NotReady('provider not built yet (no dist/provider/provider.cjs after the build)');
  for (const file of ['provider/install.ts', 'provider/core/x509.ts', 'provider/core/handshake.ts']) {
    if (!fs.existsSync(path.join(ROOT, file))) throw new NotReady(`provider not built yet (${file} is missing)`);
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kv-bench-provider-tools-')), 'tools.cjs');
  try {
    require(path.join(ROOT, 'node_modules', 'esbuild')).buildSync({
      stdin: {
        contents: [
          "export { installProvider } from './provider/install';",
          "export { generateServerCertificate } from './provider/core/x509';",
          "export { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from './provider/core/handshake';",
          "export { PROVIDER_SOURCE, PROVIDER_TYPE, PROVIDER_VERSION } from './provider/version';",
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
        sourcefile: 'bench-provider-tools.ts',
      },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      outfile: out,
      logLevel: 'silent',
    });
  } catch (err) {
    throw new NotReady(`provider not built yet (its installer does not compile: ${String(err.message).split('\n')[0]})`);
  }
  try {
    tools = { ...require(out), bundle };
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
  return tools;
}

/** Installs the built provider into `dir` (mirror + CLI config); returns installProvider()'s result. */
async function installInto(dir) {
  const t = providerTools();
  return t.installProvider({ dir, bundlePath: t.bundle });
}

/** The environment go-plugin adds when Terraform launches a provider (AutoMTLS on). */
function pluginEnv(clientCertPem, cacheHome) {
  const t = providerTools();
  return {
    ...process.env,
    [t.MAGIC_COOKIE_KEY]: t.MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_MIN_PORT: '0',
    PLUGIN_MAX_PORT: '0',
    PLUGIN_CLIENT_CERT: clientCertPem,
    XDG_CACHE_HOME: cacheHome,
  };
}

module.exports = { NotReady, providerTools, installInto, pluginEnv };
