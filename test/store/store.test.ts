/**
 * The store file: durable writes with group commit, permissions, damaged files and versions.
 */
import fsSync, { promises as fs, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../emulator/store/lowStore';
import { STORE_SCHEMA_VERSION } from '../../emulator/store/types';
import { startTestEmulator, tempDir } from '../helpers/emulator';

const vaultDoc = (name: string) => ({
  name,
  createdAt: 1,
  properties: {},
  roleAssignments: [],
  secrets: {},
  deletedSecrets: {},
});

describe('lowdb file backend', () => {
  test('writes are durable, atomic, 0600, and concurrent ones share flushes', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.json');
    const store = await openStore({ backend: 'lowdb', file });
    await store.update((d) => {
      d.vaults.v = vaultDoc('v') as never;
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    let flushes = 0;
    const rename = fsSync.renameSync;
    const spy = jest.spyOn(fsSync, 'renameSync').mockImplementation((...args) => {
      flushes++;
      return rename(...args);
    });
    try {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          store.update((d) => {
            (d.vaults.v as unknown as { createdAt: number }).createdAt = i;
          }),
        ),
      );
    } finally {
      spy.mockRestore();
    }
    expect(flushes).toBeGreaterThanOrEqual(1);
    expect(flushes).toBeLessThan(100); // group commit
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.schemaVersion).toBe(STORE_SCHEMA_VERSION);
    expect(onDisk.vaults.v.createdAt).toBe(99);
    await store.close();
  });

  test('a damaged file falls back to the last good copy and keeps the damaged one aside', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.json');
    const store = await openStore({ backend: 'lowdb', file });
    await store.update((d) => {
      d.vaults.first = vaultDoc('first') as never;
    });
    await store.update((d) => {
      d.vaults.second = vaultDoc('second') as never;
    });
    await store.close();
    const full = readFileSync(file, 'utf8');
    writeFileSync(file, full.slice(0, Math.floor(full.length / 2))); // torn write
    const reopened = await openStore({ backend: 'lowdb', file });
    expect(reopened.recoveredFrom?.reason).toMatch(/damaged/);
    expect(Object.keys(reopened.data.vaults)).toEqual(['first']); // the last good copy
    const damaged = (await fs.readdir(dir)).filter((f) => f.startsWith('store.json.damaged-'));
    expect(damaged).toHaveLength(1);
    expect(readFileSync(path.join(dir, damaged[0]), 'utf8')).toBe(full.slice(0, Math.floor(full.length / 2)));
    await reopened.close();
  });

  test('a damaged file without a good copy is refused, never emptied', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.json');
    writeFileSync(file, '{"schemaVersion":1,"vaults":{"a":');
    await expect(openStore({ backend: 'lowdb', file })).rejects.toThrow(/is damaged.*No last good copy/s);
    expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1,"vaults":{"a":');
  });

  test('a file from a newer version is refused and left untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.json');
    const text = JSON.stringify({ schemaVersion: STORE_SCHEMA_VERSION + 1, vaults: {} });
    writeFileSync(file, text);
    await expect(openStore({ backend: 'lowdb', file })).rejects.toThrow(/newer keyvault-emulator/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  test('a failed mutation writes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.json');
    const store = await openStore({ backend: 'lowdb', file });
    await store.update((d) => {
      d.vaults.v = vaultDoc('v') as never;
    });
    const before = readFileSync(file, 'utf8');
    await expect(store.update(() => { throw new Error('validation failed'); })).rejects.toThrow('validation failed');
    expect(readFileSync(file, 'utf8')).toBe(before);
    await store.close();
  });
});

test('the data directory is private and git-ignored', async () => {
  const em = await startTestEmulator('lowdb');
  try {
    expect(statSync(em.dataDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(em.dataDir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    for (const f of ['store.json', 'keys/backup.key', 'tls/ca-key.pem', 'tls/server-key.pem']) {
      expect([f, statSync(path.join(em.dataDir, f)).mode & 0o777]).toEqual([f, 0o600]);
    }
  } finally {
    await em.cleanup();
  }
});
