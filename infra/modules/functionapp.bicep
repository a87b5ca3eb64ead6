// The Function App on a Flex Consumption plan (Linux), runtime dotnet-isolated 10.0: the Functions host starts the
// isolated worker (worker.config.json in the package: dotnet Reporting.Functions.dll) on the platform's .NET 10 and
// reads the bindings from functions.metadata. The app has a system-assigned managed identity and every storage
// connection is identity-based, so no setting holds a key or connection string.

param planName string
param appName string
param location string
param tags object = {}

param storageAccountName string
param deploymentContainerName string
param appInsightsName string

@description('Versionless Key Vault secret URI of the download-link signing key.')
param signingKeySecretUri string

@description('Six-field NCrontab schedule (UTC) of PublishFunderReports.')
param funderReportSchedule string

@minValue(1)
param downloadLinkLifetimeDays int

@description('Public base URL used in download links; empty means the app\'s default host name.')
param publicBaseUrl string

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// The connection name of IngestExport's queue trigger and of the app's storage clients (AppSettings.TrialDataConnection).
var trialDataConnection = 'TrialData'

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the worker runtime and its version here, not from FUNCTIONS_WORKER_RUNTIME; the
      // platform provides .NET 10, so the package is a framework-dependent publish.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Flex Consumption runs host v4 only and sets this itself; it is kept so that tools reading the setting
        // (the portal's function list among them) see v4.
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        // Host storage (keys, timer schedule monitor, queue trigger leases) through the managed identity.
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        // The trial data connection, read by the queue trigger (through the host) and by the worker's storage clients.
        {
          name: '${trialDataConnection}__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: '${trialDataConnection}__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: '${trialDataConnection}__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: '${trialDataConnection}__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        // The component has local auth off: telemetry is sent with the app's identity.
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'FunderReportSchedule'
          value: funderReportSchedule
        }
        {
          name: 'DownloadLinkSigningKey'
          value: '@Microsoft.KeyVault(SecretUri=${signingKeySecretUri})'
        }
        {
          name: 'DownloadLinkLifetimeDays'
          value: string(downloadLinkLifetimeDays)
        }
        {
          name: 'PublicBaseUrl'
          value: empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl
        }
      ]
    }
  }
}

output name string = app.name
output id string = app.id
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
