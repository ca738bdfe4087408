/**
 * Persistence across restarts: everything written is read back after a restart on another port,
 * with ids on the new origin (ids are stored host-relative).
 */
import { rmSync } from 'node:fs';
import { SecretClient } from '@azure/keyvault-secrets';
import { sdkClientOptions, staticCredential, startTestEmulator, tempDir } from '../helpers/emulator';

async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

test('lowdb: write, stop, start on another port, read everything back', async () => {
  const dataDir = tempDir();
  try {
    const first = await startTestEmulator('lowdb', { dataDir, vaults: [{ name: 'keep', softDeleteRetentionInDays: 30 }] });
    const client = new SecretClient(first.vaultUrl('keep'), staticCredential(), sdkClientOptions(first));
    const v1 = await client.setSecret('db-password', 'one', { tags: { env: 'ci' } });
    const v2 = await client.setSecret('db-password', 'two', { contentType: 'text/plain' });
    await client.setSecret('api-key', 'k');
    await client.setSecret('old', 'bye');
    await (await client.beginDeleteSecret('old', { intervalInMs: 10 })).pollUntilDone();
    await first.stop();

    const second = await startTestEmulator('lowdb', { dataDir });
    try {
      expect(second.port).not.toBe(first.port);
      const again = new SecretClient(second.vaultUrl('keep'), staticCredential(), sdkClientOptions(second));
      const latest = await again.getSecret('db-password');
      expect(latest.value).toBe('two');
      expect(latest.properties.contentType).toBe('text/plain');
      expect(latest.properties.id).toBe(`${second.vaultUrl('keep')}/secrets/db-password/${v2.properties.version}`);
      expect((await again.getSecret('db-password', { version: v1.properties.version! })).properties.tags).toEqual({ env: 'ci' });
      expect((await collect(again.listPropertiesOfSecrets())).map((s) => s.name).sort()).toEqual(['api-key', 'db-password']);
      const deleted = await again.getDeletedSecret('old');
      expect(deleted.recoveryId).toBe(`${second.vaultUrl('keep')}/deletedsecrets/old`);
      expect(latest.properties.recoverableDays).toBe(30); // vault settings survive too
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('memory: nothing survives a restart (documented throwaway mode)', async () => {
  const dataDir = tempDir();
  try {
    const first = await startTestEmulator('memory', { dataDir });
    const client = new SecretClient(first.vaultUrl('default'), staticCredential(), sdkClientOptions(first));
    await client.setSecret('transient', 'v');
    await first.stop();
    const second = await startTestEmulator('memory', { dataDir });
    try {
      const again = new SecretClient(second.vaultUrl('default'), staticCredential(), sdkClientOptions(second));
      await expect(again.getSecret('transient')).rejects.toMatchObject({ statusCode: 404 });
      expect(second.ca).toBe(first.ca); // the CA lives in the data directory either way
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the purge sweep removes expired soft-deleted secrets from the store', async () => {
  const em = await startTestEmulator('lowdb', { purgeSweepMs: 20, vaults: [{ name: 'sweep', softDeleteRetentionInDays: 7 }] });
  try {
    const client = new SecretClient(em.vaultUrl('sweep'), staticCredential(), sdkClientOptions(em));
    await client.setSecret('short-lived', 'v');
    await (await client.beginDeleteSecret('short-lived', { intervalInMs: 10 })).pollUntilDone();
    expect(Object.keys(em.store.data.vaults.sweep.deletedSecrets)).toEqual(['short-lived']);
    em.clock.advance(7 * 86_400);
    const deadline = Date.now() + 5000;
    while (Object.keys(em.store.data.vaults.sweep.deletedSecrets).length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(em.store.data.vaults.sweep.deletedSecrets).toEqual({});
  } finally {
    await em.cleanup();
  }
});
