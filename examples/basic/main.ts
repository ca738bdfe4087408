/**
 * One vault, three secrets, two access policies and the outputs an app needs, declared once and
 * deployable to the local keyvault-emulator (default) or to Azure (`KEYVAULT_TARGET=azure`).
 * See README.md for the commands.
 *
 * Inputs, read at synth time:
 *   KEYVAULT_TARGET        emulator (default) | azure
 *   APP_OBJECT_ID          object id of the application that reads the secrets
 *                          (`keyvault-emulator client create example-app` prints one)
 *   EXAMPLE_VAULT_NAME     default basic-example (vault names are global in Azure: pick your own there)
 * and at deploy time, by Terraform: TF_VAR_db_password, the database password, which therefore
 * never appears in cdktf.out.
 */
import type { Construct } from 'constructs';
import { App, KeyVault, SECRET_MANAGE, TerraformOutput, TerraformStack, TerraformVariable, type KeyVaultTarget } from '../../provider/constructs';

// A placeholder principal, so that `cdktf synth` works before an application is registered.
const PLACEHOLDER_APP_OBJECT_ID = '00000000-0000-0000-0000-00000000a990';

function targetFromEnv(): KeyVaultTarget {
  const target = process.env.KEYVAULT_TARGET ?? 'emulator';
  if (target !== 'emulator' && target !== 'azure') throw new Error(`KEYVAULT_TARGET must be emulator or azure, not ${target}`);
  return target;
}

class BasicStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const dbPassword = new TerraformVariable(this, 'db_password', {
      type: 'string',
      sensitive: true,
      description: 'Database password stored as the db-password secret (set TF_VAR_db_password).',
    });

    // Secure defaults apply: purge protection on, 90-day retention, access policies (not RBAC).
    const vault = new KeyVault(this, 'vault', {
      target: targetFromEnv(),
      name: process.env.EXAMPLE_VAULT_NAME ?? 'basic-example',
      resourceGroupName: 'rg-basic-example',
      location: 'westeurope',
      tags: { example: 'basic' },
    });

    // 1. Terraform itself (the deploying principal) writes the secrets through the data plane.
    vault.grant(vault.deployer, { secrets: SECRET_MANAGE });
    // 2. The application only reads them.
    vault.grantSecretRead({ objectId: process.env.APP_OBJECT_ID ?? PLACEHOLDER_APP_OBJECT_ID, name: 'app' });

    const secrets = {
      db_password: vault.addSecret('db-password', { value: dbPassword.stringValue, contentType: 'text/plain' }),
      app_config: vault.addSecret('app-config', {
        value: JSON.stringify({ featureX: true, pageSize: 50 }),
        contentType: 'application/json',
        tags: { owner: 'platform' },
      }),
      api_key: vault.addSecret('api-key', {
        value: 'example-api-key-rotate-me',
        contentType: 'text/plain',
        expiresOn: '2030-01-01T00:00:00Z', // a fixed date: a computed one would change at every synth
      }),
    };

    new TerraformOutput(this, 'vault_uri', { value: vault.vaultUri });
    new TerraformOutput(this, 'vault_id', { value: vault.vaultId });
    for (const [name, secret] of Object.entries(secrets)) {
      // Versionless: apps that read these always get the latest version.
      new TerraformOutput(this, `${name}_id`, { value: secret.versionlessId });
    }
  }
}

const app = new App();
new BasicStack(app, 'basic');
app.synth();
