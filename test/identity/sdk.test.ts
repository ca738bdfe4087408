/**
 * @azure/identity against the emulator's issuer, in process: ClientSecretCredential (MSAL with
 * authorityHost + disableInstanceDiscovery) driving SecretClient through its challenge, in lenient
 * and strict mode; clients declared in the options; ManagedIdentityCredential (App Service source).
 */
import { rmSync } from 'node:fs';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { sdkClientOptions, startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { claimsOf, devSecret } from './helpers';

/** Wraps a credential to see the scopes and tokens the SDK used. */
function recording(inner: TokenCredential): TokenCredential & { calls: Array<{ scopes: string[]; tenantId?: string; token: string }> } {
  const calls: Array<{ scopes: string[]; tenantId?: string; token: string }> = [];
  return {
    calls,
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const token = await inner.getToken(scopes, options);
      calls.push({ scopes: Array.isArray(scopes) ? scopes : [scopes], tenantId: options?.tenantId, token: token!.token });
      return token;
    },
  };
}

describe.each(['lenient', 'strict'] as const)('ClientSecretCredential, %s mode', (auth) => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator('memory', { auth });
  });
  afterAll(async () => em.cleanup());

  const credentialFor = (clientId: string, secret: string) =>
    new ClientSecretCredential(em.tenantId, clientId, secret, { authorityHost: em.url, disableInstanceDiscovery: true, ...sdkClientOptions(em) });

  test('drives SecretClient on the canonical URL; the token names the dev client and the challenge resource', async () => {
    const credential = recording(credentialFor(em.devClient.clientId, devSecret(em)));
    const client = new SecretClient(em.vaultUrl('default'), credential, sdkClientOptions(em));
    await client.setSecret(`csc-${auth}`, 'value-1');
    expect((await client.getSecret(`csc-${auth}`)).value).toBe('value-1');
    expect(credential.calls.length).toBeGreaterThanOrEqual(1);
    const { scopes, tenantId, token } = credential.calls[0];
    expect(scopes).toEqual(['https://vault.localhost/.default']);
    expect(tenantId).toBe(em.tenantId);
    expect(claimsOf(token)).toMatchObject({
      aud: 'https://vault.localhost',
      iss: `${em.url}/${em.tenantId}/v2.0`,
      tid: em.tenantId,
      oid: em.devClient.objectId,
      appid: em.devClient.clientId,
    });
    const claims = claimsOf(token);
    for (const claim of ['iat', 'nbf', 'exp']) expect(typeof claims[claim]).toBe('number');
  });

  test('the zero-DNS URL (resource https://vault.azure.net) works with disableChallengeResourceVerification', async () => {
    const credential = recording(credentialFor(em.devClient.clientId, devSecret(em)));
    const client = new SecretClient(em.vaultPortUrl('default'), credential, { ...sdkClientOptions(em), disableChallengeResourceVerification: true });
    await client.setSecret(`port-${auth}`, 'v');
    expect(claimsOf(credential.calls[0].token).aud).toBe('https://vault.azure.net');
  });

  test('a wrong secret fails with the AAD message, and names no secret', async () => {
    const client = new SecretClient(em.vaultUrl('default'), credentialFor(em.devClient.clientId, 'not-the-secret-000'), sdkClientOptions(em));
    const err = (await client.getSecret('x').catch((e: Error) => e)) as Error;
    expect(err.message).toContain('AADSTS7000215: Invalid client secret provided.');
    expect(err.message).not.toContain('not-the-secret-000');
  });
});

describe('declared clients', () => {
  test('options.clients registers principals once; a declared secret works, a generated one is returned', async () => {
    const dataDir = tempDir('kve-declared-');
    const declared = [
      { displayName: 'ci-app', clientId: 'aaaaaaaa-0000-4000-8000-000000000001', clientSecret: 'declared-secret-1', objectId: 'bbbbbbbb-0000-4000-8000-000000000001' },
      { displayName: 'generated-app' },
      { displayName: 'worker-identity', kind: 'managedIdentity' as const },
    ];
    const em = await startTestEmulator('lowdb', { dataDir, auth: 'strict', clients: declared });
    let generated: { clientId: string; clientSecret?: string };
    let workerId: string;
    try {
      expect(em.clients.map((c) => [c.displayName, c.kind])).toEqual([
        ['ci-app', 'application'],
        ['generated-app', 'application'],
        ['worker-identity', 'managedIdentity'],
      ]);
      expect(em.clients[0]).toMatchObject({ clientId: declared[0].clientId, objectId: declared[0].objectId, clientSecret: 'declared-secret-1' });
      generated = em.clients[1];
      expect(generated.clientSecret).toMatch(/^[\w-]{40}$/);
      expect(em.clients[2].clientSecret).toBeUndefined();
      workerId = em.clients[2].clientId;

      for (const [clientId, secret, oid] of [
        [declared[0].clientId!, 'declared-secret-1', declared[0].objectId!],
        [generated.clientId, generated.clientSecret!, em.clients[1].objectId],
      ]) {
        const credential = recording(
          new ClientSecretCredential(em.tenantId, clientId, secret, { authorityHost: em.url, disableInstanceDiscovery: true, ...sdkClientOptions(em) }),
        );
        const client = new SecretClient(em.vaultUrl('default'), credential, sdkClientOptions(em));
        await client.setSecret(`declared-${clientId.slice(0, 8)}`, 'v');
        expect(claimsOf(credential.calls[0].token)).toMatchObject({ oid, appid: clientId });
      }
      // Secrets are stored hashed only.
      const stored = JSON.stringify(em.store.data.identity.clients);
      expect(stored).not.toContain('declared-secret-1');
      expect(stored).not.toContain(generated.clientSecret!);
    } finally {
      await em.stop();
    }

    // Restart with the same declarations: nothing is duplicated, ids are stable, secrets still work.
    const again = await startTestEmulator('lowdb', { dataDir, auth: 'strict', clients: declared });
    try {
      expect(Object.keys(again.store.data.identity.clients)).toHaveLength(5); // dev client + system identity + 3
      expect(again.clients[1].clientId).toBe(generated!.clientId);
      expect(again.clients[1].clientSecret).toBeUndefined(); // unknown to this process; the stored hash is kept
      expect(again.clients[2].clientId).toBe(workerId!);
      const credential = new ClientSecretCredential(again.tenantId, generated!.clientId, generated!.clientSecret!, {
        authorityHost: again.url,
        disableInstanceDiscovery: true,
        ...sdkClientOptions(again),
      });
      expect((await credential.getToken('https://vault.azure.net/.default')).token).toBeTruthy();
    } finally {
      await again.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a bad declaration stops the start with a message', async () => {
    const dataDir = tempDir('kve-baddecl-');
    try {
      await expect(startTestEmulator('memory', { dataDir, clients: [{ displayName: 'x', clientId: 'not-a-guid' }] })).rejects.toThrow(
        "Client 'x': clientId 'not-a-guid' is not a GUID.",
      );
      await expect(
        startTestEmulator('memory', { dataDir, clients: [{ displayName: 'mi', kind: 'managedIdentity', clientSecret: 'abcdefgh1' }] }),
      ).rejects.toThrow('a managed identity has no client secret');
      const em = await startTestEmulator('memory', { dataDir });
      await em.stop();
      await expect(
        startTestEmulator('memory', { dataDir, clients: [{ displayName: 'dup', clientId: em.devClient.clientId, clientSecret: 'abcdefgh1' }] }),
      ).rejects.toThrow("Client 'dup': its id is one of a built-in principal");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
