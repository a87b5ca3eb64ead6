// Implementation reporting pipeline: everything one trial unit needs in one resource group.
// Deploy: az deployment group create -g <rg> --parameters infra/main.bicepparam   (docs/deploy.md)

targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names (3-9 letters or digits), e.g. the trial unit\'s name.')
@minLength(3)
@maxLength(9)
param namePrefix string

@description('Azure region. It must offer the Flex Consumption plan: az functionapp list-flexconsumption-locations')
param location string = resourceGroup().location

@description('Six-field NCrontab schedule (UTC) of the funder reports. Default: 06:00 UTC on the first of each month.')
param funderReportSchedule string = '0 0 6 1 * *'

@secure()
@description('Base64 HMAC-SHA256 key for download links. Set it on the first deployment and to rotate; leave it empty otherwise.')
param downloadLinkSigningKey string = ''

@description('How many days a download link stays valid.')
@minValue(1)
@maxValue(90)
param downloadLinkLifetimeDays int = 14

@description('Public base URL used in download links (a custom domain); empty means the app\'s own host name.')
param publicBaseUrl string = ''

@description('Upper bound on Flex Consumption instances: a ceiling on cost under load.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'])
param storageSku string = 'Standard_LRS'

param tags object = {
  workload: 'implementation-reporting'
}

var prefix = toLower(namePrefix)
var suffix = uniqueString(subscription().id, resourceGroup().id, prefix)
var deploymentContainerName = 'app-package'
var signingKeySecretName = 'DownloadLinkSigningKey'

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${prefix}st${suffix}', 24)
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: '${prefix}-log-${suffix}'
    appInsightsName: '${prefix}-appi-${suffix}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('${prefix}-kv-${suffix}', 24)
    location: location
    tags: tags
    signingKeySecretName: signingKeySecretName
    signingKey: downloadLinkSigningKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    planName: '${prefix}-plan-${suffix}'
    appName: '${prefix}-func-${suffix}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    signingKeySecretUri: keyVault.outputs.signingKeySecretUri
    funderReportSchedule: funderReportSchedule
    downloadLinkLifetimeDays: downloadLinkLifetimeDays
    publicBaseUrl: publicBaseUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  params: {
    systemTopicName: '${prefix}-events-${suffix}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    containerName: 'exports'
    queueName: 'export-events'
  }
}

output appUrl string = 'https://${functionApp.outputs.defaultHostName}'
output functionAppName string = functionApp.outputs.name
output storageAccountName string = storage.outputs.name
output storageAccountId string = storage.outputs.id
output keyVaultName string = keyVault.outputs.name
