/**
 * Attribute validators. A validator receives a known, non-null value and
 * returns nothing when it is fine, or a message (or issues with a sub-path
 * inside the value). The framework turns each failure into an error
 * diagnostic attached to the attribute, so Terraform underlines the exact
 * configuration line.
 */
import { CtyValue, isNumberValue, isPlainObject, isWhollyKnown, toSafeNumber } from '../core/cty';
import type { PathStep } from '../core/diagnostics';

export interface ValidationIssue {
  message: string;
  /** Steps inside the attribute's value, e.g. a map key or list index. */
  path?: PathStep[];
}

export type ValidationResult = string | ValidationIssue[] | undefined | void;

export type Validator = (value: CtyValue) => ValidationResult;

export function normaliseIssues(result: ValidationResult): ValidationIssue[] {
  if (!result) return [];
  if (typeof result === 'string') return [{ message: result }];
  return result;
}

export function stringLengthBetween(min: number, max: number): Validator {
  return (value) => {
    if (typeof value !== 'string') return;
    const length = [...value].length;
    if (length < min || length > max) return `must be between ${min} and ${max} characters long, got ${length}`;
  };
}

/** `description` completes "must ..." in the message, e.g. "contain only letters, digits and dashes". */
export function stringMatches(pattern: RegExp, description: string): Validator {
  return (value) => {
    if (typeof value === 'string' && !pattern.test(value)) return `must ${description}, got ${JSON.stringify(value)}`;
  };
}

export function oneOf(allowed: readonly string[], options: { caseSensitive?: boolean } = {}): Validator {
  const caseSensitive = options.caseSensitive ?? true;
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const set = new Set(allowed.map(norm));
  return (value) => {
    if (typeof value === 'string' && !set.has(norm(value))) {
      return `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`;
    }
  };
}

export function numberBetween(min: number, max: number): Validator {
  return (value) => {
    if (!isNumberValue(value)) return;
    let n: number;
    try {
      n = toSafeNumber(value);
    } catch {
      return `must be between ${min} and ${max}`;
    }
    if (n < min || n > max) return `must be between ${min} and ${max}, got ${n}`;
  };
}

export function isUrl(options: { schemes?: readonly string[] } = {}): Validator {
  const schemes = options.schemes ?? ['http', 'https'];
  return (value) => {
    if (typeof value !== 'string') return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `must be an absolute URL, got ${JSON.stringify(value)}`;
    }
    if (!schemes.includes(url.protocol.replace(/:$/, ''))) {
      return `must use ${schemes.map((s) => `${s}://`).join(' or ')}, got ${JSON.stringify(value)}`;
    }
  };
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(): Validator {
  return (value) => {
    if (typeof value === 'string' && !UUID.test(value)) return `must be a UUID, got ${JSON.stringify(value)}`;
  };
}

/** Limits the number of elements of a list, set or map. */
export function maxItems(max: number): Validator {
  return (value) => {
    const count = Array.isArray(value) ? value.length : isPlainObject(value) ? Object.keys(value).length : 0;
    if (count > max) return `must have at most ${max} elements, got ${count}`;
  };
}

/** Applies a validator to each known element of a list/set (by index) or map (by key). */
export function eachElement(validator: Validator): Validator {
  return (value) => {
    const issues: ValidationIssue[] = [];
    const check = (element: CtyValue, step: PathStep) => {
      if (element === null || element === undefined || !isWhollyKnown(element)) return;
      for (const issue of normaliseIssues(validator(element))) {
        issues.push({ message: issue.message, path: [step, ...(issue.path ?? [])] });
      }
    };
    if (Array.isArray(value)) value.forEach((element, index) => check(element, { index }));
    else if (isPlainObject(value)) for (const [key, element] of Object.entries(value)) check(element, { key });
    return issues;
  };
}
