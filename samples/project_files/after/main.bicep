param location string = resourceGroup().location
param openAiName string

resource site 'Microsoft.Web/sites@2023-01-01' = {
  name: 'chat-service'
  location: location
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'AZURE_OPENAI_ENDPOINT', value: 'https://${openAiName}.openai.azure.com/' }
        { name: 'AZURE_OPENAI_API_VERSION', value: '2024-10-21' } // read by the SDK
      ]
    }
  }
}
