/**
 * Tokens for the provider's calls, from the emulator's own token endpoint
 * (`POST {endpoint}/{tenant}/oauth2/v2.0/token`, client credentials), like
 * azurerm gets them from Entra ID: one token per audience, the management one
 * for ARM and the Key Vault one for the data plane, each cached until shortly
 * before it expires.
 *
 * Without client credentials the provider works only against an emulator
 * started with `--auth none` (it asks `GET /_emulator/info`, which needs no
 * token). It never reads the development client's secret from a data
 * directory by itself: a secret file found through an environment variable
 * would make any configuration act as the emulator's most privileged client
 * without saying so. Instead the diagnostic names the exact lines to paste.
 */
import { DiagnosticError, attr } from '../core/diagnostics';
import { tokenErrorOf } from './errors';
import type { HttpTransport } from './http';

export const MANAGEMENT_SCOPE = 'https://management.azure.com/.default';
export const KEY_VAULT_SCOPE = 'https://vault.azure.net/.default';

/** Refresh a cached token this long before it expires. */
const EXPIRY_MARGIN_MS = 120_000;

export interface ClientCredentials {
  tenantId: string | undefined;
  clientId: string;
  clientSecret: string;
}

export type AuthSetting =
  | { kind: 'credentials'; credentials: ClientCredentials }
  /** The emulator runs with --auth none: requests carry no token. */
  | { kind: 'anonymous'; tenantId: string | undefined; clientId: string | undefined }
  /** No credentials, and the emulator could not be asked yet: decided at the first call. */
  | { kind: 'undecided'; tenantId: string | undefined };

export interface EmulatorInfo {
  tenantId: string;
  authMode: string;
}

/** Who the provider acts as (keyvault_client_config). */
export interface CallerIdentity {
  tenantId: string;
  clientId: string;
  objectId: string;
}

export async function fetchEmulatorInfo(transport: HttpTransport, endpoint: string, signal?: AbortSignal): Promise<EmulatorInfo> {
  const response = await transport.send({ method: 'GET', url: `${endpoint}/_emulator/info`, signal });
  const body = response.json as Partial<EmulatorInfo> | undefined;
  if (response.status !== 200 || typeof body?.authMode !== 'string' || typeof body.tenantId !== 'string') {
    throw new Error(`${endpoint} does not look like a keyvault-emulator: GET /_emulator/info answered ${response.status}.`);
  }
  return { tenantId: body.tenantId, authMode: body.authMode };
}

/** The diagnostic for a provider without credentials in front of an emulator that wants tokens. */
export function missingCredentialsError(endpoint: string, info: EmulatorInfo): DiagnosticError {
  return new DiagnosticError('Missing credentials for the keyvault-emulator', {
    detail:
      `The emulator at ${endpoint} runs with --auth ${info.authMode}, so every call needs a token from its token endpoint, ` +
      'and the provider needs a service principal to get one. Paste the "Service principal" lines the emulator printed when it started:\n\n' +
      `  export AZURE_TENANT_ID=${info.tenantId}\n` +
      '  export AZURE_CLIENT_ID=<the development client id from the banner>\n' +
      '  export AZURE_CLIENT_SECRET="$(cat <data-dir>/keys/dev-client-secret)"\n\n' +
      'or set tenant_id, client_id and client_secret in the provider block (KEYVAULT_EMULATOR_* and ARM_* variables work too). ' +
      'Other principals: keyvault-emulator client create. Only an emulator started with --auth none is used without credentials.',
    path: [attr('client_id')],
  });
}

interface CachedToken {
  token: string;
  expiresAtMs: number;
}

export class TokenSource {
  private setting: AuthSetting;
  private readonly cache = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<CachedToken>>();
  private decided: Promise<void> | undefined;
  /** Token requests made (tests check the cache with it). */
  requests = 0;

  constructor(
    private readonly transport: HttpTransport,
    private readonly endpoint: string,
    setting: AuthSetting,
    private readonly now: () => number = Date.now,
  ) {
    this.setting = setting;
  }

  get kind(): AuthSetting['kind'] {
    return this.setting.kind;
  }

  /** The Authorization header value for a scope, or undefined when the emulator wants none. */
  async authorization(scope: string, signal?: AbortSignal): Promise<string | undefined> {
    await this.decide(signal);
    if (this.setting.kind !== 'credentials') return undefined;
    return `Bearer ${(await this.token(this.setting.credentials, scope, signal)).token}`;
  }

  /** Tenant, client and object id of the configured principal (from the token's claims, like azurerm). */
  async identity(signal?: AbortSignal): Promise<CallerIdentity> {
    await this.decide(signal);
    const setting = this.setting;
    if (setting.kind !== 'credentials') {
      const tenantId = setting.tenantId ?? (await fetchEmulatorInfo(this.transport, this.endpoint, signal)).tenantId;
      return { tenantId, clientId: setting.kind === 'anonymous' ? (setting.clientId ?? '') : '', objectId: '' };
    }
    const { token } = await this.token(setting.credentials, MANAGEMENT_SCOPE, signal);
    const claims = decodeJwtClaims(token);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      tenantId: setting.credentials.tenantId ?? str(claims.tid),
      clientId: setting.credentials.clientId,
      objectId: str(claims.oid),
    };
  }

  private decide(signal?: AbortSignal): Promise<void> {
    if (this.setting.kind !== 'undecided') return Promise.resolve();
    const tenantId = this.setting.tenantId;
    this.decided ??= fetchEmulatorInfo(this.transport, this.endpoint, signal).then(
      (info) => {
        if (info.authMode !== 'none') throw missingCredentialsError(this.endpoint, info);
        this.setting = { kind: 'anonymous', tenantId, clientId: undefined };
      },
      (err: unknown) => {
        this.decided = undefined; // try again on the next call: the emulator may have come up
        throw err;
      },
    );
    return this.decided;
  }

  private token(credentials: ClientCredentials, scope: string, signal?: AbortSignal): Promise<CachedToken> {
    const cached = this.cache.get(scope);
    if (cached && cached.expiresAtMs - EXPIRY_MARGIN_MS > this.now()) return Promise.resolve(cached);
    let pending = this.inflight.get(scope);
    if (!pending) {
      pending = this.requestToken(credentials, scope, signal).finally(() => this.inflight.delete(scope));
      this.inflight.set(scope, pending);
    }
    return pending;
  }

  private async requestToken(credentials: ClientCredentials, scope: string, signal?: AbortSignal): Promise<CachedToken> {
    const tenant = credentials.tenantId ?? 'organizations';
    const url = `${this.endpoint}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope,
    }).toString();
    this.requests++;
    const started = this.now();
    const response = await this.transport.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal,
    });
    // A client id is not secret, but a secret pasted into client_id must not end up in Terraform's output.
    const client = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(credentials.clientId) ? credentials.clientId : '(not a GUID)';
    const operation = `getting a token for ${scope} from ${url} (client ${client})`;
    if (response.status !== 200) throw tokenErrorOf(operation, response);
    const json = response.json as { access_token?: unknown; expires_in?: unknown } | undefined;
    const expiresIn = Number(json?.expires_in);
    if (typeof json?.access_token !== 'string' || !Number.isFinite(expiresIn)) {
      throw new Error(`${operation}: the answer has no access_token/expires_in`);
    }
    const entry = { token: json.access_token, expiresAtMs: started + expiresIn * 1000 };
    this.cache.set(scope, entry);
    return entry;
  }
}

/** The claims of a JWT, unverified (the provider only reads who it is, as azurerm does). */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
