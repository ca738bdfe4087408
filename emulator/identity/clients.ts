/**
 * The principals the token issuer knows (`StoreData.identity.clients`) and the identity files of a
 * data directory.
 *
 * Client secrets are stored as salted scrypt hashes only. Two principals are built in, fixed per
 * data directory so that printed env lines stay valid across restarts (and with --in-memory):
 *  - the development client: an application whose plaintext secret lives only in
 *    `<data-dir>/keys/dev-client-secret` (0600), so the banner can print
 *    `AZURE_CLIENT_SECRET="$(cat …)"` instead of the secret itself;
 *  - the system-assigned managed identity, answering the App Service and IMDS endpoints; the
 *    App Service endpoint checks `X-IDENTITY-HEADER` against `<data-dir>/keys/identity-header`.
 * Their ids are kept in `<data-dir>/keys/identity.json`, together with the tenant of the last start
 * (read by the `token` and `client` commands).
 */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClientRecord, Store, StoreData } from '../store/types';

export type ClientKind = ClientRecord['kind'];
export const CLIENT_KINDS: readonly ClientKind[] = ['application', 'managedIdentity'];

/** A principal declared in the emulator's options (or config); registered at start, idempotently. */
export interface DeclaredClient {
  displayName: string;
  clientId?: string;
  /** For applications; a secret is generated when a new application declares none. */
  clientSecret?: string;
  objectId?: string;
  kind?: ClientKind;
}

export interface PrincipalIds {
  clientId: string;
  objectId: string;
}

/** A declared client after registration; `clientSecret` is set when it is known to this process. */
export interface RegisteredClient extends PrincipalIds {
  displayName: string;
  kind: ClientKind;
  clientSecret?: string;
}

export interface IdentityFiles {
  keysDir: string;
  devClientSecretFile: string;
  identityHeaderFile: string;
  identityJsonFile: string;
  /** The scrypt hash of the current dev-client-secret, so a start need not derive it again. */
  devClientSecretHashFile: string;
}

export interface IdentityIds {
  devClient: PrincipalIds;
  managedIdentity: PrincipalIds;
  /** Tenant of the emulator's last start (absent until it first starts). */
  tenantId?: string;
}

export const DEV_CLIENT_NAME = 'keyvault-emulator development client';
export const SYSTEM_IDENTITY_NAME = 'keyvault-emulator system-assigned identity';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (value: string): boolean => GUID.test(value);

export function identityFiles(dataDir: string): IdentityFiles {
  const keysDir = path.join(dataDir, 'keys');
  return {
    keysDir,
    devClientSecretFile: path.join(keysDir, 'dev-client-secret'),
    identityHeaderFile: path.join(keysDir, 'identity-header'),
    identityJsonFile: path.join(keysDir, 'identity.json'),
    devClientSecretHashFile: path.join(keysDir, 'dev-client-secret.hash'),
  };
}

// --- secrets ---

const SCRYPT_KEYLEN = 32;

function scryptHex(secret: string, saltHex: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, Buffer.from(saltHex, 'hex'), SCRYPT_KEYLEN, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A new client secret: 40 URL-safe characters (240 random bits), the length Entra secrets have. */
export function generateSecret(): string {
  return randomBytes(30).toString('base64url');
}

export async function hashSecret(secret: string): Promise<{ secretHash: string; secretSalt: string }> {
  const secretSalt = randomBytes(16).toString('hex');
  return { secretHash: (await scryptHex(secret, secretSalt)).toString('hex'), secretSalt };
}

/** True when `secret` is the client's secret (constant-time comparison of the hashes). */
export async function verifySecret(record: ClientRecord, secret: string): Promise<boolean> {
  if (!record.secretHash || !record.secretSalt) return false;
  const expected = Buffer.from(record.secretHash, 'hex');
  const actual = await scryptHex(secret, record.secretSalt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// --- identity files ---

/** Creates `file` with `content` (0600) unless it exists; returns what the file holds. */
async function readOrCreate(file: string, content: () => string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const text = content();
  await fs.writeFile(tmp, text, { mode: 0o600 });
  try {
    await fs.link(tmp, file); // fails if another process created it meanwhile: then use theirs
    return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fs.readFile(file, 'utf8');
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

function parseIds(text: string, file: string): IdentityIds {
  const doc = JSON.parse(text) as Partial<IdentityIds>;
  const ok = (p: Partial<PrincipalIds> | undefined): p is PrincipalIds =>
    typeof p?.clientId === 'string' && isGuid(p.clientId) && typeof p.objectId === 'string' && isGuid(p.objectId);
  if (!ok(doc.devClient) || !ok(doc.managedIdentity)) {
    throw new Error(`The identity file ${file} is damaged. Move it away to create new built-in principals.`);
  }
  return { devClient: doc.devClient, managedIdentity: doc.managedIdentity, tenantId: typeof doc.tenantId === 'string' ? doc.tenantId : undefined };
}

export interface LoadedIdentityFiles extends IdentityIds {
  devClientSecret: string;
  identityHeader: string;
}

/** Reads the identity files of a data directory, creating the missing ones. */
export async function loadOrCreateIdentityFiles(files: IdentityFiles): Promise<LoadedIdentityFiles> {
  await fs.mkdir(files.keysDir, { recursive: true, mode: 0o700 });
  const devClientSecret = (await readOrCreate(files.devClientSecretFile, generateSecret)).trim();
  const identityHeader = (await readOrCreate(files.identityHeaderFile, () => randomBytes(32).toString('hex'))).trim();
  const idsText = await readOrCreate(files.identityJsonFile, () =>
    `${JSON.stringify(
      { devClient: { clientId: randomUUID(), objectId: randomUUID() }, managedIdentity: { clientId: randomUUID(), objectId: randomUUID() } },
      null,
      2,
    )}\n`,
  );
  if (!devClientSecret || !identityHeader) {
    throw new Error(`An identity file in ${files.keysDir} is empty. Remove it to create a new one.`);
  }
  return { ...parseIds(idsText, files.identityJsonFile), devClientSecret, identityHeader };
}

/** Reads the identity ids without creating anything; undefined when the files do not exist yet. */
export async function readIdentityIds(files: IdentityFiles): Promise<IdentityIds | undefined> {
  try {
    return parseIds(await fs.readFile(files.identityJsonFile, 'utf8'), files.identityJsonFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Records the tenant of this start in identity.json (for the offline `token` command). */
export async function recordTenant(files: IdentityFiles, ids: IdentityIds, tenantId: string): Promise<void> {
  if (ids.tenantId === tenantId) return;
  const tmp = `${files.identityJsonFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const doc = { devClient: ids.devClient, managedIdentity: ids.managedIdentity, tenantId };
  await fs.writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(tmp, files.identityJsonFile);
}

// --- the registry (StoreData.identity.clients) ---

const keyOf = (clientId: string) => clientId.toLowerCase();

export function findClient(data: StoreData, clientId: string): ClientRecord | undefined {
  return data.identity.clients[keyOf(clientId)];
}

export function findByObjectId(data: StoreData, objectId: string): ClientRecord | undefined {
  const oid = objectId.toLowerCase();
  return Object.values(data.identity.clients).find((c) => c.objectId.toLowerCase() === oid);
}

/** Checks a display name from a request or from options; returns the problem, or undefined. */
export function displayNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim().length === 0) return 'displayName must be a non-empty string.';
  if (name.length > 256) return 'displayName must be at most 256 characters.';
  return undefined;
}

export interface NewClient {
  displayName: string;
  kind: ClientKind;
  clientId?: string;
  objectId?: string;
  secretHash?: string;
  secretSalt?: string;
}

/** Builds a record (ids generated when absent). Validate ids before calling. */
export function newClientRecord(client: NewClient, now: number): ClientRecord {
  const record: ClientRecord = {
    clientId: (client.clientId ?? randomUUID()).toLowerCase(),
    objectId: (client.objectId ?? randomUUID()).toLowerCase(),
    displayName: client.displayName,
    kind: client.kind,
    createdAt: now,
  };
  if (client.kind === 'application' && client.secretHash && client.secretSalt) {
    record.secretHash = client.secretHash;
    record.secretSalt = client.secretSalt;
  }
  return record;
}

/** Inserts or replaces a record; refuses an object id that another client already has. */
export function putClient(data: StoreData, record: ClientRecord): void {
  const other = findByObjectId(data, record.objectId);
  if (other && keyOf(other.clientId) !== keyOf(record.clientId)) {
    throw new Error(`The object id ${record.objectId} already belongs to client ${other.clientId}.`);
  }
  data.identity.clients[keyOf(record.clientId)] = record;
}

export function removeClient(data: StoreData, clientId: string): boolean {
  const key = keyOf(clientId);
  if (!data.identity.clients[key]) return false;
  delete data.identity.clients[key];
  return true;
}

/** Public view of a record: never the hash or the salt. */
export function clientView(record: ClientRecord, builtIn?: 'developmentClient' | 'systemAssignedIdentity') {
  return {
    clientId: record.clientId,
    objectId: record.objectId,
    displayName: record.displayName,
    kind: record.kind,
    createdAt: record.createdAt,
    ...(builtIn ? { builtIn } : {}),
  };
}

/**
 * Makes sure the built-in principals are registered and the development client's stored hash
 * matches the secret file (the store may be new, in memory, or older than the keys directory).
 */
/**
 * The scrypt hash of the dev client's secret, as last derived, with the SHA-256 of the secret it
 * was derived from: deriving it (scrypt) at every start was a third of the emulator's own start-up
 * time (profile in BENCHMARKS.md). The plaintext secret sits in the same directory, so the SHA-256
 * gives nothing away.
 */
interface SecretHashCache {
  sha256: string;
  secretHash: string;
  secretSalt: string;
}

async function readHashCache(file: string | undefined, secret: string): Promise<SecretHashCache | undefined> {
  if (!file) return undefined;
  try {
    const cached = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<SecretHashCache>;
    const sha256 = createHash('sha256').update(secret).digest('hex');
    if (cached.sha256 === sha256 && typeof cached.secretHash === 'string' && typeof cached.secretSalt === 'string') {
      return { sha256, secretHash: cached.secretHash, secretSalt: cached.secretSalt };
    }
  } catch {
    // missing or unreadable: derive the hash again
  }
  return undefined;
}

async function writeHashCache(file: string | undefined, secret: string, hash: { secretHash: string; secretSalt: string }): Promise<void> {
  if (!file) return;
  const cache: SecretHashCache = { sha256: createHash('sha256').update(secret).digest('hex'), ...hash };
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(cache)}\n`, { mode: 0o600 });
  await fs.rename(tmp, file);
}

export async function ensureBuiltIns(store: Store, loaded: LoadedIdentityFiles, now: number, hashCacheFile?: string): Promise<void> {
  const secret = loaded.devClientSecret;
  const cached = await readHashCache(hashCacheFile, secret);
  const dev = findClient(store.data, loaded.devClient.clientId);
  const cacheMatches = cached !== undefined && dev?.secretHash === cached.secretHash && dev?.secretSalt === cached.secretSalt;
  const devOk =
    dev && dev.kind === 'application' && dev.objectId === loaded.devClient.objectId && (cacheMatches || (await verifySecret(dev, secret)));
  if (devOk && !cacheMatches && dev.secretHash && dev.secretSalt) {
    await writeHashCache(hashCacheFile, secret, { secretHash: dev.secretHash, secretSalt: dev.secretSalt });
  }
  const mi = findClient(store.data, loaded.managedIdentity.clientId);
  const miOk = mi && mi.kind === 'managedIdentity' && mi.objectId === loaded.managedIdentity.objectId;
  if (devOk && miOk) return;
  // An in-memory store starts without the record: the cached hash still matches the secret file.
  const hash = devOk ? undefined : cached ? { secretHash: cached.secretHash, secretSalt: cached.secretSalt } : await hashSecret(secret);
  if (hash && !cached) await writeHashCache(hashCacheFile, secret, hash);
  await store.update((data) => {
    if (hash) {
      putClient(
        data,
        newClientRecord({ ...loaded.devClient, displayName: DEV_CLIENT_NAME, kind: 'application', ...hash }, dev?.createdAt ?? now),
      );
    }
    if (!miOk) {
      putClient(data, newClientRecord({ ...loaded.managedIdentity, displayName: SYSTEM_IDENTITY_NAME, kind: 'managedIdentity' }, mi?.createdAt ?? now));
    }
  });
}

/** Checks declared clients before anything is written; returns the first problem. */
export function declaredClientProblem(client: DeclaredClient): string | undefined {
  const nameProblem = displayNameProblem(client.displayName);
  if (nameProblem) return nameProblem;
  const kind = client.kind ?? 'application';
  if (!CLIENT_KINDS.includes(kind)) return `kind must be one of ${CLIENT_KINDS.join(', ')}.`;
  if (client.clientId !== undefined && !isGuid(client.clientId)) return `clientId '${client.clientId}' is not a GUID.`;
  if (client.objectId !== undefined && !isGuid(client.objectId)) return `objectId '${client.objectId}' is not a GUID.`;
  if (kind === 'managedIdentity' && client.clientSecret !== undefined) return 'a managed identity has no client secret.';
  if (client.clientSecret !== undefined && (typeof client.clientSecret !== 'string' || client.clientSecret.length < 8)) {
    return 'clientSecret must be a string of at least 8 characters.';
  }
  return undefined;
}

/**
 * Registers declared clients. Idempotent: a client is found by its clientId, or else by display
 * name and kind; a given secret or object id replaces the stored one, nothing else changes.
 */
export async function registerDeclared(
  store: Store,
  declared: DeclaredClient[],
  now: number,
  builtIns: PrincipalIds[] = [],
): Promise<RegisteredClient[]> {
  const reserved = new Set(builtIns.flatMap((p) => [p.clientId.toLowerCase(), p.objectId.toLowerCase()]));
  for (const client of declared) {
    const problem =
      declaredClientProblem(client) ??
      ([client.clientId, client.objectId].some((id) => id !== undefined && reserved.has(id.toLowerCase()))
        ? 'its id is one of a built-in principal (the development client or the system-assigned identity).'
        : undefined);
    if (problem) throw new Error(`Client '${String(client.displayName)}': ${problem}`);
  }
  const registered: RegisteredClient[] = [];
  for (const client of declared) {
    const kind = client.kind ?? 'application';
    const existing = client.clientId
      ? findClient(store.data, client.clientId)
      : Object.values(store.data.identity.clients).find(
          (c) => c.kind === kind && c.displayName.toLowerCase() === client.displayName.toLowerCase(),
        );
    if (existing && existing.kind !== kind) {
      throw new Error(`Client '${client.displayName}': ${existing.clientId} is already registered as ${existing.kind}.`);
    }
    let secret = client.clientSecret;
    if (kind === 'application' && !existing && secret === undefined) secret = generateSecret();
    const keepHash = existing && secret !== undefined && (await verifySecret(existing, secret));
    const hash = kind === 'application' && secret !== undefined && !keepHash ? await hashSecret(secret) : undefined;
    const objectId = client.objectId?.toLowerCase() ?? existing?.objectId;
    const unchanged = existing && !hash && objectId === existing.objectId && existing.displayName === client.displayName;
    const record = unchanged
      ? existing
      : newClientRecord(
          {
            displayName: client.displayName,
            kind,
            clientId: client.clientId ?? existing?.clientId,
            objectId,
            secretHash: hash?.secretHash ?? existing?.secretHash,
            secretSalt: hash?.secretSalt ?? existing?.secretSalt,
          },
          existing?.createdAt ?? now,
        );
    if (!unchanged) await store.update((data) => putClient(data, record));
    registered.push({ clientId: record.clientId, objectId: record.objectId, displayName: record.displayName, kind, clientSecret: secret });
  }
  return registered;
}
