/**
 * The hand-off inside a person's turn, as two of ProBot's message steps:
 *   - `relay` (first): while handed off, every message is relayed and the bot does not answer it,
 *     except "salir" / "menú" (the hand-off ends, the conversation is resolved) and "borrar mis
 *     datos" (ends it, and the deletion goes on as usual); emergency words never reach here
 *     (ProBot answers them first; `afterEmergency` relays them and flags them to the advisor);
 *   - `request` (after consent): "hablar con una persona" / "asesor" / "talk to a person" (or the
 *     menu's "more" row) → the consent question, saying plainly what would be shared; yes → the
 *     Chatwoot conversation opens (contact, conversation, context note) and the person hears when
 *     an advisor answers and the PRO line meanwhile; no → nothing shared.
 * The hand-off state lives in the person's state document (saved with the turn, ETag-checked).
 */
import { ActivityTypes, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ContentCatalog } from '../content/catalog';
import type { Locale } from '../content/locale';
import { detectGlobalCommand } from '../commands/globalCommands';
import type { AdvisorHandoff } from '../handoff/advisorHandoff';
import { asksForPerson } from '../handoff/handoffCommand';
import { type HandoffState, isHandedOff } from '../handoff/handoffState';
import type { HandoffProfile, HandoffTexts } from '../handoff/handoffTexts';
import type { RecentExchange } from '../handoff/recentExchange';
import type { PersonReference } from '../handoff/handoffDirectory';
import { type Logger, userRef } from '../logger';
import { matchChoice } from '../nlu/choiceMatcher';
import { pseudonym } from '../pseudonym';
import type { OptimisticBotState } from './optimisticBotState';
import { choiceMessage, textMessage } from './replies';
import { getSession, type Session } from './session';

/** The "more options" row that asks for a person (common.json choices.more). */
export const TALK_TO_PERSON = 'talk_to_person';
const CONSENT_GROUP = 'consent';
const YES = 'handoff_yes';
/** The contact id read this turn, so an erasure later in the turn can delete the Chatwoot contact. */
const CONTACT_THIS_TURN = Symbol('handoffContact');
/** Messages already relayed by an earlier attempt of this turn (a re-run after a state conflict). */
const RELAYED_THIS_TURN = Symbol('handoffRelayed');
/** This turn's offer line ("write *hablar con una persona*…"), set only when advisors can be reached. */
const OFFER_THIS_TURN = Symbol('handoffOffer');

/**
 * The line that offers a person, for dialogs to add where the bot could not help (two
 * misunderstandings, "no me sirvió", protection answers); undefined when Chatwoot is not configured.
 */
export function handoffOffer(context: TurnContext): string | undefined {
  return context.turnState.get(OFFER_THIS_TURN) as string | undefined;
}

/** This turn's HandoffTurn, for a dialog that hears the request where ProBot's step could not (a row number). */
const HANDOFF_THIS_TURN = Symbol('handoffTurn');

/**
 * Asks the hand-off question from a dialog (the "more options" row picked by its number); false when
 * this turn has no hand-off step (then the dialog goes on as before).
 */
export async function askForPerson(context: TurnContext): Promise<boolean> {
  const turn = context.turnState.get(HANDOFF_THIS_TURN) as HandoffTurn | undefined;
  if (!turn) return false;
  await turn.ask(context);
  return true;
}

/** `text`, with the offer of a person under it when there is one. */
export function withHandoffOffer(context: TurnContext, text: string): string {
  const offer = handoffOffer(context);
  return offer ? `${text}\n\n${offer}` : text;
}

export interface HandoffTurnOptions {
  /** Undefined when Chatwoot is not configured: asking for a person gets the PRO line, as before. */
  handoff?: AdvisorHandoff;
  texts: HandoffTexts;
  personState: OptimisticBotState;
  content: ContentCatalog;
  exchange: RecentExchange;
  /** Danger words: their kinds go to the conversation's attributes and the advisor's note. */
  logger: Logger;
  /** Delivers advisor replies that waited for this person to reopen WhatsApp's window (AdvisorReplies.deliver). */
  deliverWaiting?: (context: TurnContext, conversationId: number) => Promise<number>;
}

/** The person's conversation, as a key for RecentExchange (never the phone number itself). */
export function exchangeKey(context: TurnContext): string {
  return pseudonym(`handoff\u0000${context.activity.channelId}\u0000${context.activity.conversation?.id ?? ''}`, 'state').slice(0, 32);
}

export class HandoffTurn {
  private readonly state: StatePropertyAccessor<HandoffState | undefined>;
  private readonly profile: StatePropertyAccessor<{ locale?: Locale }>;

  constructor(private readonly options: HandoffTurnOptions) {
    this.state = options.personState.createProperty<HandoffState | undefined>('handoff');
    this.profile = options.personState.createProperty('profile');
  }

  /** The hand-off state property (the webhook side reads the same one). */
  get accessor(): StatePropertyAccessor<HandoffState | undefined> {
    return this.state;
  }

  /**
   * ProBot's first message step: a handed-off person's message is relayed to the advisor instead
   * of answered (true), unless it ends the hand-off. Not handed off: false, nothing said.
   */
  async relay(context: TurnContext, session: Session): Promise<boolean> {
    if (context.activity.type !== ActivityTypes.Message) return false;
    context.turnState.set(HANDOFF_THIS_TURN, this);
    if (this.options.handoff) context.turnState.set(OFFER_THIS_TURN, this.options.texts.ui(session.locale, 'offerAfterMisunderstanding'));
    const state = await this.state.get(context);
    if (state?.contactId) context.turnState.set(CONTACT_THIS_TURN, state.contactId);
    if (!isHandedOff(state)) return false;
    return this.whileHandedOff(context, session, state, (context.activity.text ?? '').trim());
  }

  /**
   * ProBot's message step after consent: asking for a person → the consent question; its answer →
   * the hand-off opens (or not). True when it answered the message.
   */
  async request(context: TurnContext, session: Session): Promise<boolean> {
    if (context.activity.type !== ActivityTypes.Message) return false;
    const text = (context.activity.text ?? '').trim();
    const state = await this.state.get(context);
    if (isHandedOff(state)) return false;
    if (state?.status === 'asking') {
      const answer = matchChoice(text, this.options.content.choices(session.locale, 'handoff', CONSENT_GROUP));
      if (answer) return this.answerConsent(context, session, state, answer === YES);
      // Anything else: the question lapses and the message goes its usual way.
      await this.state.set(context, state.contactId ? { status: 'closed', contactId: state.contactId } : undefined);
    }
    if (!asksForPerson(text) && text !== TALK_TO_PERSON) {
      // An ordinary message: it and the bot's answer may become the advisor's context later.
      this.listen(context, text);
      return false;
    }
    await this.ask(context);
    return true;
  }

  /** The consent question (what would be shared, said plainly); without Chatwoot, the PRO line. */
  async ask(context: TurnContext): Promise<void> {
    const locale = getSession(context).locale;
    if (!this.options.handoff) {
      await context.sendActivity(textMessage(this.options.texts.unavailable(locale)));
      return;
    }
    const state = await this.state.get(context);
    await this.state.set(context, { ...(state?.contactId ? { contactId: state.contactId } : {}), status: 'asking' });
    await context.sendActivity(choiceMessage(this.options.texts.ui(locale, 'consentQuestion'), this.options.content.choices(locale, 'handoff', CONSENT_GROUP)));
  }

  /** Emergency words (already answered with the lines): relayed and flagged to the advisor when handed off. */
  async afterEmergency(context: TurnContext, kinds: readonly string[]): Promise<void> {
    const handoff = this.options.handoff;
    if (!handoff) return;
    const text = (context.activity.text ?? '').trim();
    const state = await this.state.get(context);
    if (!isHandedOff(state)) {
      // The lines went out before this step: the note says so instead of quoting them.
      const key = exchangeKey(context);
      this.options.exchange.add(key, 'person', text);
      this.options.exchange.add(key, 'bot', this.options.texts.emergencyLinesSent());
      this.options.exchange.addDanger(key, kinds);
      return;
    }
    // ProBot does not save on this path, so the hand-off keeps the ids of emergencies it relayed:
    // Meta redelivering one gets the lines again (never withheld) but is not relayed twice.
    const messageId = context.activity.channelId === 'whatsapp' ? context.activity.id : undefined;
    if (messageId && state.relayedEmergencies?.includes(messageId)) return;
    try {
      const relayed = await handoff.relay(state, text, [], this.profileOf(context, undefined));
      if (messageId) relayed.relayedEmergencies = [...(state.relayedEmergencies ?? []), messageId].slice(-5);
      await this.state.set(context, relayed);
      await this.options.personState.saveChanges(context);
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'emergency message not relayed to the advisor (or not recorded)');
    }
    await handoff.flagEmergency(state, kinds);
    const locale = (await this.profile.get(context, {})).locale ?? 'es';
    await context.sendActivity(textMessage(this.options.texts.ui(locale, 'emergencyFlagged')));
  }

  /** Part of "borrar mis datos": the Chatwoot contact this turn's state named goes too. */
  async forget(context: TurnContext): Promise<void> {
    this.options.exchange.forget(exchangeKey(context));
    const contactId = context.turnState.get(CONTACT_THIS_TURN) as number | undefined;
    if (!contactId || !this.options.handoff) return;
    try {
      await this.options.handoff.deleteContact(contactId);
    } catch (err) {
      // The person's own data is gone; the contact holds a pseudonym and what they wrote to advisors.
      this.options.logger.error({ err: (err as Error).message }, 'Chatwoot contact not deleted after "borrar mis datos": delete it in Chatwoot');
    }
  }

  /** Keeps what the person wrote, and the first lines of the bot's answers, for a context note. */
  private listen(context: TurnContext, text: string): void {
    if (!this.options.handoff) return;
    const key = exchangeKey(context);
    const { exchange } = this.options;
    if (text) exchange.add(key, 'person', text);
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) if (a.type === ActivityTypes.Message && a.text) exchange.add(key, 'bot', a.text.split('\n').slice(0, 3).join(' '));
      return next();
    });
  }

  private async answerConsent(context: TurnContext, session: Session, state: HandoffState, yes: boolean): Promise<boolean> {
    const { texts, exchange, logger } = this.options;
    const handoff = this.options.handoff as AdvisorHandoff;
    const locale = session.locale;
    if (!yes) {
      await this.state.set(context, state.contactId ? { status: 'closed', contactId: state.contactId } : undefined);
      await context.sendActivity(textMessage(texts.ui(locale, 'declined')));
      return true;
    }
    const key = exchangeKey(context);
    try {
      const { activityId: _turnSpecific, ...reference } = TurnContext.getConversationReference(context.activity);
      const opened = await handoff.open(
        {
          identifier: pseudonym(`${context.activity.channelId}\u0000${context.activity.from?.id ?? ''}`, 'state').slice(0, 40),
          reference: reference as PersonReference,
          profile: this.profileOf(context, session),
          emergencyKinds: exchange.dangers(key),
          lines: exchange.recent(key),
        },
        state,
      );
      exchange.forget(key);
      await this.state.set(context, opened);
      logger.info({ user: userRef(context.activity.from?.id), conversation: opened.conversationId }, 'hand-off opened');
      session.counts.handoff();
      await context.sendActivity(textMessage(texts.opened(locale, new Date())));
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'hand-off could not be opened (Chatwoot or store); person given the PRO line');
      await this.state.set(context, state.contactId ? { status: 'closed', contactId: state.contactId } : undefined);
      await context.sendActivity(textMessage(texts.failed(locale)));
    }
    return true;
  }

  private async whileHandedOff(context: TurnContext, session: Session, handedOff: HandoffState & { conversationId: number }, text: string): Promise<boolean> {
    let state = handedOff;
    const handoff = this.options.handoff;
    const { texts } = this.options;
    const locale = session.locale;
    if (!handoff) {
      // Chatwoot was configured when the hand-off opened and no longer is: the person is back with the bot.
      await this.state.set(context, { status: 'closed', contactId: state.contactId });
      return false;
    }
    const command = detectGlobalCommand(text);
    if (command?.kind === 'exit' || command?.kind === 'menu') {
      await this.state.set(context, await handoff.endByPerson(state, 'left'));
      await context.sendActivity(textMessage(texts.ui(locale, 'endedByPerson')));
      return command.kind === 'exit'; // "menú" goes on to show the menu
    }
    if (command?.kind === 'delete_data') {
      await this.state.set(context, await handoff.endByPerson(state, 'deleted'));
      return false; // the usual deletion follows
    }
    if (asksForPerson(text) || text === TALK_TO_PERSON) {
      await context.sendActivity(textMessage(texts.ui(locale, 'alreadyOpen')));
      return true;
    }
    if (state.waitingSince && !context.turnState.get(RELAYED_THIS_TURN)) {
      // The person wrote again: the replies that waited for the 24-hour window go first.
      await this.options.deliverWaiting?.(context, state.conversationId).catch((err: Error) => {
        this.options.logger.warn({ err: err.message }, 'waiting advisor replies not delivered');
      });
      const fresh = await this.state.get(context);
      if (isHandedOff(fresh)) state = fresh;
    }
    if (!text) return true; // a location or a sticker: nothing to relay
    const relayed = (context.turnState.get(RELAYED_THIS_TURN) as HandoffState | undefined) ?? (await this.relayToAdvisor(context, session, state, text));
    if (!relayed) return true;
    context.turnState.set(RELAYED_THIS_TURN, relayed);
    await this.state.set(context, relayed);
    return true;
  }

  private async relayToAdvisor(context: TurnContext, session: Session, state: HandoffState & { conversationId: number }, text: string): Promise<HandoffState | undefined> {
    const handoff = this.options.handoff as AdvisorHandoff;
    try {
      return await handoff.relay(state, text, this.options.exchange.recent(exchangeKey(context)), this.profileOf(context, session));
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message }, 'message not relayed to the advisor; person given the PRO line');
      await context.sendActivity(textMessage(this.options.texts.failed(session.locale)));
      return undefined;
    }
  }

  /** What the advisor sees about the person: ids the bot already keeps, never anything personal. */
  private profileOf(context: TurnContext, session: Session | undefined): HandoffProfile {
    const profile = session?.profile;
    const dialogState = (this.options.personState.get(context) as { dialogState?: DialogStack } | undefined)?.dialogState;
    const theme = openTheme(dialogState);
    return {
      theme,
      department: profile?.lastPlace?.departmentCode,
      group: profile?.group,
      language: session?.locale ?? 'es',
      channel: context.activity.channelId ?? 'unknown',
    };
  }
}

/** The menu's theme ids (DESIGN.md), as dialog ids on the stack. */
const THEME_IDS = new Set(['regularization', 'rights', 'civil_registry', 'health', 'education', 'work', 'protection', 'services', 'pro_points']);

/** A saved dialog stack: component dialogs keep their inner stack in `state.dialogs`. */
interface DialogStack {
  dialogStack?: { id?: string; state?: { dialogs?: DialogStack } }[];
}

/** The theme whose dialog is open, looking inside component dialogs (MainDialog holds the theme). */
function openTheme(stack: DialogStack | undefined, depth = 0): string | undefined {
  if (!stack?.dialogStack || depth > 8) return undefined;
  for (const entry of stack.dialogStack) {
    if (entry.id && THEME_IDS.has(entry.id)) return entry.id;
    const inner = openTheme(entry.state?.dialogs, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}
