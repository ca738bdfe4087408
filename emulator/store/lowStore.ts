import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low, Memory, type Adapter } from 'lowdb';
import { createCachedSerializer, DurableJsonFile } from './durableFile';
import { parseStoreText, StoreFileError } from './schema';
import { emptyStoreData, type Store, type StoreData } from './types';

/** Writing the store file failed (disk full, permissions ...); the change is not acknowledged. */
export class StoreWriteError extends Error {
  constructor(cause: Error) {
    super(`writing the store file failed (${(cause as NodeJS.ErrnoException).code ?? cause.message})`);
    this.name = 'StoreWriteError';
  }
}

export type StoreOptions = { backend: 'memory' } | { backend: 'lowdb'; file: string };

export interface OpenedStore extends Store {
  /** Set when the main file was damaged and the last good copy was loaded instead. */
  readonly recoveredFrom?: { damagedCopy: string; reason: string };
}

/**
 * Both backends are a lowdb `Low` document; they differ only in the adapter (lowdb's `Memory`, or
 * the durable JSON file). The group commit below is shared, so both run the same code paths.
 */
class LowStore implements OpenedStore {
  private waiting: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private flushing = false;
  private closed = false;

  constructor(
    readonly backend: 'lowdb' | 'memory',
    readonly location: string,
    private readonly db: Low<StoreData>,
    readonly recoveredFrom?: { damagedCopy: string; reason: string },
  ) {}

  get data(): StoreData {
    return this.db.data;
  }

  async update<T>(mutate: (data: StoreData) => T): Promise<T> {
    if (this.closed) throw new Error('The store is closed.');
    const result = mutate(this.db.data);
    await this.commit();
    return result;
  }

  /** Group commit: every update waiting when a flush starts is covered by that flush. */
  private commit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.flushing) void this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    this.flushing = true;
    // The file is written with blocking system calls (see durableFile.ts): before each flush, let
    // the event loop read the requests that arrived meanwhile, so they join this flush.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.db.write();
        for (const w of batch) w.resolve();
      } catch (err) {
        const failure = new StoreWriteError(err as Error);
        for (const w of batch) w.reject(failure);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let in-flight writes finish before refusing new ones.
    while (this.flushing || this.waiting.length > 0) await new Promise((r) => setTimeout(r, 5));
    this.closed = true;
  }
}

export async function openStore(options: StoreOptions): Promise<OpenedStore> {
  if (options.backend === 'memory') {
    const db = new Low<StoreData>(new Memory<StoreData>(), emptyStoreData());
    return new LowStore('memory', ':memory:', db);
  }
  const file = path.resolve(options.file);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const adapter = new DurableJsonFile<StoreData>(file, createCachedSerializer(), parseStoreText);
  const { data, recoveredFrom } = await readWithFallback(adapter);
  const db = new Low<StoreData>(adapter as Adapter<StoreData>, data ?? emptyStoreData());
  return new LowStore('lowdb', file, db, recoveredFrom);
}

/**
 * Reads the store file. If it is damaged (torn, truncated, not JSON) and the last good copy
 * (`.bak`) is intact, the damaged file is moved aside (`.damaged-<time>`) and the last good copy
 * is used; otherwise the error is raised and nothing is touched. The store is never silently
 * emptied. A file from a newer version is always refused.
 */
async function readWithFallback(
  adapter: DurableJsonFile<StoreData>,
): Promise<{ data: StoreData | null; recoveredFrom?: { damagedCopy: string; reason: string } }> {
  try {
    return { data: await adapter.read() };
  } catch (err) {
    if (!(err instanceof StoreFileError) || err.kind !== 'corrupt') throw err;
    let backupText: string;
    try {
      backupText = await fs.readFile(adapter.backupPath, 'utf8');
    } catch {
      throw new StoreFileError(
        `${err.message} No last good copy (${adapter.backupPath}) exists. Restore the file from a backup, ` +
          'or move it away to start empty.',
        'corrupt',
      );
    }
    const data = parseStoreText(backupText, adapter.backupPath);
    const damagedCopy = `${adapter.filePath}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Put the last good copy back in place so the next write starts from it. Never a moment without
    // a store file: were the emulator killed between moving the damaged file away and copying the
    // good one in, the next start would find no file and start empty, and its first write would
    // delete the last good copy. So: copy the damaged file aside, then replace it atomically.
    await fs.copyFile(adapter.filePath, damagedCopy);
    const recovering = `${adapter.filePath}.recovering`;
    await fs.copyFile(adapter.backupPath, recovering);
    await fs.chmod(recovering, 0o600);
    await fs.rename(recovering, adapter.filePath);
    return { data, recoveredFrom: { damagedCopy, reason: err.message } };
  }
}
