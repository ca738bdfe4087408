/**
 * Shared helpers for the provider tests: build + install the provider with
 * the test fixtures, launch it exactly as Terraform does, and talk to it with
 * an independent gRPC client (loaded by @grpc/proto-loader from the .proto
 * files, not through the provider's own service definitions).
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CtyObjectValue, CtyType, CtyValue, newObject, parseTypeJson } from '../../provider/core/cty';
import { decodeMsgpack, encodeMsgpack } from '../../provider/core/codec';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, parseHandshakeLine, type ParsedHandshake } from '../../provider/core/handshake';
import { generateServerCertificate, type ServerCertificate } from '../../provider/core/x509';
import { buildProvider } from '../../provider/build';
import { installProvider, type InstalledProvider } from '../../provider/install';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURE_ENTRY = path.join(__dirname, 'fixtures', 'main.ts');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kv-provider-${prefix}-`));
}

/** Bundles the provider with the test fixtures and installs it into a fresh mirror under `dir`. */
export async function installFixtureProvider(dir: string): Promise<InstalledProvider> {
  const built = await buildProvider({ entry: FIXTURE_ENTRY, outDir: path.join(dir, 'dist') });
  return installProvider({ dir: path.join(dir, 'terraform'), bundlePath: built.bundlePath });
}

/** The environment go-plugin gives a plugin (on top of the parent's), with AutoMTLS on. */
export function pluginEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_MIN_PORT: '0',
    PLUGIN_MAX_PORT: '0',
    ...extra,
  };
}

export interface LaunchedProvider {
  child: ChildProcess;
  handshake: ParsedHandshake;
  handshakeLine: string;
  /** Milliseconds from spawn to the handshake line. */
  startupMs: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the provider executable directly, as go-plugin's exec.Command does, and waits for the handshake line. */
export function launchProvider(executable: string, env: NodeJS.ProcessEnv): Promise<LaunchedProvider> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(executable, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
      child.on('exit', (code, signal) => res({ code, signal })),
    );
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0 && stdout !== '') {
        const line = stdout.slice(0, newline);
        const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
        try {
          resolve({ child, handshake: parseHandshakeLine(line), handshakeLine: line, startupMs, stderr: () => stderr, exited });
        } catch (err) {
          reject(err);
        }
      }
    });
    child.on('error', reject);
    exited.then(({ code }) => reject(new Error(`provider exited (${code}) before the handshake: ${stderr}`)));
  });
}

export interface ProtocolClients {
  provider: grpc.Client & Record<string, Function>;
  health: grpc.Client & Record<string, Function>;
  controller: grpc.Client & Record<string, Function>;
  stdio: grpc.Client & Record<string, Function>;
  close(): void;
}

let packageDefinition: grpc.GrpcObject | undefined;
function protoPackage(): grpc.GrpcObject {
  packageDefinition ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(
      ['tfplugin6.proto', 'grpc_controller.proto', 'grpc_stdio.proto', 'health.proto'].map((f) =>
        path.join(REPO_ROOT, 'provider', 'protos', f),
      ),
      { keepCase: true, longs: Number, enums: String, defaults: false, arrays: true },
    ),
  );
  return packageDefinition;
}

/**
 * Connects like go-plugin's client: TLS trusting only the server certificate
 * from the handshake, server name "localhost", and our client certificate.
 */
export function connect(handshake: ParsedHandshake, client: ServerCertificate | null | undefined): ProtocolClients {
  const pkg = protoPackage() as Record<string, any>;
  let credentials: grpc.ChannelCredentials;
  const options: grpc.ChannelOptions = { 'grpc.max_receive_message_length': 64 * 1024 * 1024 };
  if (handshake.serverCertDer) {
    const serverPem = derToPem(handshake.serverCertDer);
    credentials = client
      ? grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(client.keyPem), Buffer.from(client.certPem))
      : grpc.credentials.createSsl(Buffer.from(serverPem));
    options['grpc.ssl_target_name_override'] = 'localhost';
    options['grpc.default_authority'] = 'localhost';
  } else {
    credentials = grpc.credentials.createInsecure();
  }
  const make = (ctor: any) => new ctor(handshake.address, credentials, options);
  const provider = make(pkg.tfplugin6.Provider);
  const health = make(pkg.grpc.health.v1.Health);
  const controller = make(pkg.plugin.GRPCController);
  const stdio = make(pkg.plugin.GRPCStdio);
  return {
    provider,
    health,
    controller,
    stdio,
    close() {
      for (const c of [provider, health, controller, stdio]) c.close();
    },
  };
}

export function unary<T = any>(client: grpc.Client & Record<string, Function>, method: string, request: object, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    client[method]!(request, { deadline: Date.now() + timeoutMs }, (err: grpc.ServiceError | null, res: T) =>
      err ? reject(err) : resolve(res),
    );
  });
}

export function derToPem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export function newClientCertificate(): ServerCertificate {
  return generateServerCertificate({ commonName: 'localhost' });
}

// ------------------------------------------------------------ values ----

/** The object type of a tfplugin6.Schema as returned by GetProviderSchema (what Terraform builds too). */
export function objectTypeFromProtoSchema(schema: { block: { attributes: Array<{ name: string; type: Buffer }> } }): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const a of schema.block.attributes) attrs[a.name] = parseTypeJson(JSON.parse(Buffer.from(a.type).toString('utf8')));
  return ['object', attrs];
}

export function dv(type: CtyType, value: CtyValue): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encodeMsgpack(type, value)) };
}

export function fromDv(type: CtyType, value: { msgpack?: Buffer } | undefined): CtyValue {
  return value?.msgpack && value.msgpack.length > 0 ? decodeMsgpack(type, value.msgpack) : null;
}

export function obj(values: Record<string, CtyValue>): CtyObjectValue {
  const out = newObject();
  Object.assign(out, values);
  return out;
}

/**
 * Terraform's ProposedNewState for a flat schema (objchange.ProposedNew):
 * configured values win; computed attributes left unset in configuration
 * keep their prior value (null when creating); a destroy proposes null.
 */
export function proposedNew(
  attributes: Array<{ name: string; computed?: boolean }>,
  prior: CtyObjectValue | null,
  config: CtyObjectValue | null,
): CtyObjectValue | null {
  if (config === null) return null;
  const out = newObject();
  for (const a of attributes) {
    const configured = config[a.name] ?? null;
    out[a.name] = a.computed && configured === null ? (prior?.[a.name] ?? null) : configured;
  }
  return out;
}

/** Full configuration object: every schema attribute present, unset ones null. */
export function configOf(type: CtyType, values: Record<string, CtyValue>): CtyObjectValue {
  const out = newObject();
  if (typeof type === 'string' || type[0] !== 'object') throw new Error('object type expected');
  for (const name of Object.keys(type[1])) out[name] = values[name] ?? null;
  return out;
}
