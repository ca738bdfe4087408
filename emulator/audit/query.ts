/**
 * Reading the audit log back: filters, `since`, and following new records as they are appended.
 *
 * Works on the files alone (the emulator may or may not be running). Lines that are not complete
 * JSON records are skipped: a crash or a concurrent append can leave a torn last line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatAuditTime, type AuditEvent } from './event';
import { CURRENT_FILE, rotatedFiles } from './writer';

export interface AuditQuery {
  /** Vault name, case-insensitive (matched against the end of resourceId). */
  vault?: string;
  /** operationName, case-insensitive. */
  operation?: string;
  /** Matches identity.claim.oid, .appid or .upn (case-insensitive). */
  principal?: string;
  /** Only records at or after this instant (ms since the epoch). */
  since?: number;
  /** At most this many records: the most recent ones, still in time order. */
  limit?: number;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `10m`, `2h`, `7d`, `30s` (that long before `now`) or an ISO timestamp, as ms since the epoch.
 * Throws a RangeError with a message fit for a user otherwise.
 */
export function parseSince(value: string, now: number = Date.now()): number {
  const relative = /^(\d{1,9})([smhd])$/.exec(value.trim());
  if (relative) return now - Number(relative[1]) * UNITS[relative[2]];
  if (ISO_DATE.test(value.trim())) {
    const at = Date.parse(value.trim());
    if (Number.isFinite(at)) return at;
  }
  throw new RangeError(`'${value.slice(0, 64)}' is not a time: use 30s, 10m, 2h, 7d or an ISO timestamp such as 2024-05-01T12:00:00Z.`);
}

/** A compiled filter; the `since` bound is compared as text (record times are fixed-width UTC). */
export function matcher(query: AuditQuery): (event: AuditEvent) => boolean {
  const vaultSuffix = query.vault ? `/VAULTS/${query.vault.toUpperCase()}` : undefined;
  const operation = query.operation?.toLowerCase();
  const principal = query.principal?.toLowerCase();
  const since = query.since === undefined ? undefined : formatAuditTime(query.since);
  return (e) => {
    if (vaultSuffix && !(typeof e.resourceId === 'string' && e.resourceId.toUpperCase().endsWith(vaultSuffix))) return false;
    if (operation && !(typeof e.operationName === 'string' && e.operationName.toLowerCase() === operation)) return false;
    if (since && !(e.time >= since)) return false;
    if (principal) {
      const c = e.identity?.claim ?? {};
      const hit = [c.oid, c.appid, c.upn].some((v) => typeof v === 'string' && v.toLowerCase() === principal);
      if (!hit) return false;
    }
    return true;
  };
}

/** One line as a record, or undefined when it is not a complete record. */
export function parseLine(line: string): AuditEvent | undefined {
  if (line.length < 2 || line.charCodeAt(0) !== 0x7b /* { */) return undefined;
  try {
    const v = JSON.parse(line) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const e = v as AuditEvent;
    return typeof e.time === 'string' && typeof e.operationName === 'string' && typeof e.resourceId === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}

/** Audit files of a directory, oldest first, the current file last. [] when the directory is missing. */
export async function listAuditFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files = rotatedFiles(names);
  if (names.includes(CURRENT_FILE)) files.push(CURRENT_FILE);
  return files.map((n) => path.join(dir, n));
}

async function readRecords(file: string): Promise<AuditEvent[]> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    // Rotated away or deleted by retention between listing and reading.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: AuditEvent[] = [];
  for (const line of text.split('\n')) {
    const e = parseLine(line);
    if (e) out.push(e);
  }
  return out;
}

const byTime = (a: AuditEvent, b: AuditEvent) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0);

/**
 * Matching records in time order (a record is written when its request completes, so append
 * order is not quite time order). With `limit`, the most recent ones: files are read newest
 * first and reading stops once enough have matched.
 */
export async function queryAudit(dir: string, query: AuditQuery = {}): Promise<AuditEvent[]> {
  // A rotation while reading would hide the file just rotated: read again when the list changed.
  for (let attempt = 1; ; attempt++) {
    const files = await listAuditFiles(dir);
    const result = await queryFiles(files, query);
    const after = await listAuditFiles(dir);
    if (attempt === 3 || (after.length === files.length && after.every((f, i) => f === files[i]))) return result;
  }
}

async function queryFiles(files: string[], query: AuditQuery): Promise<AuditEvent[]> {
  const match = matcher(query);
  const since = query.since === undefined ? undefined : formatAuditTime(query.since);
  const found: AuditEvent[][] = [];
  let count = 0;
  for (let i = files.length - 1; i >= 0; i--) {
    const records = await readRecords(files[i]);
    const matched = records.filter(match);
    found.unshift(matched);
    count += matched.length;
    if (query.limit !== undefined && count >= query.limit) break;
    // Older files hold only older records: stop once a file starts before the bound.
    if (since && records.length > 0 && records[0].time < since) break;
  }
  const all = found.flat().sort(byTime);
  return query.limit !== undefined && all.length > query.limit ? all.slice(all.length - query.limit) : all;
}

export interface FollowOptions {
  /** How often to look for new records. Default 250 ms. */
  pollMs?: number;
  /** Ends the iteration. */
  signal?: AbortSignal;
  /**
   * First yield up to this many of the most recent matching records already written (like
   * `tail -n N -f`), read from the same position the following starts at: none is lost or
   * repeated in between. Default 0.
   */
  backlog?: number;
}

interface OpenFile {
  fd: number;
  ino: number;
  offset: number;
  /** An incomplete last line, kept until its newline arrives. */
  rest: Buffer;
}

function openAt(file: string, offset: number | 'end'): OpenFile | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  const st = fs.fstatSync(fd);
  return { fd, ino: st.ino, offset: offset === 'end' ? st.size : offset, rest: Buffer.alloc(0) };
}

/** Reads what was appended since the last read; complete lines only. */
const chunk = Buffer.allocUnsafe(1024 * 1024); // shared: readNew never awaits

function readNew(f: OpenFile): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (;;) {
    const n = fs.readSync(f.fd, chunk, 0, chunk.length, f.offset);
    if (n === 0) break;
    f.offset += n;
    const data = f.rest.length > 0 ? Buffer.concat([f.rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    // Decode complete lines only: a read can end inside a multi-byte character.
    const end = data.lastIndexOf(0x0a);
    f.rest = Buffer.from(data.subarray(end + 1));
    if (end < 0) continue;
    for (const line of data.toString('utf8', 0, end).split('\n')) {
      const e = parseLine(line);
      if (e) out.push(e);
    }
  }
  return out;
}

/** Reads a whole file once. */
function readAll(file: string): AuditEvent[] {
  const f = openAt(file, 0);
  if (!f) return [];
  try {
    const records = readNew(f);
    const last = parseLine(f.rest.toString('utf8'));
    if (last) records.push(last);
    return records;
  } finally {
    fs.closeSync(f.fd);
  }
}

function inoOf(file: string): number | undefined {
  try {
    return fs.statSync(file).ino;
  } catch {
    return undefined;
  }
}

/**
 * Yields matching records appended after the call, as they are appended, until `signal` aborts
 * (or the consumer stops iterating). Follows rotation: when the current file is renamed, the rest
 * of it is read, then any file rotated in between, then the new current file. Waits for the
 * directory and the file to appear when they do not exist yet.
 */
export async function* followAudit(dir: string, query: AuditQuery = {}, options: FollowOptions = {}): AsyncGenerator<AuditEvent> {
  const match = matcher(query);
  const pollMs = options.pollMs ?? 250;
  const backlog = options.backlog ?? 0;
  const current = path.join(dir, CURRENT_FILE);
  const rotatedNow = () => {
    try {
      return rotatedFiles(fs.readdirSync(dir));
    } catch {
      return [];
    }
  };
  // Hold the current file first, then list the rotated ones: a rotation in between shows up
  // as a rotated file with the held inode, which is skipped.
  let open = openAt(current, backlog > 0 ? 0 : 'end');
  const known = new Set<string>(rotatedNow());
  try {
    if (backlog > 0) {
      const earlier: AuditEvent[] = [];
      for (const name of known) {
        const file = path.join(dir, name);
        if (open && inoOf(file) === open.ino) continue;
        earlier.push(...readAll(file).filter(match));
      }
      if (open) earlier.push(...readNew(open).filter(match));
      earlier.sort(byTime);
      for (const e of earlier.slice(Math.max(0, earlier.length - backlog))) yield e;
    }
    /**
     * Moves on to the current file after a rotation (or once it first appears): the rest of the
     * old file, then the files rotated in between, oldest first. The new file is opened before
     * the listing, so every file rotated before it is listed; if it was itself rotated already,
     * files newer than it wait for the next rotation to be noticed.
     */
    const advance = (old: OpenFile | undefined): AuditEvent[] => {
      const out = old ? readNew(old) : [];
      const next = openAt(current, 0);
      for (const name of rotatedNow()) {
        if (known.has(name)) continue;
        const file = path.join(dir, name);
        const ino = inoOf(file);
        if (next && ino === next.ino) break;
        known.add(name);
        if (!old || ino !== old.ino) out.push(...readAll(file));
      }
      if (old) fs.closeSync(old.fd); // closed only now: its inode cannot be reused while we compare
      open = next;
      return out;
    };
    while (!options.signal?.aborted) {
      const batch: AuditEvent[] = [];
      if (!open) {
        batch.push(...advance(undefined));
      } else {
        const ino = inoOf(current);
        // Rotated: the writer renames only after its last write to the old file.
        if (ino !== undefined && ino !== open.ino) batch.push(...advance(open));
      }
      if (open) batch.push(...readNew(open));
      for (const e of batch) if (match(e)) yield e;
      try {
        await sleep(pollMs, undefined, { signal: options.signal });
      } catch {
        break; // aborted
      }
    }
  } finally {
    if (open) fs.closeSync(open.fd);
  }
}

// --- Filter values as users type them (CLI flags and the HTTP query share these rules) ---

export const MAX_LIMIT = 10_000;

/** Each throws a RangeError with a message fit for a user. */
export const filterParsers = {
  vault(value: string): string {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(value)) throw new RangeError(`'${value.slice(0, 64)}' is not a vault name (letters, digits and hyphens).`);
    return value;
  },
  operation(value: string): string {
    if (!/^[A-Za-z]{1,64}$/.test(value)) throw new RangeError(`'${value.slice(0, 64)}' is not an operation name (e.g. SecretGet, SecretSet, Authentication).`);
    return value;
  },
  principal(value: string): string {
    if (value.length === 0 || value.length > 256 || /[\u0000-\u001f\u007f]/.test(value)) {
      throw new RangeError('a principal is an object id, application id or user principal name (1-256 characters).');
    }
    return value;
  },
  since(value: string): number {
    return parseSince(value);
  },
  limit(value: string): number {
    if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT) {
      throw new RangeError(`'${value.slice(0, 64)}' is not a limit: use a whole number from 1 to ${MAX_LIMIT}.`);
    }
    return Number(value);
  },
} as const;

export type AuditFilterName = keyof typeof filterParsers;
