'use strict';
/**
 * Seeds a data directory: `node bench/lib/seed.js DIR SECRETS VERSIONS`.
 *
 * Opens the data directory with the emulator's programmatic API (dist/index.cjs), adds SECRETS
 * secrets named `seed-000000`... to the default vault, each with VERSIONS versions shaped exactly
 * like the ones SetSecret stores, in one store transaction (one durable write), and stops. It
 * also creates the CA and keys, so later starts find them cached.
 */
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { ROOT } = require('./config');

const { startEmulator } = require(path.join(ROOT, 'dist', 'index.cjs'));

const VALUE_BYTES = 64;

async function main() {
  const [dataDir, secretsArg, versionsArg] = process.argv.slice(2);
  const secrets = Number(secretsArg);
  const versions = Number(versionsArg);
  const emulator = await startEmulator({ port: 0, dataDir });
  try {
    const now = Math.floor(Date.now() / 1000);
    await emulator.store.update((data) => {
      const vault = data.vaults.default;
      for (let i = 0; i < secrets; i++) {
        const name = `seed-${String(i).padStart(6, '0')}`;
        const list = [];
        for (let v = 0; v < versions; v++) {
          list.push(
            Object.freeze({
              version: randomUUID().replace(/-/g, ''),
              value: `${String(i * versions + v).padStart(12, '0')}${'v'.repeat(VALUE_BYTES - 12)}`,
              enabled: true,
              created: now,
              updated: now,
            }),
          );
        }
        vault.secrets[name] = { name, versions: list };
      }
    });
  } finally {
    await emulator.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`seed: ${err.stack ?? err}\n`);
  process.exit(1);
});
