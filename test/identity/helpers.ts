/**
 * Helpers of the token-issuer tests: raw token requests and JWT decoding.
 */
import { readFileSync } from 'node:fs';
import { rawRequest, type RawResponse } from '../helpers/http';
import type { RunningEmulator } from '../../emulator';

export function devSecret(em: RunningEmulator): string {
  return readFileSync(em.devClient.secretFile, 'utf8').trim();
}

export function identityHeader(em: RunningEmulator): string {
  return readFileSync(em.managedIdentity.headerFile, 'utf8').trim();
}

/** POSTs a form to the token endpoint of `tenant` (default: the emulator's). */
export function tokenRequest(
  em: RunningEmulator,
  form: Record<string, string>,
  options: { tenant?: string; headers?: Record<string, string>; origin?: string } = {},
): Promise<RawResponse> {
  return rawRequest(em.ca, {
    method: 'POST',
    url: `${options.origin ?? em.url}/${options.tenant ?? em.tenantId}/oauth2/v2.0/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    body: new URLSearchParams(form).toString(),
    token: null,
  });
}

export function clientCredentialsForm(em: RunningEmulator, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const form: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_id: em.devClient.clientId,
    client_secret: devSecret(em),
    scope: 'https://vault.azure.net/.default',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;
}
