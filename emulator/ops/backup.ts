/**
 * Backup blobs. Azure's blob is an opaque, encrypted JWE bound to a subscription and geography
 * (reference §2.6). Ours is likewise opaque and authenticated: AES-256-GCM under a key kept in the
 * emulator's data directory, so a blob restores into any vault of the same emulator installation,
 * and a tampered, truncated or foreign blob is refused with 400 "Malformed backup blob".
 *
 * Layout (then base64url without padding): MAGIC | iv (12) | tag (16) | ciphertext(JSON payload).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Errors } from '../core/errors';
import type { SecretVersion } from '../store/types';
import { freezeVersion } from '../store/schema';
import { checkSecretName, isVersionId } from './validate';

const MAGIC = Buffer.from('KeyVaultEmulatorSecretBackupV1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface BackupPayload {
  name: string;
  versions: readonly SecretVersion[];
}

export function encodeBackup(key: Buffer, payload: BackupPayload): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(MAGIC);
  const body = Buffer.concat([
    cipher.update(JSON.stringify({ name: payload.name, versions: payload.versions }), 'utf8'),
    cipher.final(),
  ]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function decodeBackup(key: Buffer, blob: unknown): BackupPayload {
  if (typeof blob !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(blob)) throw Errors.malformedBackup();
  const raw = Buffer.from(blob.replace(/=+$/, ''), 'base64url');
  if (raw.length <= MAGIC.length + IV_BYTES + TAG_BYTES || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw Errors.malformedBackup();
  }
  let text: string;
  try {
    const iv = raw.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = raw.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(MAGIC);
    decipher.setAuthTag(tag);
    text = Buffer.concat([decipher.update(raw.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    // Authentication failed: tampered, or made by another emulator installation.
    throw Errors.malformedBackup();
  }
  return validatePayload(text);
}

function validatePayload(text: string): BackupPayload {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw Errors.malformedBackup();
  }
  const d = doc as { name?: unknown; versions?: unknown };
  if (typeof d?.name !== 'string' || !Array.isArray(d.versions) || d.versions.length === 0) throw Errors.malformedBackup();
  checkSecretName(d.name);
  const versions = d.versions.map((v: Partial<SecretVersion>) => {
    if (
      typeof v?.version !== 'string' ||
      !isVersionId(v.version) ||
      typeof v.value !== 'string' ||
      typeof v.enabled !== 'boolean' ||
      typeof v.created !== 'number' ||
      typeof v.updated !== 'number'
    ) {
      throw Errors.malformedBackup();
    }
    const copy: SecretVersion = {
      version: v.version,
      value: v.value,
      ...(typeof v.contentType === 'string' ? { contentType: v.contentType } : {}),
      ...(v.tags && typeof v.tags === 'object' ? { tags: Object.assign(Object.create(null), v.tags) } : {}),
      enabled: v.enabled,
      ...(typeof v.nbf === 'number' ? { nbf: v.nbf } : {}),
      ...(typeof v.exp === 'number' ? { exp: v.exp } : {}),
      created: v.created,
      updated: v.updated,
    };
    return freezeVersion(copy);
  });
  return { name: d.name, versions };
}
