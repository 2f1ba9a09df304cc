// PRO Bot on Azure: App Service (Linux, Node 20 LTS) + Azure Bot + Cosmos DB (serverless).
// The web app reaches Cosmos DB with its managed identity (no key in app settings), and
// WhatsApp secrets come from Key Vault references. See README.md beside this file.

@description('Short name used to derive resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(16)
param baseName string

param location string = resourceGroup().location

@description('App Service plan SKU; B1 for a pilot, P1v3 or more with several instances for production.')
param appServiceSku string = 'B1'

@description('Number of web app instances (state lives in Cosmos DB, so instances are interchangeable).')
@minValue(1)
param instanceCount int = 1

@description('Microsoft Entra app registration (client) id of the bot; SingleTenant.')
param microsoftAppId string

@description('Key Vault that holds the secrets named below (the web app identity gets read access to it).')
param keyVaultName string

@description('Days of inactivity after which a person\'s state is erased.')
param stateTtlDays int = 30

var cosmosAccountName = '${baseName}-cosmos'
var databaseName = 'probot'
var stateTtlSeconds = stateTtlDays * 24 * 3600

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosAccountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [ { locationName: location, failoverPriority: 0 } ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: [ { name: 'EnableServerless' } ]
    disableLocalAuth: true // keys off: only Entra ID (the app's managed identity)
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: { resource: { id: databaseName } }
}

// Same containers as bot/storage/containers.ts (the app also creates them if missing).
var containers = [
  { name: 'botstate', pk: '/id', ttl: stateTtlSeconds }
  { name: 'referrals', pk: '/partitionKey', ttl: -1 }
  { name: 'stats', pk: '/id', ttl: -1 }
  { name: 'audit', pk: '/entityId', ttl: -1 }
  { name: 'processed-messages', pk: '/id', ttl: 604800 }
]

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: {
      id: c.name
      partitionKey: { paths: [ c.pk ], kind: 'Hash' }
      defaultTtl: c.ttl
    }
  }
}]

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${baseName}-app'
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/bot/index.js'
      alwaysOn: appServiceSku != 'F1'
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'MicrosoftAppId', value: microsoftAppId }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: subscription().tenantId }
        { name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=MicrosoftAppPassword)' }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: databaseName }
        { name: 'STATE_TTL_DAYS', value: string(stateTtlDays) }
        { name: 'WHATSAPP_ACCESS_TOKEN', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=WhatsAppAccessToken)' }
        { name: 'WHATSAPP_PHONE_NUMBER_ID', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=WhatsAppPhoneNumberId)' }
        { name: 'WHATSAPP_APP_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=WhatsAppAppSecret)' }
        { name: 'WHATSAPP_VERIFY_TOKEN', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=WhatsAppVerifyToken)' }
        { name: 'HASH_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=HashSecret)' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

// Cosmos DB Built-in Data Contributor for the web app's identity (data plane, no keys).
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, 'data-contributor')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: app.identity.principalId
    scope: cosmos.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Key Vault Secrets User for the web app's identity, so the app settings above resolve.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${baseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'PRO Bot'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: subscription().tenantId
  }
}

output webAppUrl string = 'https://${app.properties.defaultHostName}'
output whatsappWebhookUrl string = 'https://${app.properties.defaultHostName}/api/whatsapp'
output cosmosEndpoint string = cosmos.properties.documentEndpoint
