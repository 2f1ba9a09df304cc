/**
 * ProBot runs every turn, on every channel, as a list of steps (each a method below):
 *   1. `sendEmergencyLines`: words of danger → the free emergency lines at once, before any store
 *      call (never behind consent or storage), in the language of the message (bot/emergency);
 *   2. `loadState`: one read of the person's state document (profile + open conversation + recently
 *      handled WhatsApp message ids); a redelivered message stops here, with no write;
 *   3. `attempt`, the message's own steps (`messageSteps`; the first that answers ends them):
 *      risk signals → the protection warning first; consent (dialogs/consentDialog.ts) until the
 *      person decides; then the dialogs (MainDialog: global commands, the menu, the themes), which
 *      read what the message already answered (`understanding`);
 *   4. `save`: one conditional write (ETag) of that document, holding the message id, and only
 *      then the replies (Outbox). When another instance changed the document meanwhile, steps 2-4
 *      run again on fresh state (`retryOnConflict`: no lost update, no double reply);
 *   5. the session's `afterSave` tasks (bot/turn/session.ts), once, after the state is saved.
 * A turn that has not answered within `turnDeadlineMs` is abandoned (`answerWithin`): the error
 * handler gives the apology with the free national PRO line, and whatever the turn would have said
 * is dropped.
 */
import { Activity, ActivityHandler, ActivityTypes, ConversationReference, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Locale } from '../content/locale';
import { detectGlobalCommand } from '../commands/globalCommands';
import type { ContentCatalog } from '../content/catalog';
import { emergencyFollowUp, emergencyLocale, emergencyReply } from '../emergency/emergencyReply';
import { messageLanguage } from '../text/messageLanguage';
import { lazyChild, type Logger, userRef } from '../logger';
import type { Understanding } from '../nlu/understanding';
import { Outbox } from './outbox';
import { hasConsented, UserProfile } from '../profile/userProfile';
import { pseudonym } from '../pseudonym';
import { DEDUPLICATE_IN_TURN, type HandledMessages, lookupHandled, recordHandled } from './handledMessages';
import type { MessageLedger } from './messageLedger';
import { OptimisticBotState } from './optimisticBotState';
import { retryOnConflict } from './retryOnConflict';
import { isTappedOption } from './tappedOption';
import { answerWithin, DEFAULT_TURN_DEADLINE_MS, type TurnClock, TurnDeadlineError } from './turnDeadline';
import { ConsentDialog } from '../../dialogs/consentDialog';
import { MainDialog } from '../../dialogs/mainDialog';
import { textMessage } from './replies';
import { createSession, getSession, type Session, setSession } from './session';
import { TurnCounts } from '../stats/turnCounts';
import type { HandoffTurn } from './handoffTurn';

/** The emergency lines sent at the start of a turn: for which dangers, in which language. */
interface EmergencySent {
  kinds: readonly string[];
  locale: Locale;
}

/** Finds words that signal immediate danger (bot/emergency); `signals` are the ids of the rules that fired. */
export type EmergencyDetector = (text: string) => { kinds: string[]; signals?: string[] } | undefined;

export interface ProBotOptions {
  /** The person's one state document (profile and conversation together). */
  personState: OptimisticBotState;
  /** Where message ids go when there is no state document to hold them (before consent, after erasure). */
  messageLedger?: MessageLedger;
  mainDialog: MainDialog;
  content: ContentCatalog;
  detectEmergency: EmergencyDetector;
  /** Reads what a message already answers (bot/nlu/understanding); none: nothing is known ahead. Only asked about messages in which `detectEmergency` found nothing. */
  understand?: (text: string) => Understanding;
  defaultLocale: Locale;
  stateTtlDays: number;
  logger: Logger;
  /** Longest wait for a turn's replies before it is abandoned for the apology; default DEFAULT_TURN_DEADLINE_MS. */
  turnDeadlineMs?: number;
  /** Erases what channels keep about the person outside bot state (e.g. WhatsApp's pending lists). */
  forgetPerson?: (context: TurnContext) => Promise<void>;
  /** Hand-off to advisors (bot/turn/handoffTurn.ts): relays a handed-off person's messages, opens hand-offs. */
  handoff?: Pick<HandoffTurn, 'relay' | 'request' | 'afterEmergency'>;
  /** Writes a turn's anonymous statistics (bot/stats/attentionStats.ts): one patch, after the save. */
  stats?: { record(counts: TurnCounts): Promise<void> };
}

/** After this long without a message, an open question is stale: the person starts afresh. */
const RESUME_AFTER_MS = 6 * 3600 * 1000;

type AfterSave = readonly (() => Promise<void>)[];

/** The incoming message as the redelivery check sees it. */
interface Delivery {
  /** Set when the channel leaves redelivery detection to the turn (WhatsApp). */
  messageId?: string;
  /** Epoch seconds the message was sent (WhatsApp gives it; other channels: now). */
  sentAt: number;
}

/** One step of a message's way; resolves true when it answered the message (the later steps are skipped). */
type MessageStep = (context: TurnContext, session: Session) => Promise<boolean>;

export class ProBot extends ActivityHandler {
  private readonly profileAccessor: StatePropertyAccessor<UserProfile>;
  private readonly dialogStateAccessor: StatePropertyAccessor;
  /** Where to reach the person later (WhatsApp: within 24 h of their last message); kept only with consent. */
  private readonly referenceAccessor: StatePropertyAccessor<Partial<ConversationReference>>;
  private readonly lastMessageAccessor: StatePropertyAccessor<string>;
  /** Which conversation the dialog state belongs to (a pseudonym): a new Emulator conversation starts afresh. */
  private readonly conversationKeyAccessor: StatePropertyAccessor<string>;
  private readonly handledAccessor: StatePropertyAccessor<HandledMessages>;
  private readonly consent: ConsentDialog;

  /**
   * What a message goes through once the state is loaded, in order; the first step that answers
   * ends it. A handed-off person's message is relayed to the advisor before all of these; asking
   * for a person is heard once consent is decided (bot/turn/handoffTurn.ts).
   */
  private readonly messageSteps: readonly MessageStep[] = [
    async (context, session) => (await this.options.handoff?.relay(context, session)) ?? false,
    (context, session) => this.warnOfRisks(context, session),
    (context) => this.consent.answer(context),
    async (context, session) => (await this.options.handoff?.request(context, session)) ?? false,
    (context) => this.converse(context),
  ];

  constructor(private readonly options: ProBotOptions) {
    super();
    const state = options.personState;
    this.profileAccessor = state.createProperty<UserProfile>('profile');
    this.dialogStateAccessor = state.createProperty('dialogState');
    this.referenceAccessor = state.createProperty('conversationReference');
    this.lastMessageAccessor = state.createProperty('lastMessageAt');
    this.conversationKeyAccessor = state.createProperty('conversationKey');
    this.handledAccessor = state.createProperty('handledMessages');
    this.consent = new ConsentDialog({
      content: options.content,
      personState: state,
      stateTtlDays: options.stateTtlDays,
      orient: (context, where) => options.mainDialog.start(context, this.dialogStateAccessor, where),
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const log = lazyChild(this.options.logger, () => ({ user: userRef(activity.from?.id), channel: activity.channelId }));
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) return;
    const emergency = await this.sendEmergencyLines(context, log);
    const ms = this.options.turnDeadlineMs ?? DEFAULT_TURN_DEADLINE_MS;
    let afterSave: AfterSave;
    try {
      afterSave = await answerWithin(ms, (clock) => this.runTurn(context, emergency, clock, log));
    } catch (err) {
      if (err instanceof TurnDeadlineError) log.warn({ ms }, 'turn abandoned: no answer in time (store or dialog too slow)');
      throw err;
    }
    // Outside the deadline: the person has their answer; these only hold their next message.
    for (const task of afterSave) {
      await task().catch((err: Error) => log.warn({ err: err.message }, 'a post-turn task failed'));
    }
  }

  /**
   * Step 1, before any store call: the lines go out whatever the store does. A redelivered
   * emergency message may get them twice; that is the price of never waiting on the store for them.
   */
  private async sendEmergencyLines(context: TurnContext, log: Logger): Promise<EmergencySent | undefined> {
    const { activity } = context;
    const typed = activity.type === ActivityTypes.Message && !!activity.text && !isTappedOption(activity);
    const emergency = typed ? this.options.detectEmergency(activity.text as string) : undefined;
    if (!emergency) return undefined;
    log.warn({ kinds: emergency.kinds }, 'emergency words detected; emergency lines sent');
    const locale = emergencyLocale(emergency.signals, this.options.defaultLocale, messageLanguage(activity.text ?? ''));
    await context.sendActivity(textMessage(emergencyReply(this.options.content, locale, emergency.kinds)));
    return { kinds: emergency.kinds, locale };
  }

  /** Steps 2-4; resolves with the tasks to run once the state is saved. */
  private async runTurn(context: TurnContext, emergency: EmergencySent | undefined, clock: TurnClock, log: Logger): Promise<AfterSave> {
    const { activity } = context;
    const delivery = deliveryOf(activity);
    // Read once per turn, when a part of it first asks (a "menú" or a tapped row often needs none);
    // a re-run after a conflict reuses it.
    const text = activity.type === ActivityTypes.Message && !emergency ? activity.text : undefined;
    let understood: Understanding | undefined;
    const understanding = (): Understanding => (understood ??= (text && this.options.understand?.(text)) || {});
    if (!(await this.loadState(context, delivery, false))) {
      log.info('message already handled; redelivery skipped');
      return [];
    }
    if (emergency) {
      await this.followUpEmergency(context, emergency.locale, clock);
      await this.options.handoff?.afterEmergency(context, emergency.kinds);
      // Counted after the lines went out, with the turn's other after-save work (no call before them).
      const counts = new TurnCounts(activity.channelId);
      counts.emergency(emergency.kinds);
      return this.statsTask(counts);
    }
    const outbox = new Outbox(context);
    return retryOnConflict(
      async (attempt) => {
        if (attempt > 1 && !(await this.loadState(context, delivery, true))) {
          log.info('message answered by another instance meanwhile');
          return [];
        }
        return this.attempt(context, outbox, delivery, understanding, clock, log);
      },
      (attempt) => log.info({ attempt }, 'state changed by another turn; running the turn again'),
    );
  }

  /**
   * Step 2: reads the person's document (`fresh` after a conflict) and enters this conversation;
   * false when this message was answered before.
   */
  private async loadState(context: TurnContext, delivery: Delivery, fresh: boolean): Promise<boolean> {
    await this.options.personState.load(context, fresh);
    if (delivery.messageId && (await this.alreadyHandled(context, delivery.messageId, delivery.sentAt))) return false;
    await this.enterConversation(context);
    return true;
  }

  /** The one write of a turn's statistics; a turn that counted nothing makes no call (AttentionStats). */
  private statsTask(counts: TurnCounts): AfterSave {
    const { stats } = this.options;
    return stats ? [() => stats.record(counts)] : [];
  }

  /**
   * After the emergency lines the conversation stays where it was; the next message continues it,
   * and one line says so. Also to someone who has not consented yet (no welcome, no privacy notice
   * in front of the lines): "menú" starts their orientation when they are safe.
   */
  private async followUpEmergency(context: TurnContext, linesLocale: Locale, clock: TurnClock): Promise<void> {
    const profile = await this.profileAccessor.get(context, {});
    if (clock.abandoned) return;
    const locale = hasConsented(profile) ? (profile.locale ?? this.options.defaultLocale) : linesLocale;
    await context.sendActivity(textMessage(emergencyFollowUp(this.options.content, locale)));
  }

  /** Step 3 on the loaded state, then step 4; its replies are held until the state is saved. */
  private async attempt(context: TurnContext, outbox: Outbox, delivery: Delivery, understanding: () => Understanding, clock: TurnClock, log: Logger): Promise<AfterSave> {
    const session = createSession(await this.profileAccessor.get(context, {}), this.options.defaultLocale, understanding, context.activity.channelId);
    for (const task of this.statsTask(session.counts)) session.afterSave(task);
    setSession(context, session);
    outbox.hold();
    try {
      await super.run(context);
      // A line meant to go on top of a next message that never came is still said.
      const leftover = session.takePreface();
      if (leftover.length) await context.sendActivity(textMessage(leftover.join('\n')));
      const saved = !clock.abandoned && (await this.save(context, session, delivery, log));
      if (!saved || clock.abandoned) {
        outbox.discard();
        return [];
      }
      await outbox.release();
      return session.pendingAfterSave;
    } catch (err) {
      outbox.discard();
      throw err;
    }
  }

  /**
   * Step 4: erases the person's data when they asked, else saves what may be kept (one ETag-checked
   * write). False when, with nothing to keep, the shared ledger says another instance answered.
   */
  private async save(context: TurnContext, session: Session, delivery: Delivery, log: Logger): Promise<boolean> {
    const { personState, messageLedger } = this.options;
    const { messageId, sentAt } = delivery;
    if (session.deletionRequested) {
      await this.erase(context, messageId);
      log.info('person deleted their data');
    } else if ((await this.consent.mayKeep(context, session.profile)) || personState.exists(context)) {
      await this.consent.applyRetention(context, session.profile, () => this.themeOpen(context));
      if (messageId) await this.handledAccessor.set(context, recordHandled(await this.handledAccessor.get(context), messageId, sentAt));
      await personState.saveChanges(context);
    } else if (messageId && messageLedger && !(await messageLedger.claim(messageId))) {
      // Nothing to keep about this person yet, so the shared ledger decides who answers.
      log.info('message answered by another instance meanwhile');
      return false;
    }
    return true;
  }

  /** Whether a dialog (a theme, the menu) is open in the person's conversation. */
  private async themeOpen(context: TurnContext): Promise<boolean> {
    const dialogs = (await this.dialogStateAccessor.get(context)) as { dialogStack?: unknown[] } | undefined;
    return !!dialogs?.dialogStack?.length;
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

  /** Step 3 for a message: `messageSteps` in order, until one answers. */
  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const session = getSession(context);
    for (const step of this.messageSteps) if (await step(context, session)) return;
  }

  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    // Emulator and Bot Framework channels announce a new conversation; greet the person once.
    const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
    if (newcomers.length === 0) return;
    await this.consent.greet(context);
  }

  /** A risk signal gets the protection warning before any answer, in any theme, consent or not (never answers). */
  private async warnOfRisks(context: TurnContext, session: Session): Promise<boolean> {
    // A tapped option (our id) or a global command ("menú", "atrás": whole messages) says nothing
    // of the person's situation: no need to read the message for risks.
    const { activity } = context;
    if (isTappedOption(activity) || detectGlobalCommand(activity.text)) return false;
    if (session.understanding.risks?.length) {
      await context.sendActivity(textMessage(this.options.content.fact(session.locale, 'common', 'riskWarning')));
    }
    return false;
  }

  /** The person has decided (given or declined): the open dialog goes on, or the menu starts. */
  private async converse(context: TurnContext): Promise<boolean> {
    // Where to reach the person later is kept only with their consent.
    if (hasConsented(getSession(context).profile)) await this.keepReference(context);
    const last = await this.lastMessageAccessor.get(context);
    const now = new Date();
    await this.lastMessageAccessor.set(context, now.toISOString());
    if (last && now.getTime() - Date.parse(last) > RESUME_AFTER_MS) await this.options.mainDialog.resume(context, this.dialogStateAccessor);
    else await this.options.mainDialog.run(context, this.dialogStateAccessor);
    return true;
  }

  /** Keeps where to reach the person (changes only with the channel, so it is rarely rewritten). */
  private async keepReference(context: TurnContext): Promise<void> {
    const { activityId: _turnSpecific, ...reference } = TurnContext.getConversationReference(context.activity);
    const kept = await this.referenceAccessor.get(context);
    if (JSON.stringify(kept) !== JSON.stringify(reference)) await this.referenceAccessor.set(context, reference);
  }
}

/** What the redelivery check needs from the incoming activity. */
function deliveryOf(activity: Activity): Delivery {
  const channelData = activity.channelData as Record<string, unknown> | undefined;
  const messageId = channelData?.[DEDUPLICATE_IN_TURN] === true && activity.id ? activity.id : undefined;
  const ms = activity.timestamp ? new Date(activity.timestamp).getTime() : NaN;
  return { messageId, sentAt: Math.floor((Number.isFinite(ms) ? ms : Date.now()) / 1000) };
}
