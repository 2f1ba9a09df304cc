/**
 * Per-turn session: the person's profile and locale, put on the TurnContext by ProBot so dialogs
 * never load state themselves (one state read per turn, not one per dialog).
 *
 * Seams for work that is not the answer itself:
 * - `afterSave(task)`: runs `task` once, after this turn's state is durably saved and its replies
 *   sent, outside the turn's deadline; never for an attempt that lost an ETag race and ran again,
 *   nor for a turn abandoned at its deadline. A failing task is logged and does not fail the turn.
 *   Counters (statistics: one patch per turn) belong here, so a re-run never counts twice.
 * - What ProBot does with a message is a list of steps (`ProBot.messageSteps`, bot/turn/proBot.ts);
 *   a step that answers ends the list, so a new one (relaying a handed-off person's message to an
 *   advisor instead of answering it) is one entry in that list.
 */
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../content/locale';
import type { Understanding, UnderstoodIds } from '../nlu/understanding';
import type { UserProfile } from '../profile/userProfile';
import { TurnCounts } from '../stats/turnCounts';

const SESSION = Symbol('proSession');

export interface Session {
  profile: UserProfile;
  readonly locale: Locale;
  /** Switches the language for the rest of the conversation (saved with the profile). */
  setLocale(locale: Locale): void;
  /** "idioma" / "english": to the language named, or else to the other one (the one toggle). */
  switchLanguage(to?: Locale): void;
  /** Asks ProBot to erase everything stored about this person at the end of the turn. */
  requestDataDeletion(): void;
  readonly deletionRequested: boolean;
  /**
   * Runs `task` once this turn's state is saved. For side effects outside the conversation (counts):
   * if the turn is run again after a state conflict, they still happen once.
   */
  afterSave(task: () => Promise<void>): void;
  /** This turn's anonymous statistics (bot/stats/turnCounts.ts), written by ProBot in one patch after the save. */
  readonly counts: TurnCounts;
  readonly pendingAfterSave: readonly (() => Promise<void>)[];
  /**
   * What this turn's message already answers, read once, when first asked for (bot/nlu/understanding). It holds
   * the person's words as evidence: use it in the turn only; keep `understoodIds()` of it, never it.
   */
  readonly understanding: Understanding;
  /**
   * What an earlier message answered, carried into this turn (the question a person asked before
   * consenting, answered right after "acepto"). Ids only.
   */
  readonly carried: UnderstoodIds | undefined;
  /** `described`: the person was already told in one line what these ids say (not to be said again). */
  carryOver(ids: UnderstoodIds | undefined, described?: boolean): void;
  /** True when the carried ids were already described to the person ("Entiendo: …"). */
  readonly carriedDescribed: boolean;
  /**
   * A short line to say before the next thing this turn says (joined to it, so an acknowledgement
   * such as "Gracias, lo tendremos en cuenta" costs no message of its own).
   */
  preface(line: string): void;
  /** The prefaced lines not said yet, emptied. */
  takePreface(): string[];
  /** False when the person declined consent: nothing beyond the open conversation may be kept. */
  readonly mayRemember: boolean;
}

/**
 * `understanding` may be given as the function that reads it: it is then read the first time a part
 * of the turn asks (a "menú" or a tapped row often needs none), and once.
 */
export function createSession(profile: UserProfile, defaultLocale: Locale, understanding: Understanding | (() => Understanding) = {}, channelId?: string): Session {
  let understood = typeof understanding === 'function' ? undefined : understanding;
  const read = typeof understanding === 'function' ? understanding : undefined;
  let deletion = false;
  const counts = new TurnCounts(channelId);
  let carried: UnderstoodIds | undefined;
  let carriedDescribed = false;
  let prefaces: string[] = [];
  const tasks: (() => Promise<void>)[] = [];
  return {
    profile,
    get locale() {
      return profile.locale ?? defaultLocale;
    },
    setLocale(locale: Locale) {
      profile.locale = locale;
    },
    switchLanguage(to?: Locale) {
      profile.locale = to ?? ((profile.locale ?? defaultLocale) === 'es' ? 'en' : 'es');
    },
    requestDataDeletion() {
      if (!deletion) counts.deletionRequested();
      deletion = true;
    },
    get deletionRequested() {
      return deletion;
    },
    afterSave(task) {
      tasks.push(task);
    },
    get pendingAfterSave() {
      return tasks;
    },
    counts,
    get understanding() {
      return (understood ??= read?.() ?? {});
    },
    get carried() {
      return carried;
    },
    carryOver(ids, described = false) {
      carried = ids;
      carriedDescribed = described;
    },
    get carriedDescribed() {
      return carriedDescribed;
    },
    preface(line) {
      prefaces.push(line);
    },
    takePreface() {
      const lines = prefaces;
      prefaces = [];
      return lines;
    },
    get mayRemember() {
      return profile.consent?.decision === 'given';
    },
  };
}

export function setSession(context: TurnContext, session: Session): void {
  context.turnState.set(SESSION, session);
}

export function getSession(context: TurnContext): Session {
  const session = context.turnState.get(SESSION) as Session | undefined;
  if (!session) throw new Error('No PRO session on this turn: ProBot must call setSession() before running dialogs');
  return session;
}

/** `text` with the turn's prefaced lines on top (a question's text: it is what the person answers). */
export function prefaced(context: TurnContext, text: string): string {
  const lines = findSession(context)?.takePreface() ?? [];
  return lines.length ? `${lines.join('\n')}\n\n${text}` : text;
}

/** The session if ProBot set one this turn (the error handler may run before it did). */
export function findSession(context: TurnContext): Session | undefined {
  return context.turnState.get(SESSION) as Session | undefined;
}
