/**
 * Self-signed server certificate for go-plugin's AutoMTLS, built with Node's
 * crypto only.
 *
 * Why hand-written DER: Node can create keys and signatures but not X.509
 * certificates, and the usual libraries are either slow to load
 * (`@peculiar/x509` ~200 ms, and it needs a `reflect-metadata` polyfill the
 * project does not ship) or slower still to generate (node-forge RSA). A
 * certificate is a short, fixed structure, so we encode it directly:
 * ECDSA P-256 key, SAN `DNS:localhost` + `IP:127.0.0.1`, EKU serverAuth +
 * clientAuth and CA:true with certSign, mirroring go-plugin's own
 * generateCert(). Terraform's client trusts exactly this certificate
 * (RootCAs = {server cert}, ServerName "localhost"), so those fields matter.
 *
 * The certificate and key are cached in one file (written atomically, mode
 * 0600) so a launch normally costs one small read and a parse.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ServerCertificate {
  /** PEM certificate, for grpc-js. */
  certPem: string;
  /** PEM PKCS#8 private key, for grpc-js. */
  keyPem: string;
  /** DER certificate, for the handshake line. */
  der: Buffer;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a generated certificate is valid. Short enough to be harmless if leaked, long enough to be cached. */
export const CERT_LIFETIME_MS = 30 * DAY_MS;
/** Regenerate when less than this remains, so a long terraform run never sees an expiring cert. */
const RENEW_BEFORE_MS = DAY_MS;
const CACHE_FILE = 'server-tls.pem';

// --------------------------------------------------------------- DER bits ----

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const octetString = (content: Buffer) => tlv(0x04, content);
const utf8String = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);
const booleanTrue = () => tlv(0x01, Buffer.from([0xff]));

function bitString(content: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.from([unusedBits]), content);
}

/** A non-negative INTEGER from big-endian magnitude bytes (minimal, sign-safe). */
function unsignedInteger(magnitude: Buffer): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  let bytes = magnitude.subarray(i);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    let v = Math.floor(part / 128);
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime (RFC 5280 requires it for dates before 2050) or GeneralizedTime after. */
function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const compact = iso.slice(0, 19).replace(/[-:T]/g, '') + 'Z'; // YYYYMMDDHHMMSSZ
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(compact.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(compact, 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), booleanTrue(), octetString(value)) : sequence(oid(id), octetString(value));
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

// -------------------------------------------------------- certificate ----

export interface GenerateOptions {
  now?: Date;
  lifetimeMs?: number;
  commonName?: string;
}

/** Generates a fresh ECDSA P-256 self-signed certificate valid for localhost. */
export function generateServerCertificate(options: GenerateOptions = {}): ServerCertificate {
  const now = options.now ?? new Date();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // The SubjectPublicKeyInfo ends with the BIT STRING holding the EC point;
  // its last 65 bytes are the uncompressed point the key identifier hashes.
  const keyId = createHash('sha1').update(spki.subarray(spki.length - 65)).digest();

  const name = sequence(
    set(sequence(oid(OID.organization), utf8String('keyvault-emulator'))),
    set(sequence(oid(OID.commonName), utf8String(options.commonName ?? 'localhost'))),
  );
  const signatureAlgorithm = sequence(oid(OID.ecdsaWithSha256));
  // Positive 127-bit serial: top bit cleared so the INTEGER stays short and positive.
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;

  const extensions = sequence(
    // digitalSignature | keyEncipherment | keyCertSign (bits 0, 2, 5) = 0b10100100, 2 unused bits.
    extension(OID.keyUsage, true, bitString(Buffer.from([0xa4]), 2)),
    extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth), oid(OID.clientAuth))),
    extension(OID.basicConstraints, true, sequence(booleanTrue())),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
    extension(
      OID.subjectAltName,
      false,
      sequence(tlv(0x82, Buffer.from('localhost', 'ascii')), tlv(0x87, Buffer.from([127, 0, 0, 1]))),
    ),
  );

  const notBefore = new Date(now.getTime() - 60 * 60 * 1000); // tolerate small clock skew
  const notAfter = new Date(now.getTime() + (options.lifetimeMs ?? CERT_LIFETIME_MS));
  const tbs = sequence(
    explicit(0, tlv(0x02, Buffer.from([2]))), // version v3
    unsignedInteger(serial),
    signatureAlgorithm,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));

  return {
    der,
    certPem: toPem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function toPem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

// --------------------------------------------------------------- cache ----

/** `$XDG_CACHE_HOME/keyvault-emulator-provider`, else `~/.cache/keyvault-emulator-provider`. */
export function defaultCertCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'keyvault-emulator-provider');
}

/** Reads a cached certificate; returns undefined when missing, unreadable, mismatched or close to expiry. */
export function readCachedCertificate(dir: string, now: Date = new Date()): ServerCertificate | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, CACHE_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(text)?.[0];
  const keyPem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(text)?.[0];
  if (!certPem || !keyPem) return undefined;
  try {
    const cert = new X509Certificate(certPem);
    const validFrom = Date.parse(cert.validFrom);
    const validTo = Date.parse(cert.validTo);
    if (!(validFrom <= now.getTime() && validTo - RENEW_BEFORE_MS > now.getTime())) return undefined;
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    return { certPem, keyPem, der: cert.raw };
  } catch {
    return undefined;
  }
}

/** Writes cert + key as one file via rename, so concurrent provider launches never see half a pair. */
export function writeCachedCertificate(dir: string, cert: ServerCertificate): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${CACHE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(tmp, cert.certPem + cert.keyPem, { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, CACHE_FILE));
}

/**
 * The certificate for this launch: from the cache when still good, otherwise
 * freshly generated and (best effort) cached. A read-only home never stops
 * the provider from starting.
 */
export function loadOrCreateServerCertificate(
  dir: string = defaultCertCacheDir(),
  log: (message: string) => void = () => {},
): ServerCertificate {
  const cached = readCachedCertificate(dir);
  if (cached) return cached;
  const fresh = generateServerCertificate();
  try {
    writeCachedCertificate(dir, fresh);
  } catch (err) {
    log(`could not cache the TLS certificate in ${dir}: ${(err as Error).message}`);
  }
  return fresh;
}
