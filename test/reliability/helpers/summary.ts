/**
 * The end of every reliability test file: scan everything the suite produced so far for leaks,
 * and print the summary of this run's figures as one line. Jest decides the order of the files,
 * so each one does it; the last `reliability:` line of a run has every figure, and the scan of the
 * file that finishes last covers every artifact.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, MARKER_PREFIX, RELIABILITY_DIR, readFigures, readNeedles, type FileArtifacts } from './artifacts';
import { scanForLeaks, type LeakReport } from './leaks';

export function finalCheck(art: FileArtifacts, extraNeedles: string[] = []): LeakReport {
  art.finish();
  const report = scanForLeaks([ARTIFACTS_DIR], [MARKER_PREFIX, ...readNeedles(), ...extraNeedles]);
  const figures = readFigures();
  const crash = figures.crash ?? {};
  const fuzz = figures.fuzz ?? {};
  const limits = figures['body-limits'] ?? {};
  const concurrency = figures.concurrency ?? {};
  const summary = {
    rounds: crash.rounds ?? 'not-run',
    writes_acked: crash.writes_acked ?? 'not-run',
    writes_lost: crash.writes_lost ?? 'not-run',
    hot_versions: concurrency.lowdb_hot_versions ?? 'not-run',
    fuzz_cases: fuzz.fuzz_cases ?? 'not-run',
    responses_5xx: fuzz.responses_5xx ?? 'not-run',
    oversized_413: limits.oversized_cases ?? 'not-run',
    leaks: report.leaks.length,
    files_scanned: report.filesScanned,
    audit_files_scanned: report.auditFiles,
  };
  console.log(`reliability: ${Object.entries(summary).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  writeFileSync(path.join(RELIABILITY_DIR, 'summary.json'), `${JSON.stringify({ summary, byFile: figures, at: new Date().toISOString() }, null, 2)}\n`);
  return report;
}
