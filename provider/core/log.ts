/**
 * Provider logging, to stderr only.
 *
 * stdout belongs to the go-plugin handshake: anything else printed there
 * before the handshake line aborts Terraform with "Unrecognized remote plugin
 * message". go-plugin reads the plugin's stderr and, when a line is JSON with
 * hclog's `@level`/`@message` keys, re-logs it at that level, which is how
 * these lines show up under `TF_LOG=debug` / `TF_LOG_PROVIDER=debug`.
 */

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

function thresholdFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || '').toLowerCase();
  if (raw === 'json') return LEVELS.trace;
  return raw in LEVELS ? LEVELS[raw as LogLevel] : LEVELS.info;
}

const threshold = thresholdFromEnv(process.env);

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS[level] < threshold) return;
  const entry = {
    '@level': level,
    '@message': message,
    '@module': 'provider.keyvault',
    '@timestamp': new Date().toISOString(),
    ...fields,
  };
  process.stderr.write(JSON.stringify(entry) + '\n');
}
