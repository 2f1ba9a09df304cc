/**
 * Every word the WhatsApp channel itself shows (list button, section title, "more options", the
 * replies to media and to an expired list), from the content catalog in the person's language.
 */
import type { Locale } from '../../content/locale';
import type { ContentCatalog } from '../../content/catalog';
import type { OutboundWording } from './outbound';

export interface ChannelWording extends OutboundWording {
  /** Reply to audio, images, video, documents and stickers (common.mediaNotSupported). */
  unreadableReply: string;
  /** Reply when a "more options" row of a forgotten list is picked. */
  expiredListReply: string;
  /** Said to a person whose message waits long in a crowded line (whatsapp.lineBusy). */
  lineBusyReply: string;
}

/** The wording for `locale` ("es", "en", or a regional tag such as "en-US"); unknown languages get `fallback`'s. */
export function whatsAppWording(content: ContentCatalog, locale: string | undefined, fallback: Locale): ChannelWording {
  const language = localeOf(locale) ?? fallback;
  const ui = (key: string): string => content.ui(language, 'whatsapp', key);
  return {
    choicePrompt: ui('choicePrompt'),
    listButton: ui('listButton'),
    sectionTitle: ui('sectionTitle'),
    moreOptionsTitle: ui('moreOptionsTitle'),
    moreOptionsDescription: ui('moreOptionsDescription'),
    expiredListReply: ui('expiredList'),
    lineBusyReply: ui('lineBusy'),
    unreadableReply: content.ui(language, 'common', 'mediaNotSupported'),
  };
}

function localeOf(tag: string | undefined): Locale | undefined {
  const language = tag?.toLowerCase().split(/[-_]/)[0];
  return language === 'es' || language === 'en' ? language : undefined;
}
