/**
 * `keyvault-emulator token`: prints an access token signed with the data directory's key, minted
 * offline (for curl and tests; works whether or not the emulator runs).
 *
 * `keyvault-emulator client create|list|delete`: the clients of a running emulator's token issuer,
 * through its admin API (`/_emulator/clients`), authenticated with a management token minted the
 * same way and trusting the CA of the data directory.
 */
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DATA_DIR } from '../server';
import { CLIENT_KINDS, isGuid, type ClientKind } from '../identity/clients';
import { DEFAULT_TOKEN_SCOPE } from '../identity/setup';
import { TOKEN_LIFETIME_SECONDS } from '../identity/tokens';
import { CliFailure, emulatorCa, mintWithDataDir, requestEmulator, requireDataDir, runCommand, type EmulatorResponse, type Minting } from './common';

const DEFAULT_URL = 'https://localhost:8443';
const MANAGEMENT_SCOPE = 'https://management.azure.com/.default';

function guid(what: string) {
  return (value: string): string => {
    if (!isGuid(value)) throw new InvalidArgumentError(`${what} '${value}' is not a GUID.`);
    return value.toLowerCase();
  };
}

function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`'${value}' is not a URL (e.g. ${DEFAULT_URL}).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidArgumentError(`'${value}' is not an http(s) URL.`);
  return url.origin;
}

function parseLifetime(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 7 * 86400) {
    throw new InvalidArgumentError(`'${value}' is not a lifetime in seconds (1-604800).`);
  }
  return Number(value);
}

function parseTenant(value: string): string {
  if (!/^[A-Za-z0-9.-]{1,100}$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a tenant id.`);
  return value;
}

function parseKind(value: string): ClientKind {
  if (!(CLIENT_KINDS as readonly string[]).includes(value)) throw new InvalidArgumentError(`'${value}' is not a kind (${CLIENT_KINDS.join(', ')}).`);
  return value as ClientKind;
}

interface TokenFlags extends Minting {
  clientId?: string;
  objectId?: string;
  appId?: string;
  scope: string;
  lifetime: number;
}

export function registerToken(program: Command): void {
  program
    .command('token')
    .description("print an access token signed with the data directory's key (minted offline; for curl and tests)")
    .option('-d, --data-dir <dir>', 'data directory of the emulator', DEFAULT_DATA_DIR)
    .option('--client-id <id>', 'a registered client (default: the development client)', guid('client id'))
    .option('--object-id <oid>', 'any principal, by object id (the oid claim)', guid('object id'))
    .option('--app-id <appid>', 'the appid claim, with --object-id (default: the client id of a registered principal, else the object id)', guid('app id'))
    .option('--scope <scope>', 'scope; the audience is its resource', DEFAULT_TOKEN_SCOPE)
    .option('--tenant <id>', "tenant (default: the tenant of the emulator's last start)", parseTenant)
    .option('--url <url>', 'origin of the emulator, named in the issuer', parseUrl, DEFAULT_URL)
    .option('--lifetime <seconds>', 'lifetime in seconds', parseLifetime, TOKEN_LIFETIME_SECONDS)
    .action(async (flags: TokenFlags, command: Command) => {
      if (flags.clientId && flags.objectId) command.error('error: --client-id and --object-id name a principal each; give one.');
      if (flags.appId && !flags.objectId) command.error('error: --app-id goes with --object-id.');
      await runCommand(async () => {
        const token = await mintWithDataDir(flags, flags, flags.scope, flags.lifetime);
        process.stdout.write(`${token}\n`);
      });
    });
}

// --- client create|list|delete ---

interface ClientFlags extends Minting {
  json?: boolean;
}

async function callAdminApi(flags: ClientFlags, method: string, apiPath: string, body?: unknown): Promise<EmulatorResponse> {
  const dataDir = await requireDataDir(flags.dataDir);
  const token = await mintWithDataDir(flags, {}, MANAGEMENT_SCOPE, 300);
  return requestEmulator(flags.url, method, apiPath, { body, token, ca: await emulatorCa(flags.url, dataDir) });
}

function expectOk(response: EmulatorResponse, expected: number): void {
  if (response.status === expected) return;
  const message = (response.json as { error?: { message?: string } } | undefined)?.error?.message ?? String(response.json ?? '');
  throw new CliFailure(`${message} (HTTP ${response.status})`);
}

interface ClientView {
  clientId: string;
  objectId: string;
  displayName: string;
  kind: string;
  builtIn?: string;
}

function table(clients: ClientView[]): string {
  const rows = [['CLIENT ID', 'OBJECT ID', 'KIND', 'NAME'], ...clients.map((c) => [c.clientId, c.objectId, c.kind, c.displayName + (c.builtIn ? ` (${c.builtIn})` : '')])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ')).join('\n');
}

export function registerClient(program: Command): void {
  const client = program.command('client').description("manage the clients of a running emulator's token issuer");
  const common = (cmd: Command) =>
    cmd
      .option('-d, --data-dir <dir>', 'data directory of the emulator (its CA and signing key are used)', DEFAULT_DATA_DIR)
      .option('--url <url>', 'URL of the running emulator', parseUrl, DEFAULT_URL)
      .option('--tenant <id>', "tenant (default: the tenant of the emulator's last start)", parseTenant);

  common(
    client
      .command('create')
      .description('register a client; prints its ids and, for an application, its secret (shown once)')
      .argument('<displayName>', 'display name')
      .option('--kind <kind>', `${CLIENT_KINDS.join(' or ')}`, parseKind, 'application' as ClientKind),
  ).action(async (displayName: string, flags: ClientFlags & { kind: ClientKind }) =>
    runCommand(async () => {
      const response = await callAdminApi(flags, 'POST', '/_emulator/clients', { displayName, kind: flags.kind });
      expectOk(response, 201);
      process.stdout.write(`${JSON.stringify(response.json, null, 2)}\n`);
    }),
  );

  common(client.command('list').description('list the registered clients (never secrets)').option('--json', 'JSON instead of a table')).action(
    async (flags: ClientFlags) =>
      runCommand(async () => {
        const response = await callAdminApi(flags, 'GET', '/_emulator/clients');
        expectOk(response, 200);
        const clients = (response.json as { value: ClientView[] }).value;
        process.stdout.write(`${flags.json ? JSON.stringify(clients, null, 2) : table(clients)}\n`);
      }),
  );

  common(client.command('delete').description('remove a client').argument('<clientId>', 'client id', guid('client id'))).action(
    async (clientId: string, flags: ClientFlags) =>
      runCommand(async () => {
        expectOk(await callAdminApi(flags, 'DELETE', `/_emulator/clients/${encodeURIComponent(clientId)}`), 204);
      }),
  );
  client.commands.forEach((c) => c.exitOverride());
}
