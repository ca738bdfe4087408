import { promises as fs, constants as fsConstants } from 'node:fs';
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

  constructor(
    readonly filePath: string,
    private readonly serialize: (data: T) => string,
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
    const text = this.serialize(data);
    const handle = await fs.open(this.tmpPath, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.keepBackup();
    await fs.rename(this.tmpPath, this.filePath);
    await syncDirectory(path.dirname(this.filePath));
  }

  private async keepBackup(): Promise<void> {
    await fs.rm(this.backupPath, { force: true });
    try {
      await fs.link(this.filePath, this.backupPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // first write: nothing to keep yet
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        // File systems without hard links: fall back to a copy.
        await fs.copyFile(this.filePath, this.backupPath, fsConstants.COPYFILE_FICLONE);
        return;
      }
      throw err;
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms refuse fsync on directories (EISDIR/EINVAL/EPERM); the rename itself is
    // still atomic there, so durability of the directory entry is best effort.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * JSON.stringify for the store document, incremental from one call to the next.
 *
 * A profile of durable SetSecret (bench/, BENCHMARKS.md) showed that writing the document on
 * every group commit was most of the CPU: walking every object and joining at every level cost
 * 3x more than plain JSON.stringify, even with the text of every frozen version cached. So each
 * object and array written is remembered with a shallow snapshot of its children and its text:
 *  - frozen objects (secret versions) are serialized once and cached by identity;
 *  - any other object is re-checked on every call by comparing its own keys and child values by
 *    identity (child objects recursively); an unchanged object reuses its text;
 *  - an object found changed in two consecutive calls (the root, the vault, its secrets map: on
 *    the path of every write) keeps no text: its pieces go straight into the output, so the large
 *    containers are copied once per call (the final join), not once per level.
 * A write to a store of 10,000 secrets is then a walk that compares references, the
 * serialization of the changed secret, and one join. The output is byte-identical to
 * JSON.stringify for the plain data the store holds (objects, arrays, strings, finite numbers,
 * booleans, null; undefined and functions are left out as JSON.stringify does).
 */
export function createCachedStringify(): (value: unknown) => string {
  interface Entry {
    /** Own enumerable keys at the last write (undefined for arrays), and `"key":` for each. */
    keys: string[] | undefined;
    quoted: string[] | undefined;
    /** Child values at the last write, by index (arrays) or in `keys` order (objects). */
    values: unknown[];
    text: string | undefined;
    /** Call in which the object was last found changed; memo of check() for the current call. */
    changedAt: number;
    checkedAt: number;
    changed: boolean;
    /** Object.keys() taken by check(), reused by the rebuild in the same call. */
    pendingKeys: string[] | undefined;
  }
  const frozenText = new WeakMap<object, string>();
  const entries = new WeakMap<object, Entry>();
  let call = 0;

  const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';
  const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  const mutable = (v: unknown): v is object => isObject(v) && !Object.isFrozen(v);

  const frozen = (value: object): string => {
    let text = frozenText.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      frozenText.set(value, text);
    }
    return text;
  };

  /** Whether a non-frozen object differs from its state at its last write (memoized per call). */
  const check = (value: object, entry: Entry): boolean => {
    if (entry.checkedAt === call) return entry.changed;
    let changed = false;
    const old = entry.values;
    if (Array.isArray(value)) {
      if (value.length !== old.length) changed = true;
      for (let i = 0; !changed && i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== old[i] || (mutable(item) && changedSince(item))) changed = true;
      }
    } else {
      const keys = Object.keys(value);
      const oldKeys = entry.keys!;
      if (keys.length !== oldKeys.length) changed = true;
      for (let i = 0; !changed && i < keys.length; i++) {
        const item: unknown = (value as Record<string, unknown>)[keys[i]];
        if (keys[i] !== oldKeys[i] || item !== old[i] || (mutable(item) && changedSince(item))) changed = true;
      }
      // Unchanged: the keys equal entry.keys, so the rebuild (if any) uses those.
      entry.pendingKeys = changed ? keys : undefined;
    }
    entry.checkedAt = call;
    entry.changed = changed;
    return changed;
  };

  const changedSince = (value: object): boolean => {
    const entry = entries.get(value);
    return entry === undefined || check(value, entry);
  };

  /** Appends the JSON text of a value that is not undefined, a function or a symbol. */
  const emit = (value: unknown, out: string[]): void => {
    if (!isObject(value)) {
      out.push(JSON.stringify(value));
      return;
    }
    if (Object.isFrozen(value)) {
      out.push(frozen(value));
      return;
    }
    let entry = entries.get(value);
    if (entry !== undefined && !check(value, entry) && entry.text !== undefined) {
      out.push(entry.text);
      return;
    }
    // Rebuild. Changed in the previous call too: on the path of every write, keep no text.
    const hot = entry !== undefined && entry.changed && entry.changedAt === call - 1;
    if (entry === undefined) {
      entry = {
        keys: undefined,
        quoted: undefined,
        values: [],
        text: undefined,
        changedAt: call,
        checkedAt: call,
        changed: true,
        pendingKeys: undefined,
      };
      entries.set(value, entry);
    } else if (entry.changed) {
      entry.changedAt = call;
    }
    const target = hot ? out : [];
    if (Array.isArray(value)) {
      const values = new Array<unknown>(value.length);
      target.push('[');
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        values[i] = item;
        if (i > 0) target.push(',');
        if (skipped(item)) target.push('null');
        else emit(item, target);
      }
      target.push(']');
      entry.values = values;
    } else {
      const keys = entry.pendingKeys ?? (entry.changed || entry.keys === undefined ? Object.keys(value) : entry.keys);
      const oldKeys = entry.keys;
      const oldQuoted = entry.quoted;
      const quoted = new Array<string>(keys.length);
      const values = new Array<unknown>(keys.length);
      let first = true;
      target.push('{');
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const item: unknown = (value as Record<string, unknown>)[key];
        values[i] = item;
        const q = oldKeys !== undefined && oldKeys[i] === key ? oldQuoted![i] : `${JSON.stringify(key)}:`;
        quoted[i] = q;
        if (skipped(item)) continue;
        target.push(first ? q : `,${q}`);
        first = false;
        emit(item, target);
      }
      target.push('}');
      entry.keys = keys;
      entry.quoted = quoted;
      entry.values = values;
    }
    entry.pendingKeys = undefined;
    entry.checkedAt = call;
    entry.changed = false; // its snapshot is current now
    if (hot) {
      entry.text = undefined;
    } else {
      entry.text = target.join('');
      out.push(entry.text);
    }
  };

  return (value: unknown): string => {
    call++;
    if (skipped(value)) return 'null';
    if (!isObject(value) || Object.isFrozen(value)) return isObject(value) ? frozen(value) : JSON.stringify(value);
    const out: string[] = [];
    emit(value, out);
    return out.length === 1 ? out[0] : out.join('');
  };
}
