/**
 * Consent, before anything is kept: a new person gets the welcome (with the free lines), the
 * privacy notice and the consent choice (`consent_yes` / `consent_no`). Until they decide, every
 * message gets the welcome again, or, once the notice was shown, the consent question; a "sí" or
 * "ok" counts only as the answer to that question. The question asked meanwhile is answered right
 * after "acepto" (its ids are kept, never its words). A person who declines still gets orientation
 * and may accept later with "acepto" at any time; nothing about them outlives SHORT_KEEP_SECONDS.
 *
 * Not a botbuilder dialog on the stack: before consent the person's document may hold only the
 * notice (when it was shown, what was asked), never a dialog stack, so this keeps its own property.
 */
import type { Activity, BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Locale } from '../bot/content/locale';
import type { ContentCatalog } from '../bot/content/catalog';
import { detectGlobalCommand } from '../bot/commands/globalCommands';
import type { ThemeId } from '../bot/nlu/themes';
import { settleTheme, type UnderstoodIds, understoodIds } from '../bot/nlu/understanding';
import { hasConsented, type UserProfile } from '../bot/profile/userProfile';
import { foldWords } from '../bot/text/fold';
import { messageLanguage } from '../bot/text/messageLanguage';
import { choiceMessage, textMessage } from '../bot/turn/replies';
import { consentReply } from '../bot/nlu/consentReply';
import { getSession, type Session } from '../bot/turn/session';

/**
 * Before consent, and after a decline, a person's document lives this long (a conversation's worth):
 * nothing about them is remembered next time.
 */
export const SHORT_KEEP_SECONDS = 3600;

/**
 * Before consent the document holds only that the privacy notice was shown (so a later "sí" can be
 * taken as consent) and the ids of what the person asked meanwhile (never their words).
 */
export interface ConsentNotice {
  shownAt: string;
  pending?: UnderstoodIds;
  /** When the question's theme was unclear: the two or three likely ones, offered after the decision. */
  candidates?: ThemeId[];
}

/** Where orientation starts once the person decided. */
export interface Orientation {
  /** The theme of the question asked before (its answers carried over). */
  theme?: string;
  /** Or, when that theme was unclear, the likely themes to offer instead of the whole menu. */
  candidates?: ThemeId[];
}

/** Typed words that accept consent at any time, even in the middle of a theme (never a bare "sí"). */
const LATE_ACCEPT = new Set(['consent_yes', 'acepto', 'aceptar', 'si acepto', 'accept', 'i accept', 'yes i accept']);

const CONSENT_GROUP = 'consent';

export interface ConsentDialogOptions {
  content: ContentCatalog;
  /** The person's state document; the notice and its time to live are kept there. */
  personState: BotState;
  /** Said in the privacy notice: how long a consenting person's data is kept. */
  stateTtlDays: number;
  /** Orientation once the person decided: the menu, straight at the theme they asked about before, or its likely themes. */
  orient(context: TurnContext, where: Orientation): Promise<void>;
}

export class ConsentDialog {
  private readonly notice: StatePropertyAccessor<ConsentNotice>;
  /** Read by CosmosBotStorage: this document's time to live, when shorter than STATE_TTL_DAYS. */
  private readonly keepFor: StatePropertyAccessor<number>;

  constructor(private readonly options: ConsentDialogOptions) {
    this.notice = options.personState.createProperty<ConsentNotice>('consentNotice');
    this.keepFor = options.personState.createProperty<number>('keepForSeconds');
  }

  /** A new conversation announced by the channel: the welcome, to someone who has not decided. */
  async greet(context: TurnContext): Promise<void> {
    if (getSession(context).profile.consent) return;
    await this.notice.set(context, { shownAt: new Date().toISOString() });
    await this.sendWelcome(context);
  }

  /**
   * A message, while consent matters: true when it was answered here (before a decision, or a late
   * "acepto" after declining), false when it is for the menu and the themes.
   */
  async answer(context: TurnContext): Promise<boolean> {
    const { profile } = getSession(context);
    const declined = profile.consent?.decision === 'declined';
    if (declined && LATE_ACCEPT.has(foldWords(context.activity.text ?? ''))) {
      await this.accept(context, undefined);
      return true;
    }
    if (hasConsented(profile) || declined) return false;
    await this.beforeDecision(context);
    return true;
  }

  /**
   * Something worth keeping: a consent decision, a language asked for, or the notice shown (so the
   * next "sí" is consent). Anything else before consent leaves no document.
   */
  async mayKeep(context: TurnContext, profile: UserProfile): Promise<boolean> {
    return profile.consent !== undefined || profile.locale !== undefined || (await this.notice.get(context)) !== undefined;
  }

  /**
   * Without consent the document expires within the hour, and a person who declined keeps no
   * profile: no place ever, and their group only while a theme that asked for it is open.
   */
  async applyRetention(context: TurnContext, profile: UserProfile, themeOpen: () => Promise<boolean>): Promise<void> {
    if (hasConsented(profile)) {
      await this.keepFor.delete(context);
      return;
    }
    await this.keepFor.set(context, SHORT_KEEP_SECONDS);
    if (profile.consent?.decision !== 'declined') return;
    delete profile.lastPlace;
    if (!(await themeOpen())) delete profile.group;
  }

  /** Until the person decides, every message gets the welcome, or the consent question once the notice was shown. */
  private async beforeDecision(context: TurnContext): Promise<void> {
    const { content } = this.options;
    const session = getSession(context);
    const text = context.activity.text ?? '';
    // Someone who writes in English is welcomed in English (WhatsApp tells no language), unless
    // they chose a language already.
    const written = session.profile.locale ? undefined : messageLanguage(text);
    if (written && written !== session.locale) session.setLocale(written);
    const command = detectGlobalCommand(text);
    if (command?.kind === 'language') {
      session.switchLanguage(command.to);
      const notice = await this.notice.get(context);
      await this.notice.set(context, { ...notice, shownAt: new Date().toISOString() });
      return this.sendWelcome(context);
    }
    if (command?.kind === 'delete_data') {
      session.requestDataDeletion();
      await context.sendActivity(textMessage(content.ui(session.locale, 'common', 'deleted')));
      return;
    }
    const notice = await this.notice.get(context);
    // A "sí" or "ok" counts only as the answer to the consent question, shown with the notice.
    const decision = notice ? this.decisionIn(text, session.locale) : undefined;
    if (decision === 'consent_yes') return this.accept(context, notice);
    if (decision === 'consent_no') return this.decline(context, notice);
    await this.notice.set(context, { shownAt: notice?.shownAt ?? new Date().toISOString(), ...this.askedIn(session, notice) });
    if (notice) {
      const ui = (key: string) => content.ui(session.locale, 'common', key);
      await context.sendActivity(choiceMessage(`${ui('consentBeforeAnswer')}\n\n${ui('consentQuestion')}`, content.choices(session.locale, 'common', CONSENT_GROUP)));
      return;
    }
    await this.sendWelcome(context);
  }

  /**
   * A question before consent: keep only what it answers (ids, never words), to answer it right
   * after the decision. With no clear theme ("soy retornado, q ayudas ay"), what it said and its
   * likely themes; a message that says nothing new keeps what an earlier one asked.
   */
  private askedIn(session: Session, notice: ConsentNotice | undefined): Pick<ConsentNotice, 'pending' | 'candidates'> {
    const asked = understoodIds(session.understanding);
    // A risk with no clear theme is a protection question.
    const theme = asked.theme ?? (asked.risks?.length ? 'protection' : undefined);
    if (theme) return { pending: { ...asked, theme } };
    const candidates = session.understanding.themeCandidates;
    const settled = candidates?.length ? settleTheme(session.understanding, candidates) : undefined;
    if (settled) return { pending: { ...asked, theme: settled } };
    if (candidates?.length) return { pending: asked, candidates };
    return { ...(notice?.pending ? { pending: notice.pending } : {}), ...(notice?.candidates ? { candidates: notice.candidates } : {}) };
  }

  /** Where to go after the decision: the theme asked about, its likely themes, or the menu. */
  private static orientation(notice: ConsentNotice | undefined): Orientation {
    if (notice?.pending?.theme) return { theme: notice.pending.theme };
    return notice?.candidates?.length ? { candidates: notice.candidates } : {};
  }

  /** Consent given: thanks, then the question asked before consent (or the menu). */
  private async accept(context: TurnContext, notice: ConsentNotice | undefined): Promise<void> {
    const session = getSession(context);
    session.profile.consent = { decision: 'given', at: new Date().toISOString() };
    session.counts.consent('given');
    await this.notice.delete(context);
    session.carryOver(notice?.pending);
    await context.sendActivity(textMessage(this.options.content.ui(session.locale, 'common', 'consentAccepted')));
    await this.options.orient(context, ConsentDialog.orientation(notice));
  }

  /** Consent declined: said plainly with the national line, and orientation all the same. */
  private async decline(context: TurnContext, notice: ConsentNotice | undefined): Promise<void> {
    const { content } = this.options;
    const session = getSession(context);
    session.profile.consent = { decision: 'declined', at: new Date().toISOString() };
    session.counts.consent('declined');
    await this.notice.delete(context);
    await context.sendActivities([
      textMessage(content.ui(session.locale, 'common', 'consentDeclined')),
      textMessage(content.fact(session.locale, 'common', 'nationalLine')),
    ] as Partial<Activity>[]);
    // Straight to what they asked before (its answers carried), or the menu.
    session.carryOver(notice?.pending);
    await this.options.orient(context, ConsentDialog.orientation(notice));
  }

  /** An id from the buttons, a one-word yes/no such as "sí" or "acepto", or a few words saying only that. */
  private decisionIn(text: string, locale: Locale): string | undefined {
    const said = foldWords(text);
    if (!said) return undefined;
    for (const choice of this.options.content.choices(locale, 'common', CONSENT_GROUP)) {
      const words = [choice.id, choice.title, ...(choice.synonyms ?? [])].map((word) => foldWords(word));
      if (words.includes(said)) return choice.id;
    }
    // A few words that say only yes or no ("yes i accept", "sí, de acuerdo", "no gracias").
    return consentReply(text);
  }

  /** Welcome, privacy notice and the consent choice, in the person's language. */
  private async sendWelcome(context: TurnContext): Promise<void> {
    const { content, stateTtlDays } = this.options;
    const { locale } = getSession(context);
    const ui = (key: string, vars?: Record<string, string | number>) => content.ui(locale, 'common', key, vars);
    await context.sendActivities([
      // The free lines come first, so even someone who never answers the consent question has them.
      textMessage(`${ui('welcome')}\n\n${content.fact(locale, 'common', 'dangerHint')}\n${content.fact(locale, 'common', 'nationalLine')}\n\n${ui('welcomeLanguage')}`),
      textMessage(ui('privacy', { ttlDays: stateTtlDays })),
      choiceMessage(ui('consentQuestion'), content.choices(locale, 'common', CONSENT_GROUP)),
    ] as Partial<Activity>[]);
  }
}
