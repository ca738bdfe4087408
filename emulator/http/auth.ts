/**
 * Authentication of data-plane requests (reference §9): the bearer challenge, and who the caller is.
 *
 * Every request without a bearer token is answered 401 with a `WWW-Authenticate` challenge,
 * before anything else is looked at: the SDKs send their first request without a token on purpose
 * to learn tenant and resource from it.
 */
import type { IncomingMessage } from 'node:http';
import { Errors } from '../core/errors';
import type { Site } from './site';

export interface Principal {
  /** True when the token carried no identity the emulator could read. */
  anonymous: boolean;
  oid?: string;
  tid?: string;
  appid?: string;
  upn?: string;
  iss?: string;
}

export const ANONYMOUS: Principal = Object.freeze({ anonymous: true });

export interface AuthSettings {
  tenantId: string;
  /** Origin of the emulator's token issuer (the `authorization` URL of the challenge). */
  issuerOrigin: () => string;
}

export function challengeFor(site: Site, settings: AuthSettings): string {
  return `Bearer authorization="${settings.issuerOrigin()}/${settings.tenantId}", resource="${site.resource}"`;
}

/** The bearer token of a request, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** Reads the identity claims of a JWT without verifying it; undefined when it is not a JWT. */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length <= 512 ? v : undefined;
}

export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  if (!claims) return ANONYMOUS;
  const principal: Principal = {
    anonymous: false,
    oid: str(claims.oid),
    tid: str(claims.tid),
    appid: str(claims.appid) ?? str(claims.azp),
    upn: str(claims.upn) ?? str(claims.unique_name),
    iss: str(claims.iss),
  };
  if (!principal.oid && !principal.appid && !principal.upn) return ANONYMOUS;
  return principal;
}

/**
 * Authenticates a data-plane request: 401 + challenge without a bearer token; otherwise the
 * caller's identity as its token claims say (signatures are not checked here).
 */
export function authenticate(req: IncomingMessage, site: Site, settings: AuthSettings): Principal {
  const token = bearerToken(req);
  if (!token) throw Errors.missingToken(challengeFor(site, settings));
  return principalFromClaims(decodeClaims(token));
}
