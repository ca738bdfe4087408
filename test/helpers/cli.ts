/**
 * Runs the built `keyvault-emulator` CLI as a child process, the way users do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'bin', 'keyvault-emulator.cjs');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI command to completion. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningCli {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Main URL from the banner. */
  url: string;
  port: number;
  /** `export NAME=value` lines of the banner. */
  env: Record<string, string>;
  /** Vault name → [canonical URL, zero-DNS URL]. */
  vaults: Record<string, [string, string]>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `keyvault-emulator start ...` and waits for its banner. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<RunningCli> {
  const proc = spawn(process.execPath, [CLI, 'start', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`emulator did not start in ${timeoutMs} ms:\n${out}\n${err}`));
    }, timeoutMs);
    const check = () => {
      if (!out.includes('Stop with Ctrl-C.')) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      const url = /Default vault: (\S+)/.exec(out)![1];
      const env: Record<string, string> = {};
      for (const m of out.matchAll(/^\s+export (\w+)=(.*)$/gm)) env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
      const vaults: Record<string, [string, string]> = {};
      for (const m of out.matchAll(/^\s{2}(\S+)\s+(https?:\/\/\S+)\/\s+(https?:\/\/\S+)\/$/gm)) vaults[m[1]] = [m[2], m[3]];
      resolve({
        proc,
        stdout: () => out,
        stderr: () => err,
        url,
        port: Number(new URL(url).port),
        env,
        vaults,
        stop: (signal = 'SIGTERM') => {
          proc.kill(signal);
          return exited;
        },
      });
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before it was ready:\n${out}\n${err}`));
    });
  });
}
