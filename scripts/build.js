#!/usr/bin/env node
/**
 * Builds the emulator into dist/: one esbuild bundle for the CLI and one for the programmatic API.
 * A single file loads fast (no module resolution over node_modules at start-up) and makes the
 * cold start cheap; lazy requires inside (the x509 library) stay lazy.
 */
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');

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
    esbuild.build({ ...common, entryPoints: ['emulator/cli/main.ts'], outfile: 'dist/cli.cjs' }),
    esbuild.build({ ...common, entryPoints: ['emulator/index.ts'], outfile: 'dist/index.cjs' }),
  ]);
  fs.copyFileSync(path.join(root, 'emulator/preload/localhost.cjs'), path.join(dist, 'localhost.cjs'));
}

build().catch((err) => {
  process.stderr.write(`build failed: ${err.message}\n`);
  process.exit(1);
});
