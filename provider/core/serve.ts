/**
 * Runs a protocol-6 provider as a go-plugin gRPC server.
 *
 * What Terraform (hashicorp/go-plugin) needs from the process:
 *  - the handshake line on stdout and nothing else there (handshake.ts);
 *  - TLS with the client certificate verified when PLUGIN_CLIENT_CERT is set
 *    (AutoMTLS, on by default), plaintext otherwise; grpc-js negotiates ALPN
 *    h2, which grpc-go >= 1.67 insists on;
 *  - grpc.health.v1.Health answering SERVING for "plugin";
 *  - plugin.GRPCController/Shutdown: the client calls it when done and kills
 *    the process 2 s later, so exiting promptly saves 2 s per provider launch;
 *  - plugin.GRPCStdio/StreamStdio: stdout written after the handshake is
 *    forwarded here instead of the real stdout;
 *  - no orphan: when Terraform dies the provider must go too (ppid watchdog),
 *    and Ctrl-C (SIGINT to the whole process group) must not kill it mid-call:
 *    Terraform itself asks the provider to stop through StopProvider.
 */
import type * as grpc from '@grpc/grpc-js';
import { candidatePorts, formatHandshakeLine, readHandshakeSettings } from './handshake';
import { log } from './log';
import { loadServiceDefinitions } from './protos';
import { loadOrCreateServerCertificate } from './x509';

/** One async function per tfplugin6.Provider RPC, keyed by the RPC name; missing ones answer UNIMPLEMENTED. */
export type ProviderRpcHandlers = Record<string, (request: any) => Promise<object>>;

export interface ServeOptions {
  handlers: ProviderRpcHandlers;
  env?: NodeJS.ProcessEnv;
  /** Directory for the cached server certificate (default: XDG cache dir). */
  certCacheDir?: string;
  /** Called once before the process exits, whatever the reason. */
  onExit?: () => void;
}

export interface RunningPlugin {
  port: number;
  handshakeLine: string;
  shutdown(exitCode?: number): void;
}

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024; // grpc-js defaults to 4 MiB; large plans/states exceed it
const SHUTDOWN_GRACE_MS = 1000;
const PARENT_POLL_MS = 500;
const STDIO_BUFFER_LIMIT = 1024 * 1024;

/**
 * Starts the server and prints the handshake line. When the environment is
 * not a go-plugin client's (someone ran the binary by hand), explains that on
 * stderr and exits with status 1.
 */
export async function servePlugin(options: ServeOptions): Promise<RunningPlugin> {
  // Read before anything else: the launcher may die right after our handshake
  // line, and reading the parent later would then already give the reaper's pid.
  const parentPid = process.ppid;
  const env = options.env ?? process.env;
  const settings = readHandshakeSettings(env);
  if (!settings.ok) {
    process.stderr.write(settings.message + '\n');
    process.exit(1);
  }

  const grpcJs = require('@grpc/grpc-js') as typeof grpc;
  const definitions = loadServiceDefinitions();
  const server = new grpcJs.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });

  let shuttingDown = false;
  const openStreams = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  const stdio = new StdioForwarder(openStreams);

  const shutdown = (exitCode = 0): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    log('debug', 'shutting down', { exit_code: exitCode });
    for (const stream of openStreams) stream.end();
    const exit = () => {
      options.onExit?.();
      process.exit(exitCode);
    };
    const timer = setTimeout(() => {
      server.forceShutdown();
      exit();
    }, SHUTDOWN_GRACE_MS);
    server.tryShutdown(() => {
      clearTimeout(timer);
      exit();
    });
  };

  server.addService(definitions.provider, wrapProviderHandlers(grpcJs, options.handlers));
  server.addService(definitions.health, healthService(grpcJs, openStreams));
  server.addService(definitions.controller, {
    Shutdown(_call: unknown, callback: grpc.sendUnaryData<object>) {
      callback(null, {});
      // Let the response go out before closing the server.
      setImmediate(() => shutdown(0));
    },
  });
  server.addService(definitions.stdio, {
    StreamStdio(call: grpc.ServerWritableStream<unknown, unknown>) {
      stdio.attach(call);
    },
  });

  let credentials: grpc.ServerCredentials;
  let serverCertDer: Buffer | undefined;
  if (settings.clientCertPem) {
    const cert = loadOrCreateServerCertificate(options.certCacheDir, (m) => log('warn', m));
    serverCertDer = cert.der;
    credentials = grpcJs.ServerCredentials.createSsl(
      Buffer.from(settings.clientCertPem),
      [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }],
      true, // verify the client: only the Terraform process that launched us holds that key
    );
  } else {
    credentials = grpcJs.ServerCredentials.createInsecure();
  }

  // Signal handlers go in before the handshake line: Terraform may signal us as soon as it has read it.
  process.on('SIGINT', () => log('debug', 'ignoring SIGINT; Terraform stops providers through StopProvider'));
  process.on('SIGTERM', () => shutdown(0));

  const port = await bindFirstFreePort(server, credentials, candidatePorts(settings.minPort, settings.maxPort));
  const handshakeLine = formatHandshakeLine(port, serverCertDer);
  // Pipes are synchronous on Linux, so this is on its way before we return.
  process.stdout.write(handshakeLine + '\n');
  stdio.captureProcessStdout();
  watchParent(parentPid, () => shutdown(0));
  log('debug', 'plugin server started', { port, tls: Boolean(serverCertDer) });
  return { port, handshakeLine, shutdown };
}

function bindFirstFreePort(server: grpc.Server, credentials: grpc.ServerCredentials, ports: number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const tryPort = (i: number) => {
      server.bindAsync(`127.0.0.1:${ports[i]}`, credentials, (err, port) => {
        if (!err) return resolve(port);
        if (i + 1 < ports.length) return tryPort(i + 1);
        reject(new Error(`could not listen on 127.0.0.1 (ports ${ports[0]}-${ports[ports.length - 1]}): ${err.message}`));
      });
    };
    tryPort(0);
  });
}

function wrapProviderHandlers(grpcJs: typeof grpc, handlers: ProviderRpcHandlers): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    impl[name] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      log('trace', `rpc ${name}`);
      handler(call.request).then(
        (response) => callback(null, response),
        (err: unknown) => {
          // Handlers turn expected failures into diagnostics; reaching this is a provider bug.
          log('error', `rpc ${name} failed`, { error: String((err as Error)?.stack ?? err) });
          callback({ code: grpcJs.status.INTERNAL, details: `${name}: ${(err as Error)?.message ?? err}` });
        },
      );
    };
  }
  return impl;
}

function healthService(
  grpcJs: typeof grpc,
  openStreams: Set<grpc.ServerWritableStream<unknown, unknown>>,
): grpc.UntypedServiceImplementation {
  // "" is the server as a whole, "plugin" is the name go-plugin checks.
  const statuses: Record<string, string> = { '': 'SERVING', plugin: 'SERVING' };
  return {
    Check(call: grpc.ServerUnaryCall<{ service?: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const status = statuses[call.request.service ?? ''];
      if (status) callback(null, { status });
      else callback({ code: grpcJs.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
    },
    List(_call: unknown, callback: grpc.sendUnaryData<unknown>) {
      const out: Record<string, { status: string }> = {};
      for (const [name, status] of Object.entries(statuses)) out[name] = { status };
      callback(null, { statuses: out });
    },
    Watch(call: grpc.ServerWritableStream<{ service?: string }, unknown>) {
      call.write({ status: statuses[call.request.service ?? ''] ?? 'SERVICE_UNKNOWN' });
      openStreams.add(call);
      call.on('cancelled', () => openStreams.delete(call));
    },
  };
}

/**
 * Forwards stdout written after the handshake to GRPCStdio streams, as
 * go-plugin's Go servers do with os.Stdout. Until a client attaches, data is
 * buffered (bounded) rather than lost.
 */
class StdioForwarder {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private readonly streams = new Set<grpc.ServerWritableStream<unknown, unknown>>();

  constructor(private readonly openStreams: Set<grpc.ServerWritableStream<unknown, unknown>>) {}

  attach(call: grpc.ServerWritableStream<unknown, unknown>): void {
    this.streams.add(call);
    this.openStreams.add(call);
    call.on('cancelled', () => {
      this.streams.delete(call);
      this.openStreams.delete(call);
    });
    for (const chunk of this.buffered) call.write({ channel: 'STDOUT', data: chunk });
    this.buffered = [];
    this.bufferedBytes = 0;
  }

  captureProcessStdout(): void {
    const forward = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      const data = Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      this.write(data);
      const cb = typeof encoding === 'function' ? encoding : callback;
      if (typeof cb === 'function') process.nextTick(cb as () => void);
      return true;
    };
    process.stdout.write = forward as typeof process.stdout.write;
  }

  private write(data: Buffer): void {
    if (this.streams.size > 0) {
      for (const stream of this.streams) stream.write({ channel: 'STDOUT', data });
      return;
    }
    if (this.bufferedBytes + data.length > STDIO_BUFFER_LIMIT) return;
    this.buffered.push(data);
    this.bufferedBytes += data.length;
  }
}

/** Exits when the launching process goes away (our parent pid changes to a reaper). */
function watchParent(parentPid: number, onOrphaned: () => void): void {
  const timer = setInterval(() => {
    if (process.ppid !== parentPid) {
      log('info', 'parent process exited; stopping');
      onOrphaned();
    }
  }, PARENT_POLL_MS);
  timer.unref();
}
