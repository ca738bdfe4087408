/**
 * Wiring of the token issuer into a running emulator: built-in and declared principals at start,
 * and what `RunningEmulator` offers tests (principal ids, identity file paths, `mintToken`).
 */
import type { Clock } from '../http/context';
import type { StoreData, Store } from '../store/types';
import {
  ensureBuiltIns,
  findByObjectId,
  findClient,
  identityFiles,
  isGuid,
  loadOrCreateIdentityFiles,
  recordTenant,
  registerDeclared,
  type DeclaredClient,
  type IdentityFiles,
  type PrincipalIds,
  type RegisteredClient,
} from './clients';
import { IMDS_TOKEN_PATH, MSI_TOKEN_PATH, type IdentityContext } from './issuer';
import { mintToken, resourceOfScope, TOKEN_LIFETIME_SECONDS, type SigningKey } from './tokens';

export const DEFAULT_TOKEN_SCOPE = 'https://vault.azure.net/.default';

export interface IdentitySetup {
  context: IdentityContext;
  files: IdentityFiles;
  declared: RegisteredClient[];
}

export async function setupIdentity(options: {
  store: Store;
  dataDir: string;
  tenantId: string;
  now: number;
  clients?: DeclaredClient[];
  tokenLifetimeSeconds?: number;
}): Promise<IdentitySetup> {
  const files = identityFiles(options.dataDir);
  const loaded = await loadOrCreateIdentityFiles(files);
  await recordTenant(files, loaded, options.tenantId);
  await ensureBuiltIns(options.store, loaded, options.now, files.devClientSecretHashFile);
  const declared = await registerDeclared(options.store, options.clients ?? [], options.now, [loaded.devClient, loaded.managedIdentity]);
  return {
    files,
    declared,
    context: {
      devClient: loaded.devClient,
      managedIdentity: loaded.managedIdentity,
      identityHeader: loaded.identityHeader,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? TOKEN_LIFETIME_SECONDS,
    },
  };
}

/** Who a minted token names and for what. */
export interface MintOptions {
  /** A registered client (its object id goes into `oid`). Default: the development client. */
  clientId?: string;
  /** Any principal by object id (`oid`), registered or not; `appId` defaults to the object id. */
  objectId?: string;
  appId?: string;
  /** OAuth scope; the audience is its resource (`https://vault.azure.net/.default` → `https://vault.azure.net`). */
  scope?: string;
  lifetimeSeconds?: number;
  /** Issue time, unix seconds. Default: the emulator's clock. */
  now?: number;
  /** Origin in `iss` (`{origin}/{tenant}/v2.0`). Default: the emulator's main URL. */
  issuerOrigin?: string;
  /** Extra claims (tests: e.g. `upn`). */
  extraClaims?: Record<string, unknown>;
}

/** The principal a mint request names; throws with a message for an unknown client. */
export function resolvePrincipal(
  data: Pick<StoreData, 'identity'> | undefined,
  builtIns: { devClient: PrincipalIds; managedIdentity: PrincipalIds },
  options: Pick<MintOptions, 'clientId' | 'objectId' | 'appId'>,
): { oid: string; appid: string } {
  if (options.objectId) {
    const registered = data && isGuid(options.objectId) ? findByObjectId(data as StoreData, options.objectId) : undefined;
    return { oid: options.objectId, appid: options.appId ?? registered?.clientId ?? options.objectId };
  }
  if (options.clientId) {
    const id = options.clientId.toLowerCase();
    for (const builtIn of [builtIns.devClient, builtIns.managedIdentity]) {
      if (builtIn.clientId.toLowerCase() === id) return { oid: builtIn.objectId, appid: builtIn.clientId };
    }
    const record = data ? findClient(data as StoreData, options.clientId) : undefined;
    if (!record) throw new Error(`No client '${options.clientId}' is registered; pass an object id to mint for any principal.`);
    return { oid: record.objectId, appid: record.clientId };
  }
  return { oid: builtIns.devClient.objectId, appid: builtIns.devClient.clientId };
}

export async function mintFor(
  key: SigningKey,
  principal: { oid: string; appid: string },
  options: { tenantId: string; issuerOrigin: string; scope?: string; now: number; lifetimeSeconds?: number; extraClaims?: Record<string, unknown> },
): Promise<string> {
  const { token } = await mintToken(
    key,
    {
      aud: resourceOfScope(options.scope ?? DEFAULT_TOKEN_SCOPE),
      iss: `${options.issuerOrigin.replace(/\/+$/, '')}/${options.tenantId}/v2.0`,
      tid: options.tenantId,
      oid: principal.oid,
      appid: principal.appid,
      extra: options.extraClaims,
    },
    options.now,
    options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS,
  );
  return token;
}

/** What `RunningEmulator` exposes about identities (see server.ts). */
export interface EmulatorIdentityApi {
  /** The development application; its secret is in `secretFile` (0600), never printed. */
  readonly devClient: PrincipalIds & { secretFile: string };
  /** The system-assigned managed identity and its App Service endpoint (`IDENTITY_ENDPOINT`). */
  readonly managedIdentity: PrincipalIds & { endpoint: string; imdsHost: string; headerFile: string };
  /** Clients declared in the options, as registered (`clientSecret` when known to this process). */
  readonly clients: readonly RegisteredClient[];
  /** Mints a token signed with the emulator's key (default: the development client, Key Vault audience). */
  mintToken(options?: MintOptions): Promise<string>;
}

export function identityApi(
  setup: IdentitySetup,
  env: { url: string; tenantId: string; signingKey: SigningKey; clock: Clock; store: Store },
): EmulatorIdentityApi {
  return {
    devClient: { ...setup.context.devClient, secretFile: setup.files.devClientSecretFile },
    managedIdentity: {
      ...setup.context.managedIdentity,
      endpoint: `${env.url}${MSI_TOKEN_PATH}`,
      imdsHost: env.url,
      headerFile: setup.files.identityHeaderFile,
    },
    clients: setup.declared,
    mintToken: (options = {}) =>
      mintFor(env.signingKey, resolvePrincipal(env.store.data, setup.context, options), {
        tenantId: env.tenantId,
        issuerOrigin: options.issuerOrigin ?? env.url,
        scope: options.scope,
        now: options.now ?? env.clock.now(),
        lifetimeSeconds: options.lifetimeSeconds ?? setup.context.tokenLifetimeSeconds,
        extraClaims: options.extraClaims,
      }),
  };
}

export { IMDS_TOKEN_PATH, MSI_TOKEN_PATH };
