// Event Grid system topic on the trial data account. Its subscription delivers Microsoft.Storage.BlobCreated
// for the exports container to the storage queue IngestExport is triggered by (docs/architecture.md): no webhook, no
// function key at deploy time. The account refuses Shared Key, so the topic delivers with its own
// system-assigned identity, which may only add messages to that one queue.

param systemTopicName string
param location string
param tags object = {}

param storageAccountName string

@description('Container whose new blobs are announced.')
param containerName string

@description('Queue the events are delivered to (the queueName of IngestExport\'s queueTrigger).')
param queueName string

// Storage Queue Data Message Sender (Microsoft Learn, "Azure built-in roles").
var storageQueueDataMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: queueService
  name: queueName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource topicCanSend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, systemTopic.id, storageQueueDataMessageSender)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataMessageSender)
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobCreatedToQueue 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: systemTopic
  name: '${containerName}-blob-created'
  dependsOn: [
    topicCanSend
  ]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storage.id
          queueName: queueName
          // Messages wait in the queue until IngestExport takes them (-1: no expiry).
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = systemTopic.name
