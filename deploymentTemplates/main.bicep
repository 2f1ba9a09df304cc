// PRO Bot on Azure: App Service (Linux, Node LTS) running the prebuilt package of `npm run package`,
// Cosmos DB (serverless, keys disabled), Application Insights, and, when configured, Azure Bot
// (Bot Framework channels), WhatsApp and the Chatwoot hand-off. The web app reaches Cosmos DB with
// its managed identity; secrets are Key Vault references, and only those of configured features are
// referenced. Step by step from an empty subscription: README.md beside this file.

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

@description('Node.js LTS line of the App Service runtime (`az webapp list-runtimes --os-type linux` lists what your region offers).')
@allowed([
  '22-lts'
  '24-lts'
])
param nodeVersion string = '24-lts'

@description('Key Vault (RBAC mode, in this resource group) holding the secrets the configured features need; the web app identity gets read access to it.')
param keyVaultName string

@description('Microsoft Entra app registration (client) id of the bot, SingleTenant. Empty: no Azure Bot and no Bot Framework channels (secret MicrosoftAppPassword not needed).')
param microsoftAppId string = ''

@description('WhatsApp Cloud API phone number id (WhatsApp Manager → API Setup). Empty: no WhatsApp (secrets WhatsAppAccessToken, WhatsAppAppSecret, WhatsAppVerifyToken not needed).')
param whatsAppPhoneNumberId string = ''

@description('Chatwoot base URL for the hand-off to advisors, e.g. https://chatwoot.example.org. Empty: no hand-off (secrets ChatwootApiToken, ChatwootWebhookSecret not needed).')
param chatwootBaseUrl string = ''

@description('Chatwoot account id (the number in the dashboard URL); with chatwootBaseUrl.')
param chatwootAccountId string = ''

@description('Chatwoot API-channel inbox id; with chatwootBaseUrl.')
param chatwootInboxId string = ''

@description('Object id of a user or group that may run `pro` (the admin CLI) against this Cosmos DB account; empty: none.')
param operatorPrincipalId string = ''

@description('Days of inactivity after which a person\'s state is erased.')
@minValue(1)
@maxValue(3650)
param stateTtlDays int = 30

@description('Days Application Insights keeps telemetry (30 to 730).')
@minValue(30)
@maxValue(730)
param telemetryRetentionDays int = 30

var cosmosAccountName = '${baseName}-cosmos'
var databaseName = 'probot'
var stateTtlSeconds = stateTtlDays * 24 * 3600
var botEnabled = !empty(microsoftAppId)
var whatsAppEnabled = !empty(whatsAppPhoneNumberId)
var handoffEnabled = !empty(chatwootBaseUrl)
// The start of a Key Vault reference; each setting appends its secret name and ')'.
var secret = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

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
    disableLocalAuth: true // keys off: only Entra ID (the app's managed identity, operators' az login)
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: { resource: { id: databaseName } }
}

// Exactly bot/storage/containers.ts (a test compares them): with Entra ID the app may not create
// containers itself, so every one it uses must exist before it starts.
var containers = [
  { name: 'botstate', pk: '/id', ttl: stateTtlSeconds }
  { name: 'referrals', pk: '/partitionKey', ttl: -1 }
  { name: 'stats', pk: '/id', ttl: -1 }
  { name: 'audit', pk: '/entityId', ttl: -1 }
  { name: 'processed-messages', pk: '/id', ttl: 604800 }
  { name: 'pending-lists', pk: '/id', ttl: 86400 }
  { name: 'content', pk: '/id', ttl: -1 }
]

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: {
      id: c.name
      partitionKey: { paths: [ c.pk ], kind: 'Hash', version: 2 }
      defaultTtl: c.ttl
    }
  }
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: telemetryRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: telemetryRetentionDays
  }
}

var baseSettings = [
  { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
  { name: 'COSMOS_DATABASE', value: databaseName }
  { name: 'STATE_TTL_DAYS', value: string(stateTtlDays) }
  // With several instances Meta's webhooks reach any of them, so a person's document held by one
  // is often stale (a wasted run and two more calls): each turn reads it instead.
  { name: 'STATE_CACHE_SECONDS', value: instanceCount > 1 ? '0' : '600' }
  { name: 'HASH_SECRET', value: '${secret}HashSecret)' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  // The package is prebuilt (dist/ and production node_modules): nothing to build on deploy.
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
]
var botSettings = botEnabled ? [
  { name: 'MicrosoftAppId', value: microsoftAppId }
  { name: 'MicrosoftAppType', value: 'SingleTenant' }
  { name: 'MicrosoftAppTenantId', value: subscription().tenantId }
  { name: 'MicrosoftAppPassword', value: '${secret}MicrosoftAppPassword)' }
] : []
var whatsAppSettings = whatsAppEnabled ? [
  { name: 'WHATSAPP_PHONE_NUMBER_ID', value: whatsAppPhoneNumberId }
  { name: 'WHATSAPP_ACCESS_TOKEN', value: '${secret}WhatsAppAccessToken)' }
  { name: 'WHATSAPP_APP_SECRET', value: '${secret}WhatsAppAppSecret)' }
  { name: 'WHATSAPP_VERIFY_TOKEN', value: '${secret}WhatsAppVerifyToken)' }
] : []
var handoffSettings = handoffEnabled ? [
  { name: 'CHATWOOT_BASE_URL', value: chatwootBaseUrl }
  { name: 'CHATWOOT_ACCOUNT_ID', value: chatwootAccountId }
  { name: 'CHATWOOT_INBOX_ID', value: chatwootInboxId }
  { name: 'CHATWOOT_API_TOKEN', value: '${secret}ChatwootApiToken)' }
  { name: 'CHATWOOT_WEBHOOK_SECRET', value: '${secret}ChatwootWebhookSecret)' }
] : []

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${baseName}-app'
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|${nodeVersion}'
      // What App Service runs in the unpacked package (test/deploy/package.test.ts runs exactly this;
      // `npm start` is the same). --max-semi-space-size: V8's young generation at 128 MB a half instead
      // of 16, so the short-lived objects of each turn die before they are copied; measured about 18 %
      // less CPU a turn for about 100 MB more peak memory a process (README "Young generation").
      // Workers and the store process inherit it.
      appCommandLine: 'node --max-semi-space-size=128 dist/bot/index.js'
      alwaysOn: appServiceSku != 'F1'
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(baseSettings, botSettings, whatsAppSettings, handoffSettings)
    }
  }
}

// Cosmos DB Built-in Data Contributor (data plane, no keys): for the web app's identity…
var dataContributor = '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'

resource appDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, 'data-contributor')
  properties: {
    roleDefinitionId: dataContributor
    principalId: app.identity.principalId
    scope: cosmos.id
  }
}

// …and for the operator who runs `pro db init --seed`, `pro referrals import`… against production.
resource operatorDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (!empty(operatorPrincipalId)) {
  parent: cosmos
  name: guid(cosmos.id, operatorPrincipalId, 'data-contributor')
  properties: {
    roleDefinitionId: dataContributor
    principalId: operatorPrincipalId
    scope: cosmos.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Key Vault Secrets User for the web app's identity, so the Key Vault references above resolve.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = if (botEnabled) {
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

var host = 'https://${app.properties.defaultHostName}'

@description('Web app name, for `az webapp deploy -n`.')
output webAppName string = app.name
output webAppUrl string = host
@description('Answers {"status":"ok","storage":"cosmos",…} once the app runs.')
output healthUrl string = '${host}/healthz'
@description('Meta App Dashboard → WhatsApp → Configuration → Callback URL (empty without WhatsApp).')
output whatsappWebhookUrl string = whatsAppEnabled ? '${host}/api/whatsapp' : ''
@description('The Azure Bot\'s messaging endpoint (empty without a MicrosoftAppId).')
output botMessagingEndpoint string = botEnabled ? '${host}/api/messages' : ''
@description('Chatwoot → Settings → Integrations → Webhooks (empty without the hand-off).')
output chatwootWebhookUrl string = handoffEnabled ? '${host}/api/chatwoot' : ''
@description('COSMOS_ENDPOINT for running `pro` against production.')
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output keyVaultUri string = vault.properties.vaultUri
@description('Application Insights in the portal: failures, performance, the probot.* metrics.')
output telemetryPortalUrl string = 'https://portal.azure.com/#resource${insights.id}/overview'
@description('The web app\'s log stream in the portal (JSON lines, no personal data).')
output logStreamPortalUrl string = 'https://portal.azure.com/#resource${app.id}/logStream'
