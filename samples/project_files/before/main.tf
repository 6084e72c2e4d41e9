resource "azurerm_linux_web_app" "chat" {
  name                = "chat-service"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  service_plan_id     = azurerm_service_plan.plan.id

  app_settings = {
    AZURE_OPENAI_ENDPOINT    = azurerm_cognitive_account.aoai.endpoint
    AZURE_OPENAI_API_VERSION = "2024-10-21"
    # OPENAI_API_VERSION is not used
  }

  site_config {}
}
