"""Unmodified Python app code for the emulator: the Azure SDK for Python (azure-keyvault-secrets,
azure-identity) with DefaultAzureCredential, configured only by the environment lines the emulator
prints. Run by test/clients/python.e2e.test.ts."""
import json
import os

from azure.identity import DefaultAzureCredential
from azure.keyvault.secrets import SecretClient

client = SecretClient(
    vault_url=os.environ["VAULT_URL"],
    credential=DefaultAzureCredential(),
    # The zero-DNS URL is https://localhost:PORT, which no challenge resource can match.
    verify_challenge_resource=False,
)
out = {}
first = client.set_secret("py-secret", "from-python-1", content_type="text/plain", tags={"lang": "python"})
second = client.set_secret("py-secret", "from-python-2")
out["versions_differ"] = first.properties.version != second.properties.version
out["latest"] = client.get_secret("py-secret").value
out["first"] = client.get_secret("py-secret", first.properties.version).value
out["tags"] = client.get_secret("py-secret", first.properties.version).properties.tags
for i in range(7):
    client.set_secret(f"py-page-{i}", "v")
out["listed"] = sorted(p.name for p in client.list_properties_of_secrets(max_page_size=3))
out["version_count"] = len(list(client.list_properties_of_secret_versions("py-secret")))
backup = client.backup_secret("py-secret")
deleted = client.begin_delete_secret("py-secret").result()
out["recovery_id"] = deleted.recovery_id
client.purge_deleted_secret("py-secret")
restored = client.restore_secret_backup(backup)
out["restored_version"] = restored.version == second.properties.version
try:
    client.get_secret("never-there")
except Exception as err:  # azure.core.exceptions.ResourceNotFoundError
    out["missing"] = type(err).__name__
print(json.dumps(out))
