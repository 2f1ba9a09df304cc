/**
 * What happens when a turn fails (a bug, a storage outage, a turn past its deadline): log it without
 * personal data, tell the person in plain words with the free national PRO line, and, after a bug,
 * reset the conversation so the next message starts clean instead of failing the same way.
 * After a store failure nothing is reset: the saved conversation is fine, and another store call
 * would only hold the person's next message behind a store that does not answer.
 */
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../content/locale';
import type { ContentCatalog } from '../content/catalog';
import { type Logger, userRef } from '../logger';
import { TurnDeadlineError } from './turnDeadline';
import type { OptimisticBotState } from './optimisticBotState';
import { StoreDeadlineError } from '../storage/deadline';
import { textMessage } from './replies';
import { findSession } from './session';

/** Errors that mean "the store is slow or gone", not "the conversation is broken". */
function isStoreTrouble(error: Error): boolean {
  if (error instanceof StoreDeadlineError || error instanceof TurnDeadlineError) return true;
  if (error.cause instanceof StoreDeadlineError) return true;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'number' && (code >= 500 || code === 408 || code === 429)) || (typeof code === 'string' && /^E[A-Z]+/.test(code));
}

export function createTurnErrorHandler(options: {
  content: ContentCatalog;
  personState: OptimisticBotState;
  defaultLocale: Locale;
  logger: Logger;
}) {
  const { content, personState, defaultLocale, logger } = options;
  return async (context: TurnContext, error: Error): Promise<void> => {
    const user = userRef(context.activity.from?.id);
    logger.error({ user, channel: context.activity.channelId, err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    const locale = findSession(context)?.locale ?? defaultLocale;
    try {
      await context.sendActivities([
        textMessage(content.ui(locale, 'common', 'errorApology')),
        textMessage(content.fact(locale, 'common', 'nationalLine')),
      ]);
    } catch (sendError) {
      logger.error({ user, err: (sendError as Error).message }, 'could not tell the person about the failure');
    }
    if (isStoreTrouble(error)) return;
    try {
      // Fresh from the store: the failed turn's half-made changes must not be saved.
      const state = (await personState.load(context, true)) as Record<string, unknown>;
      if (!personState.exists(context) || state.dialogState === undefined) return;
      delete state.dialogState;
      await personState.saveChanges(context);
    } catch (resetError) {
      logger.warn({ user, err: (resetError as Error).message }, 'could not reset conversation state');
    }
  };
}
