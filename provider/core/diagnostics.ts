/**
 * Diagnostics: the only way a provider reports problems to Terraform.
 *
 * A diagnostic that names an attribute path is shown by Terraform under the
 * offending line of configuration, which is far more useful to a user than a
 * free-floating error, so everything that can carry a path does.
 */

/** One step of an attribute path: an object attribute, a map key or a list index. */
export type PathStep = { readonly attribute: string } | { readonly key: string } | { readonly index: number };
export type AttributePath = readonly PathStep[];

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  path?: AttributePath;
}

/** Throw this from a resource callback to control the diagnostic Terraform shows. */
export class DiagnosticError extends Error {
  readonly summary: string;
  readonly detail?: string;
  readonly path?: AttributePath;
  constructor(summary: string, options: { detail?: string; path?: AttributePath } = {}) {
    super(options.detail ? `${summary}: ${options.detail}` : summary);
    this.name = 'DiagnosticError';
    this.summary = summary;
    this.detail = options.detail;
    this.path = options.path;
  }
}

/** Collects diagnostics during one RPC. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  error(summary: string, detail?: string, path?: AttributePath): void {
    this.items.push({ severity: 'error', summary, detail, path });
  }
  warning(summary: string, detail?: string, path?: AttributePath): void {
    this.items.push({ severity: 'warning', summary, detail, path });
  }
  add(...diagnostics: Diagnostic[]): void {
    this.items.push(...diagnostics);
  }
  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

export function attr(name: string): PathStep {
  return { attribute: name };
}

// ---- protobuf shapes (field names as in tfplugin6.proto, keepCase) ----

export interface ProtoAttributePathStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}
export interface ProtoAttributePath {
  steps: ProtoAttributePathStep[];
}
export interface ProtoDiagnostic {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail?: string;
  attribute?: ProtoAttributePath;
}

export function pathToProto(path: AttributePath): ProtoAttributePath {
  return {
    steps: path.map((step) =>
      'attribute' in step
        ? { attribute_name: step.attribute }
        : 'key' in step
          ? { element_key_string: step.key }
          : { element_key_int: step.index },
    ),
  };
}

export function diagnosticToProto(d: Diagnostic): ProtoDiagnostic {
  const out: ProtoDiagnostic = { severity: d.severity === 'error' ? 'ERROR' : 'WARNING', summary: d.summary };
  if (d.detail) out.detail = d.detail;
  if (d.path && d.path.length > 0) out.attribute = pathToProto(d.path);
  return out;
}

/** Turns anything thrown by resource code into a diagnostic carrying its message. */
export function diagnosticFromError(err: unknown, summary: string): Diagnostic {
  if (err instanceof DiagnosticError) {
    return { severity: 'error', summary: err.summary, detail: err.detail, path: err.path };
  }
  const message = err instanceof Error ? err.message : String(err);
  const withPath = err as { path?: AttributePath };
  return {
    severity: 'error',
    summary,
    detail: message,
    path: Array.isArray(withPath?.path) ? withPath.path : undefined,
  };
}
