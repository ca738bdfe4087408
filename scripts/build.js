#!/usr/bin/env node
/**
 * Builds dist/: one esbuild bundle for the CLI, one for the programmatic API, and the Terraform
 * provider's bundle (dist/provider/provider.cjs, see provider/build.ts).
 * A single file loads fast (no module resolution over node_modules at start-up) and makes the
 * cold start cheap; lazy requires inside (the x509 library) stay lazy.
 */
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');

const EXTERNAL = ['esbuild', '@peculiar/x509', 'reflect-metadata'];

async function build() {
  fs.mkdirSync(dist, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await Promise.all([
    // External: esbuild (`provider install` loads it at run time to bundle the provider), and the
    // x509 stack, used only when a certificate is issued (first start, a new vault host name):
    // ~600 kB that every start would otherwise parse and keep.
    esbuild.build({ ...common, entryPoints: ['emulator/cli/main.ts'], outfile: 'dist/cli.cjs', external: EXTERNAL }),
    esbuild.build({ ...common, entryPoints: ['emulator/index.ts'], outfile: 'dist/index.cjs', external: EXTERNAL }),
    // The Terraform provider's builder (provider/build.ts), run below to make dist/provider/provider.cjs.
    esbuild.build({
      ...common,
      sourcemap: false,
      entryPoints: ['provider/build-main.ts'],
      outfile: 'dist/provider/build.cjs',
      packages: 'external',
    }),
  ]);
  fs.copyFileSync(path.join(root, 'emulator/preload/localhost.cjs'), path.join(dist, 'localhost.cjs'));
  require('node:child_process').execFileSync(process.execPath, [path.join(dist, 'provider', 'build.cjs')], { stdio: 'ignore' });
}

build().catch((err) => {
  process.stderr.write(`build failed: ${err.message}\n`);
  process.exit(1);
});
