/**
 * Errors answered by the emulator (ARM, Key Vault data plane, token endpoint),
 * carrying Azure's status, code and message so that Terraform shows the very
 * text Azure (and the emulator) wrote, e.g. the 403 AccessDenied sentence.
 */
import type { HttpResponse } from './http';

export class ApiError extends Error {
  constructor(
    /** What the provider was doing, e.g. `creating secret "db" in https://app.vault.localhost:8443/`. */
    readonly operation: string,
    readonly status: number,
    /** Azure's error code (`Forbidden`, `ResourceNotFound`, `invalid_client`, ...). */
    readonly code: string,
    /** Azure's message, verbatim. */
    readonly serviceMessage: string,
    /** `innererror.code` of data-plane errors (`AccessDenied`, `ObjectIsDeletedButRecoverable`, ...). */
    readonly innerCode?: string,
  ) {
    super(
      `${operation}: Status=${status} Code="${code}"${innerCode ? ` InnerError="${innerCode}"` : ''} Message="${serviceMessage}"`,
    );
    this.name = 'ApiError';
  }

  /** True for a code or inner code, compared case-insensitively as Azure's clients do. */
  is(code: string): boolean {
    const c = code.toLowerCase();
    return this.code.toLowerCase() === c || this.innerCode?.toLowerCase() === c;
  }
}

/** Builds the error for a non-2xx answer of ARM or the data plane (`{"error":{"code","message","innererror"}}`). */
export function apiErrorOf(operation: string, response: HttpResponse): ApiError {
  const body = response.json as { error?: { code?: unknown; message?: unknown; innererror?: { code?: unknown } } } | undefined;
  const error = body && typeof body === 'object' ? body.error : undefined;
  if (error && typeof error === 'object') {
    return new ApiError(
      operation,
      response.status,
      typeof error.code === 'string' ? error.code : `HTTP${response.status}`,
      typeof error.message === 'string' ? error.message : '',
      typeof error.innererror?.code === 'string' ? error.innererror.code : undefined,
    );
  }
  const text = response.text.trim().slice(0, 500);
  return new ApiError(operation, response.status, `HTTP${response.status}`, text || '(no error body)');
}

/** The token endpoint's errors (`{"error","error_description"}`, AADSTS messages). */
export function tokenErrorOf(operation: string, response: HttpResponse): ApiError {
  const body = response.json as { error?: unknown; error_description?: unknown } | undefined;
  if (body && typeof body.error === 'string') {
    return new ApiError(operation, response.status, body.error, typeof body.error_description === 'string' ? body.error_description : '');
  }
  return apiErrorOf(operation, response);
}
