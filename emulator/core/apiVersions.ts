import { Errors } from './errors';

/**
 * Data-plane api-versions the emulator accepts (reference §1.2). The service has no default:
 * a request without api-version is refused.
 */
export const SUPPORTED_API_VERSIONS: readonly string[] = [
  '2015-06-01',
  '2016-10-01',
  '7.0',
  '7.1',
  '7.2',
  '7.3-preview',
  '7.3',
  '7.4-preview.1',
  '7.4',
  '7.5',
  '7.6-preview.1',
  '7.6-preview.2',
  '7.6',
  '2025-07-01',
  '2026-04-01',
];

const SUPPORTED = new Set(SUPPORTED_API_VERSIONS);

export function requireApiVersion(value: string | undefined): string {
  if (value === undefined || value === '') throw Errors.missingApiVersion();
  if (!SUPPORTED.has(value)) throw Errors.unknownApiVersion(value);
  return value;
}

/** `recoverableDays` appeared in 7.1; older versions do not return it. */
export function hasRecoverableDays(apiVersion: string): boolean {
  return !(apiVersion === '2015-06-01' || apiVersion === '2016-10-01' || apiVersion === '7.0');
}
