#!/usr/bin/env node
/**
 * The `app` command of the examples' cdktf.json: `node ../run-app.js main.ts`.
 *
 * cdktf's TypeScript template runs `npx ts-node main.ts`; this repository has no ts-node (and the
 * registry's latest typescript, 7.x, breaks ts-node 10), so the app is bundled with esbuild and run
 * with node instead, offline. The bundle goes to `.gen/app.cjs` next to the entry, so packages
 * (cdktf, constructs) resolve from the repository's node_modules exactly as they would from main.ts.
 * cdktf runs the app with the project directory as cwd and reads the synthesized output from
 * $CDKTF_OUTDIR, which the app inherits.
 */
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node run-app.js <main.ts>\n');
  process.exit(2);
}
const entryPath = path.resolve(entry);
const outfile = path.join(path.dirname(entryPath), '.gen', 'app.cjs');

esbuild
  .build({
    entryPoints: [entryPath],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  })
  .then(
    () => require(outfile),
    (err) => {
      process.stderr.write(`run-app: bundling ${entry} failed: ${err.message}\n`);
      process.exit(1);
    },
  );
