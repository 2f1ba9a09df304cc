/**
 * What happens when a turn fails (a bug, a storage outage): log it without personal data, tell the
 * person in plain words with the free national PRO line, and reset the conversation so the next
 * message starts clean instead of failing the same way.
 */
import type { TurnContext } from 'botbuilder';
import type { Locale } from './config';
import type { ContentCatalog } from './content/catalog';
import { type Logger, userRef } from './logger';
import type { OptimisticBotState } from './state/optimisticBotState';
import { textMessage } from '../dialogs/replies';
import { findSession } from '../dialogs/session';

export function createTurnErrorHandler(options: {
  content: ContentCatalog;
  conversationState: OptimisticBotState;
  defaultLocale: Locale;
  logger: Logger;
}) {
  const { content, conversationState, defaultLocale, logger } = options;
  return async (context: TurnContext, error: Error): Promise<void> => {
    logger.error(
      { user: userRef(context.activity.from?.id), channel: context.activity.channelId, err: { name: error.name, message: error.message, stack: error.stack } },
      'turn failed',
    );
    const locale = findSession(context)?.locale ?? defaultLocale;
    try {
      await context.sendActivities([
        textMessage(content.ui(locale, 'common', 'errorApology')),
        textMessage(content.fact(locale, 'common', 'nationalLine')),
      ]);
    } catch (sendError) {
      logger.error({ user: userRef(context.activity.from?.id), err: (sendError as Error).message }, 'could not tell the person about the failure');
    }
    try {
      await conversationState.delete(context);
    } catch (resetError) {
      logger.warn({ user: userRef(context.activity.from?.id), err: (resetError as Error).message }, 'could not reset conversation state');
    }
  };
}
