/**
 * Authentication of data-plane requests (reference §9): the bearer challenge, and who the caller is.
 *
 * Every request without a bearer token is answered 401 with a `WWW-Authenticate` challenge,
 * before anything else is looked at: the SDKs send their first request without a token on purpose
 * to learn tenant and resource from it.
 */
import type { IncomingMessage } from 'node:http';
import { ArmErrors, Errors, type ServiceError } from '../core/errors';
import { TokenRejected, verifyToken, type SigningKey } from '../identity/tokens';
import { isLocalhostName } from '../client';
import type { Site } from './site';

/**
 * - `none`: no token needed; every caller is the anonymous principal.
 * - `lenient` (default): a bearer token is required (so the SDK challenge flow runs); its claims
 *   are read without checking the signature, so real Entra tokens and emulator tokens both name
 *   the caller; an opaque token is the anonymous principal.
 * - `strict`: only tokens the emulator issued: signature, issuer, audience, nbf/exp are verified.
 */
export type AuthMode = 'none' | 'lenient' | 'strict';
export const AUTH_MODES: readonly AuthMode[] = ['none', 'lenient', 'strict'];

/** Which API a request is for; each accepts its own audiences in strict mode. */
export type Plane = 'data' | 'management';

/** Audiences of the data plane: what the challenges name (see http/site.ts). */
export const DATA_PLANE_AUDIENCES = ['https://vault.localhost', 'https://localhost', 'https://vault.azure.net'];
export const MANAGEMENT_AUDIENCES = ['https://management.azure.com', 'https://management.core.windows.net'];

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
  mode: AuthMode;
  tenantId: string;
  /** Origin of the emulator's token issuer (the `authorization` URL of the challenge). */
  issuerOrigin: () => string;
  signingKey: SigningKey;
  /** Unix seconds, the emulator's clock. */
  now: () => number;
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

/** Tokens the emulator issued name `{origin}/{tenant}/v2.0` on a loopback host (any port: ports change). */
export function isOwnIssuer(iss: string, settings: AuthSettings): boolean {
  try {
    const url = new URL(iss);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const loopback = isLocalhostName(host) || host === '127.0.0.1' || host === '::1';
    return loopback && url.pathname.toLowerCase() === `/${settings.tenantId.toLowerCase()}/v2.0`;
  } catch {
    return false;
  }
}

export function audiencesFor(plane: Plane, settings: AuthSettings): string[] {
  return plane === 'data' ? DATA_PLANE_AUDIENCES : [...MANAGEMENT_AUDIENCES, settings.issuerOrigin()];
}

/** The challenge ARM sends with its 401s. */
export function managementChallenge(settings: AuthSettings): string {
  return `Bearer authorization_uri="${settings.issuerOrigin()}/${settings.tenantId}", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`;
}

/** ARM words token rejections with its own codes. */
function managementRejection(err: TokenRejected, challenge: string, settings: AuthSettings): ServiceError {
  switch (err.reason) {
    case 'expired':
      return ArmErrors.invalidToken('ExpiredAuthenticationToken', 'The access token has expired. Get a new token and retry.', challenge);
    case 'audience':
      return ArmErrors.invalidToken(
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${err.found}'. It should exactly match with one of the allowed audiences ${audiencesFor('management', settings).map((a) => `'${a}'`).join(',')}.`,
        challenge,
      );
    case 'issuer':
      return ArmErrors.invalidToken(
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer '${err.found}'. It must match the tenant '${settings.issuerOrigin()}/${settings.tenantId}/v2.0' associated with this subscription.`,
        challenge,
      );
    default:
      return ArmErrors.invalidToken('InvalidAuthenticationToken', `The access token is invalid. ${err.message}`, challenge);
  }
}

/**
 * Authenticates a request: in lenient and strict modes a request without a bearer token gets 401
 * with the challenge; strict mode also verifies the token. Returns who the caller is — at once in
 * none and lenient modes (the data plane's hot path), as a promise in strict mode. Errors are
 * worded as Key Vault (data plane) or ARM (management plane) word them.
 */
export function authenticateRequest(
  req: IncomingMessage,
  plane: Plane,
  challenge: () => string,
  settings: AuthSettings,
): Principal | Promise<Principal> {
  if (settings.mode === 'none') return ANONYMOUS;
  const token = bearerToken(req);
  if (!token) throw plane === 'data' ? Errors.missingToken(challenge()) : ArmErrors.missingToken(challenge());
  if (settings.mode === 'lenient') return lenientPrincipal(token);
  return verifiedPrincipal(token, plane, challenge, settings);
}

async function verifiedPrincipal(token: string, plane: Plane, challenge: () => string, settings: AuthSettings): Promise<Principal> {
  try {
    const claims = await verifyToken(settings.signingKey, token, {
      audiences: audiencesFor(plane, settings),
      isOwnIssuer: (iss) => isOwnIssuer(iss, settings),
      expectedIssuers: `${settings.issuerOrigin()}/${settings.tenantId}/v2.0`,
      now: settings.now(),
    });
    return principalFromClaims(claims);
  } catch (err) {
    if (err instanceof TokenRejected) {
      throw plane === 'data' ? Errors.invalidToken(err.message, challenge()) : managementRejection(err, challenge(), settings);
    }
    throw err;
  }
}

/**
 * Clients reuse a token for up to an hour, so the claims of recent tokens are kept rather than
 * decoded on every request. Bounded: cleared when full.
 */
const lenientCache = new Map<string, Principal>();
const LENIENT_CACHE_MAX = 1024;

function lenientPrincipal(token: string): Principal {
  let principal = lenientCache.get(token);
  if (principal === undefined) {
    principal = Object.freeze(principalFromClaims(decodeClaims(token)));
    if (lenientCache.size >= LENIENT_CACHE_MAX) lenientCache.clear();
    lenientCache.set(token, principal);
  }
  return principal;
}

/** `authenticateRequest` for callers that await anyway, with the challenge already worded. */
export async function authenticate(req: IncomingMessage, plane: Plane, challenge: string, settings: AuthSettings): Promise<Principal> {
  return authenticateRequest(req, plane, () => challenge, settings);
}
