import type { Activity, CardAction } from 'botbuilder';
import { LIMITS, OutboundMessage, validateWhatsAppMessage } from '../../bot/channels/whatsapp/limits';
import {
  activityToWhatsApp,
  addressFor,
  listPage,
  MappedActivity,
  OutboundMappingError,
  pageCount,
  parseMoreOptionsId,
} from '../../bot/channels/whatsapp/outbound';
import { whatsAppWording } from '../../bot/channels/whatsapp/wording';
import { ContentCatalog } from '../../bot/content/catalog';
import { BSUID, WA_ID } from './helpers';

const to = { to: WA_ID };

function choices(n: number, title = (i: number) => `Opción ${i + 1}`): CardAction[] {
  return Array.from({ length: n }, (_, i) => ({ type: 'imBack', title: title(i), value: `choice_${i + 1}` }));
}

function map(activity: Partial<Activity>): MappedActivity {
  const mapped = activityToWhatsApp(activity, to);
  for (const m of mapped.messages) expect(validateWhatsAppMessage(m)).toEqual([]);
  return mapped;
}

type Interactive = Extract<OutboundMessage, { type: 'interactive' }>['interactive'];
function interactive(m: OutboundMessage): Interactive {
  if (m.type !== 'interactive') throw new Error(`expected an interactive message, got ${m.type}`);
  return m.interactive;
}

function rows(m: OutboundMessage): { id: string; title: string; description?: string }[] {
  const i = interactive(m);
  if (i.type !== 'list') throw new Error('expected a list');
  return i.action.sections.flatMap((s) => s.rows);
}

describe('addressFor', () => {
  it('sends to a phone number with `to` and to a business-scoped user id with `recipient`', () => {
    expect(addressFor(WA_ID)).toEqual({ to: WA_ID });
    expect(addressFor(BSUID)).toEqual({ recipient: BSUID });
  });
});

describe('activityToWhatsApp', () => {
  it('sends plain text as one text message, markdown converted', () => {
    const { messages } = map({ type: 'message', text: 'El **PPT** es _gratis_. Más en [Migración](https://migracioncolombia.gov.co).' });
    expect(messages).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: WA_ID,
        type: 'text',
        text: { preview_url: false, body: 'El *PPT* es _gratis_. Más en Migración: https://migracioncolombia.gov.co.' },
      },
    ]);
  });

  it('addresses a BSUID-only user with `recipient`', () => {
    const [m] = activityToWhatsApp({ type: 'message', text: 'Hola' }, addressFor(BSUID)).messages;
    expect(m).toMatchObject({ recipient: BSUID });
    expect(m).not.toHaveProperty('to');
  });

  it('splits a long text at paragraph boundaries under 4096 characters', () => {
    const paragraph = `${'Información importante sobre sus derechos. '.repeat(20).trim()}`;
    const text = Array.from({ length: 12 }, () => paragraph).join('\n\n');
    const { messages } = map({ type: 'message', text });
    expect(messages.length).toBeGreaterThan(1);
    const bodies = messages.map((m) => (m.type === 'text' ? m.text.body : ''));
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(LIMITS.textBody);
    expect(bodies.join('\n\n')).toBe(text);
  });

  it('sends nothing for an empty activity', () => {
    expect(map({ type: 'message', text: '' }).messages).toEqual([]);
  });

  it('maps 1 choice to one reply button', () => {
    const { messages } = map({ type: 'message', text: '¿Aceptas?', suggestedActions: { to: [], actions: choices(1) } });
    expect(messages).toHaveLength(1);
    expect(interactive(messages[0])).toEqual({
      type: 'button',
      body: { text: '¿Aceptas?' },
      action: { buttons: [{ type: 'reply', reply: { id: 'choice_1', title: 'Opción 1' } }] },
    });
  });

  it('maps 3 choices to three reply buttons and uses a prompt when there is no text', () => {
    const { messages } = map({ type: 'message', suggestedActions: { to: [], actions: choices(3) } });
    const i = interactive(messages[0]);
    expect(i.type).toBe('button');
    expect(i.body.text).toBe('Elige una opción:');
    if (i.type === 'button') expect(i.action.buttons.map((b) => b.reply.id)).toEqual(['choice_1', 'choice_2', 'choice_3']);
  });

  it('maps 4 choices to a list with the channelData button and section title', () => {
    const { messages, pagedList } = map({
      type: 'message',
      text: '¿Sobre qué tema?',
      suggestedActions: { to: [], actions: choices(4) },
      channelData: { listButton: 'Ver temas', listTitle: 'Temas' },
    });
    expect(pagedList).toBeUndefined();
    const i = interactive(messages[0]);
    expect(i.type).toBe('list');
    if (i.type === 'list') {
      expect(i.action.button).toBe('Ver temas');
      expect(i.action.sections[0].title).toBe('Temas');
      expect(i.footer).toBeUndefined();
    }
    expect(rows(messages[0]).map((r) => r.id)).toEqual(['choice_1', 'choice_2', 'choice_3', 'choice_4']);
  });

  it('maps 10 choices to one list of 10 rows, with descriptions', () => {
    const actions = choices(10).map((a, i) => ({ ...a, channelData: { description: `Descripción ${i + 1}` } }));
    const { messages } = map({ type: 'message', text: 'Menú principal', suggestedActions: { to: [], actions } });
    expect(messages).toHaveLength(1);
    const r = rows(messages[0]);
    expect(r).toHaveLength(10);
    expect(r[9]).toEqual({ id: 'choice_10', title: 'Opción 10', description: 'Descripción 10' });
  });

  it('maps 14 choices to pages of 9 plus a "more options" row', () => {
    const { messages, pagedList } = map({ type: 'message', text: 'Elige tu departamento', suggestedActions: { to: [], actions: choices(14) } });
    expect(pagedList?.choices).toHaveLength(14);
    const first = rows(messages[0]);
    expect(first).toHaveLength(10);
    expect(first.slice(0, 9).map((r) => r.id)).toEqual(choices(9).map((c) => c.value));
    expect(first[9].title).toBe('Más opciones');
    const more = parseMoreOptionsId(first[9].id);
    expect(more).toEqual({ listId: pagedList?.listId, page: 2 });
    expect(interactive(messages[0]).footer).toEqual({ text: '1/2' });

    const second = listPage(to, pagedList!, 2);
    expect(validateWhatsAppMessage(second)).toEqual([]);
    expect(rows(second).map((r) => r.id)).toEqual(['choice_10', 'choice_11', 'choice_12', 'choice_13', 'choice_14']);
    expect(interactive(second).footer).toEqual({ text: '2/2' });
    expect(() => listPage(to, pagedList!, 3)).toThrow(OutboundMappingError);
  });

  it('pages a very long list so every choice appears exactly once', () => {
    const { messages, pagedList } = map({ type: 'message', text: 'Municipio', suggestedActions: { to: [], actions: choices(40) } });
    const pages = pageCount(40);
    expect(pages).toBe(5); // 9 + 9 + 9 + 9 + 4
    const seen = rows(messages[0]).map((r) => r.id);
    for (let p = 2; p <= pages; p += 1) {
      const page = listPage(to, pagedList!, p);
      expect(validateWhatsAppMessage(page)).toEqual([]);
      seen.push(...rows(page).map((r) => r.id));
    }
    expect(seen.filter((id) => !id.startsWith('more_options:'))).toEqual(choices(40).map((c) => c.value));
  });

  it('shortens long titles uniquely and keeps the whole title as the row description', () => {
    const long = (i: number): string => `Información sobre el trámite número ${i + 1} en Migración Colombia`;
    const buttons = map({ type: 'message', text: 'x', suggestedActions: { to: [], actions: choices(3, () => 'Registro civil de nacimiento') } });
    const b = interactive(buttons.messages[0]);
    if (b.type === 'button') {
      const titles = b.action.buttons.map((x) => x.reply.title);
      expect(new Set(titles).size).toBe(3);
      for (const t of titles) expect(t.length).toBeLessThanOrEqual(LIMITS.buttonTitle);
    }
    const list = map({ type: 'message', text: 'x', suggestedActions: { to: [], actions: choices(5, long) } });
    const r = rows(list.messages[0]);
    expect(new Set(r.map((x) => x.title)).size).toBe(5);
    expect(r[0].description).toBe(long(0));
    expect(r[0].title.endsWith('…')).toBe(true);
  });

  it('sends a long text before the buttons and keeps the last paragraph as their body', () => {
    const intro = 'Texto largo. '.repeat(150).trim();
    const { messages } = map({ type: 'message', text: `${intro}\n\n¿Quieres saber más?`, suggestedActions: { to: [], actions: choices(2) } });
    expect(messages.map((m) => m.type)).toEqual(['text', 'interactive']);
    expect(interactive(messages[1]).body.text).toBe('¿Quieres saber más?');
  });

  it('uses the prompt as body when even the last paragraph is too long for it', () => {
    const long = 'Párrafo largo sin cortes. '.repeat(60).trim();
    const { messages } = map({ type: 'message', text: long, suggestedActions: { to: [], actions: choices(5) } });
    expect(messages[0]).toMatchObject({ type: 'text', text: { body: long } });
    expect(interactive(messages[1]).body.text).toBe('Elige una opción:');
  });

  it('drops duplicate choice ids and turns links and calls into text', () => {
    const { messages } = map({
      type: 'message',
      text: 'Contactos',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Sí', value: 'yes' },
          { type: 'imBack', title: 'Sí otra vez', value: 'yes' },
          { type: 'openUrl', title: 'Sitio web', value: 'https://www.r4v.info' },
          { type: 'call', title: 'Línea 155', value: 'tel:155' },
        ],
      },
    });
    const i = interactive(messages[0]);
    expect(i.body.text).toBe('Contactos\n\nSitio web: https://www.r4v.info\n\nLínea 155: 155');
    if (i.type === 'button') expect(i.action.buttons).toHaveLength(1);
  });

  it('refuses a choice id longer than WhatsApp allows instead of changing it', () => {
    expect(() => activityToWhatsApp({ type: 'message', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'x', value: 'x'.repeat(300) }] } }, to)).toThrow(
      OutboundMappingError,
    );
  });

  it('reports attachments it cannot send', () => {
    expect(map({ type: 'message', text: 'hola', attachments: [{ contentType: 'image/png' }] }).attachmentsDropped).toBe(1);
  });
});

describe('validateWhatsAppMessage', () => {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID };

  it('accepts valid messages and read receipts', () => {
    expect(validateWhatsAppMessage({ ...base, type: 'text', text: { body: 'hola' } })).toEqual([]);
    expect(validateWhatsAppMessage({ ...base, type: 'location', location: { latitude: '4.6', longitude: '-74.08', name: 'PRO' } })).toEqual([]);
    expect(validateWhatsAppMessage({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.1', typing_indicator: { type: 'text' } })).toEqual([]);
  });

  it.each([
    ['text over 4096', { ...base, type: 'text', text: { body: 'a'.repeat(4097) } }, 'text.body is 4097 characters (max 4096)'],
    ['empty text', { ...base, type: 'text', text: { body: ' ' } }, 'text.body must not be empty'],
    ['no recipient', { messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, 'to (phone number) or recipient'],
    [
      'four buttons',
      { ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [1, 2, 3, 4].map((n) => ({ type: 'reply', reply: { id: `${n}`, title: `${n}` } })) } } },
      'has 4 buttons (max 3)',
    ],
    [
      'long button title',
      { ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'x'.repeat(21) } }] } } },
      'reply.title is 21 characters (max 20)',
    ],
    [
      'duplicate button titles',
      {
        ...base,
        type: 'interactive',
        interactive: { type: 'button', body: { text: 'x' }, action: { buttons: ['a', 'b'].map((id) => ({ type: 'reply', reply: { id, title: 'Sí' } })) } },
      },
      'button title "Sí" is not unique',
    ],
    [
      'body over 1024',
      { ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'x'.repeat(1025) }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'a' } }] } } },
      'interactive.body.text is 1025 characters (max 1024)',
    ],
    [
      'eleven rows',
      {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'x' },
          action: { button: 'Ver', sections: [{ title: 'A', rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Fila ${i}` })) }] },
        },
      },
      'the list has 11 rows (max 10 across all sections)',
    ],
    [
      'long row description',
      {
        ...base,
        type: 'interactive',
        interactive: { type: 'list', body: { text: 'x' }, action: { button: 'Ver', sections: [{ title: 'A', rows: [{ id: 'r', title: 'R', description: 'd'.repeat(73) }] }] } },
      },
      'description is 73 characters (max 72)',
    ],
    [
      'untitled sections',
      {
        ...base,
        type: 'interactive',
        interactive: { type: 'list', body: { text: 'x' }, action: { button: 'Ver', sections: [{ rows: [{ id: 'a', title: 'A' }] }, { rows: [{ id: 'b', title: 'B' }] }] } },
      },
      'sections[0].title must be a string',
    ],
    [
      'long list button',
      { ...base, type: 'interactive', interactive: { type: 'list', body: { text: 'x' }, action: { button: 'b'.repeat(21), sections: [{ title: 'A', rows: [{ id: 'a', title: 'A' }] }] } } },
      'interactive.action.button is 21 characters (max 20)',
    ],
    ['read receipt without id', { messaging_product: 'whatsapp', status: 'read' }, 'message_id is required'],
  ])('flags %s', (_name, payload, expected) => {
    const problems = validateWhatsAppMessage(payload);
    expect(problems.join('\n')).toContain(expected);
  });
});

describe('channel wording in the person\'s language (content catalog)', () => {
  const content = new ContentCatalog();

  it('an English list of 14 says "See options", "Options" and "More options", and its page 2 keeps English', () => {
    const wording = whatsAppWording(content, 'en', 'es');
    const activity: Partial<Activity> = { type: 'message', locale: 'en', text: 'Pick your department', suggestedActions: { to: [], actions: choices(14) } };
    const { messages, pagedList } = activityToWhatsApp(activity, to, wording);
    const list = interactive(messages[messages.length - 1]);
    if (list.type !== 'list') throw new Error('expected a list');
    expect(list.action.button).toBe('See options');
    expect(list.action.sections[0].title).toBe('Options');
    expect(list.action.sections[0].rows[9]).toMatchObject({ title: 'More options', description: 'See the other options' });
    // The adapter sends later pages without a turn: the list carries the language it was shown in.
    expect(pagedList?.locale).toBe('en');
  });

  it('Spanish, a regional tag and an unknown language', () => {
    expect(whatsAppWording(content, 'es', 'es')).toMatchObject({ listButton: 'Ver opciones', sectionTitle: 'Opciones', moreOptionsTitle: 'Más opciones' });
    expect(whatsAppWording(content, 'en-US', 'es').listButton).toBe('See options');
    expect(whatsAppWording(content, 'fr', 'es').listButton).toBe('Ver opciones');
    expect(whatsAppWording(content, undefined, 'en').unreadableReply).toBe(content.ui('en', 'common', 'mediaNotSupported'));
    expect(whatsAppWording(content, 'en', 'es').expiredListReply).toContain('*menu*');
  });
});
