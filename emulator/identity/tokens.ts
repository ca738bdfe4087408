/**
 * Access tokens: RS256 JWTs signed with a key kept in `<data-dir>/keys/token-signing.pem` (0600),
 * created once. Minting and verification both live here, with `jose`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, errors as joseErrors, exportJWK, jwtVerify, SignJWT, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Public JWK with kid/use/alg, as served by the JWKS endpoint. */
  jwk: JWK;
}

/** Loads the token signing key from `<dir>/token-signing.pem`, creating it on first use. */
export async function loadOrCreateSigningKey(dir: string): Promise<SigningKey> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'token-signing.pem');
  let pem: string;
  try {
    pem = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, pem, { mode: 0o600 });
    try {
      await fs.link(tmp, file); // another process may have won the race: then use its key
    } catch (linkErr) {
      if ((linkErr as NodeJS.ErrnoException).code !== 'EEXIST') throw linkErr;
      pem = await fs.readFile(file, 'utf8');
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicKey, jwk: { ...jwk, kid, use: 'sig', alg: 'RS256' } };
}

export interface TokenClaims {
  /** Audience: the resource the token is for, e.g. https://vault.localhost */
  aud: string;
  /** Issuer: `{origin}/{tenant}/v2.0` of the emulator's token endpoint. */
  iss: string;
  tid: string;
  oid: string;
  appid: string;
  /** Extra claims (e.g. `idtyp`, `upn`). */
  extra?: Record<string, unknown>;
}

export const TOKEN_LIFETIME_SECONDS = 3600;

export async function mintToken(
  key: SigningKey,
  claims: TokenClaims,
  now: number = Math.floor(Date.now() / 1000),
  lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
): Promise<{ token: string; expiresOn: number }> {
  const expiresOn = now + lifetimeSeconds;
  const token = await new SignJWT({
    ...claims.extra,
    tid: claims.tid,
    oid: claims.oid,
    appid: claims.appid,
    azp: claims.appid,
    sub: claims.oid,
    idtyp: 'app',
    ver: '2.0',
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(expiresOn)
    .sign(key.privateKey);
  return { token, expiresOn };
}

/** Why a token was refused, with the message Key Vault answers (reference §6, AKV100xx). */
export class TokenRejected extends Error {
  constructor(
    readonly reason: 'malformed' | 'unknown-key' | 'signature' | 'expired' | 'not-yet-valid' | 'audience' | 'issuer',
    message: string,
    /** The offending value (audience, issuer), for planes that word the error differently. */
    readonly found?: string,
  ) {
    super(message);
    this.name = 'TokenRejected';
  }
}

export interface VerifyOptions {
  /** Accepted audiences (exact, compared without a trailing slash). */
  audiences: readonly string[];
  /** True when an issuer is one of the emulator's own. */
  isOwnIssuer: (iss: string) => boolean;
  /** Describes the accepted issuers for the error message. */
  expectedIssuers: string;
  /** Unix seconds (the emulator's clock). */
  now: number;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/**
 * Verifies an emulator-issued token: signature (RS256, our key), nbf/exp, audience, issuer.
 * Returns its claims or throws TokenRejected.
 */
export async function verifyToken(key: SigningKey, token: string, options: VerifyOptions): Promise<Record<string, unknown>> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch {
    throw new TokenRejected('malformed', 'Error validating token: IDX12741: JWT must have three segments (JWS) or five segments (JWE).');
  }
  if (header.kid !== key.kid || header.alg !== 'RS256') {
    throw new TokenRejected('unknown-key', 'AKV10046: Unable to resolve the key used for signature validation.');
  }
  try {
    // Lifetime, audience and issuer are checked below against the emulator's clock and rules.
    await jwtVerify(token, key.publicKey, { algorithms: ['RS256'], currentDate: new Date(options.now * 1000), clockTolerance: 300 });
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      throw new TokenRejected('expired', 'Error validating token: IDX10223: Lifetime validation failed. The token is expired.');
    }
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'nbf') {
      throw new TokenRejected('not-yet-valid', 'Error validating token: IDX10222: Lifetime validation failed. The token is not yet valid.');
    }
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new TokenRejected('signature', 'Error validating token: IDX10511: Signature validation failed.');
    }
    throw new TokenRejected('malformed', `Error validating token: ${(err as Error).message}`);
  }
  const audiences = Array.isArray(unverified.aud) ? unverified.aud : [unverified.aud];
  const accepted = new Set(options.audiences.map(trimSlash));
  if (!audiences.some((a) => typeof a === 'string' && accepted.has(trimSlash(a)))) {
    throw new TokenRejected(
      'audience',
      `AKV10022: Invalid audience. Expected ${options.audiences.join(' or ')}, found: ${audiences.join(', ')}.`,
      audiences.join(', '),
    );
  }
  if (typeof unverified.iss !== 'string' || !options.isOwnIssuer(unverified.iss)) {
    throw new TokenRejected(
      'issuer',
      `AKV10032: Invalid issuer. Expected one of ${options.expectedIssuers}, found ${String(unverified.iss)}.`,
      String(unverified.iss),
    );
  }
  return unverified as Record<string, unknown>;
}

/** The resource (audience) of an OAuth scope: `https://vault.localhost/.default` → `https://vault.localhost`. */
export function resourceOfScope(scope: string): string {
  return scope.replace(/\/\.default$/, '').replace(/\/+$/, '');
}
