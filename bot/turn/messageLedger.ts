/**
 * The shared record of message ids handled when no state document could hold them (a person who
 * has not consented yet, or who just erased their data). Implemented over Cosmos by
 * bot/channels/whatsapp/processedMessages.ts.
 */
export interface MessageLedger {
  /** True when this call recorded the id first; false when it was already recorded. */
  claim(messageId: string): Promise<boolean>;
  /** True when the id was recorded (and has not expired). */
  isClaimed(messageId: string): Promise<boolean>;
}
