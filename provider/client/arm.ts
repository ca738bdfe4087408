/**
 * The emulator's ARM-shaped management API (`Microsoft.KeyVault/vaults`, reference
 * management-plane-and-identity.md §2), on the provider's endpoint, with a
 * management-audience token.
 */
import type { TokenSource } from './auth';
import { MANAGEMENT_SCOPE } from './auth';
import { apiErrorOf } from './errors';
import type { HttpResponse, HttpTransport } from './http';
import { formatVaultId, type VaultId } from './ids';

/** Any version is accepted; `enableRbacAuthorization` is always sent, so 2026-02-01's RBAC default never applies. */
export const ARM_API_VERSION = '2023-07-01';

export interface ArmPermissions {
  keys?: string[];
  secrets?: string[];
  certificates?: string[];
  storage?: string[];
}

export interface ArmAccessPolicy {
  tenantId: string;
  objectId: string;
  applicationId?: string;
  permissions: ArmPermissions;
}

export interface ArmVault {
  id: string;
  name: string;
  location: string;
  tags?: Record<string, string>;
  properties: {
    tenantId: string;
    sku: { family?: string; name: string };
    accessPolicies?: ArmAccessPolicy[];
    vaultUri: string;
    enableSoftDelete?: boolean;
    softDeleteRetentionInDays?: number;
    enableRbacAuthorization?: boolean;
    enablePurgeProtection?: boolean;
    publicNetworkAccess?: string;
  };
}

export interface ArmDeletedVault {
  id: string;
  name: string;
  properties: {
    vaultId: string;
    location: string;
    deletionDate?: string;
    scheduledPurgeDate?: string;
    purgeProtectionEnabled?: boolean;
  };
}

export type AccessPolicyUpdateKind = 'add' | 'replace' | 'remove';

export class ArmClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly endpoint: string,
    private readonly tokens: TokenSource,
  ) {}

  async getVault(id: VaultId, signal?: AbortSignal): Promise<ArmVault | undefined> {
    const response = await this.call('GET', formatVaultId(id), undefined, signal);
    if (response.status === 404) return undefined;
    this.check(response, `reading Key Vault ${formatVaultId(id)}`);
    return response.json as ArmVault;
  }

  async putVault(id: VaultId, body: object, signal?: AbortSignal): Promise<ArmVault> {
    const response = await this.call('PUT', formatVaultId(id), body, signal);
    this.check(response, `creating Key Vault ${formatVaultId(id)}`);
    return response.json as ArmVault;
  }

  async patchVault(id: VaultId, body: object, signal?: AbortSignal): Promise<ArmVault> {
    const response = await this.call('PATCH', formatVaultId(id), body, signal);
    this.check(response, `updating Key Vault ${formatVaultId(id)}`);
    return response.json as ArmVault;
  }

  /** False when there was no such vault. */
  async deleteVault(id: VaultId, signal?: AbortSignal): Promise<boolean> {
    const response = await this.call('DELETE', formatVaultId(id), undefined, signal);
    if (response.status === 404) return false;
    this.check(response, `deleting Key Vault ${formatVaultId(id)}`);
    return response.status !== 204;
  }

  async getDeletedVault(subscriptionId: string, location: string, name: string, signal?: AbortSignal): Promise<ArmDeletedVault | undefined> {
    const response = await this.call('GET', deletedVaultPath(subscriptionId, location, name), undefined, signal);
    // azurerm treats 403 like 404 here: the caller may not read deleted vaults.
    if (response.status === 404 || response.status === 403) return undefined;
    this.check(response, `looking for a soft-deleted Key Vault "${name}" in ${location}`);
    const deleted = response.json as ArmDeletedVault;
    // Like azurerm: only a deleted vault with both dates is one.
    return deleted.properties?.deletionDate && deleted.properties.scheduledPurgeDate ? deleted : undefined;
  }

  /** False when there was nothing to purge. */
  async purgeDeletedVault(subscriptionId: string, location: string, name: string, signal?: AbortSignal): Promise<boolean> {
    const response = await this.call('POST', `${deletedVaultPath(subscriptionId, location, name)}/purge`, undefined, signal);
    if (response.status === 404) return false;
    this.check(response, `purging the soft-deleted Key Vault "${name}" (${location})`);
    return true;
  }

  async updateAccessPolicies(vault: VaultId, kind: AccessPolicyUpdateKind, entries: ArmAccessPolicy[], signal?: AbortSignal): Promise<void> {
    const verb = { add: 'adding', replace: 'replacing', remove: 'removing' }[kind];
    const response = await this.call(
      'PUT',
      `${formatVaultId(vault)}/accessPolicies/${kind}`,
      // azurerm sends the vault name too; ARM ignores it (read-only).
      { name: vault.name, properties: { accessPolicies: entries } },
      signal,
    );
    this.check(response, `${verb} an access policy of Key Vault ${formatVaultId(vault)}`);
  }

  /** Every vault of a subscription (follows nextLink). */
  async listVaults(subscriptionId: string, signal?: AbortSignal): Promise<ArmVault[]> {
    const vaults: ArmVault[] = [];
    let next: string | undefined = `${this.endpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.KeyVault/vaults?api-version=${ARM_API_VERSION}`;
    for (let pages = 0; next && pages < 1000; pages++) {
      const response = await this.send('GET', next, undefined, signal);
      this.check(response, `listing the Key Vaults of subscription ${subscriptionId}`);
      const body = response.json as { value?: ArmVault[]; nextLink?: string };
      vaults.push(...(body.value ?? []));
      next = sameOrigin(body.nextLink, this.endpoint);
    }
    return vaults;
  }

  private call(method: string, path: string, body: object | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    const url = `${this.endpoint}${path.split('/').map(encodeSegment).join('/')}?api-version=${ARM_API_VERSION}`;
    return this.send(method, url, body, signal);
  }

  private async send(method: string, url: string, body: object | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    const authorization = await this.tokens.authorization(MANAGEMENT_SCOPE, signal);
    if (authorization) headers.authorization = authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.transport.send({ method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  }

  private check(response: HttpResponse, operation: string): void {
    if (response.status < 200 || response.status >= 300) throw apiErrorOf(operation, response);
  }
}

function deletedVaultPath(subscriptionId: string, location: string, name: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.KeyVault/locations/${location}/deletedVaults/${name}`;
}

function encodeSegment(segment: string): string {
  return segment === '' ? '' : encodeURIComponent(segment);
}

/** A nextLink is followed only on the origin we called: tokens never go elsewhere. */
export function sameOrigin(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, base);
    return url.origin === new URL(base).origin ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
