/**
 * The CLI as users run it: flags, banner, env lines, signals, persistence across restarts.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, startCli } from '../helpers/cli';
import { rawRequest } from '../helpers/http';
import { tempDir } from '../helpers/emulator';

describe('keyvault-emulator start', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir('kve-cli-');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('unknown flags and bad values: one line on stderr, exit 2', () => {
    for (const args of [
      ['--bogus'],
      ['start', '--port', 'abc'],
      ['start', '--port', '70000'],
      ['start', '--vault', 'bad_name'],
      ['start', '--vault', 'app,retention-days=3'],
      ['start', '--vault', 'app,colour=blue'],
      ['start', '--vault', 'app,purge-protection,soft-delete=false'],
    ]) {
      const r = runCli([...args, '--data-dir', dataDir]);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^keyvault-emulator: /);
      expect(r.stdout).toBe('');
    }
  });

  test('--help describes every flag', () => {
    const r = runCli(['start', '--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--port', '--host', '--data-dir', '--in-memory', '--vault', '--http', '--tenant', '--quiet']) {
      expect(r.stdout).toContain(flag);
    }
  });

  test('prints URLs and trust lines, serves, logs requests without values, exits 0 on SIGTERM, data survives', async () => {
    const cli = await startCli(['--port', '0', '--data-dir', dataDir, '--vault', 'app,retention-days=7']);
    let code: number | null;
    try {
      expect(cli.vaults.app[0]).toBe(`https://app.vault.localhost:${cli.port}`);
      expect(cli.vaults.default[0]).toBe(`https://default.vault.localhost:${cli.port}`);
      expect(cli.env.NODE_EXTRA_CA_CERTS).toBe(path.join(dataDir, 'tls', 'ca.pem'));
      expect(cli.env.REQUESTS_CA_BUNDLE).toBe(path.join(dataDir, 'tls', 'ca-bundle.pem'));
      expect(cli.env.SSL_CERT_FILE).toBe(cli.env.REQUESTS_CA_BUNDLE);
      expect(cli.env.NODE_OPTIONS).toMatch(/^--require \S+localhost\.cjs$/);

      const ca = (await rawRequest('', { url: `${cli.url}/_emulator/ca.pem`, token: null }).catch(() => undefined))?.text;
      expect(ca).toBeUndefined(); // untrusted without the CA
      const caPem = require('node:fs').readFileSync(cli.env.NODE_EXTRA_CA_CERTS, 'utf8') as string;
      expect((await rawRequest(caPem, { url: `${cli.url}/_emulator/ca.pem`, token: null })).text).toBe(caPem);
      expect((await rawRequest(caPem, { url: `${cli.url}/_emulator/health`, token: null })).status).toBe(200);
      // A declared vault grants nothing it was not told to: the caller is named in the denial.
      const denied = await rawRequest(caPem, { method: 'PUT', url: `${cli.vaults.app[0]}/secrets/cli-secret?api-version=7.6`, body: { value: 'v' } });
      expect(denied.status).toBe(403);
      expect(denied.json.error.innererror).toEqual({ code: 'AccessDenied' });
      expect(denied.json.error.message).toMatch(/^The user, group or application 'appid=22222222-2222-2222-2222-222222222222;oid=11111111-1111-1111-1111-111111111111;iss=' does not have secrets set permission on key vault 'app;location=westus'/);
      // The default vault carries the development policy.
      const set = await rawRequest(caPem, {
        method: 'PUT',
        url: `${cli.vaults.default[0]}/secrets/cli-secret?api-version=7.6`,
        body: { value: 'never-logged-value' },
      });
      expect(set.status).toBe(200);
      expect(set.json.attributes.recoverableDays).toBe(90);
      // Zero-DNS URL reaches the same vault.
      const viaPort = await rawRequest(caPem, { url: `${cli.vaults.default[1]}/secrets/cli-secret?api-version=7.6` });
      expect(viaPort.json.value).toBe('never-logged-value');

      // A child Node process with only the printed env lines: unmodified SDK code on the canonical URL.
      const script = path.join(dataDir, 'app.js');
      writeFileSync(
        script,
        `const { SecretClient } = require(${JSON.stringify(require.resolve('@azure/keyvault-secrets'))});
         const credential = { getToken: async () => ({ token: 'x.y.z', expiresOnTimestamp: Date.now() + 3600e3 }) };
         new SecretClient(process.env.VAULT_URL, credential).getSecret('cli-secret')
           .then((s) => console.log(s.value), (e) => { console.error(e.message); process.exit(1); });`,
      );
      const output = execFileSync(process.execPath, [script], {
        env: { PATH: process.env.PATH, ...cli.env, VAULT_URL: cli.vaults.default[0] },
        encoding: 'utf8',
      });
      expect(output.trim()).toBe('never-logged-value');
    } finally {
      code = await cli.stop('SIGTERM');
    }
    expect(code).toBe(0);
    expect(cli.stdout()).toMatch(/"method":"PUT","path":"\/secrets\/cli-secret","status":200/);
    expect(cli.stdout()).toMatch(/"method":"PUT","path":"\/secrets\/cli-secret","status":403/);
    expect(cli.stdout()).not.toContain('never-logged-value');

    // Restart on another port: the data is there, under the new origin.
    const again = await startCli(['--port', '0', '--data-dir', dataDir, '--quiet']);
    try {
      const caPem = require('node:fs').readFileSync(again.env.NODE_EXTRA_CA_CERTS, 'utf8') as string;
      const got = await rawRequest(caPem, { url: `${again.vaults.default[0]}/secrets/cli-secret?api-version=7.6` });
      expect(got.json.value).toBe('never-logged-value');
      expect(got.json.id.startsWith(`${again.vaults.default[0]}/secrets/cli-secret/`)).toBe(true);
      expect(Object.keys(again.vaults).sort()).toEqual(['app', 'default']);
    } finally {
      expect(await again.stop('SIGINT')).toBe(0);
    }
    expect(again.stdout()).not.toMatch(/"msg":"request"/); // --quiet
  });

  test('a vault setting Azure would refuse on an existing vault: exit 2 with the reason', async () => {
    const cli = await startCli(['--port', '0', '--data-dir', dataDir, '--vault', 'fixed,retention-days=30']);
    await cli.stop();
    const r = runCli(['start', '--port', '0', '--data-dir', dataDir, '--vault', 'fixed,retention-days=10']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('softDeleteRetentionInDays');
  });

  test('a busy port: a clear message, exit 1', async () => {
    const cli = await startCli(['--port', '0', '--data-dir', dataDir]);
    try {
      const r = runCli(['start', '--port', String(cli.port), '--data-dir', tempDir()]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/Port \d+ on 127\.0\.0\.1 \(the main port\) is already in use/);
    } finally {
      await cli.stop();
    }
  });

  test('--http serves plaintext', async () => {
    const cli = await startCli(['--port', '0', '--data-dir', dataDir, '--http', '--in-memory']);
    try {
      expect(cli.url).toMatch(/^http:\/\/localhost:\d+$/);
      expect((await rawRequest('', { url: `${cli.url}/secrets?api-version=7.6` })).status).toBe(200);
      expect(cli.env.NODE_EXTRA_CA_CERTS).toBeUndefined();
    } finally {
      await cli.stop();
    }
  });
});
