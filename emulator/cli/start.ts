/**
 * `keyvault-emulator start`: runs the emulator until SIGINT/SIGTERM, printing the URLs and the
 * environment lines clients need.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import pino from 'pino';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, startEmulator, type RunningEmulator, type VaultSpec } from '../server';
import { ServiceError } from '../core/errors';
import { settingsProblem, vaultNameProblem } from '../ops/vaults';
import { VERSION } from '../version';
import { AUTH_MODES, type AuthMode } from '../http/auth';
import { identityEnvLines } from '../identity/env';

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError(`'${value}' is not a port number (0-65535; 0 picks a free port).`);
  }
  return Number(value);
}

/**
 * `--vault NAME[:PORT][,retention-days=N][,purge-protection][,soft-delete=false]`
 * e.g. `--vault app`, `--vault app:8444`, `--vault audit,retention-days=7,purge-protection`.
 */
export function parseVaultSpec(value: string, previous: VaultSpec[] = []): VaultSpec[] {
  const [head, ...settings] = value.split(',');
  const [name, port] = head.split(':');
  const nameProblem = vaultNameProblem(name ?? '');
  if (nameProblem) throw new InvalidArgumentError(nameProblem);
  const spec: VaultSpec = { name };
  if (port !== undefined) spec.port = parsePort(port);
  for (const setting of settings) {
    const [key, raw] = setting.split('=');
    const bool = (): boolean => {
      if (raw === undefined || raw === 'true') return true;
      if (raw === 'false') return false;
      throw new InvalidArgumentError(`'${setting}': use ${key}=true or ${key}=false.`);
    };
    switch (key) {
      case 'retention-days':
        if (!raw || !/^\d+$/.test(raw)) throw new InvalidArgumentError(`'${setting}': retention-days needs a number of days (7-90).`);
        spec.softDeleteRetentionInDays = Number(raw);
        break;
      case 'purge-protection':
        spec.purgeProtectionEnabled = bool();
        break;
      case 'soft-delete':
        spec.softDeleteEnabled = bool();
        break;
      case 'no-soft-delete':
        spec.softDeleteEnabled = false;
        break;
      default:
        throw new InvalidArgumentError(
          `unknown vault setting '${key}' in '${value}' (known: retention-days=N, purge-protection, soft-delete=false).`,
        );
    }
  }
  const problem = settingsProblem(spec);
  if (problem) throw new InvalidArgumentError(`vault '${name}': ${problem}`);
  return [...previous, spec];
}

/** Path of the optional preload that resolves *.localhost for Node apps (see preload/localhost.cjs). */
export function localhostPreloadPath(): string | undefined {
  const candidates = [path.join(__dirname, 'localhost.cjs'), path.join(__dirname, '..', 'preload', 'localhost.cjs')];
  return candidates.find((p) => existsSync(p));
}

const SYSTEM_CA_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/cert.pem', // macOS, OpenBSD
];

/**
 * Python (requests) and Go replace the system trust store with REQUESTS_CA_BUNDLE/SSL_CERT_FILE,
 * so they get a bundle of the system CAs plus ours, not ours alone.
 */
export async function writeCaBundle(emulator: RunningEmulator): Promise<string | undefined> {
  if (!emulator.caPath) return undefined;
  const bundle = path.join(path.dirname(emulator.caPath), 'ca-bundle.pem');
  let system = '';
  for (const file of SYSTEM_CA_BUNDLES) {
    try {
      system = await fs.readFile(file, 'utf8');
      break;
    } catch {
      // try the next location
    }
  }
  await fs.writeFile(bundle, `${system.trimEnd()}\n${emulator.ca}`, { mode: 0o644 });
  return bundle;
}

export function banner(emulator: RunningEmulator, caBundle: string | undefined): string {
  const vaults = Object.values(emulator.store.data.vaults).sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(...vaults.map((v) => v.name.length));
  const lines = [
    `keyvault-emulator ${VERSION} is ready.`,
    `  Store: ${emulator.store.backend === 'memory' ? 'in memory (nothing is written)' : emulator.store.location}`,
    `  Default vault: ${emulator.url}`,
    `  Auth: ${emulator.authMode}, tenant ${emulator.tenantId}`,
    '',
    'Vaults (canonical URL, and a zero-DNS URL on the vault\'s own port):',
    ...vaults.map((v) => `  ${v.name.padEnd(width)}  ${emulator.vaultUrl(v.name)}/   ${emulator.vaultPortUrl(v.name)}/`),
  ];
  // Like Azure, a declared vault allows only what it was told: say so before the first 403.
  const closed = vaults.filter((v) =>
    v.properties.rbacAuthorizationEnabled ? v.roleAssignments.length === 0 : v.properties.accessPolicies.length === 0,
  );
  if (closed.length) {
    lines.push('', 'Vaults that grant no access yet (like Azure, a vault allows only what it was told):');
    for (const v of closed) {
      lines.push(
        v.properties.rbacAuthorizationEnabled
          ? `  keyvault-emulator role assign ${v.name} --role "Key Vault Secrets Officer" --principal <object id> -d ${emulator.dataDir} --url ${emulator.url}`
          : `  keyvault-emulator policy add ${v.name} --object-id <object id> --secret-permissions all -d ${emulator.dataDir} --url ${emulator.url}`,
      );
    }
    lines.push(
      `  (object ids: development client ${emulator.devClient.objectId}, managed identity ${emulator.managedIdentity.objectId})`,
    );
  }
  if (emulator.caPath) {
    lines.push(
      '',
      `CA certificate: ${emulator.caPath}  (also served at ${emulator.url}/_emulator/ca.pem)`,
      'Make clients trust it:',
      `  export NODE_EXTRA_CA_CERTS=${emulator.caPath}`,
    );
    if (caBundle) lines.push(`  export REQUESTS_CA_BUNDLE=${caBundle}`, `  export SSL_CERT_FILE=${caBundle}`);
  }
  const preload = localhostPreloadPath();
  if (preload) {
    lines.push('Node apps on machines that do not resolve *.localhost:', `  export NODE_OPTIONS="--require ${preload}"`);
  }
  lines.push(...identityEnvLines(emulator));
  lines.push('', 'Stop with Ctrl-C.');
  return `${lines.join('\n')}\n`;
}

export function parseAuthMode(value: string): AuthMode {
  if (!(AUTH_MODES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`'${value}' is not an auth mode (${AUTH_MODES.join(', ')}).`);
  }
  return value as AuthMode;
}

interface StartFlags {
  port: number;
  host: string;
  dataDir: string;
  inMemory?: boolean;
  vault: VaultSpec[];
  http?: boolean;
  tenant?: string;
  auth: AuthMode;
  quiet?: boolean;
}

export function registerStart(program: Command): void {
  program
    .command('start', { isDefault: true })
    .description('start the emulator (HTTPS on 127.0.0.1:8443, data in ./.keyvault-emulator)')
    .option('-p, --port <port>', 'main port; 0 picks a free one', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on (keep it loopback unless you mean it)', DEFAULT_HOST)
    .option('-d, --data-dir <dir>', 'data directory: store file, CA, keys', DEFAULT_DATA_DIR)
    .option('--in-memory', 'keep secrets in memory only (CA and keys still live in the data directory)')
    .option(
      '--vault <spec>',
      'create or check a vault at start (repeatable): NAME[:PORT][,retention-days=N][,purge-protection][,soft-delete=false]',
      parseVaultSpec,
      [] as VaultSpec[],
    )
    .option('--http', 'serve plain HTTP instead of HTTPS (SDK 4.9+ with allowInsecureConnection only)')
    .option('--tenant <id>', 'tenant of the emulator: named in challenges and issued tokens')
    .option(
      '--auth <mode>',
      'none: no token needed; lenient: a bearer token is required, claims read unverified; strict: only emulator-issued tokens, fully verified',
      parseAuthMode,
      'lenient' as AuthMode,
    )
    .option('-q, --quiet', 'no access-log line per request')
    .action(async (flags: StartFlags) => {
      const logger = pino({ base: null, level: flags.quiet ? 'warn' : 'info' }, pino.destination({ dest: 1, sync: false }));
      let emulator: RunningEmulator;
      try {
        emulator = await startEmulator({
          port: flags.port,
          host: flags.host,
          dataDir: flags.dataDir,
          inMemory: flags.inMemory,
          vaults: flags.vault,
          http: flags.http,
          tenant: flags.tenant,
          auth: flags.auth,
          logger,
        });
      } catch (err) {
        process.stderr.write(`keyvault-emulator: ${(err as Error).message}\n`);
        // A setting Azure would refuse is a bad value (2); anything else a failure to start (1).
        process.exit(err instanceof ServiceError ? 2 : 1);
      }
      const bundle = await writeCaBundle(emulator);
      process.stdout.write(banner(emulator, bundle));
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ msg: 'stopping', signal });
        emulator.stop().then(
          () => {
            logger.flush();
            process.exit(0);
          },
          (err: Error) => {
            process.stderr.write(`keyvault-emulator: stopping failed: ${err.message}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
