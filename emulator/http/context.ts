import type { Logger } from 'pino';
import type { AuditLog } from '../audit';
import type { Store } from '../store/types';
import type { AuthSettings } from './auth';
import type { IdentityContext } from '../identity/issuer';

/** Time as the emulator sees it: wall clock plus an offset that tests (and users) can advance. */
export interface Clock {
  /** Unix seconds. */
  now(): number;
  advance(seconds: number): void;
}

export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Math.floor(Date.now() / 1000) + offset,
    advance: (seconds) => {
      offset += seconds;
    },
  };
}

/** Everything the HTTP layer needs, built once by the server. */
export interface EmulatorContext {
  store: Store;
  clock: Clock;
  logger: Logger;
  backupKey: Buffer;
  auth: AuthSettings;
  /** Built-in principals and settings of the token issuer (identity/issuer.ts). */
  identity: IdentityContext;
  defaultLocation: string;
  scheme: 'https' | 'http';
  /** The main port (known once listening). */
  mainPort: () => number;
  /** Called after vaults were created, deleted, recovered or purged: listeners follow the store. */
  vaultsChanged: () => Promise<void>;
  /** The access log (Key Vault AuditEvent records) under <data-dir>/audit. */
  audit: AuditLog;
}
