/**
 * Which vault a request addresses, and under which origin (reference §1.1, §9).
 *
 * The SDKs need every vault at the root of an origin, so a vault is chosen by where the request
 * arrives, never by a path prefix:
 *  - on the main port, by Host: `{vault}.vault.localhost` (canonical), `{vault}.localhost`;
 *    any other host (localhost, 127.0.0.1, ::1, a container name ...) reaches the default vault;
 *  - on a vault's dedicated port, always that vault (zero DNS set-up).
 *
 * The challenge `resource` is chosen so the SDK's challenge-resource check passes without client
 * options: the request host must end with "." + the resource host, so `kv.vault.localhost` is
 * challenged with `https://vault.localhost` and `kv.localhost` with `https://localhost`. Plain
 * `localhost`/IP hosts cannot pass that check with any resource; they get the real service's
 * `https://vault.azure.net` (clients there set disableChallengeResourceVerification).
 */
import type { IncomingMessage } from 'node:http';

export const DEFAULT_VAULT = 'default';

export interface Site {
  /** Lower-cased vault name the request addresses (it may not exist). */
  vaultKey: string;
  /** scheme://host[:port] exactly as the client called it; ids are built on it. */
  origin: string;
  /** Host name without port, lower-cased. */
  hostname: string;
  /** Audience the challenge names (token `aud`). */
  resource: string;
}

const VAULT_DOT_LOCALHOST = /^([a-z0-9-]+)\.vault\.localhost$/;
const DOT_LOCALHOST = /^([a-z0-9-]+)\.localhost$/;
// host, or host:port; IPv6 literals in brackets. Anything else is refused (ids are built from it).
const HOST_HEADER = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;

export function parseHost(host: string | undefined): { hostname: string; port?: number } | undefined {
  if (!host) return undefined;
  const m = HOST_HEADER.exec(host);
  if (!m) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && port > 65535) return undefined;
  return { hostname: m[1].toLowerCase(), port };
}

/** The vault a host name names on the main port, or undefined for "the default vault". */
export function vaultFromHostname(hostname: string): string | undefined {
  return VAULT_DOT_LOCALHOST.exec(hostname)?.[1] ?? DOT_LOCALHOST.exec(hostname)?.[1];
}

export function challengeResource(hostname: string): string {
  if (VAULT_DOT_LOCALHOST.test(hostname)) return 'https://vault.localhost';
  if (DOT_LOCALHOST.test(hostname)) return 'https://localhost';
  return 'https://vault.azure.net';
}

/**
 * Resolves the site of a request. `dedicatedVault` is set when the request came in on a vault's
 * own port. Returns undefined when the Host header is unusable.
 */
export function resolveSite(req: IncomingMessage, scheme: 'https' | 'http', dedicatedVault?: string): Site | undefined {
  const rawHost = req.headers.host;
  const parsed = parseHost(rawHost);
  if (!parsed || !rawHost) return undefined;
  const vaultKey = (dedicatedVault ?? vaultFromHostname(parsed.hostname) ?? DEFAULT_VAULT).toLowerCase();
  return {
    vaultKey,
    origin: `${scheme}://${rawHost.toLowerCase()}`,
    hostname: parsed.hostname,
    resource: challengeResource(parsed.hostname),
  };
}
