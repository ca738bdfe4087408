/**
 * The cached scrypt hash of the development client's secret (keys/dev-client-secret.hash): a
 * restart does not derive it again, and a replaced secret file still wins.
 */
import crypto from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, tempDir } from '../helpers/emulator';
import { clientCredentialsForm, devSecret, tokenRequest } from './helpers';

describe('dev client secret hash cache', () => {
  test('restarts (file and in-memory stores) skip scrypt; a replaced secret is hashed again', async () => {
    const dataDir = tempDir('kve-hashcache-');
    const scrypt = jest.spyOn(crypto, 'scrypt');
    try {
      const first = await startTestEmulator('lowdb', { dataDir });
      const secret = devSecret(first);
      await first.stop();
      const cacheFile = path.join(dataDir, 'keys', 'dev-client-secret.hash');
      expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(cacheFile, 'utf8')).not.toContain(secret);

      for (const backend of ['lowdb', 'memory'] as const) {
        scrypt.mockClear();
        const em = await startTestEmulator(backend, { dataDir });
        try {
          expect(scrypt).not.toHaveBeenCalled();
          expect((await tokenRequest(em, clientCredentialsForm(em))).status).toBe(200);
        } finally {
          await em.stop();
        }
      }

      writeFileSync(path.join(dataDir, 'keys', 'dev-client-secret'), 'a-replaced-development-secret\n');
      scrypt.mockClear();
      const em = await startTestEmulator('lowdb', { dataDir });
      try {
        expect(scrypt).toHaveBeenCalled();
        expect((await tokenRequest(em, clientCredentialsForm(em))).status).toBe(200);
        expect((await tokenRequest(em, clientCredentialsForm(em, { client_secret: secret }))).status).toBe(401);
      } finally {
        await em.stop();
      }
    } finally {
      scrypt.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
