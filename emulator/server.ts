/**
 * Starting and stopping an emulator: data directory, TLS, store, vaults, listeners.
 *
 * One Express app serves every listener. The main port routes vaults by Host; each vault also
 * gets a dedicated port (fixed if configured, else ephemeral) so it is reachable with zero DNS.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { loadOrCreateKey } from './keys';
import { AuditLog, auditDirOf } from './audit';
import type { AuthMode } from './http/auth';
import { loadOrCreateSigningKey, type SigningKey } from './identity/tokens';
import { identityApi, setupIdentity, type EmulatorIdentityApi, type IdentitySetup } from './identity/setup';
import type { DeclaredClient } from './identity/clients';
import { developmentAccessPolicy } from './store/devPolicy';
import type { AccessPolicyEntry } from './store/types';
import { createApp } from './http/app';
import { answerProtocolErrors, SERVER_OPTIONS } from './http/protocol';
import { createClock, type Clock, type EmulatorContext } from './http/context';
import { DEFAULT_VAULT } from './http/site';
import { applyVaultSpec, DEFAULT_LOCATION, sweepExpiredVaults, type VaultSettings } from './ops/vaults';
import { hasExpired, sweepExpired } from './ops/secrets';
import { openStore, type OpenedStore } from './store/lowStore';
import { loadCertificates, type Certificates } from './tls/certificates';

export const DEFAULT_PORT = 8443;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.keyvault-emulator';
/** The emulator's development tenant (override with --tenant). */
export const DEFAULT_TENANT = '6e8c2f4a-1b3d-4e5f-9a7b-0c1d2e3f4a5b';

export interface VaultSpec extends VaultSettings {
  name: string;
  /** Access policies of a vault created now (ignored for an existing vault). */
  accessPolicies?: AccessPolicyEntry[];
  /** Use Azure RBAC instead of access policies (for a vault created now). */
  rbacAuthorizationEnabled?: boolean;
}

export interface EmulatorOptions {
  /** Main port; 0 picks a free one. Default 8443. */
  port?: number;
  /** Address to bind; default 127.0.0.1 (and ::1 when available). */
  host?: string;
  /** Data directory (store file, CA, keys). Default ./.keyvault-emulator */
  dataDir?: string;
  /** Keep secrets in memory only (the CA and keys are still kept in dataDir). */
  inMemory?: boolean;
  /** Vaults to create (or check) at start. The default vault always exists. */
  vaults?: Array<string | VaultSpec>;
  /** Serve plain HTTP instead of HTTPS. */
  http?: boolean;
  /** Tenant named in the auth challenge and in issued tokens. */
  tenant?: string;
  /** none | lenient (default) | strict; see http/auth.ts. */
  auth?: AuthMode;
  /** Where access-log lines go: a pino logger, a file path, or nothing (silent). */
  logger?: Logger | string;
  /** Period of the sweep that purges soft-deleted secrets past their date (ms). Default 60 s. */
  purgeSweepMs?: number;
  /** Injected clock (tests). */
  clock?: Clock;
  /** Principals of the token issuer, registered at start (idempotent; see identity/clients.ts). */
  clients?: DeclaredClient[];
}

/** Identity members (devClient, managedIdentity, clients, mintToken) are defined in identity/setup.ts. */
export interface RunningEmulator extends EmulatorIdentityApi {
  /** Main origin, e.g. https://localhost:8443 (reaches the default vault). */
  readonly url: string;
  readonly port: number;
  readonly scheme: 'https' | 'http';
  /** CA certificate (PEM) to trust; '' with --http. */
  readonly ca: string;
  readonly caPath: string | undefined;
  readonly tenantId: string;
  readonly authMode: AuthMode;
  readonly signingKey: SigningKey;
  readonly dataDir: string;
  readonly store: OpenedStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Canonical URL of a vault: https://{name}.vault.localhost:PORT (name-based, main port). */
  vaultUrl(name: string): string;
  /** Zero-DNS URL of a vault: https://localhost:{its dedicated port}. */
  vaultPortUrl(name: string): string;
  /** Opens the dedicated listener of a vault created while running. */
  openVaultListener(name: string): Promise<number>;
  closeVaultListener(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface Listener {
  port: number;
  servers: http.Server[];
}

function toSpec(v: string | VaultSpec): VaultSpec {
  return typeof v === 'string' ? { name: v } : v;
}

function createLogger(option: Logger | string | undefined): Logger {
  if (option && typeof option === 'object') return option;
  if (typeof option === 'string') return pino({ base: null }, pino.destination({ dest: option, sync: false, mkdir: true }));
  return pino({ level: 'silent' });
}

async function prepareDataDir(dataDir: string): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Secrets must never reach a repository by accident.
  const ignore = path.join(dataDir, '.gitignore');
  await fs.writeFile(ignore, '# Created by keyvault-emulator: this directory holds secrets and keys.\n*\n', { flag: 'wx', mode: 0o600 }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    },
  );
}

function isLoopbackV4(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost';
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const scheme: 'https' | 'http' = options.http ? 'http' : 'https';
  const host = options.host ?? DEFAULT_HOST;
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const tenantId = options.tenant ?? DEFAULT_TENANT;
  const logger = createLogger(options.logger);
  const clock = options.clock ?? createClock();

  await prepareDataDir(dataDir);
  const certs: Certificates | undefined = options.http ? undefined : await loadCertificates(path.join(dataDir, 'tls'));
  const backupKey = await loadOrCreateKey(path.join(dataDir, 'keys'), 'backup');
  const signingKey = await loadOrCreateSigningKey(path.join(dataDir, 'keys'));
  const authMode = options.auth ?? 'lenient';
  const store = await openStore(options.inMemory ? { backend: 'memory' } : { backend: 'lowdb', file: path.join(dataDir, 'store.json') });
  // The access log stays on disk even with --in-memory: it is a record of access, not of secrets.
  const audit = await AuditLog.open(auditDirOf(dataDir), {
    onError: (err, { dropped }) => logger.error({ err: err.message, dropped }, 'writing the access log failed'),
  });
  /** Releases the files when start-up fails half-way. */
  const release = async () => {
    await store.close();
    await audit.close();
  };
  if (store.recoveredFrom) {
    logger.warn(
      { damagedCopy: store.recoveredFrom.damagedCopy, reason: store.recoveredFrom.reason },
      'the store file was damaged; started from the last good copy',
    );
  }

  try {
    // The default vault starts with the development policy; declared vaults get only what they declare.
    if (!store.data.vaults[DEFAULT_VAULT] && !store.data.deletedVaults[DEFAULT_VAULT]) {
      await applyVaultSpec(store, DEFAULT_VAULT, { accessPolicies: [developmentAccessPolicy()] }, tenantId, clock.now());
    }
    for (const spec of (options.vaults ?? []).map(toSpec)) {
      const { name, ...settings } = spec;
      await applyVaultSpec(store, name, settings, tenantId, clock.now());
    }
  } catch (err) {
    await release();
    throw err;
  }

  // Token issuer: built-in principals (fixed per data directory) and declared clients.
  let identity: IdentitySetup;
  try {
    identity = await setupIdentity({ store, dataDir, tenantId, now: clock.now(), clients: options.clients });
  } catch (err) {
    await release();
    throw err;
  }

  let mainPort = 0;
  const issuerOrigin = () => `${scheme}://localhost:${mainPort}`;
  const ctx: EmulatorContext = {
    store,
    clock,
    logger,
    backupKey,
    auth: { mode: authMode, tenantId, issuerOrigin, signingKey, now: () => clock.now() },
    identity: identity.context,
    defaultLocation: DEFAULT_LOCATION,
    scheme,
    mainPort: () => mainPort,
    vaultsChanged: () => reconcileListeners(),
    audit,
  };

  const portToVault = new Map<number, string>();
  const app = createApp(ctx, {
    scheme,
    caPem: certs?.caPem,
    dedicatedVault: (localPort) => portToVault.get(localPort),
  });
  const tlsOptions = certs?.serverOptions((name) => Boolean(store.data.vaults[name]));

  const createServer = () => {
    const server = tlsOptions ? https.createServer({ ...tlsOptions, ...SERVER_OPTIONS }, app) : http.createServer(SERVER_OPTIONS, app);
    server.keepAliveTimeout = 65_000; // longer than clients' idle timeouts: no resets mid-request
    server.headersTimeout = 66_000;
    answerProtocolErrors(server); // parser refusals, CONNECT, Expect: JSON errors, not empty bodies
    return server;
  };

  const listenOne = (server: http.Server, port: number, address: string) =>
    new Promise<number>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once('error', onError);
      server.listen(port, address, () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });

  /** Listens on `host` (and on ::1 too when host is the IPv4 loopback, for clients preferring IPv6). */
  const listen = async (port: number): Promise<Listener> => {
    const first = createServer();
    const actual = await listenOne(first, port, host);
    const servers = [first];
    if (isLoopbackV4(host)) {
      const second = createServer();
      try {
        await listenOne(second, actual, '::1');
        servers.push(second);
      } catch {
        second.close(); // no IPv6 loopback here, or the port is taken on ::1: IPv4 still serves
      }
    }
    return { port: actual, servers };
  };

  const closeListener = async (listener: Listener) => {
    await Promise.all(
      listener.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  };

  let main: Listener;
  try {
    main = await listen(options.port ?? DEFAULT_PORT);
  } catch (err) {
    await release();
    throw portError(err, options.port ?? DEFAULT_PORT, host);
  }
  mainPort = main.port;

  const vaultListeners = new Map<string, Listener>();
  const openVaultListener = async (name: string): Promise<number> => {
    const key = name.toLowerCase();
    const existing = vaultListeners.get(key);
    if (existing) return existing.port;
    const vault = store.data.vaults[key];
    if (!vault) throw new Error(`No vault named '${name}'.`);
    let listener: Listener;
    try {
      listener = await listen(vault.port ?? 0);
    } catch (err) {
      throw portError(err, vault.port ?? 0, host, vault.name);
    }
    vaultListeners.set(key, listener);
    portToVault.set(listener.port, key);
    return listener.port;
  };
  const closeVaultListener = async (name: string) => {
    const key = name.toLowerCase();
    const listener = vaultListeners.get(key);
    if (!listener) return;
    vaultListeners.delete(key);
    portToVault.delete(listener.port);
    await closeListener(listener);
  };

  /** Every vault in the store has its dedicated listener, and no other vault does. */
  let reconciling = Promise.resolve();
  const reconcileListeners = (): Promise<void> => {
    reconciling = reconciling.then(async () => {
      for (const key of [...vaultListeners.keys()]) if (!store.data.vaults[key]) await closeVaultListener(key);
      for (const key of Object.keys(store.data.vaults)) {
        try {
          await openVaultListener(key);
        } catch (err) {
          // The vault is still served by name on the main port.
          logger.error({ vault: key, err: (err as Error).message }, 'could not open the dedicated port of a vault');
        }
      }
    });
    return reconciling;
  };

  try {
    for (const key of Object.keys(store.data.vaults)) await openVaultListener(key);
  } catch (err) {
    await Promise.all([...vaultListeners.values(), main].map(closeListener));
    await release();
    throw err;
  }

  // Soft-deleted secrets past their scheduled purge date are purged (reads already hide them).
  const sweep = () => {
    const now = clock.now();
    const vaultsExpired = Object.values(store.data.deletedVaults).some((d) => d.scheduledPurgeDate <= now);
    if (!hasExpired(store.data, now) && !vaultsExpired) return;
    store
      .update((data) => sweepExpired(data, now) + sweepExpiredVaults(data, now))
      .catch((err: Error) => logger.error({ err: err.message }, 'purge sweep failed'));
  };
  sweep();
  const sweeper = setInterval(sweep, options.purgeSweepMs ?? 60_000);
  sweeper.unref();

  const urlHost = (h: string) => (h.includes(':') ? `[${h}]` : h);
  const publicHost = isLoopbackV4(host) || host === '0.0.0.0' || host === '::' ? 'localhost' : urlHost(host);
  let stopped = false;

  const url = `${scheme}://${publicHost}:${main.port}`;
  return {
    ...identityApi(identity, { url, tenantId, signingKey, clock, store }),
    url,
    port: main.port,
    scheme,
    ca: certs?.caPem ?? '',
    caPath: certs?.caPath,
    tenantId,
    authMode,
    signingKey,
    dataDir,
    store,
    clock,
    logger,
    vaultUrl: (name) => `${scheme}://${name.toLowerCase()}.vault.localhost:${main.port}`,
    vaultPortUrl: (name) => {
      const listener = vaultListeners.get(name.toLowerCase());
      if (!listener) throw new Error(`No vault named '${name}'.`);
      return `${scheme}://${publicHost}:${listener.port}`;
    },
    openVaultListener,
    closeVaultListener,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(sweeper);
      await Promise.all([...vaultListeners.values(), main].map(closeListener));
      await release();
      logger.flush?.();
    },
  };
}

function portError(err: unknown, port: number, host: string, vault?: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const what = vault ? `the dedicated port of vault '${vault}'` : 'the main port';
  if (code === 'EADDRINUSE') return new Error(`Port ${port} on ${host} (${what}) is already in use. Choose another with --port, or stop the other process.`);
  if (code === 'EACCES') return new Error(`Not allowed to listen on port ${port} on ${host} (${what}). Use a port above 1023.`);
  if (code === 'EADDRNOTAVAIL') return new Error(`The address ${host} is not available on this machine (--host).`);
  return err as Error;
}
