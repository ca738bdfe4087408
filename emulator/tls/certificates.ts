/**
 * The emulator's local certificate authority and server certificates.
 *
 * A CA is created once in `<data-dir>/tls/` and reused, so clients trust it once
 * (NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE / SSL_CERT_FILE). The server certificate covers
 * localhost, 127.0.0.1, ::1, *.localhost and *.vault.localhost. Because many TLS stacks refuse
 * wildcards directly under a single-label name (Node: "*.tld wildcards are not allowed";
 * OpenSSL alike), every vault host name (`{vault}.vault.localhost`, `{vault}.localhost`) also
 * gets its own leaf certificate on first use, chosen by SNI and cached on disk.
 *
 * ECDSA P-256 keys: generation takes milliseconds. The x509 library (~100 ms to load) is only
 * loaded when something must be issued, so a restart with cached files starts fast.
 */
import { createPrivateKey, X509Certificate, webcrypto } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';

const CA_DAYS = 3650;
const LEAF_DAYS = 365;
const RENEW_BEFORE_MS = 30 * 86_400_000;
const VAULT_HOST = /^[a-z0-9-]{1,63}(\.vault)?\.localhost$/;

export interface Certificates {
  /** Path of the CA certificate (PEM) clients should trust. */
  readonly caPath: string;
  readonly caPem: string;
  /**
   * Options for https.createServer: the default certificate, plus SNI for the host names of
   * vaults that exist (`isVault(name)`), so unknown names cannot make the emulator mint certificates.
   */
  serverOptions(isVault: (vaultName: string) => boolean): tls.TlsOptions;
}

interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

type X509Module = typeof import('@peculiar/x509');
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
let x509Module: X509Module | undefined;
function x509(): X509Module {
  if (!x509Module) {
    require('reflect-metadata');
    x509Module = require('@peculiar/x509') as X509Module;
    x509Module.cryptoProvider.set(webcrypto as unknown as Parameters<X509Module['cryptoProvider']['set']>[0]);
  }
  return x509Module;
}

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function writePrivate(file: string, text: string, mode = 0o600): Promise<void> {
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, text, { mode });
  await fs.rename(tmp, file);
}

async function readPair(certFile: string, keyFile: string): Promise<KeyPairPem | undefined> {
  try {
    const [certPem, keyPem] = await Promise.all([fs.readFile(certFile, 'utf8'), fs.readFile(keyFile, 'utf8')]);
    return { certPem, keyPem };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function stillValid(pair: KeyPairPem, ca?: X509Certificate): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    if (Date.parse(cert.validTo) - Date.now() < RENEW_BEFORE_MS) return false;
    if (ca && !cert.checkIssued(ca)) return false;
    return cert.checkPrivateKey(createPrivateKey(pair.keyPem));
  } catch {
    return false;
  }
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

async function createCa(): Promise<KeyPairPem> {
  const X = x509();
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await X.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=keyvault-emulator local CA, O=keyvault-emulator',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + CA_DAYS * 86_400_000),
    keys,
    signingAlgorithm: EC,
    extensions: [
      new X.BasicConstraintsExtension(true, 0, true),
      new X.KeyUsagesExtension(X.KeyUsageFlags.keyCertSign | X.KeyUsageFlags.cRLSign, true),
      await X.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

async function issueLeaf(ca: KeyPairPem, commonName: string, dnsNames: string[], ips: string[]): Promise<KeyPairPem> {
  const X = x509();
  const caCert = new X.X509Certificate(ca.certPem);
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(ca.keyPem).export({ type: 'pkcs8', format: 'der' }),
    EC,
    false,
    ['sign'],
  );
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await X.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${commonName}`,
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + LEAF_DAYS * 86_400_000),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: EC,
    extensions: [
      new X.BasicConstraintsExtension(false, undefined, true),
      new X.KeyUsagesExtension(X.KeyUsageFlags.digitalSignature | X.KeyUsageFlags.keyEncipherment, true),
      new X.ExtendedKeyUsageExtension([X.ExtendedKeyUsage.serverAuth]),
      new X.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await X.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await X.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: `${cert.toString('pem')}\n`, keyPem: await exportKeyPem(keys.privateKey) };
}

/** Loads the CA and server certificate from `dir`, creating or renewing what is missing. */
export async function loadCertificates(dir: string): Promise<Certificates> {
  await fs.mkdir(path.join(dir, 'hosts'), { recursive: true, mode: 0o700 });
  const caFile = path.join(dir, 'ca.pem');
  const caKeyFile = path.join(dir, 'ca-key.pem');
  let ca = await readPair(caFile, caKeyFile);
  if (!ca || !stillValid(ca)) {
    ca = await createCa();
    await writePrivate(caKeyFile, ca.keyPem);
    await writePrivate(caFile, ca.certPem, 0o644); // public: clients must be able to read it
  }
  const caX509 = new X509Certificate(ca.certPem);

  const serverFile = path.join(dir, 'server.pem');
  const serverKeyFile = path.join(dir, 'server-key.pem');
  let server = await readPair(serverFile, serverKeyFile);
  if (!server || !stillValid(server, caX509)) {
    server = await issueLeaf(ca, 'localhost', ['localhost', '*.localhost', '*.vault.localhost'], ['127.0.0.1', '::1']);
    await writePrivate(serverKeyFile, server.keyPem);
    await writePrivate(serverFile, server.certPem);
  }

  const caPair = ca;
  const hostContexts = new Map<string, Promise<tls.SecureContext>>();
  const hostContext = (servername: string): Promise<tls.SecureContext> => {
    let pending = hostContexts.get(servername);
    if (!pending) {
      pending = (async () => {
        const certFile = path.join(dir, 'hosts', `${servername}.pem`);
        const keyFile = path.join(dir, 'hosts', `${servername}-key.pem`);
        let pair = await readPair(certFile, keyFile);
        if (!pair || !stillValid(pair, caX509)) {
          pair = await issueLeaf(caPair, servername, [servername], []);
          await writePrivate(keyFile, pair.keyPem);
          await writePrivate(certFile, pair.certPem);
        }
        return tls.createSecureContext({ cert: pair.certPem + caPair.certPem, key: pair.keyPem });
      })();
      pending.catch(() => hostContexts.delete(servername));
      hostContexts.set(servername, pending);
    }
    return pending;
  };

  const defaultCert = server.certPem + ca.certPem;
  const defaultKey = server.keyPem;
  return {
    caPath: caFile,
    caPem: ca.certPem,
    serverOptions: (isVault) => ({
      cert: defaultCert,
      key: defaultKey,
      SNICallback: (servername, callback) => {
        const name = servername.toLowerCase();
        if (!VAULT_HOST.test(name) || !isVault(name.slice(0, name.indexOf('.')))) {
          callback(null, undefined); // default certificate
          return;
        }
        hostContext(name).then(
          (ctx) => callback(null, ctx),
          (err: Error) => callback(err, undefined),
        );
      },
    }),
  };
}
