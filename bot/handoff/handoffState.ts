/**
 * A person's hand-off, kept in their state document (Cosmos) so any instance can relay either way.
 * Ids and times only: what the person and the advisor write stays in Chatwoot.
 */

export interface HandoffState {
  /** asking: the consent question is open; open: relaying; closed: over (the contact id is kept for erasure). */
  status: 'asking' | 'open' | 'closed';
  /** The Chatwoot contact (identifier = the person's pseudonym). */
  contactId?: number;
  /** The Chatwoot conversation the bot opened. */
  conversationId?: number;
  /** When the hand-off opened (ISO). */
  since?: string;
  /** When the person last wrote (ISO): WhatsApp's 24-hour window for free-form replies. */
  lastPersonMessageAt?: string;
  /** The highest Chatwoot message id delivered to the person: replies are delivered once, in order. */
  deliveredUpTo?: number;
  /** Set while advisor replies wait for the person to reopen the 24-hour window (ISO). */
  waitingSince?: string;
  /** The context note could not be posted when opening: it is posted with the next relay. */
  contextPending?: boolean;
  /** WhatsApp ids of the last emergency messages relayed (they are answered before the turn saves). */
  relayedEmergencies?: string[];
}

/** WhatsApp's customer service window: free-form messages only within 24 h of the person's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

/** Whether a free-form WhatsApp message can still reach the person at `now`. */
export function windowOpen(state: HandoffState, now: Date): boolean {
  const last = state.lastPersonMessageAt ? Date.parse(state.lastPersonMessageAt) : NaN;
  return Number.isFinite(last) && now.getTime() - last < WHATSAPP_WINDOW_MS;
}

export function isHandedOff(state: HandoffState | undefined): state is HandoffState & { status: 'open'; conversationId: number } {
  return state?.status === 'open' && typeof state.conversationId === 'number';
}
