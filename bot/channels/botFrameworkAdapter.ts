/**
 * The Bot Framework channel (Emulator, Azure Bot Service channels) through CloudAdapter.
 * With no MicrosoftAppId, authentication is off (Emulator mode); with one, every request must
 * carry a valid Bot Framework JWT.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { BotFrameworkConfig } from '../config';

export function createBotFrameworkAdapter(config: BotFrameworkConfig): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

/** True when the body looks like a Bot Framework activity (CloudAdapter answers 500 otherwise). */
export function isActivityBody(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { type } = body as { type?: unknown };
  return typeof type === 'string' && type.length > 0;
}
