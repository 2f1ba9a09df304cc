/**
 * One turn's consecutive text messages go out as one WhatsApp message when together they fit the
 * text limit (4,096): the welcome and the privacy notice, or "Entiendo: …" and the answer, arrive
 * as one bubble instead of two. Fewer messages mean less data and fewer notifications for the
 * person, one Graph API call less for each join, and less risk of Meta's per-person pair rate
 * (about one message every 6 s, short bursts tolerated: error 131056).
 *
 * Only text joins text, with a blank line between, as the dialogs separate paragraphs. Interactive
 * messages (buttons, lists) and templates are never joined: their bodies stay as written, and a
 * question stays the last thing the person reads. An activity marked `channelData.ownMessage`
 * (bot/turn/replies.ts ownTextMessage) stays its own message.
 */
import { LIMITS, type OutboundMessage } from './limits';

export interface JoinedMessages {
  messages: OutboundMessage[];
  /** For each message given, the index of the message that now carries it. */
  carriedBy: number[];
}

/**
 * `messages` (one person's, in order) with each run of texts joined while it fits; the messages at
 * the indexes in `apart` (an advisor's replies, each as written) are joined with none.
 */
export function joinTexts(messages: readonly OutboundMessage[], apart: ReadonlySet<number> = new Set()): JoinedMessages {
  const joined: OutboundMessage[] = [];
  const carriedBy: number[] = [];
  for (const [index, message] of messages.entries()) {
    const last = joined[joined.length - 1];
    const joinable = !apart.has(index) && !apart.has(index - 1);
    if (joinable && last?.type === 'text' && message.type === 'text' && last.text.preview_url === message.text.preview_url) {
      const body = `${last.text.body}\n\n${message.text.body}`;
      if (body.length <= LIMITS.textBody) {
        joined[joined.length - 1] = { ...last, text: { ...last.text, body } };
        carriedBy.push(joined.length - 1);
        continue;
      }
    }
    joined.push(message);
    carriedBy.push(joined.length - 1);
  }
  return { messages: joined, carriedBy };
}
