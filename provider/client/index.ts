/**
 * Everything the resources call: one transport (CA, `*.localhost`), one token
 * source, the ARM client on the endpoint, and a data-plane client per vault.
 * Kept apart from the resources so that they only map Terraform values to
 * API calls.
 */
import { ArmClient } from './arm';
import { TokenSource, type AuthSetting, type CallerIdentity } from './auth';
import { SecretsClient } from './dataplane';
import { HttpTransport, type TransportOptions } from './http';
import { formatVaultId, parseVaultId, type VaultId } from './ids';

export interface KeyvaultClientSettings extends TransportOptions {
  /** Origin of the emulator (no trailing slash), e.g. https://localhost:8443. */
  endpoint: string;
  subscriptionId: string;
  auth: AuthSetting;
}

export class KeyvaultClient {
  readonly endpoint: string;
  readonly subscriptionId: string;
  readonly transport: HttpTransport;
  readonly tokens: TokenSource;
  readonly arm: ArmClient;
  private readonly dataPlanes = new Map<string, SecretsClient>();
  /** Vault id (lower-cased) → vault URI: one Terraform operation often touches one vault many times. */
  private readonly vaultUris = new Map<string, string>();

  constructor(settings: KeyvaultClientSettings, transport?: HttpTransport) {
    this.endpoint = settings.endpoint.replace(/\/+$/, '');
    this.subscriptionId = settings.subscriptionId;
    this.transport = transport ?? new HttpTransport(settings);
    this.tokens = new TokenSource(this.transport, this.endpoint, settings.auth);
    this.arm = new ArmClient(this.transport, this.endpoint, this.tokens);
  }

  /** The data-plane client of a vault, by its URI. */
  secrets(vaultUri: string): SecretsClient {
    const key = vaultUri.toLowerCase();
    let client = this.dataPlanes.get(key);
    if (!client) {
      client = new SecretsClient(this.transport, this.tokens, vaultUri);
      this.dataPlanes.set(key, client);
    }
    return client;
  }

  /** The vault URI of a vault ARM id; undefined when the vault does not exist (any more). */
  async vaultUri(vaultId: string | VaultId, signal?: AbortSignal): Promise<string | undefined> {
    const id = typeof vaultId === 'string' ? parseVaultId(vaultId) : vaultId;
    if (!id) throw new Error(`"${String(vaultId)}" is not a Key Vault id`);
    const key = formatVaultId(id).toLowerCase();
    const cached = this.vaultUris.get(key);
    if (cached) return cached;
    const vault = await this.arm.getVault(id, signal);
    if (!vault) return undefined;
    this.rememberVault(vault.id, vault.properties.vaultUri);
    return vault.properties.vaultUri;
  }

  rememberVault(vaultId: string, vaultUri: string): void {
    this.vaultUris.set(vaultId.toLowerCase(), vaultUri);
  }

  forgetVault(vaultId: string): void {
    this.vaultUris.delete(vaultId.toLowerCase());
  }

  identity(signal?: AbortSignal): Promise<CallerIdentity> {
    return this.tokens.identity(signal);
  }

  close(): void {
    this.transport.close();
  }
}

export { ApiError } from './errors';
export { TransportError } from './http';
export type { AuthSetting, CallerIdentity } from './auth';
