/**
 * The twelve secret operations, as functions over the store (reference §3). They know nothing of
 * HTTP: input is the parsed path, query and body; output is the JSON body to send (or null for an
 * empty 204). Errors are thrown from the central catalogue.
 *
 * Rules that hold everywhere:
 *  - a secret name is either live (`vault.secrets`) or soft-deleted (`vault.deletedSecrets`), never both;
 *  - a soft-deleted secret past its scheduled purge date is treated as purged (and swept);
 *  - mutations validate first and change state only when nothing can fail any more.
 */
import { randomUUID } from 'node:crypto';
import { Errors } from '../core/errors';
import { freezeSecret, freezeVersion } from '../store/schema';
import type { DeletedSecretRecord, SecretRecord, SecretVersion, Store, StoreData, VaultRecord } from '../store/types';
import { decodeBackup, encodeBackup } from './backup';
import { pageOf } from './paging';
import {
  deletedSecretBundle,
  deletedSecretItem,
  secretBundle,
  secretItem,
  secretVersionId,
  type RenderContext,
} from './render';
import {
  checkAttributes,
  checkContentType,
  checkMaxResults,
  checkSecretName,
  checkTags,
  checkValue,
  isVersionId,
  LIMITS,
  requireObjectBody,
} from './validate';

export interface SecretOpContext {
  store: Store;
  /** Lower-cased name of the vault the request addresses. */
  vaultKey: string;
  origin: string;
  apiVersion: string;
  /** Unix seconds. */
  now: number;
  /** AES-256 key for backup blobs. */
  backupKey: Buffer;
}

function vaultOf(data: StoreData, ctx: SecretOpContext): VaultRecord {
  const vault = data.vaults[ctx.vaultKey];
  if (!vault) throw Errors.vaultNotFound(ctx.vaultKey);
  return vault;
}

function render(ctx: SecretOpContext, vault: VaultRecord): RenderContext {
  return { origin: ctx.origin, apiVersion: ctx.apiVersion, vault };
}

function newVersionId(): string {
  return randomUUID().replace(/-/g, '');
}

/** A deleted secret whose purge date has passed no longer exists. */
function activeDeleted(vault: VaultRecord, key: string, now: number): DeletedSecretRecord | undefined {
  const deleted = vault.deletedSecrets[key];
  return deleted && deleted.scheduledPurgeDate > now ? deleted : undefined;
}

function liveSecret(vault: VaultRecord, name: string): SecretRecord {
  const secret = vault.secrets[name.toLowerCase()];
  if (!secret) throw Errors.secretNotFound(name);
  return secret;
}

function currentVersion(secret: SecretRecord): SecretVersion {
  return secret.versions[secret.versions.length - 1];
}

function findVersion(secret: SecretRecord, name: string, version: string | undefined): { v: SecretVersion; index: number } {
  if (!version) return { v: currentVersion(secret), index: secret.versions.length - 1 };
  const wanted = version.toLowerCase();
  const index = isVersionId(version) ? secret.versions.findIndex((v) => v.version === wanted) : -1;
  if (index < 0) throw Errors.secretNotFound(`${name}/${version}`);
  return { v: secret.versions[index], index };
}

// ---------------------------------------------------------------------------------------------
// SetSecret — PUT /secrets/{name}
export async function setSecret(ctx: SecretOpContext, name: string, body: unknown) {
  checkSecretName(name);
  const b = requireObjectBody(body);
  const value = checkValue(b.value);
  const contentType = checkContentType(b.contentType);
  const tags = checkTags(b.tags);
  const attrs = checkAttributes(b.attributes);
  return ctx.store.update((data) => {
    const vault = vaultOf(data, ctx);
    const key = name.toLowerCase();
    if (activeDeleted(vault, key, ctx.now)) throw Errors.secretDeletedButRecoverable(name);
    delete vault.deletedSecrets[key]; // expired: purged by now
    const version = freezeVersion({
      version: newVersionId(),
      value,
      ...(contentType !== undefined ? { contentType } : {}),
      ...(tags !== undefined ? { tags } : {}),
      enabled: attrs.enabled ?? true,
      ...(attrs.nbf !== undefined ? { nbf: attrs.nbf } : {}),
      ...(attrs.exp !== undefined ? { exp: attrs.exp } : {}),
      created: ctx.now,
      updated: ctx.now,
    });
    const existing = vault.secrets[key];
    // Secrets are immutable (store/types.ts): the new version makes a new record.
    const secret = freezeSecret({ name: existing?.name ?? name, versions: [...(existing?.versions ?? []), version] });
    vault.secrets[key] = secret;
    return secretBundle(render(ctx, vault), secret, version, true);
  });
}

// GetSecret — GET /secrets/{name}[/{version}]
export function getSecret(ctx: SecretOpContext, name: string, version: string | undefined) {
  checkSecretName(name);
  const vault = vaultOf(ctx.store.data, ctx);
  const secret = liveSecret(vault, name);
  const { v } = findVersion(secret, name, version);
  if (!v.enabled) throw Errors.secretDisabled();
  return secretBundle(render(ctx, vault), secret, v, true);
}

// UpdateSecret — PATCH /secrets/{name}[/{version}]
export async function updateSecret(ctx: SecretOpContext, name: string, version: string | undefined, body: unknown) {
  checkSecretName(name);
  const b = requireObjectBody(body);
  const contentType = checkContentType(b.contentType);
  const tags = checkTags(b.tags);
  const attrs = checkAttributes(b.attributes);
  return ctx.store.update((data) => {
    const vault = vaultOf(data, ctx);
    const secret = liveSecret(vault, name);
    const { v, index } = findVersion(secret, name, version);
    const updated: SecretVersion = { ...v, updated: ctx.now };
    if (contentType !== undefined) Object.assign(updated, { contentType });
    if (tags !== undefined) Object.assign(updated, { tags });
    if (attrs.enabled !== undefined) Object.assign(updated, { enabled: attrs.enabled });
    if (attrs.nbf !== undefined) Object.assign(updated, { nbf: attrs.nbf });
    if (attrs.exp !== undefined) Object.assign(updated, { exp: attrs.exp });
    const frozen = freezeVersion(updated);
    const versions = [...secret.versions];
    versions[index] = frozen;
    const replaced = freezeSecret({ ...secret, versions });
    vault.secrets[name.toLowerCase()] = replaced;
    return secretBundle(render(ctx, vault), replaced, frozen, false);
  });
}

// DeleteSecret — DELETE /secrets/{name}
export async function deleteSecret(ctx: SecretOpContext, name: string) {
  checkSecretName(name);
  return ctx.store.update((data) => {
    const vault = vaultOf(data, ctx);
    const secret = liveSecret(vault, name);
    const key = name.toLowerCase();
    const rc = render(ctx, vault);
    delete vault.secrets[key];
    if (!vault.properties.softDeleteEnabled) {
      // Legacy vault without soft delete: gone for good; no recoveryId, so SDK pollers finish at once.
      return secretBundle(rc, secret, currentVersion(secret), false);
    }
    const deleted: DeletedSecretRecord = freezeSecret({
      name: secret.name,
      versions: secret.versions,
      deletedDate: ctx.now,
      scheduledPurgeDate: ctx.now + vault.properties.softDeleteRetentionInDays * 86_400,
    });
    vault.deletedSecrets[key] = deleted;
    return deletedSecretBundle(rc, deleted);
  });
}

// GetSecrets — GET /secrets
export function getSecrets(ctx: SecretOpContext, query: { maxresults?: string; skiptoken?: string }) {
  const size = checkMaxResults(query.maxresults);
  const vault = vaultOf(ctx.store.data, ctx);
  const rc = render(ctx, vault);
  const secrets = Object.entries(vault.secrets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pageOf({
    items: secrets,
    keyOf: ([key]) => key,
    sortedByKey: true,
    skiptoken: query.skiptoken,
    maxResults: size,
    baseUrl: `${ctx.origin}/secrets`,
    apiVersion: ctx.apiVersion,
    render: ([, s]) => secretItem(rc, s, currentVersion(s), false),
  });
}

// GetSecretVersions — GET /secrets/{name}/versions
export function getSecretVersions(ctx: SecretOpContext, name: string, query: { maxresults?: string; skiptoken?: string }) {
  checkSecretName(name);
  const size = checkMaxResults(query.maxresults);
  const vault = vaultOf(ctx.store.data, ctx);
  const rc = render(ctx, vault);
  const secret = vault.secrets[name.toLowerCase()];
  // Unknown (or soft-deleted) name: an empty list, not 404 (recorded service behaviour).
  const versions = secret ? secret.versions : [];
  return pageOf({
    items: versions,
    keyOf: (v) => v.version,
    sortedByKey: false,
    skiptoken: query.skiptoken,
    maxResults: size,
    baseUrl: `${ctx.origin}/secrets/${secret?.name ?? name}/versions`,
    apiVersion: ctx.apiVersion,
    render: (v) => secretItem(rc, secret!, v, true),
  });
}

// GetDeletedSecrets — GET /deletedsecrets
export function getDeletedSecrets(ctx: SecretOpContext, query: { maxresults?: string; skiptoken?: string }) {
  const size = checkMaxResults(query.maxresults);
  const vault = vaultOf(ctx.store.data, ctx);
  const rc = render(ctx, vault);
  const deleted = Object.entries(vault.deletedSecrets)
    .filter(([, d]) => d.scheduledPurgeDate > ctx.now)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pageOf({
    items: deleted,
    keyOf: ([key]) => key,
    sortedByKey: true,
    skiptoken: query.skiptoken,
    maxResults: size,
    baseUrl: `${ctx.origin}/deletedsecrets`,
    apiVersion: ctx.apiVersion,
    render: ([, d]) => deletedSecretItem(rc, d),
  });
}

// GetDeletedSecret — GET /deletedsecrets/{name}
export function getDeletedSecret(ctx: SecretOpContext, name: string) {
  checkSecretName(name);
  const vault = vaultOf(ctx.store.data, ctx);
  const deleted = activeDeleted(vault, name.toLowerCase(), ctx.now);
  if (!deleted) throw Errors.deletedSecretNotFound(name);
  return deletedSecretBundle(render(ctx, vault), deleted);
}

// PurgeDeletedSecret — DELETE /deletedsecrets/{name}
export async function purgeDeletedSecret(ctx: SecretOpContext, name: string): Promise<null> {
  checkSecretName(name);
  return ctx.store.update((data) => {
    const vault = vaultOf(data, ctx);
    const key = name.toLowerCase();
    if (!activeDeleted(vault, key, ctx.now)) throw Errors.deletedSecretNotFound(name);
    if (vault.properties.purgeProtectionEnabled) throw Errors.purgeProtected(vault.name, vault.properties.location);
    delete vault.deletedSecrets[key];
    return null;
  });
}

// RecoverDeletedSecret — POST /deletedsecrets/{name}/recover
export async function recoverDeletedSecret(ctx: SecretOpContext, name: string) {
  checkSecretName(name);
  return ctx.store.update((data) => {
    const vault = vaultOf(data, ctx);
    const key = name.toLowerCase();
    const deleted = activeDeleted(vault, key, ctx.now);
    if (!deleted) throw Errors.secretNotFound(name);
    const secret: SecretRecord = freezeSecret({ name: deleted.name, versions: deleted.versions });
    delete vault.deletedSecrets[key];
    vault.secrets[key] = secret;
    return secretBundle(render(ctx, vault), secret, currentVersion(secret), false);
  });
}

// BackupSecret — POST /secrets/{name}/backup
export function backupSecret(ctx: SecretOpContext, name: string) {
  checkSecretName(name);
  const vault = vaultOf(ctx.store.data, ctx);
  const secret = liveSecret(vault, name);
  if (secret.versions.length > LIMITS.backupVersionsMax) {
    throw Errors.badParameter(
      `Secret ${secret.name} has ${secret.versions.length} versions; a backup can hold at most ${LIMITS.backupVersionsMax}.`,
    );
  }
  return { value: encodeBackup(ctx.backupKey, { name: secret.name, versions: secret.versions }) };
}

// RestoreSecret — POST /secrets/restore
export async function restoreSecret(ctx: SecretOpContext, body: unknown) {
  const b = requireObjectBody(body);
  if (b.value === undefined || b.value === null) throw Errors.badParameter("The parameter 'value' is required.");
  const payload = decodeBackup(ctx.backupKey, b.value);
  return ctx.store.update((data) => {
    const vault = vaultOf(data, ctx);
    const key = payload.name.toLowerCase();
    const latest = payload.versions[payload.versions.length - 1];
    if (vault.secrets[key]) {
      throw Errors.restoreConflict(secretVersionId(render(ctx, vault), payload.name, latest.version));
    }
    if (activeDeleted(vault, key, ctx.now)) throw Errors.secretDeletedButRecoverable(payload.name);
    delete vault.deletedSecrets[key];
    const secret: SecretRecord = freezeSecret({ name: payload.name, versions: payload.versions });
    vault.secrets[key] = secret;
    return secretBundle(render(ctx, vault), secret, latest, false);
  });
}

/** Removes soft-deleted secrets whose scheduled purge date has passed. Returns how many. */
export function sweepExpired(data: StoreData, now: number): number {
  let purged = 0;
  for (const vault of Object.values(data.vaults)) {
    for (const [key, deleted] of Object.entries(vault.deletedSecrets)) {
      if (deleted.scheduledPurgeDate <= now) {
        delete vault.deletedSecrets[key];
        purged++;
      }
    }
  }
  return purged;
}

export function hasExpired(data: StoreData, now: number): boolean {
  return Object.values(data.vaults).some((v) => Object.values(v.deletedSecrets).some((d) => d.scheduledPurgeDate <= now));
}
