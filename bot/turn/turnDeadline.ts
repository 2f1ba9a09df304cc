/**
 * A person waits at most a few seconds: a turn that has not answered by its deadline is abandoned
 * (the error handler sends the apology with the free national PRO line) and whatever it would
 * still say is dropped, because it checks `abandoned` before saving and before sending.
 */
import { settleWithin } from '../timeLimit';

/** The turn did not answer in time (a hung store, a stuck dialog); the person gets the apology instead. */
export class TurnDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`the turn did not answer within ${ms} ms`);
    this.name = 'TurnDeadlineError';
  }
}

/** Default of `turnDeadlineMs`: under the 5 s a person may wait, with room to send the apology. */
export const DEFAULT_TURN_DEADLINE_MS = 4500;

/** What a running turn asks before it saves or sends: past the deadline, nothing more may happen. */
export interface TurnClock {
  readonly abandoned: boolean;
}

/**
 * Settles as `turn` does, or rejects with TurnDeadlineError after `ms` (then `abandoned` is true
 * for the turn, which runs on but neither saves nor sends once it sees that).
 */
export function answerWithin<T>(ms: number, turn: (clock: TurnClock) => Promise<T>): Promise<T> {
  const clock = { abandoned: false };
  return settleWithin(turn(clock), ms, () => {
    clock.abandoned = true;
    return new TurnDeadlineError(ms);
  });
}
