// Key Vault in RBAC mode holding the download-link signing key (docs/architecture.md, DownloadReport). The key's value
// never appears in a file: it arrives as a secure parameter (see docs/deploy.md), and the app reads it
// through a Key Vault reference with its managed identity (Key Vault Secrets User).

param name string
param location string
param tags object = {}

@description('Name of the secret holding the base64 HMAC-SHA256 key for download links.')
param signingKeySecretName string

@secure()
@description('New value for the signing key. Empty leaves the secret as it is (later deployments); set it on the first deployment and to rotate.')
param signingKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(signingKey)) {
  parent: vault
  name: signingKeySecretName
  properties: {
    value: signingKey
    contentType: 'base64 HMAC-SHA256 key'
  }
}

output name string = vault.name
output id string = vault.id
// Versionless: the app picks up a rotated key without a redeployment (see docs/deploy.md).
output signingKeySecretUri string = '${vault.properties.vaultUri}secrets/${signingKeySecretName}'
