/**
 * `keyvault-emulator logs`: the access log (Key Vault AuditEvent records) of a data directory,
 * read from the files directly, so it works whether or not the emulator runs. A table by default,
 * JSON lines with --json; --follow keeps printing new records (like `tail -f`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_DATA_DIR } from '../server';
import { vaultOfResourceId, type AuditEvent } from '../audit/event';
import { filterParsers, followAudit, queryAudit, type AuditQuery } from '../audit/query';
import { auditDirOf } from '../audit/writer';

/** Records shown before following when --limit is not given (like tail). */
const FOLLOW_BACKLOG = 10;

interface LogsFlags {
  dataDir: string;
  vault?: string;
  operation?: string;
  principal?: string;
  since?: number;
  limit?: number;
  follow?: boolean;
  json?: boolean;
}

function flag<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  };
}

// --- table ---

const COLUMNS = ['TIME', 'VAULT', 'OPERATION', 'STATUS', 'CALLER', 'DURATION', 'OBJECT'] as const;
/** Widths used when following (rows are not known in advance); longer cells are cut. */
const FOLLOW_WIDTHS = [24, 16, 18, 16, 36, 8];

function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The cells of one record, in COLUMNS order. */
export function tableCells(e: AuditEvent): string[] {
  const claim = e.identity?.claim ?? {};
  const time = typeof e.time === 'string' ? e.time.replace(/(\.\d{3})\d*Z$/, '$1Z') : '';
  return [
    time,
    vaultOfResourceId(String(e.resourceId ?? '')) || '-',
    String(e.operationName ?? ''),
    `${e.properties?.httpStatusCode ?? ''} ${e.resultSignature ?? ''}`.trim(),
    claim.upn || claim.appid || claim.oid || e.callerIpAddress || '-',
    `${e.durationMs ?? ''}ms`,
    pathOf(e.properties?.id) || pathOf(e.properties?.requestUri) || '-',
  ];
}

function row(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => {
      if (i === cells.length - 1) return cell;
      const w = widths[i];
      return cell.length > w ? `${cell.slice(0, w - 1)}…` : cell.padEnd(w);
    })
    .join('  ')
    .trimEnd();
}

export function formatTable(events: AuditEvent[]): string {
  const rows = events.map(tableCells);
  const widths = COLUMNS.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [row([...COLUMNS], widths), ...rows.map((r) => row(r, widths))].join('\n') + '\n';
}

// --- command ---

function write(text: string): void {
  process.stdout.write(text);
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description('show the access log (Key Vault AuditEvent records) of a data directory')
    .option('-d, --data-dir <dir>', 'data directory of the emulator', DEFAULT_DATA_DIR)
    .option('--vault <name>', 'only this vault (case-insensitive)', flag(filterParsers.vault))
    .option('--operation <name>', 'only this operation, e.g. SecretGet, SecretSet, Authentication', flag(filterParsers.operation))
    .option('--principal <id>', 'only this caller: object id, application id or UPN', flag(filterParsers.principal))
    .option('--since <time>', 'only records since 30s, 10m, 2h, 7d ago or an ISO timestamp', flag(filterParsers.since))
    .option('--limit <n>', `at most N records, the most recent (with --follow: shown before following, default ${FOLLOW_BACKLOG})`, flag(filterParsers.limit))
    .option('-f, --follow', 'keep printing new records until Ctrl-C')
    .option('--json', 'print the records as JSON lines instead of a table')
    .action(async (flags: LogsFlags) => {
      const dataDir = path.resolve(flags.dataDir);
      const dir = auditDirOf(dataDir);
      if (!existsSync(dir)) {
        process.stderr.write(
          existsSync(dataDir)
            ? `keyvault-emulator: no audit log in ${dataDir} yet (${dir} is written once the emulator serves a request).\n`
            : `keyvault-emulator: no data directory at ${dataDir}; name the emulator's with --data-dir.\n`,
        );
        process.exit(1);
      }
      // `logs | head` closes the pipe early: that is not an error.
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(0);
        throw err;
      });
      const query: AuditQuery = { vault: flags.vault, operation: flags.operation, principal: flags.principal, since: flags.since };

      if (!flags.follow) {
        const events = await queryAudit(dir, { ...query, limit: flags.limit });
        if (flags.json) write(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
        else write(formatTable(events));
        return;
      }

      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (!flags.json) write(`${row([...COLUMNS], FOLLOW_WIDTHS)}\n`);
      for await (const e of followAudit(dir, query, { signal: controller.signal, backlog: flags.limit ?? FOLLOW_BACKLOG })) {
        write(flags.json ? `${JSON.stringify(e)}\n` : `${row(tableCells(e), FOLLOW_WIDTHS)}\n`);
      }
      process.exit(0);
    });
}
