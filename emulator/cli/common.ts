/**
 * What the commands that talk to a running emulator share: one way to fail, one HTTPS client
 * (the emulator's CA from the data directory, `*.localhost` resolved locally), one way to mint the
 * token they act with.
 */
import { existsSync, promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { localhostLookup } from '../client';
import { identityFiles, loadOrCreateIdentityFiles } from '../identity/clients';
import { mintFor, resolvePrincipal } from '../identity/setup';
import { loadOrCreateSigningKey } from '../identity/tokens';
import { DEFAULT_TENANT } from '../server';
import type { StoreData } from '../store/types';

/** One line on stderr; exit 2 for a bad value given on the command line, 1 for an operational failure. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Runs a command body: a CliFailure becomes its one line on stderr and its exit code. */
export function runCommand(action: () => Promise<void>): Promise<void> {
  return action().catch((err: unknown) => {
    if (!(err instanceof CliFailure)) throw err;
    process.stderr.write(`keyvault-emulator: ${err.message}\n`);
    process.exit(err.exitCode);
  });
}

export async function requireDataDir(dataDir: string): Promise<string> {
  const dir = path.resolve(dataDir);
  if (!existsSync(dir)) {
    throw new CliFailure(`no data directory at ${dir}: start the emulator once with it, or pass --data-dir.`, 2);
  }
  return dir;
}

/** The clients of the store file, read-only; undefined when there is none (in-memory store, never started). */
async function readStoreClients(dataDir: string): Promise<Pick<StoreData, 'identity'> | undefined> {
  try {
    const doc = JSON.parse(await fs.readFile(path.join(dataDir, 'store.json'), 'utf8')) as Partial<StoreData>;
    return doc.identity?.clients ? { identity: doc.identity } : undefined;
  } catch {
    return undefined;
  }
}

export interface Minting {
  dataDir: string;
  tenant?: string;
  url: string;
}

/** A token signed with the data directory's key, for a principal named by client or object id. */
export async function mintWithDataDir(
  flags: Minting,
  who: { clientId?: string; objectId?: string; appId?: string },
  scope: string,
  lifetime: number,
): Promise<string> {
  const dataDir = await requireDataDir(flags.dataDir);
  const files = identityFiles(dataDir);
  if (!existsSync(path.join(files.keysDir, 'token-signing.pem'))) {
    throw new CliFailure(`no signing key in ${files.keysDir}; pass --data-dir of the running emulator, or --token.`);
  }
  const key = await loadOrCreateSigningKey(files.keysDir);
  const ids = await loadOrCreateIdentityFiles(files);
  let principal: { oid: string; appid: string };
  try {
    principal = resolvePrincipal(who.clientId || who.objectId ? await readStoreClients(dataDir) : undefined, ids, who);
  } catch (err) {
    throw new CliFailure((err as Error).message, 2);
  }
  return mintFor(key, principal, {
    tenantId: flags.tenant ?? ids.tenantId ?? DEFAULT_TENANT,
    issuerOrigin: flags.url,
    scope,
    now: Math.floor(Date.now() / 1000),
    lifetimeSeconds: lifetime,
  });
}

export interface EmulatorResponse {
  status: number;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The emulator's CA from its data directory (HTTPS only). */
export async function emulatorCa(url: string, dataDir: string): Promise<string | undefined> {
  if (!url.startsWith('https:')) return undefined;
  const file = path.join(dataDir, 'tls', 'ca.pem');
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    throw new CliFailure(`cannot read the emulator's CA at ${file}; pass --data-dir of the running emulator.`);
  }
}

/** One JSON request to the emulator at `base`. */
export function requestEmulator(
  base: string,
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; token?: string; ca?: string; timeoutMs?: number } = {},
): Promise<EmulatorResponse> {
  const url = new URL(pathAndQuery, base);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (text !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      { method, headers, ca: options.ca, lookup: localhostLookup as never, agent: false, timeout: options.timeoutMs ?? 15_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = raw ? JSON.parse(raw) : undefined;
          } catch {
            json = raw;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new CliFailure(
          err.code === 'ECONNREFUSED' ? `no emulator answers at ${base} (start it, or pass --url).` : `cannot reach ${base}: ${err.code ?? err.message}`,
        ),
      ),
    );
    if (text !== undefined) req.write(text);
    req.end();
  });
}
