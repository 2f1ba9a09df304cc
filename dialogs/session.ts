/**
 * Per-turn session: the person's profile and locale, put on the TurnContext by ProBot so dialogs
 * never load state themselves (one state read per turn, not one per dialog).
 */
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../bot/config';
import type { UserProfile } from '../bot/profile/userProfile';

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
}

export function createSession(profile: UserProfile, defaultLocale: Locale): Session {
  let deletion = false;
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

/** The session if ProBot set one this turn (the error handler may run before it did). */
export function findSession(context: TurnContext): Session | undefined {
  return context.turnState.get(SESSION) as Session | undefined;
}
