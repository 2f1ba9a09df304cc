/**
 * Stamps each reply with the person's language in `activity.locale`, the Bot Framework field for
 * it, so a channel can shape its own words (WhatsApp's list button, "more options") to match.
 * The language is read when the reply is sent: after "english" the next replies are in English.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { findSession } from '../turn/session';

export const stampReplyLocale: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, send) => {
      // The person's chosen language wins over the client's (botbuilder has already copied the
      // incoming activity's `locale`, e.g. the Emulator's "en-US", onto every reply). Before ProBot
      // has read the profile (an emergency reply, say) that copied locale stays.
      const locale = findSession(ctx)?.locale;
      if (locale) for (const activity of activities) activity.locale = locale;
      return send();
    });
    await next();
  },
};
