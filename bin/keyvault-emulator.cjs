#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('keyvault-emulator: dist/cli.cjs is missing; run `npm run build` in the package directory first.\n');
  process.exit(1);
}
require('./code-cache.cjs').requireCached(cli, 'keyvault-emulator').main();
