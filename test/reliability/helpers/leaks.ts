/**
 * The leak scan: every file the suite produced that is not a store of secrets (logs, captured
 * stdout/stderr, recorded error responses, audit files, anything new) must not contain a marker.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { MARKER_PREFIX } from './artifacts';

/** Files that hold secrets by design: the store (and its copies), keys, TLS material. */
export function holdsSecretsByDesign(file: string): boolean {
  const base = path.basename(file);
  const parts = file.split(path.sep);
  return (
    /^store\.json(\.bak|\.tmp|\.damaged-.*)?$/.test(base) ||
    parts.includes('keys') ||
    parts.includes('tls') ||
    parts.includes('.running') ||
    parts.includes('.summary') ||
    parts.includes('.needles')
  );
}

export interface LeakReport {
  filesScanned: number;
  bytesScanned: number;
  /** Audit files among the scanned files (under an `audit/` directory). */
  auditFiles: number;
  leaks: Array<{ file: string; offset: number; excerpt: string }>;
}

function* walk(dir: string): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    let st;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) yield* walk(full);
    else if (st.isFile()) yield full;
  }
}

export function scanForLeaks(dirs: string[], needles: string[] = [MARKER_PREFIX]): LeakReport {
  const report: LeakReport = { filesScanned: 0, bytesScanned: 0, auditFiles: 0, leaks: [] };
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      if (holdsSecretsByDesign(file)) continue;
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch {
        continue; // removed meanwhile (another run cleaning its artifacts)
      }
      report.filesScanned++;
      report.bytesScanned += data.length;
      if (file.split(path.sep).includes('audit')) report.auditFiles++;
      for (const needle of needles) {
        let at = data.indexOf(needle);
        while (at >= 0 && report.leaks.length < 50) {
          const excerpt = data.subarray(Math.max(0, at - 80), at + 80).toString('utf8').replace(/\s+/g, ' ');
          report.leaks.push({ file: path.relative(process.cwd(), file), offset: at, excerpt });
          at = data.indexOf(needle, at + needle.length);
        }
      }
    }
  }
  return report;
}
