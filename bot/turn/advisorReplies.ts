/**
 * Chatwoot → person: what a verified webhook does (bot/handoff/chatwootWebhook.ts hands it here).
 *   - an advisor's reply: the person's state is read through the channel's proactive turn
 *     (continueConversation), the replies not yet delivered are read from Chatwoot, claimed in the
 *     state document (ETag-checked, so two instances or a redelivered webhook deliver them once),
 *     then sent in order, one message at a time;
 *   - outside WhatsApp's 24-hour window: no free-form reply can reach the person, so the approved
 *     template WHATSAPP_HANDOFF_TEMPLATE is sent (once per wait) and the advisor gets a private note;
 *     the replies are delivered when the person writes again (HandoffTurn);
 *   - the conversation resolved: the person is told they are back with the bot.
 */
import { ActivityTypes, type ConversationReference, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { Locale } from '../content/locale';
import type { AdvisorHandoff } from '../handoff/advisorHandoff';
import { advisorReplyForWhatsApp } from '../handoff/advisorReply';
import type { HandoffDirectory } from '../handoff/handoffDirectory';
import { type HandoffState, isHandedOff, windowOpen } from '../handoff/handoffState';
import type { HandoffWebhookEvent } from '../handoff/webhookEvents';
import type { Logger } from '../logger';
import type { OptimisticBotState } from './optimisticBotState';
import { ownTextMessage, textMessage } from './replies';
import { retryOnConflict } from './retryOnConflict';

/** The template activity's channelData key, read by the WhatsApp adapter (bot/channels/whatsapp/outbound.ts). */
export const WHATSAPP_TEMPLATE = 'whatsappTemplate';

export interface AdvisorRepliesOptions {
  handoff: AdvisorHandoff;
  directory: HandoffDirectory;
  personState: OptimisticBotState;
  handoffState: StatePropertyAccessor<HandoffState | undefined>;
  /** Runs `logic` in a proactive turn on the person's channel (WhatsApp or Bot Framework). */
  continueWith(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  whatsappTemplate?: string;
  defaultLocale: Locale;
  logger: Logger;
  now?: () => Date;
}

type Handled = Exclude<HandoffWebhookEvent, { kind: 'ignored' }>;

export class AdvisorReplies {
  private readonly profile: StatePropertyAccessor<{ locale?: Locale }>;
  private readonly now: () => Date;

  constructor(private readonly options: AdvisorRepliesOptions) {
    this.profile = options.personState.createProperty('profile');
    this.now = options.now ?? (() => new Date());
  }

  /** Handles one verified webhook event; rejects when the person could not be reached (Chatwoot retries). */
  async handle(event: Handled): Promise<void> {
    const reference = await this.options.directory.find(event.conversationId);
    if (!reference) {
      this.options.logger.info({ conversation: event.conversationId, kind: event.kind }, 'Chatwoot webhook for a conversation the bot is not relaying; ignored');
      return;
    }
    // Caught inside the proactive turn (the adapter would hand it to the turn error handler, which
    // apologises to the person) and raised here, so the webhook answers 500 and Chatwoot retries.
    let failure: unknown;
    await this.options.continueWith(reference as Partial<ConversationReference>, async (context) => {
      try {
        await retryOnConflict(
          async () => {
            if (event.kind === 'resolved') await this.resolved(context, event.conversationId);
            else await this.deliver(context, event.conversationId);
          },
          (attempt) => this.options.logger.info({ attempt }, 'hand-off state changed meanwhile; delivering again'),
        );
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw failure;
  }

  /**
   * Delivers the replies still waiting, in order, on a state read fresh from the store. Also called
   * by HandoffTurn when a person whose window had closed writes again (`waitingSince`).
   */
  async deliver(context: TurnContext, conversationId: number, personTurn = false): Promise<number> {
    const { personState, handoffState, handoff, logger } = this.options;
    if (!personTurn) await personState.load(context, true);
    const state = await handoffState.get(context);
    if (!isHandedOff(state) || state.conversationId !== conversationId) return 0;
    const replies = await handoff.undelivered(state);
    if (!replies.length) return 0;
    const now = this.now();
    const whatsapp = context.activity.channelId === 'whatsapp';
    if (whatsapp && !windowOpen(state, now) && !personTurn) {
      if (state.waitingSince) return 0; // the template went out already; the person has not written yet
      await handoffState.set(context, { ...state, waitingSince: now.toISOString() });
      await personState.saveChanges(context);
      await this.sendTemplate(context);
      await handoff.noteWindowClosed(state, this.options.whatsappTemplate);
      logger.info({ conversation: conversationId, template: !!this.options.whatsappTemplate }, 'advisor reply waits: 24-hour window closed');
      return 0;
    }
    // Claimed before sending: a second instance (or a redelivered webhook) finds them delivered.
    const next: HandoffState = { ...state, deliveredUpTo: replies[replies.length - 1].id };
    delete next.waitingSince;
    await handoffState.set(context, next);
    if (!personTurn) await personState.saveChanges(context);
    const locale = (await this.profile.get(context, {})).locale ?? this.options.defaultLocale;
    const label = handoff.texts.ui(locale, 'advisorLabel');
    let sentUpTo = state.deliveredUpTo;
    try {
      for (const reply of replies) {
        const pieces = whatsapp ? advisorReplyForWhatsApp(reply.content) : [reply.content];
        pieces[0] = `${label}\n${pieces[0]}`;
        // One message at a time, in order: each waits for the channel to take it.
        for (const piece of pieces) await context.sendActivity(ownTextMessage(piece));
        sentUpTo = reply.id;
      }
    } catch (err) {
      // The claim is given back for what did not go out, so Chatwoot's retry (or the next reply) sends it.
      if (!personTurn) await this.release(context, next.deliveredUpTo as number, sentUpTo);
      throw err;
    }
    if (state.waitingSince) await handoff.noteDelivered(state, replies.length);
    logger.info({ conversation: conversationId, replies: replies.length }, 'advisor replies delivered');
    return replies.length;
  }

  /** Lowers `deliveredUpTo` back to what was really sent, unless another delivery moved it meanwhile. */
  private async release(context: TurnContext, claimed: number, sentUpTo: number | undefined): Promise<void> {
    const { personState, handoffState, logger } = this.options;
    try {
      await personState.load(context, true);
      const state = await handoffState.get(context);
      if (!state || state.deliveredUpTo !== claimed) return;
      await handoffState.set(context, { ...state, deliveredUpTo: sentUpTo });
      await personState.saveChanges(context);
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'advisor replies not delivered, and their claim could not be given back: a retry of the webhook will not resend them');
    }
  }

  private async resolved(context: TurnContext, conversationId: number): Promise<void> {
    const { personState, handoffState, handoff, defaultLocale } = this.options;
    await personState.load(context, true);
    const state = await handoffState.get(context);
    // Already over (the person wrote "salir", or this webhook came twice): nothing to say.
    if (!isHandedOff(state) || state.conversationId !== conversationId) return;
    await handoffState.set(context, await handoff.endByAdvisor(state));
    await personState.saveChanges(context);
    const locale = (await this.profile.get(context, {})).locale ?? defaultLocale;
    const text = handoff.texts.ui(locale, 'resolvedByAdvisor');
    if (context.activity.channelId !== 'whatsapp' || windowOpen(state, this.now())) await context.sendActivity(textMessage(text));
  }

  /** The approved template that asks the person to write again (WhatsApp only; none configured: nothing). */
  private async sendTemplate(context: TurnContext): Promise<void> {
    const name = this.options.whatsappTemplate;
    if (!name) return;
    const locale = (await this.profile.get(context, {})).locale ?? this.options.defaultLocale;
    await context.sendActivity({ type: ActivityTypes.Message, channelData: { [WHATSAPP_TEMPLATE]: { name, language: locale } } });
  }
}
