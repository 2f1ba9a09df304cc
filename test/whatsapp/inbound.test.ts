import { InboundEvent, parseWebhook, TurnEvent, WebhookPayloadError } from '../../bot/channels/whatsapp/inbound';
import { BSUID, failedStatus, message, notification, PHONE_NUMBER_ID, textMessage, WA_ID } from './helpers';

function only(events: InboundEvent[]): InboundEvent {
  expect(events).toHaveLength(1);
  return events[0];
}

function turn(events: InboundEvent[]): TurnEvent {
  const event = only(events);
  expect(event.kind).toBe('turn');
  return event as TurnEvent;
}

describe('parseWebhook', () => {
  it('maps a text message to a message activity keyed by wa_id', () => {
    const m = textMessage('Hola, necesito ayuda con el PPT');
    const event = turn(parseWebhook(notification([m])));
    expect(event.user).toEqual({ key: WA_ID, waId: WA_ID, userId: BSUID });
    expect(event.messageId).toBe(m.id);
    expect(event.activity).toMatchObject({
      type: 'message',
      id: m.id,
      channelId: 'whatsapp',
      serviceUrl: 'whatsapp:',
      text: 'Hola, necesito ayuda con el PPT',
      conversation: { id: WA_ID },
      from: { id: WA_ID },
      recipient: { id: PHONE_NUMBER_ID },
      channelData: { messageType: 'text', phone_number_id: PHONE_NUMBER_ID, wa_id: WA_ID, user_id: BSUID },
    });
    expect(event.activity.timestamp).toEqual(new Date(1749416383 * 1000));
    expect(event.activity.locale).toBeUndefined();
  });

  it('maps a list reply to its row id as text, with id and title in value', () => {
    const m = message('interactive', {
      context: { from: '573001112233', id: 'wamid.OUTBOUND_LIST_ID' },
      interactive: { type: 'list_reply', list_reply: { id: 'health', title: 'Salud', description: 'Urgencias, EPS, Sisbén' } },
    });
    const event = turn(parseWebhook(notification([m])));
    expect(event.activity.text).toBe('health');
    expect(event.activity.value).toEqual({ id: 'health', title: 'Salud', description: 'Urgencias, EPS, Sisbén' });
    expect(event.activity.channelData).toMatchObject({ interactiveType: 'list_reply', contextMessageId: 'wamid.OUTBOUND_LIST_ID' });
  });

  it('maps a reply button to its id as text', () => {
    const m = message('interactive', { interactive: { type: 'button_reply', button_reply: { id: 'consent_yes', title: 'Sí, acepto' } } });
    const event = turn(parseWebhook(notification([m])));
    expect(event.activity.text).toBe('consent_yes');
    expect(event.activity.value).toEqual({ id: 'consent_yes', title: 'Sí, acepto' });
  });

  it('maps a template quick-reply button to its payload', () => {
    const m = message('button', { button: { text: 'Ver menú', payload: 'menu' } });
    const event = turn(parseWebhook(notification([m])));
    expect(event.activity.text).toBe('menu');
    expect(event.activity.value).toEqual({ id: 'menu', title: 'Ver menú' });
  });

  it('maps a location to value.location, parsing numbers given as strings', () => {
    const m = message('location', { location: { latitude: '7.8939', longitude: -72.5078, name: 'Terminal de Cúcuta', address: 'Av. 7 #1N, Cúcuta' } });
    const event = turn(parseWebhook(notification([m])));
    const location = { latitude: 7.8939, longitude: -72.5078, name: 'Terminal de Cúcuta', address: 'Av. 7 #1N, Cúcuta' };
    expect(event.activity.text).toBe('');
    expect(event.activity.value).toEqual({ location });
    expect(event.activity.channelData).toMatchObject({ messageType: 'location', location });
  });

  it('treats a location without usable coordinates as unreadable', () => {
    const m = message('location', { location: { latitude: 'north', longitude: 200 } });
    expect(only(parseWebhook(notification([m]))).kind).toBe('unreadable');
  });

  it.each([
    ['audio', { audio: { id: '1', mime_type: 'audio/ogg; codecs=opus', sha256: 'x', voice: true } }],
    ['image', { image: { id: '1', mime_type: 'image/jpeg', sha256: 'x', caption: 'mi cédula' } }],
    ['video', { video: { id: '1', mime_type: 'video/mp4', sha256: 'x' } }],
    ['document', { document: { id: '1', mime_type: 'application/pdf', sha256: 'x', filename: 'pasaporte.pdf' } }],
    ['sticker', { sticker: { id: '1', mime_type: 'image/webp', sha256: 'x', animated: false } }],
    ['unsupported', { unsupported: { type: 'poll' }, errors: [{ code: 131051, title: 'Message type unknown' }] }],
    ['some_future_type', {}],
  ])('marks %s as unreadable (friendly reply, no turn)', (type, content) => {
    const event = only(parseWebhook(notification([message(type, content)])));
    expect(event).toMatchObject({ kind: 'unreadable', messageType: type, user: { key: WA_ID } });
  });

  it.each([
    ['reaction', { reaction: { message_id: 'wamid.X', emoji: '👍' } }],
    ['contacts', { contacts: [{ name: { formatted_name: 'Ana' }, phones: [{ phone: '+57 300 000 0000' }] }] }],
    ['system', { system: { body: 'User changed number', type: 'user_changed_number' } }],
  ])('ignores %s without error', (type, content) => {
    expect(only(parseWebhook(notification([message(type, content)])))).toMatchObject({ kind: 'ignored', messageType: type });
  });

  it('ignores empty text', () => {
    expect(only(parseWebhook(notification([textMessage('   ')])))).toMatchObject({ kind: 'ignored', reason: 'empty message' });
  });

  it('returns every message of a batch, in order', () => {
    const first = textMessage('uno');
    const second = textMessage('dos', { from: '573009998877' });
    const events = parseWebhook(notification([first, second], { contacts: [{ wa_id: WA_ID }, { wa_id: '573009998877' }] }));
    expect(events.map((e) => (e as TurnEvent).activity.text)).toEqual(['uno', 'dos']);
    expect(events.map((e) => (e as TurnEvent).user.key)).toEqual([WA_ID, '573009998877']);
  });

  it('walks every entry and change, not only the first', () => {
    const a = notification([textMessage('a')]) as { entry: unknown[] };
    const b = notification([textMessage('b')]) as { entry: { changes: unknown[] }[] };
    const payload = { object: 'whatsapp_business_account', entry: [...a.entry, { id: '2', changes: [...b.entry[0].changes, ...b.entry[0].changes] }] };
    expect(parseWebhook(payload).map((e) => (e as TurnEvent).activity.text)).toEqual(['a', 'b', 'b']);
  });

  it('reports statuses without turns, with error codes of failed ones', () => {
    const events = parseWebhook(notification([], { statuses: [{ id: 'wamid.A', status: 'delivered', recipient_id: WA_ID }, failedStatus(131047)] }));
    expect(events).toEqual([
      { kind: 'status', status: 'delivered', messageId: 'wamid.A', recipient: WA_ID, errors: [] },
      { kind: 'status', status: 'failed', messageId: 'wamid.OUTBOUND', recipient: WA_ID, errors: [{ code: 131047, title: 'Re-engagement message' }] },
    ]);
  });

  it('keys the user by the business-scoped user id when wa_id is absent', () => {
    const fromField = turn(parseWebhook(notification([textMessage('hola', { from: null, fromUserId: BSUID })], { contacts: [{ user_id: BSUID }] })));
    expect(fromField.user).toEqual({ key: BSUID, userId: BSUID });
    expect(fromField.activity.conversation?.id).toBe(BSUID);
    const fromContacts = turn(parseWebhook(notification([textMessage('hola', { from: null })], { contacts: [{ profile: { name: 'Ana' }, user_id: BSUID }] })));
    expect(fromContacts.user).toEqual({ key: BSUID, userId: BSUID });
    expect(fromContacts.activity.from?.id).toBe(BSUID);
  });

  it('ignores a message with no sender at all', () => {
    expect(only(parseWebhook(notification([textMessage('hola', { from: null })], { contacts: [] })))).toMatchObject({ kind: 'ignored', reason: 'no sender id' });
  });

  it('skips changes of other fields and reports notification-level errors', () => {
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
            { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_NUMBER_ID }, errors: [{ code: 131000, title: 'Something went wrong' }] } },
          ],
        },
      ],
    };
    expect(parseWebhook(payload)).toEqual([
      { kind: 'ignored', messageType: 'field:account_update', reason: 'not a messages notification' },
      { kind: 'errors', errors: [{ code: 131000, title: 'Something went wrong' }] },
    ]);
  });

  it.each([
    ['not an object', 'hola'],
    ['another object', { object: 'page', entry: [] }],
    ['no entry array', { object: 'whatsapp_business_account' }],
  ])('rejects a payload that is %s', (_name, payload) => {
    expect(() => parseWebhook(payload)).toThrow(WebhookPayloadError);
  });
});

describe('parseWebhook: closed doors', () => {
  const addressedTo = (phoneNumberId: string) => {
    const payload = notification([textMessage('hola')], { statuses: [failedStatus(131047)] }) as { entry: { changes: { value: { metadata: { phone_number_id: string } } }[] }[] };
    payload.entry[0].changes[0].value.metadata.phone_number_id = phoneNumberId;
    return payload;
  };

  it('skips every item of a change addressed to another business number, without personal data in the event', () => {
    const events = parseWebhook(addressedTo('999999999999999'), PHONE_NUMBER_ID);
    expect(events).toEqual([{ kind: 'ignored', messageType: 'foreign', reason: 'addressed to another business phone number id' }]);
    expect(JSON.stringify(events)).not.toContain(WA_ID);
  });

  it('handles a change addressed to our number', () => {
    expect(parseWebhook(addressedTo(PHONE_NUMBER_ID), PHONE_NUMBER_ID).map((e) => e.kind)).toEqual(['turn', 'status']);
  });

  it('treats a change without metadata as foreign when our number is known', () => {
    const payload = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [textMessage('hola')] } }] }] };
    expect(parseWebhook(payload, PHONE_NUMBER_ID).map((e) => e.kind)).toEqual(['ignored']);
  });

  it("cuts text to WhatsApp's 4,096 characters before anything reads it, keeping emoji whole", () => {
    const [event] = parseWebhook(notification([textMessage(`${'a'.repeat(4095)}😀${'b'.repeat(1_000_000)}`)])) as TurnEvent[];
    expect(event.activity.text).toBe('a'.repeat(4095));
  });
});
