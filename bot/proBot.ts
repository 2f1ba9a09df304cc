/**
 * ProBot runs every turn, on every channel, in this order:
 *   1. emergency words → the free emergency lines at once (never behind consent or storage);
 *   2. consent → welcome, privacy notice and the consent choice until the person decides;
 *   3. the dialogs (MainDialog handles global commands, the menu and the themes).
 * Replies are held until state is saved with its ETag; when another instance changed the same
 * state meanwhile, the turn runs again on fresh state (no lost update, no double reply).
 */
import { Activity, ActivityHandler, ActivityTypes, ConversationReference, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Locale } from './config';
import type { ContentCatalog } from './content/catalog';
import { detectGlobalCommand, normalizeCommandText } from './commands/globalCommands';
import { emergencyLineKeys } from './emergency/emergencyLines';
import { type Logger, userRef } from './logger';
import { Outbox } from './outbox';
import { hasConsented, UserProfile } from './profile/userProfile';
import { OptimisticBotState } from './state/optimisticBotState';
import { StorageConflictError } from './storage/cosmosBotStorage';
import { MainDialog } from '../dialogs/mainDialog';
import { choiceMessage, textMessage } from '../dialogs/replies';
import { createSession, getSession, setSession } from '../dialogs/session';

/** Finds words that signal immediate danger (bot/nlu). */
export type EmergencyDetector = (text: string) => { kinds: string[] } | undefined;

/**
 * Nothing is kept about a person before they decide on consent, except a language they asked for
 * (needed to keep talking to them in it).
 */
function mayKeepProfile(profile: UserProfile): boolean {
  return profile.consent !== undefined || profile.locale !== undefined;
}

/** The fields of `now` that differ from `before` (a removed field maps to undefined). */
function changedFields(before: UserProfile, now: UserProfile): Partial<UserProfile> {
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
    const a = (before as Record<string, unknown>)[key];
    const b = (now as Record<string, unknown>)[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = b;
  }
  return changes as Partial<UserProfile>;
}

export interface ProBotOptions {
  conversationState: OptimisticBotState;
  userState: OptimisticBotState;
  mainDialog: MainDialog;
  content: ContentCatalog;
  detectEmergency: EmergencyDetector;
  defaultLocale: Locale;
  stateTtlDays: number;
  logger: Logger;
  /** Erases what channels keep about the person outside bot state (e.g. WhatsApp's pending lists). */
  forgetPerson?: (context: TurnContext) => Promise<void>;
}

const MAX_ATTEMPTS = 3;
/** After this long without a message, an open question is stale: the person starts afresh. */
const RESUME_AFTER_MS = 6 * 3600 * 1000;
const CONSENT_GROUP = 'consent';

export class ProBot extends ActivityHandler {
  private readonly profileAccessor: StatePropertyAccessor<UserProfile>;
  private readonly dialogStateAccessor: StatePropertyAccessor;
  /** Where to reach the person later (WhatsApp: within 24 h of their last message); kept only with consent. */
  private readonly referenceAccessor: StatePropertyAccessor<Partial<ConversationReference>>;
  private readonly lastMessageAccessor: StatePropertyAccessor<string>;

  constructor(private readonly options: ProBotOptions) {
    super();
    this.profileAccessor = options.userState.createProperty<UserProfile>('profile');
    this.dialogStateAccessor = options.conversationState.createProperty('dialogState');
    this.referenceAccessor = options.conversationState.createProperty('conversationReference');
    this.lastMessageAccessor = options.conversationState.createProperty('lastMessageAt');
  }

  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const log = this.options.logger.child({ user: userRef(activity.from?.id), channel: activity.channelId });
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) return;

    // State first, so the emergency lines come in the person's language; but a storage outage must
    // not hold them back, so they are sent before the load error is raised.
    let loadError: unknown;
    try {
      await Promise.all([this.options.userState.load(context), this.options.conversationState.load(context)]);
    } catch (err) {
      loadError = err;
    }
    const profile: UserProfile = loadError ? {} : await this.profileAccessor.get(context, {});
    const locale = profile.locale ?? this.options.defaultLocale;
    const emergency = activity.type === ActivityTypes.Message && activity.text ? this.options.detectEmergency(activity.text) : undefined;
    if (emergency) {
      log.warn({ kinds: emergency.kinds }, 'emergency words detected; emergency lines sent');
      await context.sendActivity(textMessage(this.emergencyMessage(locale, emergency.kinds)));
    }
    if (loadError) throw loadError;
    if (emergency) {
      // The conversation stays where it was; the next message continues it.
      if (hasConsented(profile)) await context.sendActivity(textMessage(this.options.content.ui(locale, 'common', 'emergencyFollowUp')));
      return;
    }

    const outbox = new Outbox(context);
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await Promise.all([this.options.userState.load(context, true), this.options.conversationState.load(context, true)]);
      const profileAtStart = structuredClone(await this.profileAccessor.get(context, {}));
      const session = createSession(await this.profileAccessor.get(context, {}), this.options.defaultLocale);
      setSession(context, session);
      outbox.hold();
      try {
        await super.run(context);
        if (session.deletionRequested) {
          await Promise.all([this.options.userState.delete(context), this.options.conversationState.delete(context)]);
          await this.options.forgetPerson?.(context);
          log.info('person deleted their data');
        } else {
          // Conversation first: a conflict here means nothing was saved, so the whole turn runs again.
          await this.options.conversationState.saveChanges(context);
          if (mayKeepProfile(session.profile)) await this.saveProfile(context, profileAtStart, session.profile, log);
        }
        await outbox.release();
        for (const task of session.pendingAfterSave) {
          await task().catch((err: Error) => log.warn({ err: err.message }, 'a post-turn task failed'));
        }
        return;
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
   * Saves the profile after the conversation state is already saved, so the turn must not run again:
   * on a conflict, this turn's profile changes are applied field by field onto the fresh profile.
   */
  private async saveProfile(context: TurnContext, atStart: UserProfile, now: UserProfile, log: Logger): Promise<void> {
    const changes = changedFields(atStart, now);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.userState.saveChanges(context);
        return;
      } catch (err) {
        if (!(err instanceof StorageConflictError) || attempt >= MAX_ATTEMPTS) throw err;
        log.info({ attempt }, 'profile changed by another turn; merging this turn\'s changes');
        await this.options.userState.load(context, true);
        Object.assign(await this.profileAccessor.get(context, {}), changes);
      }
    }
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const profile = await this.profileAccessor.get(context, {});
    if (hasConsented(profile)) {
      await this.keepReference(context);
      const last = await this.lastMessageAccessor.get(context);
      const now = new Date();
      await this.lastMessageAccessor.set(context, now.toISOString());
      if (last && now.getTime() - Date.parse(last) > RESUME_AFTER_MS) await this.options.mainDialog.resume(context, this.dialogStateAccessor);
      else await this.options.mainDialog.run(context, this.dialogStateAccessor);
      return;
    }
    await this.handleConsent(context, profile);
  }

  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    // Emulator and Bot Framework channels announce a new conversation; greet the person once.
    const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
    if (newcomers.length === 0) return;
    const profile = await this.profileAccessor.get(context, {});
    if (!profile.consent) await this.sendWelcome(context, profile);
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
      return this.sendWelcome(context, profile);
    }
    if (command?.kind === 'delete_data') {
      getSession(context).requestDataDeletion();
      await context.sendActivity(textMessage(content.ui(locale, 'common', 'deleted')));
      return;
    }
    const decision = this.consentDecision(text, locale);
    if (decision === 'consent_yes') {
      profile.consent = { decision: 'given', at: new Date().toISOString() };
      await context.sendActivity(textMessage(content.ui(locale, 'common', 'consentAccepted')));
      await this.options.mainDialog.start(context, this.dialogStateAccessor);
      return;
    }
    if (decision === 'consent_no') {
      profile.consent = { decision: 'declined', at: new Date().toISOString() };
      await context.sendActivities([
        textMessage(content.ui(locale, 'common', 'consentDeclined')),
        textMessage(content.fact(locale, 'common', 'nationalLine')),
        textMessage(content.fact(locale, 'common', 'emergencyLines')),
        textMessage(content.ui(locale, 'common', 'consentLater')),
      ] as Partial<Activity>[]);
      return;
    }
    if (profile.consent?.decision === 'declined') {
      await context.sendActivities([
        textMessage(content.ui(locale, 'common', 'declinedReminder')),
        textMessage(content.fact(locale, 'common', 'nationalLine')),
        textMessage(content.ui(locale, 'common', 'consentLater')),
      ] as Partial<Activity>[]);
      return;
    }
    await this.sendWelcome(context, profile);
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
