/**
 * Child emulators for the reliability suite: the built CLI (`bin/keyvault-emulator.cjs`), with its
 * stdout and stderr written to files (the leak scan reads them) as well as kept in memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { CLI } from '../../helpers/cli';

export interface ChildEmulator {
  proc: ChildProcess;
  pid: number;
  /** Main URL (default vault), e.g. https://localhost:40123 */
  url: string;
  port: number;
  /** The CA to trust (PEM). */
  ca: string;
  /** Vault name → [canonical URL, zero-DNS URL], from the banner. */
  vaults: Record<string, [string, string]>;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (code, signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

interface Spawned {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnCli(args: string[], logBase: string): Spawned {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const outFile: WriteStream = createWriteStream(`${logBase}.stdout.log`, { flags: 'a' });
  const errFile: WriteStream = createWriteStream(`${logBase}.stderr.log`, { flags: 'a' });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    outFile.write(d);
  });
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    errFile.write(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('close', (code, signal) => {
      // Both pipes are drained at 'close'; flush the files before anyone reads them.
      let pending = 2;
      const one = () => {
        if (--pending === 0) resolve({ code, signal });
      };
      outFile.end(one);
      errFile.end(one);
    });
  });
  return { proc, out: () => out, err: () => err, exited };
}

/**
 * Starts `keyvault-emulator start <args>` and waits for its banner. `logBase` is a path prefix:
 * `<logBase>.stdout.log` and `<logBase>.stderr.log` receive the output.
 */
export async function startChild(args: string[], logBase: string, timeoutMs = 30_000): Promise<ChildEmulator> {
  const { proc, out, err, exited } = spawnCli(['start', ...args], logBase);
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((info) => (exitInfo = info));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`emulator did not start in ${timeoutMs} ms:\n${out()}\n${err()}`));
    }, timeoutMs);
    const check = () => {
      if (!out().includes('Stop with Ctrl-C.')) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      resolve();
    };
    proc.stdout!.on('data', check);
    void exited.then((info) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${info.code ?? info.signal}) before it was ready:\n${out()}\n${err()}`));
    });
  });
  const banner = out();
  const url = /Default vault: (\S+)/.exec(banner)![1];
  const caPath = /export NODE_EXTRA_CA_CERTS=(\S+)/.exec(banner)![1];
  const vaults: Record<string, [string, string]> = {};
  for (const m of banner.matchAll(/^\s{2}(\S+)\s+(https?:\/\/\S+)\/\s+(https?:\/\/\S+)\/$/gm)) vaults[m[1]] = [m[2], m[3]];
  return {
    proc,
    pid: proc.pid!,
    url,
    port: Number(new URL(url).port),
    ca: readFileSync(caPath, 'utf8'),
    vaults,
    stdout: out,
    stderr: err,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (!exitInfo) proc.kill(signal);
      return exited;
    },
    alive: () => exitInfo === undefined,
  };
}

/** Runs `keyvault-emulator start <args>` expecting it to refuse to start; resolves at exit. */
export function runChildToExit(
  args: string[],
  logBase: string,
  timeoutMs = 30_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return runCli(['start', ...args], logBase, timeoutMs);
}

/** Runs any `keyvault-emulator <args>` command to its exit, output captured to files. */
export async function runCli(
  args: string[],
  logBase: string,
  timeoutMs = 30_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const { proc, out, err, exited } = spawnCli(args, logBase);
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const info = await exited;
  clearTimeout(timer);
  return { ...info, stdout: out(), stderr: err() };
}

/** Peak and current resident set size of a process in bytes (Linux /proc), or undefined elsewhere. */
export function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
