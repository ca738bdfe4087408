/**
 * The Key Vault secrets data plane of one vault, at its `vaultUri`
 * (`https://{name}.vault.localhost:{port}/`), with a Key Vault-audience token.
 * api-version 7.4, as azurerm's Key Vault client uses.
 */
import type { TokenSource } from './auth';
import { KEY_VAULT_SCOPE } from './auth';
import { sameOrigin } from './arm';
import { apiErrorOf } from './errors';
import type { HttpResponse, HttpTransport } from './http';

export const DATA_PLANE_API_VERSION = '7.4';

export interface SecretAttributes {
  enabled?: boolean;
  nbf?: number;
  exp?: number;
  created?: number;
  updated?: number;
  recoveryLevel?: string;
}

/** SecretBundle (value only in Set/Get answers). */
export interface SecretBundle {
  id: string;
  value?: string;
  contentType?: string;
  tags?: Record<string, string>;
  attributes?: SecretAttributes;
}

export interface DeletedSecretBundle extends SecretBundle {
  recoveryId?: string;
}

/** SecretItem of list answers (no value). */
export interface SecretItem {
  id: string;
  contentType?: string;
  tags?: Record<string, string>;
  attributes?: SecretAttributes;
}

export interface SecretWrite {
  value?: string;
  contentType?: string;
  tags?: Record<string, string>;
  attributes?: { enabled?: boolean; nbf?: number; exp?: number };
}

export class SecretsClient {
  /** The vault URI without its trailing slash. */
  readonly base: string;

  constructor(
    private readonly transport: HttpTransport,
    private readonly tokens: TokenSource,
    vaultUri: string,
  ) {
    this.base = vaultUri.replace(/\/+$/, '');
  }

  /** The latest version (or `version`); undefined when the secret does not exist. */
  async getSecret(name: string, version?: string, signal?: AbortSignal): Promise<SecretBundle | undefined> {
    const response = await this.call('GET', this.secretPath(name, version), undefined, signal);
    if (response.status === 404) return undefined;
    this.check(response, `reading secret "${name}"${version ? ` version ${version}` : ''}`);
    return response.json as SecretBundle;
  }

  async setSecret(name: string, body: SecretWrite, signal?: AbortSignal): Promise<SecretBundle> {
    const response = await this.call('PUT', this.secretPath(name), body, signal);
    this.check(response, `setting secret "${name}"`);
    return response.json as SecretBundle;
  }

  /** PATCH of a version's attributes, content type and tags (the latest without `version`). */
  async updateSecret(name: string, version: string | undefined, body: SecretWrite, signal?: AbortSignal): Promise<SecretBundle> {
    const response = await this.call('PATCH', this.secretPath(name, version), body, signal);
    this.check(response, `updating secret "${name}"`);
    return response.json as SecretBundle;
  }

  /** Undefined when there was no such secret. */
  async deleteSecret(name: string, signal?: AbortSignal): Promise<DeletedSecretBundle | undefined> {
    const response = await this.call('DELETE', this.secretPath(name), undefined, signal);
    if (response.status === 404) return undefined;
    this.check(response, `deleting secret "${name}"`);
    return response.json as DeletedSecretBundle;
  }

  async getDeletedSecret(name: string, signal?: AbortSignal): Promise<DeletedSecretBundle | undefined> {
    const response = await this.call('GET', `/deletedsecrets/${encodeURIComponent(name)}`, undefined, signal);
    if (response.status === 404) return undefined;
    this.check(response, `reading deleted secret "${name}"`);
    return response.json as DeletedSecretBundle;
  }

  /** False when there was nothing to purge. */
  async purgeDeletedSecret(name: string, signal?: AbortSignal): Promise<boolean> {
    const path = `/deletedsecrets/${encodeURIComponent(name)}`;
    for (let attempt = 0; ; attempt++) {
      const response = await this.call('DELETE', path, undefined, signal);
      if (response.status === 404) return false;
      // Azure answers 409 "...is currently being deleted" for a while after the delete; azurerm retries.
      if (response.status === 409 && /currently being deleted/i.test(response.text) && attempt < 10) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      this.check(response, `purging deleted secret "${name}"`);
      return true;
    }
  }

  async recoverDeletedSecret(name: string, signal?: AbortSignal): Promise<SecretBundle> {
    const response = await this.call('POST', `/deletedsecrets/${encodeURIComponent(name)}/recover`, undefined, signal);
    this.check(response, `recovering deleted secret "${name}"`);
    return response.json as SecretBundle;
  }

  /** Every secret of the vault (latest versions' metadata, versionless ids). */
  listSecrets(signal?: AbortSignal): Promise<SecretItem[]> {
    return this.list(`${this.base}/secrets?api-version=${DATA_PLANE_API_VERSION}&maxresults=25`, 'listing secrets', signal);
  }

  /** Every version of a secret (metadata, versioned ids). */
  listVersions(name: string, signal?: AbortSignal): Promise<SecretItem[]> {
    return this.list(
      `${this.base}/secrets/${encodeURIComponent(name)}/versions?api-version=${DATA_PLANE_API_VERSION}&maxresults=25`,
      `listing the versions of secret "${name}"`,
      signal,
    );
  }

  private async list(first: string, operation: string, signal?: AbortSignal): Promise<SecretItem[]> {
    const items: SecretItem[] = [];
    let next: string | undefined = first;
    for (let pages = 0; next && pages < 10_000; pages++) {
      const response = await this.send('GET', next, undefined, signal);
      this.check(response, operation);
      const body = response.json as { value?: SecretItem[]; nextLink?: string | null };
      items.push(...(body.value ?? []));
      next = sameOrigin(body.nextLink ?? undefined, this.base);
    }
    return items;
  }

  private secretPath(name: string, version?: string): string {
    return `/secrets/${encodeURIComponent(name)}${version ? `/${encodeURIComponent(version)}` : ''}`;
  }

  private call(method: string, path: string, body: object | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    return this.send(method, `${this.base}${path}?api-version=${DATA_PLANE_API_VERSION}`, body, signal);
  }

  private async send(method: string, url: string, body: object | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    const authorization = await this.tokens.authorization(KEY_VAULT_SCOPE, signal);
    if (authorization) headers.authorization = authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.transport.send({ method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  }

  private check(response: HttpResponse, operation: string): void {
    if (response.status < 200 || response.status >= 300) throw apiErrorOf(`${operation} in ${this.base}/`, response);
  }
}
