/**
 * An advisor's reply as the person receives it on WhatsApp: Chatwoot's editor writes markdown,
 * WhatsApp has its own marks, and a text message holds at most 4096 characters. The rules are
 * the WhatsApp channel's own (formatting.ts, limits.ts), so bot and advisor texts look alike.
 */
import { markdownToWhatsApp, splitText } from '../channels/whatsapp/formatting';
import { LIMITS } from '../channels/whatsapp/limits';

/** The WhatsApp text messages for one advisor reply, in order (empty when nothing is left to say). */
export function advisorReplyForWhatsApp(content: string): string[] {
  return splitText(markdownToWhatsApp(content), LIMITS.textBody);
}
