/**
 * ProBot runs every turn, on every channel, in this order:
 *   1. emergency words → the free emergency lines at once, before any store call (never behind
 *      consent or storage), in the language of the message itself;
 *   2. one read of the person's state document (profile + open conversation + recently handled
 *      WhatsApp message ids): a redelivered message stops here, with no write;
 *   3. consent → welcome, privacy notice and the consent choice until the person decides (a "sí"
 *      counts only after the notice was shown; the question asked before is answered right after);
 *      a person who declines still gets orientation, and nothing about them outlives 1 hour;
 *   4. risk signals (a job abroad with the ticket paid, documents withheld, …) → the protection
 *      warning first, whatever the theme; then the dialogs (MainDialog handles global commands,
 *      the menu and the themes), which read what the message already answered (`understanding`);
 *   5. one conditional write (ETag) of that document, holding the message id, and only then the
 *      replies. When another instance changed the document meanwhile, the turn runs again on fresh
 *      state (no lost update, no double reply).
 * A turn that has not answered within `turnDeadlineMs` is abandoned: the error handler gives the
 * apology with the free national PRO line, and whatever the turn would have said is dropped.
 */
import { Activity, ActivityHandler, ActivityTypes, ConversationReference, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Locale } from '../content/locale';
import type { ContentCatalog } from '../content/catalog';
import { detectGlobalCommand, normalizeCommandText } from '../commands/globalCommands';
import { emergencyLineKeys } from '../emergency/emergencyLines';
import { type Logger, userRef } from '../logger';
import { type Understanding, type UnderstoodIds, understoodIds } from '../nlu/understanding';
import { Outbox } from './outbox';
import { hasConsented, UserProfile } from '../profile/userProfile';
import { pseudonym } from '../pseudonym';
import { DEDUPLICATE_IN_TURN, type HandledMessages, lookupHandled, recordHandled } from './handledMessages';
import type { MessageLedger } from './messageLedger';
import { OptimisticBotState } from './optimisticBotState';
import { StorageConflictError } from '../storage/cosmosBotStorage';
import { MainDialog } from '../../dialogs/mainDialog';
import { choiceMessage, textMessage } from './replies';
import { createSession, getSession, setSession } from './session';

/** Finds words that signal immediate danger (bot/nlu); `signals` are the ids of the rules that fired. */
export type EmergencyDetector = (text: string) => { kinds: string[]; signals?: string[] } | undefined;

/** The turn did not answer in time (a hung store, a stuck dialog); the person gets the apology instead. */
export class TurnDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`the turn did not answer within ${ms} ms`);
    this.name = 'TurnDeadlineError';
  }
}

/** Default of `turnDeadlineMs`: under the 5 s a person may wait, with room to send the apology. */
export const DEFAULT_TURN_DEADLINE_MS = 4500;

/**
 * Before consent, and after a decline, a person's document lives this long (a conversation's worth):
 * nothing about them is remembered next time.
 */
export const SHORT_KEEP_SECONDS = 3600;

/**
 * Before consent the document holds only that the privacy notice was shown (so a later "sí" can be
 * taken as consent) and the ids of what the person asked meanwhile (never their words).
 */
interface ConsentNotice {
  shownAt: string;
  pending?: UnderstoodIds;
}

/** Typed words that accept consent at any time, even in the middle of a theme (never a bare "sí"). */
const LATE_ACCEPT = new Set(['consent_yes', 'acepto', 'aceptar', 'si acepto', 'accept', 'i accept', 'yes i accept']);

/**
 * The language of an emergency message, from the rules that fired: English-only rules ("_en") mean
 * English, a Spanish sentence rule means Spanish; bare keywords say nothing (then `fallback`).
 */
export function emergencyLocale(signals: string[] | undefined, fallback: Locale): Locale {
  const sentences = (signals ?? []).filter((id) => !id.startsWith('word_') && id !== 'sos');
  if (sentences.length === 0) return fallback;
  return sentences.every((id) => id.endsWith('_en')) ? 'en' : 'es';
}

/** Epoch seconds the message was sent (WhatsApp gives it; other channels: now). */
function sentAtSeconds(activity: Activity): number {
  const ms = activity.timestamp ? new Date(activity.timestamp).getTime() : NaN;
  return Math.floor((Number.isFinite(ms) ? ms : Date.now()) / 1000);
}

export interface ProBotOptions {
  /** The person's one state document (profile and conversation together). */
  personState: OptimisticBotState;
  /** Where message ids go when there is no state document to hold them (before consent, after erasure). */
  messageLedger?: MessageLedger;
  mainDialog: MainDialog;
  content: ContentCatalog;
  detectEmergency: EmergencyDetector;
  /** Reads what a message already answers (bot/nlu/understanding); none: nothing is known ahead. */
  understand?: (text: string) => Understanding;
  defaultLocale: Locale;
  stateTtlDays: number;
  logger: Logger;
  /** Longest wait for a turn's replies before it is abandoned for the apology; default DEFAULT_TURN_DEADLINE_MS. */
  turnDeadlineMs?: number;
  /** Erases what channels keep about the person outside bot state (e.g. WhatsApp's pending lists). */
  forgetPerson?: (context: TurnContext) => Promise<void>;
}

const MAX_ATTEMPTS = 3;
/** After this long without a message, an open question is stale: the person starts afresh. */
const RESUME_AFTER_MS = 6 * 3600 * 1000;
const CONSENT_GROUP = 'consent';

type AfterSave = readonly (() => Promise<void>)[];

export class ProBot extends ActivityHandler {
  private readonly profileAccessor: StatePropertyAccessor<UserProfile>;
  private readonly dialogStateAccessor: StatePropertyAccessor;
  /** Where to reach the person later (WhatsApp: within 24 h of their last message); kept only with consent. */
  private readonly referenceAccessor: StatePropertyAccessor<Partial<ConversationReference>>;
  private readonly lastMessageAccessor: StatePropertyAccessor<string>;
  /** Which conversation the dialog state belongs to (a pseudonym): a new Emulator conversation starts afresh. */
  private readonly conversationKeyAccessor: StatePropertyAccessor<string>;
  private readonly handledAccessor: StatePropertyAccessor<HandledMessages>;
  private readonly noticeAccessor: StatePropertyAccessor<ConsentNotice>;
  /** Read by CosmosBotStorage: this document's time to live, when shorter than STATE_TTL_DAYS. */
  private readonly keepForAccessor: StatePropertyAccessor<number>;

  constructor(private readonly options: ProBotOptions) {
    super();
    const state = options.personState;
    this.profileAccessor = state.createProperty<UserProfile>('profile');
    this.dialogStateAccessor = state.createProperty('dialogState');
    this.referenceAccessor = state.createProperty('conversationReference');
    this.lastMessageAccessor = state.createProperty('lastMessageAt');
    this.conversationKeyAccessor = state.createProperty('conversationKey');
    this.handledAccessor = state.createProperty('handledMessages');
    this.noticeAccessor = state.createProperty('consentNotice');
    this.keepForAccessor = state.createProperty('keepForSeconds');
  }

  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const log = this.options.logger.child({ user: userRef(activity.from?.id), channel: activity.channelId });
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) return;

    // Before any store call: the lines go out whatever the store does. A redelivered emergency
    // message may get them twice; that is the price of never waiting on the store for them.
    const emergency = activity.type === ActivityTypes.Message && activity.text ? this.options.detectEmergency(activity.text) : undefined;
    if (emergency) {
      log.warn({ kinds: emergency.kinds }, 'emergency words detected; emergency lines sent');
      const locale = emergencyLocale(emergency.signals, this.options.defaultLocale);
      await context.sendActivity(textMessage(this.emergencyMessage(locale, emergency.kinds)));
    }

    const ms = this.options.turnDeadlineMs ?? DEFAULT_TURN_DEADLINE_MS;
    const turn = { abandoned: false };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        turn.abandoned = true;
        reject(new TurnDeadlineError(ms));
      }, ms);
    });
    const work = this.runTurn(context, !!emergency, turn, log);
    // An abandoned turn still settles later; its outcome no longer matters.
    work.catch(() => undefined);
    let afterSave: AfterSave;
    try {
      afterSave = await Promise.race([work, deadline]);
    } catch (err) {
      if (err instanceof TurnDeadlineError) log.warn({ ms }, 'turn abandoned: no answer in time (store or dialog too slow)');
      throw err;
    } finally {
      clearTimeout(timer);
    }
    // Outside the deadline: the person has their answer; these only hold their next message.
    for (const task of afterSave) {
      await task().catch((err: Error) => log.warn({ err: err.message }, 'a post-turn task failed'));
    }
  }

  /** Steps 2-5 of the turn; resolves with the tasks to run once the state is saved. */
  private async runTurn(context: TurnContext, emergency: boolean, turn: { abandoned: boolean }, log: Logger): Promise<AfterSave> {
    const { personState, messageLedger } = this.options;
    const { activity } = context;
    const channelData = activity.channelData as Record<string, unknown> | undefined;
    const messageId = channelData?.[DEDUPLICATE_IN_TURN] === true && activity.id ? activity.id : undefined;
    const sentAt = sentAtSeconds(activity);
    // Once per turn, before any store call (pure CPU); a re-run after a conflict reuses it.
    const understanding = activity.type === ActivityTypes.Message && activity.text && !emergency ? (this.options.understand?.(activity.text) ?? {}) : {};

    await personState.load(context);
    if (messageId && (await this.alreadyHandled(context, messageId, sentAt))) {
      log.info('message already handled; redelivery skipped');
      return [];
    }
    await this.enterConversation(context);
    if (emergency) {
      // The conversation stays where it was; the next message continues it.
      const profile = await this.profileAccessor.get(context, {});
      if (hasConsented(profile) && !turn.abandoned) {
        await context.sendActivity(textMessage(this.options.content.ui(profile.locale ?? this.options.defaultLocale, 'common', 'emergencyFollowUp')));
      }
      return [];
    }

    const outbox = new Outbox(context);
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        await personState.load(context, true);
        if (messageId && (await this.alreadyHandled(context, messageId, sentAt))) {
          log.info('message answered by another instance meanwhile');
          return [];
        }
        await this.enterConversation(context);
      }
      const session = createSession(await this.profileAccessor.get(context, {}), this.options.defaultLocale, understanding);
      setSession(context, session);
      outbox.hold();
      try {
        await super.run(context);
        // A line meant to go on top of a next message that never came is still said.
        const leftover = session.takePreface();
        if (leftover.length) await context.sendActivity(textMessage(leftover.join('\n')));
        if (turn.abandoned) {
          outbox.discard();
          return [];
        }
        if (session.deletionRequested) {
          await this.erase(context, messageId);
          log.info('person deleted their data');
        } else if ((await this.mayKeep(context, session.profile)) || personState.exists(context)) {
          await this.applyRetention(context, session.profile);
          if (messageId) await this.handledAccessor.set(context, recordHandled(await this.handledAccessor.get(context), messageId, sentAt));
          await personState.saveChanges(context);
        } else if (messageId && messageLedger && !(await messageLedger.claim(messageId))) {
          // Nothing to keep about this person yet, so the shared ledger decides who answers.
          outbox.discard();
          log.info('message answered by another instance meanwhile');
          return [];
        }
        if (turn.abandoned) {
          outbox.discard();
          return [];
        }
        await outbox.release();
        return session.pendingAfterSave;
      } catch (err) {
        outbox.discard();
        if (err instanceof StorageConflictError && attempt < MAX_ATTEMPTS) {
          log.info({ attempt }, 'state changed by another turn; running the turn again');
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * Something worth keeping: a consent decision, a language asked for, or the notice shown (so the
   * next "sí" is consent). Anything else before consent leaves no document.
   */
  private async mayKeep(context: TurnContext, profile: UserProfile): Promise<boolean> {
    return profile.consent !== undefined || profile.locale !== undefined || (await this.noticeAccessor.get(context)) !== undefined;
  }

  /**
   * Without consent the document expires within the hour, and a person who declined keeps no
   * profile: no place ever, and their group only while a theme that asked for it is open.
   */
  private async applyRetention(context: TurnContext, profile: UserProfile): Promise<void> {
    if (hasConsented(profile)) {
      await this.keepForAccessor.delete(context);
      return;
    }
    await this.keepForAccessor.set(context, SHORT_KEEP_SECONDS);
    if (profile.consent?.decision !== 'declined') return;
    delete profile.lastPlace;
    const dialogs = (await this.dialogStateAccessor.get(context)) as { dialogStack?: unknown[] } | undefined;
    if (!dialogs?.dialogStack?.length) delete profile.group;
  }

  /** Whether this message id was answered before (the state document, or the ledger for older ones). */
  private async alreadyHandled(context: TurnContext, messageId: string, sentAt: number): Promise<boolean> {
    // No document: a new person, or one who erased their data; "delete my data" left its message id
    // in the ledger, so a redelivery of that request is not taken for a first message.
    if (!this.options.personState.exists(context)) return (await this.options.messageLedger?.isClaimed(messageId)) ?? false;
    const lookup = lookupHandled(await this.handledAccessor.get(context), this.options.personState.exists(context), messageId, sentAt);
    if (lookup === 'ask-ledger') return (await this.options.messageLedger?.isClaimed(messageId)) ?? false;
    return lookup === 'handled';
  }

  /** The dialog state belongs to one conversation: another conversation id starts afresh. */
  private async enterConversation(context: TurnContext): Promise<void> {
    const id = context.activity.conversation?.id;
    if (!id) return;
    const key = pseudonym(`conversation\u0000${id}`, 'state').slice(0, 24);
    const kept = await this.conversationKeyAccessor.get(context);
    if (kept === key) return;
    if (kept !== undefined) {
      await this.dialogStateAccessor.delete(context);
      await this.referenceAccessor.delete(context);
      await this.lastMessageAccessor.delete(context);
    }
    await this.conversationKeyAccessor.set(context, key);
  }

  /**
   * "Delete my data": the person's document and the channel's leftovers go; the message id goes to
   * the ledger (it names nobody), so a redelivery of this request is not answered again.
   */
  private async erase(context: TurnContext, messageId: string | undefined): Promise<void> {
    const { personState, messageLedger, forgetPerson } = this.options;
    if (personState.exists(context)) await personState.delete(context);
    await forgetPerson?.(context);
    if (messageId) await messageLedger?.claim(messageId);
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const profile = await this.profileAccessor.get(context, {});
    await this.warnOfRisks(context, profile);
    const declined = profile.consent?.decision === 'declined';
    if (declined && LATE_ACCEPT.has(normalizeCommandText(context.activity.text ?? ''))) return this.accept(context, profile);
    if (hasConsented(profile) || declined) {
      // Where to reach the person later is kept only with their consent.
      if (!declined) await this.keepReference(context);
      const last = await this.lastMessageAccessor.get(context);
      const now = new Date();
      await this.lastMessageAccessor.set(context, now.toISOString());
      if (last && now.getTime() - Date.parse(last) > RESUME_AFTER_MS) await this.options.mainDialog.resume(context, this.dialogStateAccessor);
      else await this.options.mainDialog.run(context, this.dialogStateAccessor);
      return;
    }
    await this.handleConsent(context, profile);
  }

  /** A risk signal gets the protection warning before any answer, in any theme, consent or not. */
  private async warnOfRisks(context: TurnContext, profile: UserProfile): Promise<void> {
    if (!getSession(context).understanding.risks?.length) return;
    const locale = profile.locale ?? this.options.defaultLocale;
    await context.sendActivity(textMessage(this.options.content.fact(locale, 'common', 'riskWarning')));
  }

  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    // Emulator and Bot Framework channels announce a new conversation; greet the person once.
    const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
    if (newcomers.length === 0) return;
    const profile = await this.profileAccessor.get(context, {});
    if (profile.consent) return;
    await this.noticeAccessor.set(context, { shownAt: new Date().toISOString() });
    await this.sendWelcome(context, profile);
  }

  /** Keeps where to reach the person (changes only with the channel, so it is rarely rewritten). */
  private async keepReference(context: TurnContext): Promise<void> {
    const { activityId: _turnSpecific, ...reference } = TurnContext.getConversationReference(context.activity);
    const kept = await this.referenceAccessor.get(context);
    if (JSON.stringify(kept) !== JSON.stringify(reference)) await this.referenceAccessor.set(context, reference);
  }

  /** Until the person accepts, every message gets the welcome, or the reminder if they declined. */
  private async handleConsent(context: TurnContext, profile: UserProfile): Promise<void> {
    const { content, defaultLocale } = this.options;
    const locale = profile.locale ?? defaultLocale;
    const text = context.activity.text ?? '';
    const command = detectGlobalCommand(text);
    if (command?.kind === 'language') {
      profile.locale = command.to ?? (locale === 'es' ? 'en' : 'es');
      const notice = await this.noticeAccessor.get(context);
      await this.noticeAccessor.set(context, { shownAt: new Date().toISOString(), ...(notice?.pending ? { pending: notice.pending } : {}) });
      return this.sendWelcome(context, profile);
    }
    if (command?.kind === 'delete_data') {
      getSession(context).requestDataDeletion();
      await context.sendActivity(textMessage(content.ui(locale, 'common', 'deleted')));
      return;
    }
    const notice = await this.noticeAccessor.get(context);
    // A "sí" or "ok" counts only as the answer to the consent question, shown with the notice.
    const decision = notice ? this.consentDecision(text, locale) : undefined;
    if (decision === 'consent_yes') return this.accept(context, profile, notice?.pending);
    if (decision === 'consent_no') {
      profile.consent = { decision: 'declined', at: new Date().toISOString() };
      await this.noticeAccessor.delete(context);
      await context.sendActivities([
        textMessage(content.ui(locale, 'common', 'consentDeclined')),
        textMessage(content.fact(locale, 'common', 'nationalLine')),
      ] as Partial<Activity>[]);
      // Orientation all the same: straight to what they asked before (its answers carried), or the menu.
      getSession(context).carryOver(notice?.pending);
      await this.options.mainDialog.start(context, this.dialogStateAccessor, notice?.pending?.theme);
      return;
    }
    // A question before consent: keep only what it answers (ids), to answer it right after consent.
    const asked = understoodIds(getSession(context).understanding);
    // A risk with no clear theme is a protection question.
    const theme = asked.theme ?? (asked.risks?.length ? 'protection' : undefined);
    const pending = theme ? { ...asked, theme } : notice?.pending;
    await this.noticeAccessor.set(context, { shownAt: notice?.shownAt ?? new Date().toISOString(), ...(pending ? { pending } : {}) });
    if (notice) {
      await context.sendActivity(choiceMessage(`${content.ui(locale, 'common', 'consentBeforeAnswer')}\n\n${content.ui(locale, 'common', 'consentQuestion')}`, content.choices(locale, 'common', CONSENT_GROUP)));
      return;
    }
    await this.sendWelcome(context, profile);
  }

  /** Consent given: thanks, then the question asked before consent (or the menu). */
  private async accept(context: TurnContext, profile: UserProfile, pending?: UnderstoodIds): Promise<void> {
    const locale = profile.locale ?? this.options.defaultLocale;
    profile.consent = { decision: 'given', at: new Date().toISOString() };
    await this.noticeAccessor.delete(context);
    getSession(context).carryOver(pending);
    await context.sendActivity(textMessage(this.options.content.ui(locale, 'common', 'consentAccepted')));
    await this.options.mainDialog.start(context, this.dialogStateAccessor, pending?.theme);
  }

  /** Exact consent answers only: an id from the buttons, or a short yes/no such as "sí" or "acepto". */
  private consentDecision(text: string, locale: Locale): string | undefined {
    const said = normalizeCommandText(text);
    if (!said) return undefined;
    for (const choice of this.options.content.choices(locale, 'common', CONSENT_GROUP)) {
      const words = [choice.id, choice.title, ...(choice.synonyms ?? [])].map(normalizeCommandText);
      if (words.includes(said)) return choice.id;
    }
    return undefined;
  }

  /** The lines that fit the danger, one plain sentence each, in one message (sent at once). */
  private emergencyMessage(locale: Locale, kinds: string[]): string {
    const { content } = this.options;
    const lines = emergencyLineKeys(kinds).map((key) => content.fact(locale, 'common', key));
    return [content.ui(locale, 'common', 'emergencyHeader'), ...lines].join('\n');
  }

  private async sendWelcome(context: TurnContext, profile: UserProfile): Promise<void> {
    const { content, defaultLocale, stateTtlDays } = this.options;
    const locale = profile.locale ?? defaultLocale;
    const ui = (key: string, vars?: Record<string, string | number>) => content.ui(locale, 'common', key, vars);
    await context.sendActivities([
      // The free lines come first, so even someone who never answers the consent question has them.
      textMessage(`${ui('welcome')}\n\n${content.fact(locale, 'common', 'dangerHint')}\n${content.fact(locale, 'common', 'nationalLine')}\n\n${ui('welcomeLanguage')}`),
      textMessage(ui('privacy', { ttlDays: stateTtlDays })),
      choiceMessage(ui('consentQuestion'), content.choices(locale, 'common', CONSENT_GROUP)),
    ] as Partial<Activity>[]);
  }
}
