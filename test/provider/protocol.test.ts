/**
 * The bundled provider as Terraform runs it: a real process started from the
 * filesystem mirror with go-plugin's environment, real AutoMTLS with a client
 * certificate, a real gRPC client, and the file-backed fixture resource.
 * Nothing is mocked.
 */
import * as grpc from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CtyObjectValue, CtyType, isUnknown, unknown } from '../../provider/core/cty';
import type { InstalledProvider } from '../../provider/install';
import {
  configOf,
  connect,
  dv,
  fromDv,
  installFixtureProvider,
  launchProvider,
  newClientCertificate,
  objectTypeFromProtoSchema,
  obj,
  pluginEnv,
  proposedNew,
  tempDir,
  unary,
  type LaunchedProvider,
  type ProtocolClients,
} from './helpers';

jest.setTimeout(60_000);

let workDir: string;
let installed: InstalledProvider;
let cacheHome: string;
const clientCert = newClientCertificate();

beforeAll(async () => {
  workDir = tempDir('protocol');
  cacheHome = path.join(workDir, 'cache');
  installed = await installFixtureProvider(workDir);
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

const mtlsEnv = (extra: NodeJS.ProcessEnv = {}) => pluginEnv({ PLUGIN_CLIENT_CERT: clientCert.certPem, XDG_CACHE_HOME: cacheHome, ...extra });

async function stop(launched: LaunchedProvider, clients?: ProtocolClients): Promise<void> {
  clients?.close();
  if (launched.child.exitCode === null && launched.child.signalCode === null) launched.child.kill('SIGKILL');
  await launched.exited;
}

describe('start-up', () => {
  test('run by hand (no magic cookie) it explains itself on stderr and exits 1, printing nothing on stdout', async () => {
    const env = { ...process.env };
    delete env.TF_PLUGIN_MAGIC_COOKIE;
    const result = await runToExit(installed.executablePath, env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/This binary is a plugin/);
  });

  test('a client that does not offer protocol 6 is refused', async () => {
    const result = await runToExit(installed.executablePath, mtlsEnv({ PLUGIN_PROTOCOL_VERSIONS: '4,5' }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/protocol 6/);
  });

  test('handshake line: 1|6|tcp|127.0.0.1:PORT|grpc|<server cert DER, base64 without padding>, alone on stdout', async () => {
    const launched = await launchProvider(installed.executablePath, mtlsEnv());
    try {
      expect(launched.handshakeLine).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]{51,}$/);
      const cert = new X509Certificate(launched.handshake.serverCertDer!);
      expect(cert.subjectAltName).toContain('DNS:localhost');
      expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
      expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
      // go-plugin only accepts the certificate it trusts: the one in the handshake.
      expect(cert.verify(cert.publicKey)).toBe(true);
    } finally {
      await stop(launched);
    }
  });

  test('the server certificate is cached (mode 0600) and reused by the next launch', async () => {
    const first = await launchProvider(installed.executablePath, mtlsEnv());
    await stop(first);
    const cacheFile = path.join(cacheHome, 'keyvault-emulator-provider', 'server-tls.pem');
    expect(fs.statSync(cacheFile).mode & 0o777).toBe(0o600);
    const second = await launchProvider(installed.executablePath, mtlsEnv());
    await stop(second);
    expect(second.handshake.serverCertDer!.equals(first.handshake.serverCertDer!)).toBe(true);
  });

  test('launch to handshake line: median of 10 launches', async () => {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const launched = await launchProvider(installed.executablePath, mtlsEnv());
      times.push(launched.startupMs);
      await stop(launched);
    }
    times.sort((a, b) => a - b);
    const median = (times[4]! + times[5]!) / 2;
    // Reported for the record; the bound only catches gross regressions on a loaded 2-core machine.
    console.log(`provider launch -> handshake: median ${median.toFixed(0)} ms over 10 launches (min ${times[0]!.toFixed(0)}, max ${times[9]!.toFixed(0)})`);
    expect(median).toBeLessThan(1500);
  });
});

describe('transport security', () => {
  let launched: LaunchedProvider;
  beforeAll(async () => {
    launched = await launchProvider(installed.executablePath, mtlsEnv());
  });
  afterAll(() => stop(launched));

  const healthCheck = (clients: ProtocolClients) => unary(clients.health, 'Check', { service: 'plugin' }, 5000);

  test('the client holding the certificate from PLUGIN_CLIENT_CERT gets SERVING for "plugin"', async () => {
    const clients = connect(launched.handshake, clientCert);
    try {
      await expect(healthCheck(clients)).resolves.toEqual({ status: 'SERVING' });
      await expect(unary(clients.health, 'Check', { service: 'nope' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    } finally {
      clients.close();
    }
  });

  test('a client without a certificate is refused', async () => {
    const clients = connect(launched.handshake, null);
    try {
      await expect(healthCheck(clients)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      clients.close();
    }
  });

  test('a client with another certificate is refused', async () => {
    const clients = connect(launched.handshake, newClientCertificate());
    try {
      await expect(healthCheck(clients)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      clients.close();
    }
  });

  test('with TF_DISABLE_PLUGIN_TLS the provider serves plaintext and sends no certificate', async () => {
    const plain = await launchProvider(installed.executablePath, mtlsEnv({ TF_DISABLE_PLUGIN_TLS: '1' }));
    const clients = connect(plain.handshake, null);
    try {
      expect(plain.handshakeLine).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|$/);
      await expect(healthCheck(clients)).resolves.toEqual({ status: 'SERVING' });
    } finally {
      await stop(plain, clients);
    }
  });
});

describe('the call sequence Terraform makes', () => {
  let launched: LaunchedProvider;
  let clients: ProtocolClients;
  let schemas: any;
  let type: CtyType;
  let providerType: CtyType;
  let attrs: Array<{ name: string; computed?: boolean }>;
  let state: CtyObjectValue;
  const TYPE = 'keyvault_fixture_file';
  const call = (method: string, request: object) => unary(clients.provider, method, request);

  const stdioChunks: Array<{ channel: string; data: Buffer }> = [];
  let stdioEnded: Promise<void>;

  beforeAll(async () => {
    launched = await launchProvider(installed.executablePath, mtlsEnv({ KEYVAULT_FIXTURE_ECHO: '1' }));
    clients = connect(launched.handshake, clientCert);
    // go-plugin opens the stdio stream right after connecting.
    const stream = (clients.stdio as any).StreamStdio({});
    stdioEnded = new Promise<void>((resolve) => {
      stream.on('data', (chunk: { channel: string; data: Buffer }) => stdioChunks.push(chunk));
      stream.on('end', () => resolve());
      stream.on('error', () => resolve());
    });
  });
  afterAll(() => stop(launched, clients));

  const file = () => path.join(workDir, 'sequence', 'object.json');
  const config = (values: Record<string, unknown>) => configOf(type, values as never);
  async function plan(prior: CtyObjectValue | null, cfg: CtyObjectValue | null) {
    const res = await call('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(type, prior),
      proposed_new_state: dv(type, proposedNew(attrs, prior, cfg)),
      config: dv(type, cfg),
    });
    return { ...res, planned: fromDv(type, res.planned_state) as CtyObjectValue | null };
  }
  async function apply(prior: CtyObjectValue | null, planned: CtyObjectValue | null, cfg: CtyObjectValue | null) {
    const res = await call('ApplyResourceChange', {
      type_name: TYPE,
      prior_state: dv(type, prior),
      planned_state: dv(type, planned),
      config: dv(type, cfg),
    });
    return { ...res, state: fromDv(type, res.new_state) as CtyObjectValue | null };
  }

  test('GetProviderSchema', async () => {
    schemas = await call('GetProviderSchema', {});
    expect(schemas.diagnostics ?? []).toEqual([]);
    expect(schemas.server_capabilities).toMatchObject({ plan_destroy: true });
    // The shipped resources, then the test fixture.
    expect(Object.keys(schemas.resource_schemas)).toEqual(['keyvault_vault', 'keyvault_secret', 'keyvault_access_policy', TYPE]);
    expect(Object.keys(schemas.data_source_schemas)).toEqual(['keyvault_secret', 'keyvault_secrets', 'keyvault_client_config', TYPE]);
    type = objectTypeFromProtoSchema(schemas.resource_schemas[TYPE]);
    providerType = objectTypeFromProtoSchema(schemas.provider);
    attrs = schemas.resource_schemas[TYPE].block.attributes.map((a: any) => ({ name: a.name, computed: a.computed }));
    const secret = schemas.resource_schemas[TYPE].block.attributes.find((a: any) => a.name === 'secret');
    expect(secret).toMatchObject({ optional: true, sensitive: true });
    const pathAttr = schemas.resource_schemas[TYPE].block.attributes.find((a: any) => a.name === 'path');
    expect(pathAttr).toMatchObject({ required: true });
    expect(schemas.provider.block.attributes.find((a: any) => a.name === 'client_secret')).toMatchObject({ sensitive: true });
  });

  test('GetMetadata lists the types', async () => {
    const meta = await call('GetMetadata', {});
    expect(meta.resources).toEqual(['keyvault_vault', 'keyvault_secret', 'keyvault_access_policy', TYPE].map((type_name) => ({ type_name })));
    expect(meta.server_capabilities).toMatchObject({ plan_destroy: true });
  });

  test('ValidateProviderConfig: a bad endpoint is an error on "endpoint"; a good config passes', async () => {
    const bad = await call('ValidateProviderConfig', { config: dv(providerType, configOf(providerType, { endpoint: 'not a url' })) });
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', attribute: { steps: [{ attribute_name: 'endpoint' }] } }),
    ]);
    const good = await call('ValidateProviderConfig', { config: dv(providerType, configOf(providerType, { endpoint: 'http://127.0.0.1:1' })) });
    expect(good.diagnostics).toEqual([]);
  });

  test('ConfigureProvider', async () => {
    const res = await call('ConfigureProvider', {
      terraform_version: '1.11.4',
      config: dv(providerType, configOf(providerType, { endpoint: 'http://127.0.0.1:1' })),
      client_capabilities: { deferral_allowed: false, write_only_attributes_allowed: true },
    });
    expect(res.diagnostics).toEqual([]);
  });

  test('ValidateResourceConfig: errors sit on the attribute; unknowns pass', async () => {
    const bad = await call('ValidateResourceConfig', { type_name: TYPE, config: dv(type, config({ path: file(), content: '' })) });
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', summary: 'Invalid value for "content"', attribute: { steps: [{ attribute_name: 'content' }] } }),
    ]);
    const withUnknown = await call('ValidateResourceConfig', { type_name: TYPE, config: dv(type, config({ path: file(), content: unknown })) });
    expect(withUnknown.diagnostics).toEqual([]);
  });

  test('PlanResourceChange (create): computed values unknown, default and derived values planned', async () => {
    const cfg = config({ path: file(), content: 'hello', secret: 'p4ss', tags: obj({ env: 'test' }) });
    const res = await plan(null, cfg);
    expect(res.diagnostics).toEqual([]);
    expect(res.requires_replace).toEqual([]);
    const planned = res.planned!;
    for (const name of ['id', 'revision', 'created_at']) expect(isUnknown(planned[name])).toBe(true);
    expect(planned).toMatchObject({ path: file(), content: 'hello', secret: 'p4ss', mode: 'plain', size: 5, tags: { env: 'test' } });
    // Unknowns travel as go-cty's plain ext 0.
    expect(Buffer.from(res.planned_state.msgpack).includes(Buffer.from('a269 64 d40000'.replace(/ /g, ''), 'hex'))).toBe(true);

    const applied = await apply(null, planned, cfg);
    expect(applied.diagnostics).toEqual([]);
    state = applied.state!;
    expect(state).toMatchObject({ id: file(), revision: 1, size: 5, mode: 'plain', secret: 'p4ss' });
    expect(fs.existsSync(file())).toBe(true);
  });

  test('ReadResource returns the object unchanged', async () => {
    const res = await call('ReadResource', { type_name: TYPE, current_state: dv(type, state), private: Buffer.from('opaque') });
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(type, res.new_state)).toEqual(state);
    expect(Buffer.from(res.private).toString()).toBe('opaque');
  });

  test('PlanResourceChange (update) + ApplyResourceChange: prior computed values kept, changed ones unknown', async () => {
    const cfg = config({ path: file(), content: 'hello, world', secret: 'p4ss', tags: obj({ env: 'test' }) });
    const res = await plan(state, cfg);
    expect(res.requires_replace).toEqual([]);
    expect(res.planned).toMatchObject({ id: state.id, created_at: state.created_at, size: 12, content: 'hello, world' });
    expect(isUnknown(res.planned!.revision)).toBe(true);
    const applied = await apply(state, res.planned, cfg);
    expect(applied.diagnostics).toEqual([]);
    expect(applied.state).toMatchObject({ revision: 2, created_at: state.created_at, content: 'hello, world' });
    state = applied.state!;
  });

  test('PlanResourceChange: changing a force-new attribute requires replacement', async () => {
    const cfg = config({ ...state, path: path.join(workDir, 'sequence', 'moved.json'), id: null, revision: null, size: null, created_at: null });
    const res = await plan(state, cfg);
    expect(res.requires_replace).toEqual([{ steps: [{ attribute_name: 'path' }] }]);
    expect(isUnknown(res.planned!.id)).toBe(true);
  });

  test('ImportResourceState by id, followed by ReadResource', async () => {
    const res = await call('ImportResourceState', { type_name: TYPE, id: file() });
    expect(res.diagnostics).toEqual([]);
    expect(res.imported_resources).toHaveLength(1);
    expect(res.imported_resources[0].type_name).toBe(TYPE);
    const read = await call('ReadResource', { type_name: TYPE, current_state: res.imported_resources[0].state });
    expect(fromDv(type, read.new_state)).toEqual(state);
  });

  test('ValidateDataResourceConfig and ReadDataSource', async () => {
    const dsType = objectTypeFromProtoSchema(schemas.data_source_schemas[TYPE]);
    const cfg = configOf(dsType, { path: file() });
    expect((await call('ValidateDataResourceConfig', { type_name: TYPE, config: dv(dsType, cfg) })).diagnostics).toEqual([]);
    const res = await call('ReadDataSource', { type_name: TYPE, config: dv(dsType, cfg) });
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(dsType, res.state)).toEqual({ path: file(), content: 'hello, world', revision: 2, tags: { env: 'test' } });
  });

  test('UpgradeResourceState accepts the JSON Terraform stores', async () => {
    const json = JSON.stringify({ ...state, tags: { env: 'test' } });
    const res = await call('UpgradeResourceState', { type_name: TYPE, version: 0, raw_state: { json: Buffer.from(json) } });
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(type, res.upgraded_state)).toEqual(state);
  });

  test('PlanResourceChange (destroy) plans null; ApplyResourceChange deletes and returns null', async () => {
    const res = await plan(state, null);
    expect(res.diagnostics).toEqual([]);
    expect(Buffer.from(res.planned_state.msgpack).toString('hex')).toBe('c0');
    const applied = await apply(state, null, null);
    expect(applied.diagnostics).toEqual([]);
    expect(Buffer.from(applied.new_state.msgpack).toString('hex')).toBe('c0');
    expect(fs.existsSync(file())).toBe(false);
  });

  test('ReadResource of a deleted object returns null (Terraform drops it from state)', async () => {
    const res = await call('ReadResource', { type_name: TYPE, current_state: dv(type, state) });
    expect(res.diagnostics).toEqual([]);
    expect(Buffer.from(res.new_state.msgpack).toString('hex')).toBe('c0');
  });

  test('StopProvider answers', async () => {
    expect(await call('StopProvider', {})).toEqual({});
  });

  test('stdout written by resource code after the handshake arrived over GRPCStdio', () => {
    const text = stdioChunks.map((c) => Buffer.from(c.data).toString()).join('');
    expect(stdioChunks.every((c) => c.channel === 'STDOUT')).toBe(true);
    expect(text).toContain(`keyvault_fixture_file: created ${file()}`);
  });

  test('GRPCController/Shutdown makes the process exit promptly, ending the stdio stream', async () => {
    const start = Date.now();
    await unary(clients.controller, 'Shutdown', {});
    const exit = await launched.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - start).toBeLessThan(1500);
    await stdioEnded;
  });
});

describe('process hygiene', () => {
  test('exits by itself when the process that launched it dies', async () => {
    // bash stands in for Terraform; killing it orphans the provider.
    const parent = spawn('bash', ['-c', `"${installed.executablePath}" & echo "PID $!"; wait`], {
      env: mtlsEnv(),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PID (\d+)\n[\s\S]*\n/.exec(out);
        if (m && out.includes('|grpc|')) resolve(Number(m[1]));
      });
      parent.on('exit', () => reject(new Error(`launcher exited early: ${out}`)));
    });
    parent.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const alive = isAlive(pid);
    if (alive) process.kill(pid, 'SIGKILL');
    expect(alive).toBe(false);
  });

  test('Ctrl-C (SIGINT to the process group) does not kill it; Terraform stops it through RPCs', async () => {
    const launched = await launchProvider(installed.executablePath, mtlsEnv());
    const clients = connect(launched.handshake, clientCert);
    try {
      launched.child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 300));
      await expect(unary(clients.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
    } finally {
      await stop(launched, clients);
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers kill(0); treat it as gone.
  try {
    return !/^\S+ \S+ Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^\d+ \(.*\) /, '0 x '));
  } catch {
    return false;
  }
}

function runToExit(executable: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
