/**
 * Test helpers: a real emulator (real HTTPS, real store file) in a temporary data directory, and
 * SDK client options that trust its CA and resolve *.localhost without DNS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { DEFAULT_TENANT, sdkClientOptions, startEmulator, type EmulatorOptions, type RunningEmulator, type VaultSpec } from '../../emulator';
import type { AccessPolicyEntry } from '../../emulator/store/types';

/** The principal of `fakeJwt()` tokens. */
export const TEST_OID = '11111111-1111-1111-1111-111111111111';
export const TEST_APPID = '22222222-2222-2222-2222-222222222222';

/** An access policy granting the test principal every secret permission. */
export function testPolicy(permissions: string[] = ['all'], objectId = TEST_OID): AccessPolicyEntry {
  return { tenantId: DEFAULT_TENANT, objectId, permissions: { secrets: permissions } };
}

export type Backend = 'lowdb' | 'memory';
export const BACKENDS: Backend[] = ['lowdb', 'memory'];

export interface TestEmulator extends RunningEmulator {
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'kve-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestEmulator(backend: Backend, options: EmulatorOptions = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? tempDir();
  // Declared vaults get only what they declare (like Azure); unless a test declares its own
  // policies, grant the test principal everything so data-plane tests can run.
  const vaults = options.vaults?.map((v): VaultSpec => {
    const spec = typeof v === 'string' ? { name: v } : v;
    return spec.accessPolicies || spec.rbacAuthorizationEnabled ? spec : { ...spec, accessPolicies: [testPolicy()] };
  });
  const emulator = await startEmulator({ port: 0, dataDir, inMemory: backend === 'memory', ...options, vaults });
  return Object.assign(emulator, {
    async cleanup() {
      await emulator.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A JWT-shaped token (unsigned) naming a principal: accepted in lenient mode, never in strict mode. */
export function fakeJwt(claims: Record<string, unknown> = {}): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ oid: TEST_OID, tid: DEFAULT_TENANT, appid: TEST_APPID, iat: now, nbf: now, exp: now + 3600, ...claims })}.`;
}

/** A TokenCredential that hands out a fixed token and records the scopes it was asked for. */
export function staticCredential(token = fakeJwt()): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(requested: string | string[]): Promise<AccessToken> {
      scopes.push(Array.isArray(requested) ? requested : [requested]);
      return { token, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
}

export { sdkClientOptions };
