/**
 * The identity env lines of the start banner. Secrets never reach stdout: the lines read them from
 * the data directory with `$(cat …)` when the shell evaluates them.
 */
import type { RunningEmulator } from '../server';

/** Quotes a path for a POSIX shell when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function identityEnvLines(emulator: Pick<RunningEmulator, 'url' | 'scheme' | 'tenantId' | 'devClient' | 'managedIdentity'>): string[] {
  const lines = [
    '',
    'Managed identity, for unmodified DefaultAzureCredential / ManagedIdentityCredential (with the trust lines above):',
    `  export IDENTITY_ENDPOINT=${emulator.managedIdentity.endpoint}`,
    `  export IDENTITY_HEADER="$(cat ${shellQuote(emulator.managedIdentity.headerFile)})"`,
    `  # or IMDS style instead of the two lines above: export AZURE_POD_IDENTITY_AUTHORITY_HOST=${emulator.managedIdentity.imdsHost}`,
    '  # Keep AZURE_CLIENT_ID/AZURE_CLIENT_SECRET out of this shell: DefaultAzureCredential tries them first (see README).',
  ];
  if (emulator.scheme === 'https') {
    lines.push(
      '',
      'Service principal, for ClientSecretCredential(tenant, id, secret, { authorityHost, disableInstanceDiscovery: true }):',
      `  export AZURE_TENANT_ID=${emulator.tenantId}`,
      `  export AZURE_CLIENT_ID=${emulator.devClient.clientId}`,
      `  export AZURE_CLIENT_SECRET="$(cat ${shellQuote(emulator.devClient.secretFile)})"`,
      `  export AZURE_AUTHORITY_HOST=${emulator.url}`,
    );
  } else {
    lines.push('', 'Service principal: MSAL (ClientSecretCredential) needs an HTTPS authority; start without --http to use it.');
  }
  return lines;
}
