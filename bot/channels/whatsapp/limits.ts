/**
 * WhatsApp Cloud API message limits, and a validator that checks an outbound payload against them.
 *
 * Meta rejects a message that breaks a limit (error 100 / 131009) and the user then gets nothing,
 * so every payload is validated before it is sent (GraphClient), by the fake Graph API in tests,
 * and by content-walk tests. Sources: /work/shared/research/whatsapp-cloud-api.md §4.
 *
 * Lengths are counted in UTF-16 code units (`string.length`): never fewer than the characters Meta
 * counts, so a text that passes here also passes there.
 */
import { isLatitude, isLongitude } from '../../geo/coordinates';

export const LIMITS = {
  /** Text message body. */
  textBody: 4096,
  /**
   * Body of an interactive message. Reply buttons: 1024 (Meta). Lists: Meta's current list page says
   * 4096, its interactive-object reference and the SDKs say 1024; we keep the stricter reading so a
   * body valid under either is never rejected.
   */
  interactiveBody: 1024,
  interactiveHeader: 60,
  interactiveFooter: 60,
  buttonsMax: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  listSectionsMax: 10,
  /** Rows across all sections together. */
  listRowsMax: 10,
  listSectionTitle: 24,
  listRowTitle: 24,
  listRowDescription: 72,
  listRowId: 200,
} as const;

/** The recipient of an outbound message: a phone number (`to`) or a business-scoped user id (`recipient`). */
export interface WhatsAppAddress {
  to?: string;
  recipient?: string;
}

export interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export interface ListSection {
  title?: string;
  rows: ListRow[];
}

export interface TextContent {
  type: 'text';
  text: { body: string; preview_url?: boolean };
}

export interface ButtonsContent {
  type: 'interactive';
  interactive: {
    type: 'button';
    header?: { type: 'text'; text: string };
    body: { text: string };
    footer?: { text: string };
    action: { buttons: ReplyButton[] };
  };
}

export interface ListContent {
  type: 'interactive';
  interactive: {
    type: 'list';
    header?: { type: 'text'; text: string };
    body: { text: string };
    footer?: { text: string };
    action: { button: string; sections: ListSection[] };
  };
}

/** A message the bot sends: the body of POST /{phone-number-id}/messages. */
export type OutboundMessage = WhatsAppAddress & {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
} & (TextContent | ButtonsContent | ListContent | TemplateContent);

/** An approved template (the one kind of message that reaches a person outside the 24-hour window). */
export interface TemplateContent {
  type: 'template';
  template: { name: string; language: { code: string } };
}

/** Mark-as-read request, optionally showing the typing indicator. */
export interface ReadReceipt {
  messaging_product: 'whatsapp';
  status: 'read';
  message_id: string;
  typing_indicator?: { type: 'text' };
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a payload meant for POST /{phone-number-id}/messages against Meta's limits.
 * Returns one line per violation (empty when the payload is valid), each naming the field.
 * Knows text, reply-button and list messages, location messages and read receipts.
 */
export function validateWhatsAppMessage(payload: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(payload)) return ['payload is not a JSON object'];
  if (payload.messaging_product !== 'whatsapp') problems.push('messaging_product must be "whatsapp"');

  if (payload.status !== undefined) {
    if (payload.status !== 'read') problems.push(`status "${String(payload.status)}" is not "read"`);
    if (!nonEmpty(payload.message_id)) problems.push('message_id is required on a read receipt');
    if (payload.typing_indicator !== undefined) {
      const t = payload.typing_indicator;
      if (!isRecord(t) || t.type !== 'text') problems.push('typing_indicator.type must be "text"');
    }
    return problems;
  }

  const to = payload.to;
  const recipient = payload.recipient;
  if (!nonEmpty(to) && !nonEmpty(recipient)) problems.push('to (phone number) or recipient (business-scoped user id) is required');
  if (to !== undefined && (typeof to !== 'string' || !/^\+?\d{5,20}$/.test(to))) problems.push('to must be a phone number (digits)');
  if (payload.recipient_type !== undefined && payload.recipient_type !== 'individual') problems.push('recipient_type must be "individual"');

  switch (payload.type) {
    case 'text':
      checkText(payload.text, problems);
      break;
    case 'interactive':
      checkInteractive(payload.interactive, problems);
      break;
    case 'template':
      checkTemplate(payload.template, problems);
      break;
    case 'location':
      checkLocation(payload.location, problems);
      break;
    default:
      problems.push(`type "${String(payload.type)}" is not one this bot sends (text, interactive, location, template)`);
  }
  return problems;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function checkLength(value: unknown, max: number, field: string, problems: string[], required = true): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string') {
    problems.push(`${field} must be a string`);
    return;
  }
  if (value.trim().length === 0) problems.push(`${field} must not be empty`);
  if (value.length > max) problems.push(`${field} is ${value.length} characters (max ${max})`);
}

function checkText(text: unknown, problems: string[]): void {
  if (!isRecord(text)) {
    problems.push('text object is required');
    return;
  }
  checkLength(text.body, LIMITS.textBody, 'text.body', problems);
}

/** Meta's template names: lower-case letters, digits and underscores, at most 512 characters. */
function checkTemplate(template: unknown, problems: string[]): void {
  if (!isRecord(template)) {
    problems.push('template object is required');
    return;
  }
  if (typeof template.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(template.name)) problems.push('template.name must be lower-case letters, digits and "_"');
  const language = template.language;
  if (!isRecord(language) || typeof language.code !== 'string' || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language.code)) problems.push('template.language.code must be a language code like "es" or "en_US"');
}

function checkLocation(location: unknown, problems: string[]): void {
  if (!isRecord(location)) {
    problems.push('location object is required');
    return;
  }
  const lat = Number(location.latitude);
  const lon = Number(location.longitude);
  if (!isLatitude(lat)) problems.push('location.latitude must be a number in -90..90');
  if (!isLongitude(lon)) problems.push('location.longitude must be a number in -180..180');
}

function checkHeaderFooter(interactive: Json, problems: string[]): void {
  if (interactive.header !== undefined) {
    const header = interactive.header;
    if (!isRecord(header) || header.type !== 'text') problems.push('interactive.header must be a text header');
    else checkLength(header.text, LIMITS.interactiveHeader, 'interactive.header.text', problems);
  }
  if (interactive.footer !== undefined) {
    const footer = interactive.footer;
    if (!isRecord(footer)) problems.push('interactive.footer must be an object');
    else checkLength(footer.text, LIMITS.interactiveFooter, 'interactive.footer.text', problems);
  }
}

function checkId(id: unknown, max: number, field: string, problems: string[]): void {
  checkLength(id, max, field, problems);
  if (typeof id === 'string' && id !== id.trim()) problems.push(`${field} must not start or end with spaces`);
}

function checkUnique(values: string[], field: string, problems: string[], caseInsensitive = false): void {
  const seen = new Set<string>();
  for (const value of values) {
    const key = caseInsensitive ? value.toLocaleLowerCase() : value;
    if (seen.has(key)) problems.push(`${field} "${value}" is not unique`);
    seen.add(key);
  }
}

function checkInteractive(interactive: unknown, problems: string[]): void {
  if (!isRecord(interactive)) {
    problems.push('interactive object is required');
    return;
  }
  const body = interactive.body;
  if (!isRecord(body)) problems.push('interactive.body is required');
  else checkLength(body.text, LIMITS.interactiveBody, 'interactive.body.text', problems);
  checkHeaderFooter(interactive, problems);
  const action = interactive.action;
  if (!isRecord(action)) {
    problems.push('interactive.action is required');
    return;
  }
  if (interactive.type === 'button') checkButtons(action, problems);
  else if (interactive.type === 'list') checkList(action, problems);
  else problems.push(`interactive.type "${String(interactive.type)}" is not one this bot sends (button, list)`);
}

function checkButtons(action: Json, problems: string[]): void {
  const buttons = action.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) {
    problems.push('interactive.action.buttons must hold 1 to 3 buttons');
    return;
  }
  if (buttons.length > LIMITS.buttonsMax) problems.push(`interactive.action.buttons has ${buttons.length} buttons (max ${LIMITS.buttonsMax})`);
  const ids: string[] = [];
  const titles: string[] = [];
  buttons.forEach((button: unknown, i) => {
    const field = `interactive.action.buttons[${i}]`;
    if (!isRecord(button) || button.type !== 'reply' || !isRecord(button.reply)) {
      problems.push(`${field} must be { type: "reply", reply: { id, title } }`);
      return;
    }
    checkId(button.reply.id, LIMITS.buttonId, `${field}.reply.id`, problems);
    checkLength(button.reply.title, LIMITS.buttonTitle, `${field}.reply.title`, problems);
    if (typeof button.reply.id === 'string') ids.push(button.reply.id);
    if (typeof button.reply.title === 'string') titles.push(button.reply.title);
  });
  checkUnique(ids, 'button id', problems);
  checkUnique(titles, 'button title', problems, true);
}

function checkList(action: Json, problems: string[]): void {
  checkLength(action.button, LIMITS.listButton, 'interactive.action.button', problems);
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0) {
    problems.push('interactive.action.sections must hold at least one section');
    return;
  }
  if (sections.length > LIMITS.listSectionsMax) problems.push(`interactive.action.sections has ${sections.length} sections (max ${LIMITS.listSectionsMax})`);
  let rowCount = 0;
  const ids: string[] = [];
  const titles: string[] = [];
  sections.forEach((section: unknown, s) => {
    const field = `interactive.action.sections[${s}]`;
    if (!isRecord(section)) {
      problems.push(`${field} must be an object`);
      return;
    }
    checkLength(section.title, LIMITS.listSectionTitle, `${field}.title`, problems, sections.length > 1);
    if (!Array.isArray(section.rows) || section.rows.length === 0) {
      problems.push(`${field}.rows must hold at least one row`);
      return;
    }
    section.rows.forEach((row: unknown, r) => {
      rowCount += 1;
      const rowField = `${field}.rows[${r}]`;
      if (!isRecord(row)) {
        problems.push(`${rowField} must be an object`);
        return;
      }
      checkId(row.id, LIMITS.listRowId, `${rowField}.id`, problems);
      checkLength(row.title, LIMITS.listRowTitle, `${rowField}.title`, problems);
      checkLength(row.description, LIMITS.listRowDescription, `${rowField}.description`, problems, false);
      if (typeof row.id === 'string') ids.push(row.id);
      if (typeof row.title === 'string') titles.push(row.title);
    });
  });
  if (rowCount > LIMITS.listRowsMax) problems.push(`the list has ${rowCount} rows (max ${LIMITS.listRowsMax} across all sections)`);
  checkUnique(ids, 'row id', problems);
  checkUnique(titles, 'row title', problems, true);
}
