import fsSync, { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter that makes every write durable and atomic:
 *   1. the document is written to `<file>.tmp` (mode 0600) and fsync'ed,
 *   2. the current file is hard-linked to `<file>.bak` (the last good copy),
 *   3. `<file>.tmp` is renamed over `<file>` and the directory is fsync'ed.
 * A crash at any point leaves either the old or the new document in place, never a torn one.
 *
 * lowdb's own JSONFile adapter (steno) renames atomically but never fsyncs, so an acknowledged
 * write could vanish on power loss; that is why this adapter exists.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private readonly tmpPath: string;
  readonly backupPath: string;
  /**
   * The document is UTF-8-encoded here, reused from one write to the next: a new multi-megabyte
   * string and buffer per write made the heap (and RSS) of a busy 10,000-secret store balloon.
   */
  private buffer = Buffer.alloc(0);

  constructor(
    readonly filePath: string,
    /** The JSON text, as one string or as pieces to concatenate (see createCachedSerializer). */
    private readonly serialize: (data: T) => string | readonly string[],
    private readonly parse: (text: string, filePath: string) => T,
  ) {
    this.tmpPath = `${filePath}.tmp`;
    this.backupPath = `${filePath}.bak`;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.filePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return this.parse(text, this.filePath);
  }

  async write(data: T): Promise<void> {
    const bytes = this.encode(this.serialize(data));
    // The whole sequence runs as plain system calls, back to back. Each awaited fs call is a trip
    // through libuv's thread pool, and a flush has ten of them: that hand-off, not the disk, was
    // most of a durable write's latency (~10 ms against ~1.5 ms of system calls).
    const fd = fsSync.openSync(this.tmpPath, 'w', 0o600);
    try {
      let offset = 0;
      while (offset < bytes.length) offset += fsSync.writeSync(fd, bytes, offset, bytes.length - offset);
      fsSync.fsyncSync(fd);
    } finally {
      fsSync.closeSync(fd);
    }
    this.keepBackup();
    fsSync.renameSync(this.tmpPath, this.filePath);
    this.syncDirectory();
  }

  /** UTF-8 of the concatenated pieces, in the reused buffer (valid until the next write). */
  private encode(text: string | readonly string[]): Buffer {
    const pieces = typeof text === 'string' ? [text] : text;
    let buffer = this.buffer;
    let used = 0;
    const put = (s: string) => {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (used + s.length * 3 > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, used + s.length * 3 + 65536));
        buffer.copy(grown, 0, 0, used);
        buffer = grown;
      }
      used += buffer.write(s, used);
    };
    // Small pieces are joined into chunks first: one native write per piece would cost more
    // than the serialization itself.
    let chunk: string[] = [];
    let chunkLength = 0;
    for (const piece of pieces) {
      chunk.push(piece);
      chunkLength += piece.length;
      if (chunkLength >= 32768) {
        put(chunk.length === 1 ? chunk[0] : chunk.join(''));
        chunk = [];
        chunkLength = 0;
      }
    }
    if (chunk.length > 0) put(chunk.join(''));
    // Give memory back after the document shrank a lot (purges, a restore of a smaller file).
    this.buffer = buffer.length > 16 * 1024 * 1024 && used * 4 < buffer.length ? Buffer.alloc(0) : buffer;
    return buffer.subarray(0, used);
  }

  private keepBackup(): void {
    fsSync.rmSync(this.backupPath, { force: true });
    try {
      fsSync.linkSync(this.filePath, this.backupPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // first write: nothing to keep yet
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        // File systems without hard links: fall back to a copy.
        fsSync.copyFileSync(this.filePath, this.backupPath, fsConstants.COPYFILE_FICLONE);
        return;
      }
      throw err;
    }
  }

  /** fsync of the directory, so the rename itself is durable. */
  private syncDirectory(): void {
    let fd: number | undefined;
    try {
      fd = fsSync.openSync(path.dirname(this.filePath), 'r');
      fsSync.fsyncSync(fd);
    } catch (err) {
      // Some platforms refuse fsync on directories (EISDIR/EINVAL/EPERM); the rename itself is
      // still atomic there, so durability of the directory entry is best effort.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw err;
    } finally {
      if (fd !== undefined) fsSync.closeSync(fd);
    }
  }
}

/** Serializes a document as a list of string pieces whose concatenation is its JSON text. */
export type PiecesSerializer = (value: unknown) => readonly string[];

/**
 * JSON.stringify for the store document, incremental from one call to the next, as a list of
 * pieces (the writer encodes them into a reused buffer and never builds the whole text as one
 * string).
 *
 * Profiles of durable SetSecret (bench/, BENCHMARKS.md) showed that serializing the whole
 * document on every group commit was most of the CPU, and its garbage (a new multi-megabyte
 * string and buffer per write) most of the memory. Secrets are frozen and replaced on change
 * (store/types.ts), so:
 *  - a frozen object is serialized with JSON.stringify, and its text is kept in its parent's
 *    snapshot while the parent changes on every write (a secrets map): an unchanged secret costs
 *    an identity comparison and a reused string;
 *  - every other object keeps a shallow snapshot of its children; one that changed in the
 *    previous call (the root, the vault, its secrets map: on the path of every write) is simply
 *    rebuilt from the snapshot, while a stable one (vault properties ...) keeps its text and is
 *    re-checked by comparing its keys and child values by identity.
 * The concatenated pieces are byte-identical to JSON.stringify for the plain data the store
 * holds (objects, arrays, strings, finite numbers, booleans, null; undefined and functions are
 * left out as JSON.stringify does; no toJSON methods on unfrozen objects).
 */
export function createCachedSerializer(): PiecesSerializer {
  interface Entry {
    /** Own enumerable keys at the last write (undefined for arrays) and their `,"key":` texts. */
    keys: string[] | undefined;
    quoted: string[] | undefined;
    /** Child values at the last write, by index (arrays) or in `keys` order (objects). */
    values: unknown[];
    /** Entries of the unfrozen child objects, aligned with `values`. */
    children: Array<Entry | undefined>;
    /** Texts of the frozen children, kept while this object changes on every write. */
    texts: Array<string | undefined>;
    /** The object's own text, kept while it is stable and its parent is not. */
    text: string | undefined;
    /** Last call in which the object was found changed; check() memo for the current call. */
    changedAt: number;
    checkedAt: number;
    changed: boolean;
  }
  const entries = new WeakMap<object, Entry>();
  /** `,"key":` for keys seen (bounded); the first key of an object drops the comma. */
  const quotedKeys = new Map<string, string>();
  const NONE: never[] = [];
  let call = 0;

  const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';
  const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

  const quote = (key: string): string => {
    let q = quotedKeys.get(key);
    if (q === undefined) {
      q = `,${JSON.stringify(key)}:`;
      if (quotedKeys.size < 100_000) quotedKeys.set(key, q);
    }
    return q;
  };

  /** Whether a child that kept its identity changed inside. Frozen objects never do. */
  const childChanged = (item: unknown, entry: Entry | undefined): boolean =>
    isObject(item) && !Object.isFrozen(item) && (entry === undefined || check(item, entry));

  /** Whether an unfrozen object differs from its snapshot (memoized per call). */
  const check = (value: object, entry: Entry): boolean => {
    if (entry.checkedAt === call) return entry.changed;
    let changed = false;
    const old = entry.values;
    const children = entry.children;
    if (Array.isArray(value)) {
      if (value.length !== old.length) changed = true;
      for (let i = 0; !changed && i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== old[i] || childChanged(item, children[i])) changed = true;
      }
    } else {
      const oldKeys = entry.keys!;
      let i = 0;
      for (const key in value) {
        const item: unknown = (value as Record<string, unknown>)[key];
        if (i >= oldKeys.length || key !== oldKeys[i] || item !== old[i] || childChanged(item, children[i])) {
          changed = true;
          break;
        }
        i++;
      }
      if (i !== oldKeys.length) changed = true;
    }
    entry.checkedAt = call;
    entry.changed = changed;
    return changed;
  };

  /** Set by emitChild for its caller: the child's entry (unfrozen objects), its text (frozen, when kept). */
  let childEntry: Entry | undefined;
  let childText: string | undefined;

  /**
   * Appends the JSON pieces of a child value (not undefined, a function or a symbol) to `out`.
   * `known`/`knownText`: the child's entry or text from the parent's snapshot, when the child kept
   * its identity. Returns whether the child changed inside (see childEntry, childText).
   */
  const emitChild = (item: unknown, known: Entry | undefined, knownText: string | undefined, out: string[], parentHot: boolean): boolean => {
    childEntry = undefined;
    childText = undefined;
    if (!isObject(item)) {
      out.push(JSON.stringify(item));
      return false;
    }
    if (Object.isFrozen(item)) {
      const text = knownText ?? JSON.stringify(item);
      out.push(text);
      if (parentHot) childText = text;
      return false;
    }
    const entry = emitObject(item, known, out, parentHot);
    childEntry = entry;
    childText = undefined;
    return entry.changedAt === call;
  };

  /** Appends the JSON pieces of an unfrozen object to `out` and returns its entry. */
  const emitObject = (value: object, known: Entry | undefined, out: string[], parentHot: boolean): Entry => {
    let entry = known ?? entries.get(value);
    if (entry === undefined) {
      entry = { keys: undefined, quoted: undefined, values: NONE, children: NONE, texts: NONE, text: undefined, changedAt: -1, checkedAt: -1, changed: true };
      entries.set(value, entry);
    } else if (entry.text !== undefined) {
      if (!check(value, entry)) {
        out.push(entry.text);
        return entry;
      }
    }
    // Rebuild from the snapshot. Changed in the previous call too: expected to change every time.
    const hot = entry.changedAt === call - 1;
    const start = out.length;
    const oldValues = entry.values;
    const oldChildren = entry.children;
    const oldTexts = entry.texts;
    const children: Array<Entry | undefined> = [];
    const texts: Array<string | undefined> = [];
    let changed = entry.keys === undefined && oldValues === NONE;
    let values: unknown[];
    if (Array.isArray(value)) {
      values = value.slice();
      if (values.length !== oldValues.length) changed = true;
      out.push('[');
      for (let i = 0; i < values.length; i++) {
        const item = values[i];
        if (i > 0) out.push(',');
        const same = item === oldValues[i];
        if (!same) changed = true;
        if (skipped(item)) {
          out.push('null');
          continue;
        }
        if (emitChild(item, same ? oldChildren[i] : undefined, same ? oldTexts[i] : undefined, out, hot)) changed = true;
        children[i] = childEntry;
        texts[i] = childText;
      }
      out.push(']');
      entry.keys = undefined;
      entry.quoted = undefined;
    } else {
      const keys = Object.keys(value);
      const oldKeys = entry.keys ?? NONE;
      const oldQuoted = entry.quoted ?? NONE;
      const quoted = new Array<string>(keys.length);
      values = new Array<unknown>(keys.length);
      if (keys.length !== oldKeys.length) changed = true;
      let first = true;
      out.push('{');
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const item: unknown = (value as Record<string, unknown>)[key];
        values[i] = item;
        const sameKey = oldKeys[i] === key;
        quoted[i] = sameKey ? oldQuoted[i] : quote(key);
        const same = sameKey && item === oldValues[i];
        if (!same) changed = true;
        if (skipped(item)) continue;
        out.push(first ? quoted[i].slice(1) : quoted[i]);
        first = false;
        if (emitChild(item, same ? oldChildren[i] : undefined, same ? oldTexts[i] : undefined, out, hot)) changed = true;
        children[i] = childEntry;
        texts[i] = childText;
      }
      out.push('}');
      entry.keys = keys;
      entry.quoted = quoted;
    }
    entry.values = values;
    entry.children = children;
    entry.texts = hot ? texts : NONE;
    entry.checkedAt = call;
    entry.changed = false; // the snapshot is current now
    if (changed) entry.changedAt = call;
    // Keep the text of an object that is stable while its parent changes on every write.
    entry.text = parentHot && !changed ? out.slice(start).join('') : undefined;
    return entry;
  };

  let rootValue: object | undefined;
  let rootEntry: Entry | undefined;
  return (value: unknown): readonly string[] => {
    call++;
    if (skipped(value)) return ['null'];
    if (!isObject(value) || Object.isFrozen(value)) return [JSON.stringify(value)];
    const out: string[] = [];
    // The root changes whenever it is written: it never keeps a text of its own.
    rootEntry = emitObject(value, value === rootValue ? rootEntry : undefined, out, false);
    rootValue = value;
    return out;
  };
}

/** JSON.stringify through createCachedSerializer (one string). */
export function createCachedStringify(): (value: unknown) => string {
  const pieces = createCachedSerializer();
  return (value) => pieces(value).join('');
}
