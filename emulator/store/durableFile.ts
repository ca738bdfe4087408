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
 * JSON.stringify with a cache for frozen objects: frozen values (secret versions) never change, so
 * their text is computed once. With 10,000 secrets a write then costs a walk over the maps plus a
 * join of cached strings, not a full re-serialization.
 */
export function createCachedStringify(): (value: unknown) => string {
  const cache = new WeakMap<object, string>();
  const write = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Object.isFrozen(value)) {
      let text = cache.get(value);
      if (text === undefined) {
        text = JSON.stringify(value);
        cache.set(value, text);
      }
      return text;
    }
    if (Array.isArray(value)) {
      return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : write(item))).join(',')}]`;
    }
    const parts: string[] = [];
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function') continue;
      parts.push(`${JSON.stringify(key)}:${write(item)}`);
    }
    return `{${parts.join(',')}}`;
  };
  return write;
}
