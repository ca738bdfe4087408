/**
 * go-plugin handshake rules (hashicorp/go-plugin server.go, as used by
 * Terraform's internal/plugin6/serve.go and OpenTofu's).
 *
 * Terraform starts the provider with these variables added to its own
 * environment and then reads exactly one line from the provider's stdout:
 *     CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVER-CERT
 * e.g. `1|6|tcp|127.0.0.1:41649|grpc|MIIB...` where SERVER-CERT is the DER
 * certificate in standard base64 *without* `=` padding (the client decodes
 * it with base64.RawStdEncoding), or empty when serving plaintext.
 */

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

/** go-plugin's own wording, so a user who runs the binary by hand gets the familiar explanation. */
export const NOT_A_PROGRAM_MESSAGE =
  'This binary is a plugin. These are not meant to be executed directly.\n' +
  'Please execute the program that consumes these plugins, which will\n' +
  'load any plugins automatically.\n' +
  '(keyvault-emulator Terraform provider: install it with `keyvault-emulator provider install`\n' +
  'and run terraform with the printed TF_CLI_CONFIG_FILE.)';

export type HandshakeSettings =
  | {
      ok: true;
      /** PEM of the client certificate to require, or undefined to serve plaintext. */
      clientCertPem: string | undefined;
      minPort: number;
      maxPort: number;
    }
  | { ok: false; message: string };

export function readHandshakeSettings(env: NodeJS.ProcessEnv): HandshakeSettings {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return { ok: false, message: NOT_A_PROGRAM_MESSAGE };
  }
  // go-plugin falls back to the plugin's default version when the client
  // sends no list (very old clients); a list without 6 means the client can
  // only speak protocols we do not implement.
  const versions = (env.PLUGIN_PROTOCOL_VERSIONS ?? '').trim();
  if (versions !== '') {
    const offered = versions.split(',').map((v) => v.trim());
    if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
      return {
        ok: false,
        message:
          `This provider speaks Terraform plugin protocol ${APP_PROTOCOL_VERSION}, but the client offered ` +
          `only ${versions}. Use Terraform 1.0 or newer (or OpenTofu).`,
      };
    }
  }
  const minPort = parsePort(env.PLUGIN_MIN_PORT);
  const maxPort = parsePort(env.PLUGIN_MAX_PORT);
  // AutoMTLS: the client sends its certificate and expects TLS that verifies
  // it. TF_DISABLE_PLUGIN_TLS turns AutoMTLS off in Terraform, and then the
  // client expects plaintext; we honour the variable ourselves too so a
  // harness that sets both still gets what Terraform would do.
  const clientCertPem =
    env.TF_DISABLE_PLUGIN_TLS || !env.PLUGIN_CLIENT_CERT ? undefined : normalisePem(env.PLUGIN_CLIENT_CERT);
  return { ok: true, clientCertPem, minPort, maxPort };
}

function parsePort(value: string | undefined): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : 0;
}

/** Some launchers pass the PEM with literal "\n" sequences; accept both forms. */
function normalisePem(pem: string): string {
  return pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem;
}

/** The candidate ports to listen on: the PLUGIN_MIN_PORT..PLUGIN_MAX_PORT range, or 0 (any). */
export function candidatePorts(minPort: number, maxPort: number): number[] {
  if (minPort > 0 && maxPort >= minPort) {
    const ports: number[] = [];
    for (let p = minPort; p <= maxPort; p++) ports.push(p);
    return ports;
  }
  return [0];
}

export function formatHandshakeLine(port: number, serverCertDer: Buffer | undefined): string {
  const cert = serverCertDer ? serverCertDer.toString('base64').replace(/=+$/, '') : '';
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc|${cert}`;
}

export interface ParsedHandshake {
  coreVersion: number;
  appVersion: number;
  network: string;
  address: string;
  protocol: string;
  serverCertDer: Buffer | undefined;
}

/** The client side of the line, as go-plugin's client.go reads it (used by tests and tooling). */
export function parseHandshakeLine(line: string): ParsedHandshake {
  const parts = line.trim().split('|');
  if (parts.length < 4) throw new Error(`Unrecognized remote plugin message: ${line}`);
  const [core, app, network, address, protocol = 'netrpc', cert = ''] = parts;
  return {
    coreVersion: Number(core),
    appVersion: Number(app),
    network: network!,
    address: address!,
    protocol,
    // go-plugin ignores the field unless it is longer than 50 characters.
    serverCertDer: cert.length > 50 ? Buffer.from(cert, 'base64') : undefined,
  };
}
