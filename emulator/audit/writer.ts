/**
 * The audit log on disk: JSON lines appended to `<dir>/audit.jsonl`, rotated by size into
 * `audit-<UTC timestamp>-<nnn>.jsonl` (names sort in rotation order), the oldest deleted beyond
 * `maxFiles`. Directory 0700, files 0600.
 *
 * `record()` sits on the request path, so it never throws and never waits: it serialises the
 * event and queues the line. A batch (everything queued while the previous write ran, or during
 * the current tick) goes to disk in one write call. Failures (disk full, permissions) are reported
 * through `onError`, rate-limited, and the batch is dropped: an audit outage must not turn into a
 * request outage. If the disk stalls, at most `maxPendingBytes` are held in memory; beyond that
 * records are dropped and counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AuditEvent } from './event';

export const CURRENT_FILE = 'audit.jsonl';
/** audit-2024-05-01T12-00-00.123Z-000.jsonl */
export const ROTATED_FILE = /^audit-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-\d{3,}\.jsonl$/;

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 10;
const DEFAULT_MAX_PENDING_BYTES = 64 * 1024 * 1024;
const ERROR_REPORT_INTERVAL_MS = 10_000;
/** How often the writer checks that its file is still the one at `audit.jsonl`. */
const REOPEN_CHECK_MS = 1000;

/** `<data-dir>/audit` */
export function auditDirOf(dataDir: string): string {
  return path.join(dataDir, 'audit');
}

export interface AuditLogOptions {
  /** A file is rotated before it would grow past this. Default 10 MiB. */
  maxFileBytes?: number;
  /** Files kept, the current one included (so at most maxFiles x maxFileBytes on disk). Default 10. */
  maxFiles?: number;
  /** Where write, rotation and retention failures go. Default: silent. */
  onError?: (err: Error, detail: { dropped: number }) => void;
  /** Memory held while the disk does not keep up; beyond it records are dropped. Default 64 MiB. */
  maxPendingBytes?: number;
}

export interface AuditLogStats {
  /** Records written to disk. */
  written: number;
  /** Records lost (write failures, backlog overflow, recorded after close). */
  dropped: number;
  rotations: number;
}

/** Rotated file names, oldest first. */
export function rotatedFiles(names: string[]): string[] {
  return names.filter((n) => ROTATED_FILE.test(n)).sort();
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

function fsWrite(fd: number, buffer: Buffer, offset: number): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.write(fd, buffer, offset, buffer.length - offset, null, (err, written) => (err ? reject(err) : resolve(written)));
  });
}

/** How long records gather before they are written together. */
const BATCH_MS = 20;

export class AuditLog {
  private fd: number | undefined;
  private ino = 0;
  private lastReopenCheck = 0;
  private size = 0;
  private queue: string[] = [];
  private queuedBytes = 0;
  private draining = false;
  private scheduled = false;
  private batchTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private recordedSeq = 0;
  private settledSeq = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private lastRotated: string | undefined;
  private lastErrorReport = 0;
  private droppedSinceReport = 0;
  private readonly stats_: AuditLogStats = { written: 0, dropped: 0, rotations: 0 };
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private readonly maxPendingBytes: number;
  private readonly onError: (err: Error, detail: { dropped: number }) => void;

  private constructor(
    readonly dir: string,
    options: AuditLogOptions,
  ) {
    this.maxFileBytes = Math.max(1, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    this.maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_MAX_FILES);
    this.maxPendingBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.onError = options.onError ?? (() => {});
  }

  /** Opens (creating) the audit directory and its current file. Throws only for an unusable directory. */
  static async open(dir: string, options: AuditLogOptions = {}): Promise<AuditLog> {
    const log = new AuditLog(path.resolve(dir), options);
    await fs.promises.mkdir(log.dir, { recursive: true, mode: 0o700 });
    await fs.promises.chmod(log.dir, 0o700);
    const names = await fs.promises.readdir(log.dir);
    log.lastRotated = rotatedFiles(names).pop();
    await log.openCurrent();
    return log;
  }

  get file(): string {
    return path.join(this.dir, CURRENT_FILE);
  }

  get stats(): AuditLogStats {
    return { ...this.stats_ };
  }

  /** Queues one record. Never throws, never blocks. */
  record(event: AuditEvent): void {
    const seq = ++this.recordedSeq;
    if (this.closed || this.queuedBytes > this.maxPendingBytes) {
      this.drop(1, this.closed ? undefined : new Error('the audit log is not keeping up; records dropped'));
      this.settleIfIdle(seq);
      return;
    }
    let line: string;
    try {
      line = `${JSON.stringify(event)}\n`;
    } catch (err) {
      this.drop(1, err as Error);
      this.settleIfIdle(seq);
      return;
    }
    this.queue.push(line);
    this.queuedBytes += line.length;
    if (!this.draining && !this.scheduled) {
      // Gather records for a moment: one write per batch, not one per request (at thousands of
      // requests a second a write each cost more than all the rest of the request). flush() and
      // close() do not wait for it.
      this.scheduled = true;
      this.batchTimer = setTimeout(() => void this.drain(), BATCH_MS);
    }
  }

  /** Resolves once every record recorded before the call is written (or dropped). */
  flush(): Promise<void> {
    const seq = this.recordedSeq;
    if (this.settledSeq >= seq) return Promise.resolve();
    const settled = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    if (this.scheduled && this.batchTimer) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
      void this.drain();
    }
    return settled;
  }

  /** Writes what is queued and closes the file; later records are dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    this.closeFd();
  }

  private async openCurrent(): Promise<void> {
    // Someone may have removed the directory while the emulator runs: recreate it.
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const fd = await new Promise<number>((resolve, reject) =>
      fs.open(this.file, 'a+', 0o600, (err, f) => (err ? reject(err) : resolve(f))),
    );
    try {
      fs.fchmodSync(fd, 0o600);
      const { size, ino } = fs.fstatSync(fd);
      this.ino = ino;
      if (size > 0) {
        // A crash can leave a torn last line; start the next record on a line of its own.
        const last = Buffer.alloc(1);
        fs.readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) this.size = size + fs.writeSync(fd, '\n');
        else this.size = size;
      } else {
        this.size = 0;
      }
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
    this.fd = fd;
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fs.closeSync(fd);
    } catch {
      // already unusable; nothing more to lose
    }
  }

  /** A dropped record counts as settled only once nothing queued before it is still pending. */
  private settleIfIdle(seq: number): void {
    if (!this.draining && !this.scheduled && this.queue.length === 0) this.settle(seq);
  }

  private settle(seq: number): void {
    if (seq > this.settledSeq) this.settledSeq = seq;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.seq <= this.settledSeq);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.seq > this.settledSeq);
    for (const w of ready) w.resolve();
  }

  private drop(count: number, err: Error | undefined): void {
    this.stats_.dropped += count;
    this.droppedSinceReport += count;
    if (err) this.report(err);
  }

  /** Reports at most one failure per interval, with the number of records lost since the last report. */
  private report(err: Error): void {
    const now = Date.now();
    if (now - this.lastErrorReport < ERROR_REPORT_INTERVAL_MS) return;
    this.lastErrorReport = now;
    const dropped = this.droppedSinceReport;
    this.droppedSinceReport = 0;
    try {
      this.onError(err, { dropped });
    } catch {
      // a failing logger must not break the audit log either
    }
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    this.batchTimer = undefined;
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const lines = this.queue;
        const upTo = this.recordedSeq;
        this.queue = [];
        this.queuedBytes = 0;
        try {
          await this.writeLines(lines);
        } catch (err) {
          // writeLines reports its own failures; this is the last line of defence.
          this.drop(0, err as Error);
        }
        this.settle(upTo);
      }
    } finally {
      this.draining = false;
      if (this.queue.length === 0) this.settle(this.recordedSeq);
    }
  }

  private async writeLines(lines: string[]): Promise<void> {
    const all = lines.length === 1 ? lines[0] : lines.join('');
    const bytes = Buffer.byteLength(all);
    if (this.size + bytes <= this.maxFileBytes) {
      await this.writeChunk(all, lines.length);
      return;
    }
    // The batch crosses the size limit: split it at line boundaries, rotating in between.
    let chunk: string[] = [];
    let chunkBytes = 0;
    for (const line of lines) {
      const lineBytes = Buffer.byteLength(line);
      if (this.size + chunkBytes + lineBytes > this.maxFileBytes && this.size + chunkBytes > 0) {
        if (chunk.length > 0) await this.writeChunk(chunk.join(''), chunk.length);
        chunk = [];
        chunkBytes = 0;
        await this.rotate();
      }
      chunk.push(line);
      chunkBytes += lineBytes;
    }
    if (chunk.length > 0) await this.writeChunk(chunk.join(''), chunk.length);
  }

  private async writeChunk(text: string, count: number): Promise<void> {
    try {
      await this.reopenIfReplaced();
      if (this.fd === undefined) await this.openCurrent();
      const buffer = Buffer.from(text);
      let offset = 0;
      while (offset < buffer.length) offset += await fsWrite(this.fd!, buffer, offset);
      this.size += buffer.length;
      this.stats_.written += count;
    } catch (err) {
      // Reopen on the next batch: the file may have been removed or the descriptor broken.
      this.closeFd();
      this.drop(count, err as Error);
    }
  }

  /**
   * Writes to a file someone deleted (say `rm -r audit/` to clear the log) succeed and vanish,
   * so now and then check that the open file is still the one at `audit.jsonl`.
   */
  private async reopenIfReplaced(): Promise<void> {
    const now = Date.now();
    if (this.fd === undefined || now - this.lastReopenCheck < REOPEN_CHECK_MS) return;
    this.lastReopenCheck = now;
    const st = await fs.promises.stat(this.file).catch(() => undefined);
    if (!st || st.ino !== this.ino) this.closeFd();
  }

  private nextRotatedName(): string {
    let name = `audit-${stampOf(new Date())}-000.jsonl`;
    // Keep names increasing even within one millisecond or when the clock steps back.
    if (this.lastRotated && name <= this.lastRotated) {
      const m = /^(audit-.+Z)-(\d+)\.jsonl$/.exec(this.lastRotated)!;
      name = `${m[1]}-${String(Number(m[2]) + 1).padStart(3, '0')}.jsonl`;
    }
    return name;
  }

  private async rotate(): Promise<void> {
    this.closeFd();
    const name = this.nextRotatedName();
    try {
      await fs.promises.rename(this.file, path.join(this.dir, name));
      this.lastRotated = name;
      this.stats_.rotations++;
    } catch (err) {
      // Keep appending to the current file; the next batch tries again.
      this.report(err as Error);
    }
    try {
      await this.openCurrent();
    } catch (err) {
      this.report(err as Error);
      return;
    }
    await this.enforceRetention();
  }

  private async enforceRetention(): Promise<void> {
    try {
      const rotated = rotatedFiles(await fs.promises.readdir(this.dir));
      const excess = rotated.length - (this.maxFiles - 1);
      for (const name of rotated.slice(0, Math.max(0, excess))) {
        await fs.promises.rm(path.join(this.dir, name), { force: true });
      }
    } catch (err) {
      this.report(err as Error);
    }
  }
}
