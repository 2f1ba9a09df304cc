/**
 * Outbound mapping: a Bot Framework message activity → the WhatsApp messages that carry it.
 *
 * The dialogs write `text` in markdown and offer choices as `suggestedActions` (imBack, value = the
 * choice id). WhatsApp shows up to 3 choices as reply buttons, up to 10 as a list, and a longer list
 * as pages of 9 rows plus a "more options" row whose id names the next page; the adapter answers
 * that row itself (see choicePages.ts). Every message produced here fits Meta's limits (limits.ts).
 */
import { createHash } from 'node:crypto';
import type { Activity, CardAction } from 'botbuilder';
import type { Choice } from '../../content/choice';
import { shortenText } from '../../text/shorten';
import { markdownToWhatsApp, plainLabel, splitLastParagraph, splitText, uniqueLabels } from './formatting';
import { LIMITS, ListContent, ListRow, OutboundMessage, WhatsAppAddress } from './limits';

/** Thrown when an activity cannot be shown within WhatsApp's limits without losing its meaning. */
export class OutboundMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundMappingError';
  }
}

/**
 * Words the channel adds around the dialogs' choices. The running bot takes them from the content
 * catalog in the person's language (wording.ts); these defaults are the Spanish ones, for tests.
 */
export interface OutboundWording {
  /** Body above the buttons when the activity has no text, or its last paragraph is too long. */
  choicePrompt: string;
  /** List button label when the activity's channelData gives none. */
  listButton: string;
  /** Section title when the activity's channelData gives none. */
  sectionTitle: string;
  /** The row that opens the next page of a long list. */
  moreOptionsTitle: string;
  moreOptionsDescription: string;
}

export const DEFAULT_WORDING: OutboundWording = {
  choicePrompt: 'Elige una opción:',
  listButton: 'Ver opciones',
  sectionTitle: 'Opciones',
  moreOptionsTitle: 'Más opciones',
  moreOptionsDescription: 'Ver las demás opciones',
};

/** A list longer than one WhatsApp list: kept so its later pages can be sent without a turn. */
export interface PagedChoiceList {
  /** Stable short hash of the choice ids; part of every "more options" row id. */
  listId: string;
  /** The language the list was shown in (the activity's `locale`), so its later pages keep it. */
  locale?: string;
  body: string;
  button: string;
  sectionTitle: string;
  choices: Choice[];
}

export interface MappedActivity {
  messages: OutboundMessage[];
  /** Present when the choices needed more than one list page. */
  pagedList?: PagedChoiceList;
  /** Attachments (cards, files) the activity carried: WhatsApp text replies cannot show them. */
  attachmentsDropped?: number;
}

/** Rows per page when a list needs pages: 9 choices + the "more options" row = WhatsApp's 10. */
export const PAGE_ROWS = LIMITS.listRowsMax - 1;
const MORE_OPTIONS_PREFIX = 'more_options:';

export function moreOptionsId(listId: string, page: number): string {
  return `${MORE_OPTIONS_PREFIX}${listId}:${page}`;
}

/** Reads a "more options" row id back; undefined for any other text. */
export function parseMoreOptionsId(text: string | undefined): { listId: string; page: number } | undefined {
  const match = /^more_options:([0-9a-f]{1,40}):(\d{1,4})$/.exec(text ?? '');
  if (!match) return undefined;
  return { listId: match[1], page: Number(match[2]) };
}

/** The address to use for a user key: digits are a phone number (wa_id), anything else a BSUID. */
export function addressFor(userKey: string): WhatsAppAddress {
  return /^\d+$/.test(userKey) ? { to: userKey } : { recipient: userKey };
}

function envelope(address: WhatsAppAddress): Pick<OutboundMessage, 'messaging_product' | 'recipient_type'> & WhatsAppAddress {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', ...address };
}

/** One WhatsApp text message (the Graph API payload), links not previewed. */
export function outboundText(address: WhatsAppAddress, body: string): OutboundMessage {
  return { ...envelope(address), type: 'text', text: { preview_url: false, body } };
}

/**
 * An approved template, named by an activity's `channelData.whatsappTemplate` ({ name, language }):
 * the one message that reaches a person outside the 24-hour window (bot/turn/advisorReplies.ts).
 */
export function outboundTemplate(address: WhatsAppAddress, activity: Partial<Activity>): OutboundMessage | undefined {
  const template = (activity.channelData as { whatsappTemplate?: { name?: unknown; language?: unknown } } | undefined)?.whatsappTemplate;
  if (typeof template?.name !== 'string' || typeof template.language !== 'string') return undefined;
  return { ...envelope(address), type: 'template', template: { name: template.name, language: { code: template.language } } };
}

/** Text messages for a (possibly long) text: split at paragraph boundaries under the limit. */
export function outboundTexts(address: WhatsAppAddress, text: string): OutboundMessage[] {
  return splitText(text, LIMITS.textBody).map((body) => outboundText(address, body));
}

const CHOICE_ACTION_TYPES = new Set(['imBack', 'postBack', 'messageBack']);

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Splits suggested actions into choices (sent as buttons/rows) and link-like actions (sent as text). */
function readActions(actions: CardAction[]): { choices: Choice[]; lines: string[] } {
  const choices: Choice[] = [];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const action of actions) {
    const title = plainLabel(action.title ?? action.displayText ?? '');
    if (!action.type || CHOICE_ACTION_TYPES.has(action.type)) {
      const id = (asString(action.value) ?? asString(action.text) ?? title).trim();
      // A duplicate id could not be told apart in the answer; the first one wins.
      if (!id || seen.has(id)) continue;
      seen.add(id);
      const description = (action.channelData as { description?: unknown } | undefined)?.description;
      choices.push({ id, title: title || id, description: typeof description === 'string' ? plainLabel(description) : undefined });
    } else {
      const target = asString(action.value)?.replace(/^tel:/, '');
      if (target) lines.push(title && !sameText(title, target) ? `${title}: ${target}` : target);
    }
  }
  return { choices, lines };
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function checkIds(choices: Choice[], max: number): void {
  for (const choice of choices) {
    if (choice.id.length > max) {
      // Shortening an id would break the dialog that waits for it: this is a content bug to fix.
      throw new OutboundMappingError(`choice id "${choice.id.slice(0, 40)}…" is ${choice.id.length} characters; WhatsApp allows ${max}. Use a shorter id in the dialog.`);
    }
  }
}

function listIdOf(choices: Choice[]): string {
  return createHash('sha256').update(choices.map((c) => c.id).join('\u0000')).digest('hex').slice(0, 12);
}

/**
 * Splits the text of an interactive message into text sent before it and the interactive body:
 * the whole text when it fits, else its last paragraph when that fits, else the choice prompt.
 */
function interactiveBody(text: string, prompt: string): { lead: string; body: string } {
  if (!text) return { lead: '', body: prompt };
  if (text.length <= LIMITS.interactiveBody) return { lead: '', body: text };
  const { before, last } = splitLastParagraph(text);
  if (before && last.length <= LIMITS.interactiveBody) return { lead: before, body: last };
  return { lead: text, body: shortenText(prompt, LIMITS.interactiveBody) };
}

function buttonsMessage(address: WhatsAppAddress, body: string, choices: Choice[]): OutboundMessage {
  checkIds(choices, LIMITS.buttonId);
  const titles = uniqueLabels(
    choices.map((c) => c.title),
    LIMITS.buttonTitle,
  );
  return {
    ...envelope(address),
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: body },
      action: { buttons: choices.map((c, i) => ({ type: 'reply' as const, reply: { id: c.id, title: titles[i] } })) },
    },
  };
}

function rowsFor(choices: Choice[]): ListRow[] {
  const titles = uniqueLabels(
    choices.map((c) => c.title),
    LIMITS.listRowTitle,
  );
  return choices.map((choice, i) => {
    const row: ListRow = { id: choice.id, title: titles[i] };
    // A shortened title loses words: show the whole label as the description when there is none.
    const description = choice.description?.trim() || (titles[i] !== choice.title.replace(/\s+/g, ' ').trim() ? choice.title : undefined);
    if (description) row.description = shortenText(description, LIMITS.listRowDescription);
    return row;
  });
}

/** Number of list pages a list of `count` choices needs. */
export function pageCount(count: number): number {
  if (count <= LIMITS.listRowsMax) return 1;
  let pages = 1;
  let remaining = count - PAGE_ROWS;
  while (remaining > LIMITS.listRowsMax) {
    pages += 1;
    remaining -= PAGE_ROWS;
  }
  return pages + 1;
}

/**
 * The list message for page `page` (1-based) of a choice list. Pages hold 9 choices and a
 * "more options" row, except the last, which holds what is left (up to 10).
 */
export function listPage(address: WhatsAppAddress, list: PagedChoiceList, page: number, wording: OutboundWording = DEFAULT_WORDING): OutboundMessage {
  const total = pageCount(list.choices.length);
  if (!Number.isInteger(page) || page < 1 || page > total) {
    throw new OutboundMappingError(`list page ${page} does not exist (the list has ${total})`);
  }
  const start = (page - 1) * PAGE_ROWS;
  const rest = list.choices.slice(start);
  const last = rest.length <= LIMITS.listRowsMax;
  const shown = last ? rest : rest.slice(0, PAGE_ROWS);
  const more: Choice = { id: moreOptionsId(list.listId, page + 1), title: wording.moreOptionsTitle, description: wording.moreOptionsDescription };
  const choices = last ? shown : [...shown, more];
  checkIds(choices, LIMITS.listRowId);
  const interactive: ListContent['interactive'] = {
    type: 'list',
    body: { text: list.body },
    action: {
      button: shortenText(list.button, LIMITS.listButton),
      sections: [{ title: shortenText(list.sectionTitle, LIMITS.listSectionTitle), rows: rowsFor(choices) }],
    },
  };
  // "2/3" tells the reader where they are in a long list, in any language.
  if (total > 1) interactive.footer = { text: `${page}/${total}` };
  return { ...envelope(address), type: 'interactive', interactive };
}

/**
 * Maps one message activity to WhatsApp messages for `address`.
 * Choices: 1–3 → reply buttons; 4–10 → a list; more → a paged list (first page here).
 */
export function activityToWhatsApp(activity: Partial<Activity>, address: WhatsAppAddress, wording: OutboundWording = DEFAULT_WORDING): MappedActivity {
  const template = outboundTemplate(address, activity);
  if (template) return { messages: [template] };
  const { choices, lines } = readActions(activity.suggestedActions?.actions ?? []);
  const parts = [markdownToWhatsApp(activity.text ?? ''), ...lines].filter(Boolean);
  const text = parts.join('\n\n');
  const dropped = activity.attachments?.length ? { attachmentsDropped: activity.attachments.length } : {};
  if (choices.length === 0) return { messages: outboundTexts(address, text), ...dropped };

  const { lead, body } = interactiveBody(text, wording.choicePrompt);
  const messages = outboundTexts(address, lead);
  if (choices.length <= LIMITS.buttonsMax) {
    messages.push(buttonsMessage(address, body, choices));
    return { messages, ...dropped };
  }
  const channelData = (activity.channelData ?? {}) as { listButton?: unknown; listTitle?: unknown };
  const list: PagedChoiceList = {
    listId: listIdOf(choices),
    ...(activity.locale ? { locale: activity.locale } : {}),
    body,
    button: typeof channelData.listButton === 'string' && channelData.listButton.trim() ? channelData.listButton : wording.listButton,
    sectionTitle: typeof channelData.listTitle === 'string' && channelData.listTitle.trim() ? channelData.listTitle : wording.sectionTitle,
    choices,
  };
  messages.push(listPage(address, list, 1, wording));
  return choices.length > LIMITS.listRowsMax ? { messages, pagedList: list, ...dropped } : { messages, ...dropped };
}
