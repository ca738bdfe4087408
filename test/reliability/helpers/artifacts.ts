/**
 * Where the reliability suite keeps what it produces, and the figures it reports.
 *
 * Every test file gets `test/reliability/.artifacts/<file>/` (wiped when the file starts): emulator
 * logs, captured stdout/stderr of child emulators, recorded error responses, data directories.
 * `zz-leaks.test.ts` scans all of it for marker values, and prints the summary of the figures.
 *
 * Marker values: every secret value and token the suite sends contains `LEAKCHECK-` (see
 * `marker()`), so a leak is found by one substring search, whatever the log format.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RELIABILITY_DIR = path.join(__dirname, '..');
export const ARTIFACTS_DIR = path.join(RELIABILITY_DIR, '.artifacts');
export const SUMMARY_DIR = path.join(ARTIFACTS_DIR, '.summary');
export const MARKER_PREFIX = 'LEAKCHECK-';
/** Secrets without the marker (e.g. issued tokens) that the leak scan must look for too. */
export const NEEDLES_DIR = path.join(ARTIFACTS_DIR, '.needles');
/**
 * When this jest run started, as far as this process can tell: its own start (in band, the jest
 * process; otherwise a worker, started with the run). Figures older than that are a past run's.
 */
export const RUN_START = Date.now() - process.uptime() * 1000;

/** A distinctive value: `LEAKCHECK-<kind>-<random hex>`. */
export function marker(kind: string, bytes = 6): string {
  return `${MARKER_PREFIX}${kind}-${randomBytes(bytes).toString('hex')}`;
}

export interface FileArtifacts {
  readonly dir: string;
  /** A path inside the directory (parents created). */
  file(...parts: string[]): string;
  /** A fresh sub-directory. */
  subdir(...parts: string[]): string;
  /** Appends one JSON line to `errors.jsonl`: error responses the suite received (scanned for leaks). */
  recordError(entry: unknown): void;
  /** Marks the file as finished (zz-leaks waits for running files). */
  finish(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fresh artifacts of one test file in this process (`<name>-<pid>`, so two jest runs in the same
 * checkout do not trample each other); removes those of earlier, finished runs. Marks the file
 * running until `finish()`.
 */
export function artifactsFor(name: string): FileArtifacts {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const entry of readdirSync(ARTIFACTS_DIR)) {
    const m = /^(.+)-(\d+)$/.exec(entry);
    if (m && m[1] === name && (Number(m[2]) === process.pid || !alive(Number(m[2])))) {
      rmSync(path.join(ARTIFACTS_DIR, entry), { recursive: true, force: true });
    }
  }
  const dir = path.join(ARTIFACTS_DIR, `${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const running = path.join(ARTIFACTS_DIR, '.running', `${name}-${process.pid}`);
  mkdirSync(path.dirname(running), { recursive: true });
  writeFileSync(running, String(process.pid));
  const errors: string[] = [];
  const errorsFile = path.join(dir, 'errors.jsonl');
  let flushTimer: NodeJS.Timeout | undefined;
  const flushErrors = () => {
    if (errors.length === 0) return;
    writeFileSync(errorsFile, errors.splice(0).join(''), { flag: 'a' });
  };
  return {
    dir,
    file: (...parts) => {
      const p = path.join(dir, ...parts);
      mkdirSync(path.dirname(p), { recursive: true });
      return p;
    },
    subdir: (...parts) => {
      const p = path.join(dir, ...parts);
      rmSync(p, { recursive: true, force: true });
      mkdirSync(p, { recursive: true, mode: 0o700 });
      return p;
    },
    recordError: (entry) => {
      errors.push(`${JSON.stringify(entry)}\n`);
      if (errors.length >= 500) flushErrors();
      else flushTimer ??= setTimeout(() => {
        flushTimer = undefined;
        flushErrors();
      }, 200).unref();
    },
    finish: () => {
      if (flushTimer) clearTimeout(flushTimer);
      flushErrors();
      rmSync(running, { force: true });
    },
  };
}

/** Test files currently running in another process (pid alive), by name. */
export function runningElsewhere(): string[] {
  const dir = path.join(ARTIFACTS_DIR, '.running');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((entry) => {
    const pid = Number(readFileSync(path.join(dir, entry), 'utf8'));
    if (!Number.isInteger(pid) || pid === process.pid) return false; // one file at a time per process
    if (alive(pid)) return true;
    rmSync(path.join(dir, entry), { force: true }); // stale: that process is gone
    return false;
  });
}

/** Records figures of one test file (for the summary) and prints them as one quotable line. */
export function reportFigures(name: string, figures: Record<string, number | string>): void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const file = path.join(SUMMARY_DIR, `${name}.json`);
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const fresh = typeof previous.atMs === 'number' && previous.atMs >= RUN_START ? previous : {};
  writeFileSync(file, JSON.stringify({ ...fresh, ...figures, at: new Date().toISOString(), atMs: Date.now() }, null, 2));
  console.log(`reliability[${name}]: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

/** Figures recorded in this jest run, by test file. */
export function readFigures(): Record<string, Record<string, number | string>> {
  if (!existsSync(SUMMARY_DIR)) return {};
  const out: Record<string, Record<string, number | string>> = {};
  for (const f of readdirSync(SUMMARY_DIR).filter((n) => n.endsWith('.json'))) {
    const figures = JSON.parse(readFileSync(path.join(SUMMARY_DIR, f), 'utf8')) as Record<string, number | string>;
    if (typeof figures.atMs === 'number' && figures.atMs >= RUN_START) out[f.slice(0, -5)] = figures;
  }
  return out;
}

/** Adds values the leak scan must look for (kept in .artifacts/.needles/, which is not scanned). */
export function addNeedles(name: string, values: string[]): void {
  mkdirSync(NEEDLES_DIR, { recursive: true });
  writeFileSync(path.join(NEEDLES_DIR, `${name}-${process.pid}.json`), JSON.stringify(values));
}

export function readNeedles(): string[] {
  if (!existsSync(NEEDLES_DIR)) return [];
  return readdirSync(NEEDLES_DIR).flatMap((f) => {
    try {
      return JSON.parse(readFileSync(path.join(NEEDLES_DIR, f), 'utf8')) as string[];
    } catch {
      return [];
    }
  });
}

/** A seed from RELIABILITY_SEED (to replay a run) or a fresh one; printed by the caller. */
export function seedFor(): number {
  const fromEnv = process.env.RELIABILITY_SEED;
  if (fromEnv && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return randomBytes(4).readUInt32BE(0);
}

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
