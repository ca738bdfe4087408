/**
 * keyvault-emulator, programmatic API.
 *
 *   const emulator = await startEmulator({ port: 0, dataDir, vaults: ['app'] });
 *   const client = new SecretClient(emulator.vaultUrl('app'), credential, sdkClientOptions(emulator));
 *   ...
 *   await emulator.stop();
 */
export { startEmulator, DEFAULT_PORT, DEFAULT_HOST, DEFAULT_DATA_DIR, DEFAULT_TENANT } from './server';
export type { EmulatorOptions, RunningEmulator, VaultSpec } from './server';
export { sdkClientOptions, emulatorAgent, localhostLookup, isLocalhostName } from './client';
export { SUPPORTED_API_VERSIONS } from './core/apiVersions';
export type { DeclaredClient, RegisteredClient } from './identity/clients';
export type { MintOptions } from './identity/setup';
