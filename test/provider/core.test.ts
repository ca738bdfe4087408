/**
 * Handshake rules, the self-signed certificate and its cache, and the
 * filesystem-mirror installation, as units.
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  candidatePorts,
  formatHandshakeLine,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  parseHandshakeLine,
  readHandshakeSettings,
} from '../../provider/core/handshake';
import {
  defaultCertCacheDir,
  generateServerCertificate,
  loadOrCreateServerCertificate,
  readCachedCertificate,
  writeCachedCertificate,
} from '../../provider/core/x509';
import { BUNDLE_FILE_NAME, buildProvider } from '../../provider/build';
import { cliConfig, installProvider, terraformPlatform } from '../../provider/install';
import { launcherScript } from '../../provider/launcher';
import { PROVIDER_VERSION } from '../../provider/version';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, tempDir } from './helpers';

describe('handshake settings', () => {
  const base = { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE };

  test('the magic cookie is required', () => {
    expect(readHandshakeSettings({})).toEqual({ ok: false, message: expect.stringContaining('This binary is a plugin') });
    expect(readHandshakeSettings({ [MAGIC_COOKIE_KEY]: 'wrong' }).ok).toBe(false);
  });

  test('PLUGIN_PROTOCOL_VERSIONS must include 6, in any order; absent means the default (6)', () => {
    expect(readHandshakeSettings({ ...base, PLUGIN_PROTOCOL_VERSIONS: '6,5' }).ok).toBe(true);
    expect(readHandshakeSettings({ ...base, PLUGIN_PROTOCOL_VERSIONS: '5, 6' }).ok).toBe(true);
    expect(readHandshakeSettings({ ...base }).ok).toBe(true);
    expect(readHandshakeSettings({ ...base, PLUGIN_PROTOCOL_VERSIONS: '5' })).toEqual({ ok: false, message: expect.stringMatching(/protocol 6/) });
  });

  test('TLS only with a client certificate, and never with TF_DISABLE_PLUGIN_TLS', () => {
    const pem = generateServerCertificate().certPem;
    expect(readHandshakeSettings({ ...base, PLUGIN_CLIENT_CERT: pem })).toMatchObject({ ok: true, clientCertPem: pem });
    expect(readHandshakeSettings({ ...base, PLUGIN_CLIENT_CERT: pem, TF_DISABLE_PLUGIN_TLS: '1' })).toMatchObject({ ok: true, clientCertPem: undefined });
    expect(readHandshakeSettings({ ...base })).toMatchObject({ ok: true, clientCertPem: undefined });
    const escaped = pem.replace(/\n/g, '\\n');
    expect(readHandshakeSettings({ ...base, PLUGIN_CLIENT_CERT: escaped })).toMatchObject({ clientCertPem: pem });
  });

  test('PLUGIN_MIN_PORT..PLUGIN_MAX_PORT bounds the listening port; 0 means any', () => {
    expect(readHandshakeSettings({ ...base, PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '10002' })).toMatchObject({ minPort: 10000, maxPort: 10002 });
    expect(candidatePorts(10000, 10002)).toEqual([10000, 10001, 10002]);
    expect(candidatePorts(0, 0)).toEqual([0]);
    expect(candidatePorts(5, 1)).toEqual([0]);
  });

  test('handshake line: DER in standard base64 without padding, and parsed back as go-plugin does', () => {
    const cert = generateServerCertificate();
    const line = formatHandshakeLine(4242, cert.der);
    expect(line.startsWith('1|6|tcp|127.0.0.1:4242|grpc|')).toBe(true);
    expect(line).not.toMatch(/=$/);
    expect(line).not.toContain('\n');
    const parsed = parseHandshakeLine(line);
    expect(parsed).toMatchObject({ coreVersion: 1, appVersion: 6, network: 'tcp', address: '127.0.0.1:4242', protocol: 'grpc' });
    expect(parsed.serverCertDer!.equals(cert.der)).toBe(true);
    expect(formatHandshakeLine(1, undefined)).toBe('1|6|tcp|127.0.0.1:1|grpc|');
    expect(() => parseHandshakeLine('hello world')).toThrow(/Unrecognized remote plugin message/);
  });
});

describe('server certificate', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = tempDir('cert');
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('ECDSA P-256, self-signed, localhost SAN, server+client EKU, CA with certSign', () => {
    const cert = generateServerCertificate();
    const x = new X509Certificate(cert.certPem);
    expect(x.subject).toContain('CN=localhost');
    expect(x.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(x.ca).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(x.raw.equals(cert.der)).toBe(true);
    expect(x.checkHost('localhost')).toBe('localhost');
  });

  test('cache: written 0600 in one file, read back, regenerated when near expiry or corrupt', () => {
    const dir = path.join(scratch(), 'cache');
    const first = loadOrCreateServerCertificate(dir);
    const file = path.join(dir, 'server-tls.pem');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(loadOrCreateServerCertificate(dir).der.equals(first.der)).toBe(true);

    // Expires in an hour: inside the renewal margin, so it is replaced.
    const expiring = generateServerCertificate({ lifetimeMs: 60 * 60 * 1000 });
    writeCachedCertificate(dir, expiring);
    expect(readCachedCertificate(dir)).toBeUndefined();
    const renewed = loadOrCreateServerCertificate(dir);
    expect(renewed.der.equals(expiring.der)).toBe(false);
    expect(Date.parse(new X509Certificate(renewed.der).validTo)).toBeGreaterThan(Date.now() + 7 * 24 * 3600 * 1000);

    // A certificate whose validity starts in the future is not used either.
    writeCachedCertificate(dir, generateServerCertificate({ now: new Date(Date.now() + 10 * 24 * 3600 * 1000) }));
    expect(readCachedCertificate(dir)).toBeUndefined();

    // Mismatched key or garbage: regenerate.
    const a = generateServerCertificate();
    const b = generateServerCertificate();
    fs.writeFileSync(file, a.certPem + b.keyPem);
    expect(readCachedCertificate(dir)).toBeUndefined();
    fs.writeFileSync(file, 'garbage');
    expect(readCachedCertificate(dir)).toBeUndefined();
    expect(loadOrCreateServerCertificate(dir).der.length).toBeGreaterThan(100);
  });

  test('an unwritable cache directory does not prevent start-up', () => {
    const blocker = path.join(scratch(), 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const messages: string[] = [];
    const cert = loadOrCreateServerCertificate(path.join(blocker, 'sub'), (m) => messages.push(m));
    expect(cert.der.length).toBeGreaterThan(100);
    expect(messages[0]).toMatch(/could not cache/);
  });

  test('cache location follows XDG_CACHE_HOME', () => {
    expect(defaultCertCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/keyvault-emulator-provider');
    expect(defaultCertCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\.cache\/keyvault-emulator-provider$/);
  });
});

describe('installation as a filesystem mirror', () => {
  test('layout, executable bit, lexical order, and a CLI config with only the mirror', async () => {
    const dir = tempDir('install');
    const bundle = path.join(dir, 'bundle.cjs');
    fs.writeFileSync(bundle, 'exports.main = () => {};\n');
    const installed = await installProvider({ dir: path.join(dir, 'tf'), bundlePath: bundle });
    expect(installed.version).toBe(PROVIDER_VERSION);
    expect(installed.mirrorDir).toBe(path.join(dir, 'tf', 'mirror'));
    expect(installed.packageDir).toBe(
      path.join(installed.mirrorDir, 'registry.terraform.io', 'keyvault-emulator', 'keyvault', PROVIDER_VERSION, terraformPlatform()),
    );
    const files = fs.readdirSync(installed.packageDir).sort();
    expect(files).toEqual(['code-cache.cjs', BUNDLE_FILE_NAME, `terraform-provider-keyvault_v${PROVIDER_VERSION}`]);
    // Terraform runs the first file (lexical order) named terraform-provider-keyvault[_.]*: the launcher.
    expect(files.filter((f) => /^terraform-provider-keyvault($|[_.])/.test(f))).toEqual([path.basename(installed.executablePath)]);
    expect(fs.statSync(installed.executablePath).mode & 0o111).toBe(0o111);
    expect(fs.readFileSync(installed.executablePath, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);

    const config = fs.readFileSync(installed.cliConfigPath, 'utf8');
    expect(config).toBe(cliConfig(installed.mirrorDir));
    expect(config).toContain(`path    = ${JSON.stringify(installed.mirrorDir)}`);
    expect(config).toContain('include = ["registry.terraform.io/keyvault-emulator/keyvault"]');
    expect(config).not.toMatch(/direct\s*\{/);

    // Reinstalling gives byte-identical package contents (the lock-file hash stays valid).
    const snapshot = files.map((f) => fs.readFileSync(path.join(installed.packageDir, f)));
    fs.writeFileSync(path.join(installed.packageDir, 'stale-file'), 'x');
    await installProvider({ dir: path.join(dir, 'tf'), bundlePath: bundle });
    expect(fs.readdirSync(installed.packageDir).sort()).toEqual(files);
    files.forEach((f, i) => expect(fs.readFileSync(path.join(installed.packageDir, f)).equals(snapshot[i]!)).toBe(true));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('HCL strings in the CLI config are escaped', () => {
    expect(cliConfig('/odd/${dir}/"q"')).toContain('path    = "/odd/$${dir}/\\"q\\""');
  });

  test('the launcher references the bundle beside it and nothing machine-specific', () => {
    const script = launcherScript('provider.cjs');
    expect(script).toContain("path.join(__dirname, \"provider.cjs\")");
    expect(script).not.toContain(process.cwd());
  });

  test('Terraform platform names', () => {
    expect(terraformPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(terraformPlatform('darwin', 'arm64')).toBe('darwin_arm64');
    expect(terraformPlatform('win32', 'ia32')).toBe('windows_386');
  });
});

describe('the shipped bundle', () => {
  test('is one self-contained file, free of build-machine paths, that explains itself when run by hand', async () => {
    const dir = tempDir('bundle');
    const { bundlePath } = await buildProvider({ outDir: dir });
    const text = fs.readFileSync(bundlePath, 'utf8');
    expect(text).not.toContain(REPO_ROOT);
    expect(text).not.toMatch(/require\("\.\.?\//); // nothing loaded from beside the bundle
    const env = { ...process.env };
    delete env.TF_PLUGIN_MAGIC_COOKIE;
    const run = spawnSync(process.execPath, [bundlePath], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('This binary is a plugin');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
