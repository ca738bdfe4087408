/**
 * The official @azure/keyvault-secrets SDK, latest (4.12) and 4.7, through every operation, against
 * both store backends. Nothing is mocked: real HTTPS with the emulator's CA, the SDK's own
 * challenge flow (resource verification on), real pollers.
 */
import { RestError } from '@azure/core-rest-pipeline';
import { SecretClient } from '@azure/keyvault-secrets';
import { SecretClient as SecretClient47 } from 'keyvault-secrets-4.7';
import { BACKENDS, sdkClientOptions, staticCredential, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';

type Client = SecretClient;
const SDKS: Array<{ label: string; make: (url: string, em: TestEmulator) => Client }> = [
  { label: 'SDK 4.12', make: (url, em) => new SecretClient(url, staticCredential(), sdkClientOptions(em)) },
  {
    label: 'SDK 4.7',
    make: (url, em) => new SecretClient47(url, staticCredential(), sdkClientOptions(em)) as unknown as Client,
  },
];
const POLL = { intervalInMs: 20 };

async function expectRestError(p: Promise<unknown>, status: number, code: string): Promise<RestError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    const e = err as RestError;
    expect({ status: e.statusCode, code: e.code }).toEqual({ status, code });
    return e;
  }
  throw new Error(`expected a ${status} ${code} error`);
}

async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

describe.each(BACKENDS)('store backend %s', (backend) => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator(backend, { vaults: ['alpha', 'beta', { name: 'gamma', softDeleteRetentionInDays: 7 }] });
  });
  afterAll(async () => em.cleanup());

  describe.each(SDKS)('$label', ({ label, make }) => {
    const tag = label.replace(/\W/g, '').toLowerCase(); // keeps names unique per SDK in the shared vaults
    let alpha: Client;
    let beta: Client;
    beforeAll(() => {
      alpha = make(em.vaultUrl('alpha'), em);
      beta = make(em.vaultUrl('beta'), em);
    });

    test('set, get latest and by version, with content type, tags and dates', async () => {
      const name = `app-${tag}-db`;
      const notBefore = new Date('2026-01-01T00:00:00Z');
      const expiresOn = new Date('2030-06-01T12:00:00Z');
      const first = await alpha.setSecret(name, 'p@ss-1', {
        contentType: 'text/plain',
        tags: { env: 'dev', owner: 'team-a' },
        notBefore,
        expiresOn,
      });
      expect(first.value).toBe('p@ss-1');
      expect(first.properties.version).toMatch(/^[0-9a-f]{32}$/);
      expect(first.properties.id).toBe(`${em.vaultUrl('alpha')}/secrets/${name}/${first.properties.version}`);
      expect(first.properties.vaultUrl).toBe(em.vaultUrl('alpha'));
      expect(first.properties.enabled).toBe(true);
      expect(first.properties.notBefore?.toISOString()).toBe(notBefore.toISOString());
      expect(first.properties.expiresOn?.toISOString()).toBe(expiresOn.toISOString());
      expect(first.properties.recoveryLevel).toBe('Recoverable+Purgeable');
      expect(first.properties.recoverableDays).toBe(90);
      expect(first.properties.tags).toEqual({ env: 'dev', owner: 'team-a' });
      expect(first.properties.contentType).toBe('text/plain');

      const second = await alpha.setSecret(name, 'p@ss-2');
      expect(second.properties.version).not.toBe(first.properties.version);
      expect((await alpha.getSecret(name)).value).toBe('p@ss-2');
      expect((await alpha.getSecret(name, { version: first.properties.version! })).value).toBe('p@ss-1');
      // Names are case-insensitive; the id keeps the casing of the first creation.
      const upper = await alpha.getSecret(name.toUpperCase());
      expect(upper.value).toBe('p@ss-2');
      expect(upper.name).toBe(name);
      await expectRestError(alpha.getSecret(name, { version: 'f'.repeat(32) }), 404, 'SecretNotFound');
      await expectRestError(alpha.getSecret(`missing-${tag}`), 404, 'SecretNotFound');
    });

    test('an empty value is a value', async () => {
      const s = await alpha.setSecret(`empty-${tag}`, '');
      expect(s.value).toBe('');
      expect((await alpha.getSecret(`empty-${tag}`)).value).toBe('');
    });

    test('update properties, disable and re-enable a version', async () => {
      const name = `toggle-${tag}`;
      const v1 = await alpha.setSecret(name, 'old');
      const v2 = await alpha.setSecret(name, 'new');
      const updated = await alpha.updateSecretProperties(name, v2.properties.version!, {
        enabled: false,
        contentType: 'application/json',
        tags: { rotated: 'yes' },
      });
      expect(updated.enabled).toBe(false);
      expect(updated.contentType).toBe('application/json');
      expect(updated.tags).toEqual({ rotated: 'yes' });
      expect((updated as unknown as { value?: string }).value).toBeUndefined();
      const err = await expectRestError(alpha.getSecret(name), 403, 'Forbidden');
      expect(err.message).toContain('Operation get is not allowed on a disabled secret.');
      // An older, enabled version still reads; listing shows the disabled one.
      expect((await alpha.getSecret(name, { version: v1.properties.version! })).value).toBe('old');
      const versions = await collect(alpha.listPropertiesOfSecretVersions(name));
      expect(versions.map((v) => [v.version, v.enabled]).sort()).toEqual(
        [
          [v1.properties.version, true],
          [v2.properties.version, false],
        ].sort(),
      );
      await alpha.updateSecretProperties(name, v2.properties.version!, { enabled: true });
      expect((await alpha.getSecret(name)).value).toBe('new');
    });

    test('dates after 2038 are stored and echoed as sent', async () => {
      const name = `future-${tag}`;
      const expiresOn = new Date('2040-01-01T00:00:00Z');
      await alpha.setSecret(name, 'v', { expiresOn });
      const raw = await rawRequest(em.ca, { url: `${em.vaultUrl('alpha')}/secrets/${name}?api-version=7.4` });
      const sent = label === 'SDK 4.12' ? (expiresOn.getTime() / 1000) | 0 : expiresOn.getTime() / 1000;
      // 4.10+ truncate to 32 bits (2040 → -2085978496); 4.7 sends the true value. Both are echoed.
      expect(raw.json.attributes.exp).toBe(sent);
      const back = await alpha.getSecret(name);
      expect(back.properties.expiresOn?.getTime()).toBe(sent * 1000);
    });

    test('list secrets and versions with paging', async () => {
      const prefix = `page-${tag}-`;
      const names = Array.from({ length: 23 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
      for (const n of names) await beta.setSecret(n, `value-${n}`);
      const pages: string[][] = [];
      for await (const page of beta.listPropertiesOfSecrets().byPage({ maxPageSize: 5 })) {
        expect(page.length).toBeLessThanOrEqual(5);
        pages.push(page.map((p) => p.name));
      }
      const listed = pages.flat().filter((n) => n.startsWith(prefix));
      expect(listed).toEqual(names);
      expect(pages.length).toBeGreaterThanOrEqual(5);
      const all = await collect(beta.listPropertiesOfSecrets());
      for (const p of all) {
        expect(p.id).toBe(`${em.vaultUrl('beta')}/secrets/${p.name}`);
        expect((p as unknown as { value?: string }).value).toBeUndefined();
      }

      const versionName = `${prefix}versions`;
      const versionIds: string[] = [];
      for (let i = 0; i < 12; i++) versionIds.push((await beta.setSecret(versionName, `v${i}`)).properties.version!);
      const seen: string[] = [];
      for await (const page of beta.listPropertiesOfSecretVersions(versionName).byPage({ maxPageSize: 5 })) {
        seen.push(...page.map((p) => p.version!));
      }
      expect(seen).toEqual(versionIds);
      expect(await collect(beta.listPropertiesOfSecretVersions(`nothing-${tag}`))).toEqual([]);
    });

    test('delete (soft), list and get deleted, name blocked, recover', async () => {
      const name = `gone-${tag}`;
      const v1 = await alpha.setSecret(name, 'one');
      const v2 = await alpha.setSecret(name, 'two');
      const poller = await alpha.beginDeleteSecret(name, POLL);
      const deleted = await poller.pollUntilDone();
      expect(deleted.name).toBe(name);
      expect(deleted.recoveryId).toBe(`${em.vaultUrl('alpha')}/deletedsecrets/${name}`);
      expect(deleted.properties.version).toBe(v2.properties.version);
      expect(deleted.scheduledPurgeDate!.getTime() - deleted.deletedOn!.getTime()).toBe(90 * 86_400_000);
      expect((deleted as unknown as { value?: string }).value).toBeUndefined();

      await expectRestError(alpha.getSecret(name), 404, 'SecretNotFound');
      const conflict = await expectRestError(alpha.setSecret(name, 'again'), 409, 'Conflict');
      expect(conflict.message).toContain('is currently in a deleted but recoverable state');
      expect((await alpha.getDeletedSecret(name)).recoveryId).toBe(deleted.recoveryId);
      expect((await collect(alpha.listDeletedSecrets())).map((d) => d.name)).toContain(name);
      expect((await collect(alpha.listPropertiesOfSecrets())).map((p) => p.name)).not.toContain(name);

      const recovered = await (await alpha.beginRecoverDeletedSecret(name, POLL)).pollUntilDone();
      expect(recovered.version).toBe(v2.properties.version);
      expect((await alpha.getSecret(name)).value).toBe('two');
      expect((await alpha.getSecret(name, { version: v1.properties.version! })).value).toBe('one');
      await expectRestError(alpha.getDeletedSecret(name), 404, 'SecretNotFound');
    });

    test('delete and purge', async () => {
      const name = `purged-${tag}`;
      await alpha.setSecret(name, 'x');
      await (await alpha.beginDeleteSecret(name, POLL)).pollUntilDone();
      await alpha.purgeDeletedSecret(name);
      await expectRestError(alpha.getDeletedSecret(name), 404, 'SecretNotFound');
      await expectRestError(alpha.purgeDeletedSecret(name), 404, 'SecretNotFound');
      // The name is free again.
      expect((await alpha.setSecret(name, 'fresh')).value).toBe('fresh');
    });

    test('backup, then restore into another vault', async () => {
      const name = `backed-${tag}`;
      const v1 = await alpha.setSecret(name, 'first', { tags: { a: '1' } });
      const v2 = await alpha.setSecret(name, 'second', { contentType: 'text/plain' });
      const blob = await alpha.backupSecret(name);
      expect(blob).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(blob!).toString('latin1')).not.toContain('second'); // opaque

      const restored = await beta.restoreSecretBackup(blob!);
      expect(restored.name).toBe(name);
      expect(restored.version).toBe(v2.properties.version);
      expect(restored.vaultUrl).toBe(em.vaultUrl('beta'));
      expect((await beta.getSecret(name, { version: v1.properties.version! })).value).toBe('first');
      expect((await beta.getSecret(name)).value).toBe('second');
      const versions = await collect(beta.listPropertiesOfSecretVersions(name));
      expect(versions.map((v) => v.version).sort()).toEqual([v1.properties.version, v2.properties.version].sort());

      // Restoring onto a name in use is a conflict.
      const err = await expectRestError(beta.restoreSecretBackup(blob!), 409, 'Conflict');
      expect(err.message).toContain(`There was a conflict restoring the secret '${em.vaultUrl('beta')}/secrets/${name}/${v2.properties.version}'`);

      // A tampered blob is refused.
      const tampered = Uint8Array.from(blob!);
      tampered[tampered.length - 3] ^= 0x55;
      await expectRestError(beta.restoreSecretBackup(tampered), 400, 'Malformed backup blob');
      await expectRestError(beta.restoreSecretBackup(new TextEncoder().encode('not a backup')), 400, 'Malformed backup blob');
    });

    test('backup of an unknown secret is 404', async () => {
      await expectRestError(alpha.backupSecret(`nope-${tag}`), 404, 'SecretNotFound');
    });

    test('a 7-day vault reports its retention', async () => {
      const gamma = make(em.vaultUrl('gamma'), em);
      const s = await gamma.setSecret(`short-${tag}`, 'v');
      expect(s.properties.recoveryLevel).toBe('CustomizedRecoverable+Purgeable');
      expect(s.properties.recoverableDays).toBe(7);
      const deleted = await (await gamma.beginDeleteSecret(`short-${tag}`, POLL)).pollUntilDone();
      expect(deleted.scheduledPurgeDate!.getTime() - deleted.deletedOn!.getTime()).toBe(7 * 86_400_000);
    });

    test('the zero-DNS URL (dedicated port) serves the same vault', async () => {
      const name = `port-${tag}`;
      await alpha.setSecret(name, 'via-name');
      const viaPort = make(em.vaultPortUrl('alpha'), em);
      // localhost cannot pass the SDK's challenge-resource check with any resource (see README).
      const client =
        label === 'SDK 4.12'
          ? new SecretClient(em.vaultPortUrl('alpha'), staticCredential(), { ...sdkClientOptions(em), disableChallengeResourceVerification: true })
          : new SecretClient47(em.vaultPortUrl('alpha'), staticCredential(), {
              ...sdkClientOptions(em),
              disableChallengeResourceVerification: true,
            });
      const got = await client.getSecret(name);
      expect(got.value).toBe('via-name');
      expect(got.properties.id?.startsWith(em.vaultPortUrl('alpha'))).toBe(true);
      await expect(viaPort.getSecret(name)).rejects.toThrow(/challenge resource/);
    });
  });
});
