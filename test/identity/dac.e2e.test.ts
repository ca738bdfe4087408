/**
 * Unmodified app code in a child process, given only the env lines the emulator prints:
 * `new SecretClient(process.env.VAULT_URL, new DefaultAzureCredential())` gets emulator tokens
 * through the App Service managed-identity endpoint, and through IMDS
 * (AZURE_POD_IDENTITY_AUTHORITY_HOST, which msal-node accepts with an https host). The
 * service-principal lines drive ClientSecretCredential. The emulator runs in strict mode, so
 * every token is verified. Nothing secret reaches the emulator's stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, startCli, type RunningCli } from '../helpers/cli';
import { tempDir } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';

// Child processes on a shared machine; jest 30 ignored the e2e project's testTimeout here (5 s default).
jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');

const DAC_APP = `const { SecretClient } = require('@azure/keyvault-secrets');
const { DefaultAzureCredential } = require('@azure/identity');
new SecretClient(process.env.VAULT_URL, new DefaultAzureCredential())
  .getSecret('greeting')
  .then((s) => console.log(s.value), (e) => { console.error(e.message); process.exit(1); });
`;

const SP_APP = `const { SecretClient } = require('@azure/keyvault-secrets');
const { ClientSecretCredential } = require('@azure/identity');
const env = process.env;
const credential = new ClientSecretCredential(env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID, env.AZURE_CLIENT_SECRET, {
  authorityHost: env.AZURE_AUTHORITY_HOST,
  disableInstanceDiscovery: true,
});
new SecretClient(env.VAULT_URL, credential)
  .getSecret('greeting')
  .then((s) => console.log(s.value), (e) => { console.error(e.message); process.exit(1); });
`;

/** The `export` lines of the banner section that starts with `heading` (up to the next blank line). */
function section(stdout: string, heading: RegExp): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) throw new Error(`no section ${heading} in:\n${stdout}`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => /^\s+export /.test(l)).map((l) => l.trim());
}

describe('DefaultAzureCredential in a child process, with only the printed env lines', () => {
  let dataDir: string;
  let appDir: string;
  let cli: RunningCli;
  let trust: string[];
  let managedIdentity: string[];
  let imds: string;
  let servicePrincipal: string[];
  let vaultUrl: string;

  beforeAll(async () => {
    dataDir = tempDir('kve-dac-');
    // The app lives outside the repository; its node_modules is the repository's (as after `npm i`).
    appDir = path.join(dataDir, 'app');
    mkdirSync(appDir);
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
    writeFileSync(path.join(appDir, 'dac.js'), DAC_APP);
    writeFileSync(path.join(appDir, 'sp.js'), SP_APP);

    cli = await startCli(['--port', '0', '--data-dir', path.join(dataDir, 'd'), '--auth', 'strict']);
    const out = cli.stdout();
    trust = section(out, /^Make clients trust it:/);
    managedIdentity = section(out, /^Managed identity/);
    servicePrincipal = section(out, /^Service principal/);
    imds = /# or IMDS style[^:]*: (export AZURE_POD_IDENTITY_AUTHORITY_HOST=\S+)/.exec(out)![1];
    vaultUrl = cli.vaults.default[0];

    // A secret to read, written with a token from `keyvault-emulator token` (strict mode verifies it).
    const token = runCli(['token', '--data-dir', path.join(dataDir, 'd'), '--url', cli.url]).stdout.trim();
    const ca = readFileSync(path.join(dataDir, 'd', 'tls', 'ca.pem'), 'utf8');
    const put = await rawRequest(ca, { method: 'PUT', url: `${vaultUrl}/secrets/greeting?api-version=7.6`, body: { value: 'hello from the emulator' }, token });
    expect(put.status).toBe(200);
  });

  let stopped: number | null | undefined;
  afterAll(async () => {
    if (stopped === undefined) await cli.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `bash -c 'export …; node app'` with nothing else in the environment but PATH and HOME. */
  function runApp(exportLines: string[], app: string) {
    const script = `${exportLines.join('\n')}\nexport VAULT_URL=${vaultUrl}\nexec node ${app}\n`;
    return spawnSync('bash', ['-c', script], {
      cwd: appDir,
      env: { PATH: process.env.PATH, HOME: appDir },
      encoding: 'utf8',
      timeout: 120_000,
    });
  }

  test('the banner prints both groups; secrets are read from files, never printed', () => {
    expect(trust.some((l) => l.startsWith('export NODE_EXTRA_CA_CERTS='))).toBe(true);
    expect(trust.some((l) => l.startsWith('export NODE_OPTIONS="--require '))).toBe(true);
    expect(managedIdentity).toEqual([
      `export IDENTITY_ENDPOINT=${cli.url}/msi/token`,
      `export IDENTITY_HEADER="$(cat ${path.join(dataDir, 'd', 'keys', 'identity-header')})"`,
    ]);
    expect(imds).toBe(`export AZURE_POD_IDENTITY_AUTHORITY_HOST=${cli.url}`);
    expect(servicePrincipal).toEqual([
      expect.stringMatching(/^export AZURE_TENANT_ID=[0-9a-f-]{36}$/),
      expect.stringMatching(/^export AZURE_CLIENT_ID=[0-9a-f-]{36}$/),
      `export AZURE_CLIENT_SECRET="$(cat ${path.join(dataDir, 'd', 'keys', 'dev-client-secret')})"`,
      `export AZURE_AUTHORITY_HOST=${cli.url}`,
    ]);
  });

  test('App Service managed identity: IDENTITY_ENDPOINT + IDENTITY_HEADER', () => {
    const r = runApp([...trust, ...managedIdentity], 'dac.js');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout.trim()).toBe('hello from the emulator');
  });

  test('IMDS managed identity: AZURE_POD_IDENTITY_AUTHORITY_HOST with the https origin', () => {
    const r = runApp([...trust, imds], 'dac.js');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout.trim()).toBe('hello from the emulator');
  });

  test('service principal lines: ClientSecretCredential with authorityHost and disableInstanceDiscovery', () => {
    const r = runApp([...trust, ...servicePrincipal], 'sp.js');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout.trim()).toBe('hello from the emulator');
  });

  test('the emulator logged the identity requests, and no secret, header value or token', async () => {
    stopped = await cli.stop(); // the access log is flushed on exit
    expect(stopped).toBe(0);
    const out = cli.stdout();
    expect(out).toMatch(/"method":"GET","path":"\/msi\/token","status":200/);
    expect(out).toMatch(/"method":"GET","path":"\/metadata\/identity\/oauth2\/token\/?","status":200/);
    expect(out).toMatch(/"method":"POST","path":"\/[0-9a-f-]{36}\/oauth2\/v2\.0\/token","status":200/);
    expect(out).not.toContain(readFileSync(path.join(dataDir, 'd', 'keys', 'dev-client-secret'), 'utf8').trim());
    expect(out).not.toContain(readFileSync(path.join(dataDir, 'd', 'keys', 'identity-header'), 'utf8').trim());
    expect(out).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(out).not.toContain('hello from the emulator');
  });
});
