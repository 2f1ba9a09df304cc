/**
 * The WhatsApp message ids a person's state document remembers, so a redelivered message is
 * recognised by the same read that loads the state (no separate ledger write per turn).
 *
 * Messages handled before the person had a state document (before consent) are in the shared
 * processed-message ledger instead; `since` (the timestamp of the first message recorded here) says
 * when the ledger must be asked. Only the last MAX_REMEMBERED ids are kept: a message older than
 * all of them counts as handled (a redelivery, not a new message).
 */
import { createHash } from 'node:crypto';

export const MAX_REMEMBERED = 32;

/** channelData flag set by a channel adapter that leaves redelivery detection to the turn. */
export const DEDUPLICATE_IN_TURN = 'deduplicateInTurn';

export interface HandledMessages {
  /** Epoch seconds of the first message recorded in this document. */
  since: number;
  /** [hashed message id, epoch seconds], oldest first. */
  recent: [string, number][];
}

/** What is known about a message from the state document alone. */
export type HandledLookup = 'handled' | 'new' | 'ask-ledger';

/** wamids are long and base64-like; a short hash is enough to tell a person's messages apart. */
export function handledKey(messageId: string): string {
  return createHash('sha256').update(messageId).digest('hex').slice(0, 24);
}

export function lookupHandled(handled: HandledMessages | undefined, documentExists: boolean, messageId: string, sentAt: number): HandledLookup {
  if (!documentExists) return 'new'; // the ledger claim at the end of the turn decides
  if (!handled) return 'ask-ledger';
  const key = handledKey(messageId);
  if (handled.recent.some(([id]) => id === key)) return 'handled';
  // Strictly earlier: asking for every message in the first message's second would cost a read per
  // fast turn, and a person cannot answer the welcome within the second it arrives.
  if (sentAt < handled.since) return 'ask-ledger';
  if (handled.recent.length >= MAX_REMEMBERED && sentAt < handled.recent[0][1]) return 'handled';
  return 'new';
}

/** `handled` with the message added (a new object; the oldest ids beyond the bound dropped). */
export function recordHandled(handled: HandledMessages | undefined, messageId: string, sentAt: number): HandledMessages {
  const recent = [...(handled?.recent ?? []), [handledKey(messageId), sentAt] as [string, number]];
  recent.sort((a, b) => a[1] - b[1]);
  return { since: handled?.since ?? sentAt, recent: recent.slice(-MAX_REMEMBERED) };
}
