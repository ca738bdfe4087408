#!/usr/bin/env node
/**
 * `npm run generate`: bundles provider/cdktf/generate-main.ts with esbuild (the repository runs no
 * ts-node) and runs it; arguments are passed through (`--check`, `--flavour cdktn`).
 * See provider/cdktf/generate-all.ts for what is written.
 */
'use strict';
const esbuild = require('esbuild');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const outfile = path.join(root, 'dist', 'cdktf', 'generate.cjs');

esbuild
  .build({
    entryPoints: ['provider/cdktf/generate-main.ts'],
    absWorkingDir: root,
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  })
  .then(
    () => {
      const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
      process.exit(result.status ?? 1);
    },
    (err) => {
      process.stderr.write(`generate: bundling failed: ${err.message}\n`);
      process.exit(1);
    },
  );
