/**
 * Per-turn session: the person's profile and locale, put on the TurnContext by ProBot so dialogs
 * never load state themselves (one state read per turn, not one per dialog).
 */
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../content/locale';
import type { Understanding, UnderstoodIds } from '../nlu/understanding';
import type { UserProfile } from '../profile/userProfile';

const SESSION = Symbol('proSession');

export interface Session {
  profile: UserProfile;
  readonly locale: Locale;
  /** Switches the language for the rest of the conversation (saved with the profile). */
  setLocale(locale: Locale): void;
  /** Asks ProBot to erase everything stored about this person at the end of the turn. */
  requestDataDeletion(): void;
  readonly deletionRequested: boolean;
  /**
   * Runs `task` once this turn's state is saved. For side effects outside the conversation (counts):
   * if the turn is run again after a state conflict, they still happen once.
   */
  afterSave(task: () => Promise<void>): void;
  readonly pendingAfterSave: readonly (() => Promise<void>)[];
  /**
   * What this turn's message already answers, read once by ProBot (bot/nlu/understanding). It holds
   * the person's words as evidence: use it in the turn only; keep `understoodIds()` of it, never it.
   */
  readonly understanding: Understanding;
  /**
   * What an earlier message answered, carried into this turn (the question a person asked before
   * consenting, answered right after "acepto"). Ids only.
   */
  readonly carried: UnderstoodIds | undefined;
  carryOver(ids: UnderstoodIds | undefined): void;
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

export function createSession(profile: UserProfile, defaultLocale: Locale, understanding: Understanding = {}): Session {
  let deletion = false;
  let carried: UnderstoodIds | undefined;
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
    requestDataDeletion() {
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
    understanding,
    get carried() {
      return carried;
    },
    carryOver(ids) {
      carried = ids;
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
