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

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/**
 * True when the body is an activity the bot can answer: a type, a channel, a conversation and a
 * sender (CloudAdapter answers 500, or 200 with nothing done, otherwise).
 */
export function isActivityBody(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { type, channelId, conversation, from } = body as { type?: unknown; channelId?: unknown; conversation?: { id?: unknown }; from?: { id?: unknown } };
  return nonEmpty(type) && nonEmpty(channelId) && nonEmpty(conversation?.id) && nonEmpty(from?.id);
}
