/**
 * Validation of data-plane input (reference §5). Each check throws a ServiceError from the
 * central catalogue; texts the reference marks "[?]" are our own wording (README: differences).
 */
import { Errors } from '../core/errors';
import type { Tags } from '../store/types';

export const LIMITS = {
  secretNameMax: 127,
  /** "25k bytes" (service limits); measured as UTF-8 bytes. */
  valueMaxBytes: 25_600,
  contentTypeMax: 255,
  tagsMax: 15,
  tagNameMax: 512,
  tagValueMax: 256,
  pageSizeMax: 25,
  backupVersionsMax: 500,
} as const;

const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const VERSION = /^[0-9a-fA-F]{32}$/;

export function checkSecretName(name: string): string {
  if (!SECRET_NAME.test(name)) throw Errors.invalidSecretName(name);
  return name;
}

export function isVersionId(value: string): boolean {
  return VERSION.test(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw Errors.badParameter('The request body must be a JSON object.');
  return body;
}

export function checkValue(value: unknown): string {
  if (value === undefined || value === null) throw Errors.badParameter("The parameter 'value' is required.");
  if (typeof value !== 'string') throw Errors.badParameter("The parameter 'value' must be a string.");
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > LIMITS.valueMaxBytes) {
    throw Errors.badParameter(
      `Secret is beyond the maximum permitted length of ${LIMITS.valueMaxBytes} bytes (found ${bytes}).`,
    );
  }
  return value;
}

export function checkContentType(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw Errors.badParameter("The parameter 'contentType' must be a string.");
  if (value.length > LIMITS.contentTypeMax) {
    throw Errors.badParameter(
      `The parameter 'contentType' is longer than ${LIMITS.contentTypeMax} characters (${value.length}).`,
    );
  }
  return value;
}

/** Returns a frozen, null-prototype tag map (tag names like "__proto__" are plain data here). */
export function checkTags(value: unknown): Tags | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw Errors.badParameter("The parameter 'tags' must be an object of strings.");
  const keys = Object.keys(value);
  if (keys.length > LIMITS.tagsMax) {
    throw Errors.badParameter(`Too many tags: ${keys.length}. A secret can have at most ${LIMITS.tagsMax} tags.`);
  }
  const tags: Tags = Object.create(null);
  for (const key of keys) {
    const tagValue = value[key];
    if (typeof tagValue !== 'string') throw Errors.badParameter(`The value of tag '${key}' must be a string.`);
    if (key.length > LIMITS.tagNameMax) {
      throw Errors.badParameter(`The tag name '${key.slice(0, 40)}…' is longer than ${LIMITS.tagNameMax} characters.`);
    }
    if (tagValue.length > LIMITS.tagValueMax) {
      throw Errors.badParameter(`The value of tag '${key}' is longer than ${LIMITS.tagValueMax} characters.`);
    }
    tags[key] = tagValue;
  }
  return Object.freeze(tags);
}

export interface WritableAttributes {
  enabled?: boolean;
  nbf?: number;
  exp?: number;
}

/** `enabled`, `nbf`, `exp`; read-only attributes (created, recoveryLevel, ...) are ignored like Azure does. */
export function checkAttributes(value: unknown): WritableAttributes {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw Errors.badParameter("The parameter 'attributes' must be an object.");
  const out: WritableAttributes = {};
  if (value.enabled !== undefined && value.enabled !== null) {
    if (typeof value.enabled !== 'boolean') throw Errors.badParameter("The attribute 'enabled' must be a boolean.");
    out.enabled = value.enabled;
  }
  for (const key of ['nbf', 'exp'] as const) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    // Any integer, negative too: SDK 4.10+ sends dates after 2038 wrapped to negative 32-bit values.
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw Errors.badParameter(`The attribute '${key}' must be an integer (seconds since 1970-01-01T00:00:00Z).`);
    }
    out[key] = Math.trunc(v);
  }
  return out;
}

export function checkMaxResults(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.pageSizeMax) {
    throw Errors.badParameter(
      `Invalid value for the 'maxresults' parameter: '${raw}'. It must be an integer between 1 and ${LIMITS.pageSizeMax}.`,
    );
  }
  return n;
}
