#!/usr/bin/env node
/**
 * Reads one deployed secret as the application principal, with the official SDK and nothing
 * emulator-specific but the authority host:
 *
 *   VAULT_URI=… APP_CLIENT_ID=… APP_CLIENT_SECRET=… node read-secret.js db-password
 *
 * AZURE_TENANT_ID names the tenant. With AZURE_AUTHORITY_HOST set (the emulator's URL, from its
 * start banner) tokens come from the emulator's issuer; unset, from Microsoft Entra ID.
 * Against the emulator, Node must trust its CA (NODE_EXTRA_CA_CERTS) and, where the system
 * resolver does not know *.localhost, load the preload the banner prints (NODE_OPTIONS).
 */
'use strict';
const { ClientSecretCredential } = require('@azure/identity');
const { SecretClient } = require('@azure/keyvault-secrets');

async function main() {
  const name = process.argv[2];
  const missing = ['VAULT_URI', 'AZURE_TENANT_ID', 'APP_CLIENT_ID', 'APP_CLIENT_SECRET'].filter((v) => !process.env[v]);
  if (!name || missing.length) {
    process.stderr.write(`usage: node read-secret.js <secret-name>${missing.length ? ` (set ${missing.join(', ')})` : ''}\n`);
    process.exit(2);
  }
  const authorityHost = process.env.AZURE_AUTHORITY_HOST;
  const credential = new ClientSecretCredential(process.env.AZURE_TENANT_ID, process.env.APP_CLIENT_ID, process.env.APP_CLIENT_SECRET, {
    ...(authorityHost ? { authorityHost, disableInstanceDiscovery: true } : {}),
  });
  const secret = await new SecretClient(process.env.VAULT_URI, credential).getSecret(name);
  process.stdout.write(`${secret.name} (version ${secret.properties.version}) = ${secret.value}\n`);
}

main().catch((err) => {
  process.stderr.write(`read-secret: ${err.message}\n`);
  process.exit(1);
});
