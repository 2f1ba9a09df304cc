import { readHandoffWebhook } from '../../bot/handoff/webhookEvents';

const message = (over: Record<string, unknown>) => ({ event: 'message_created', id: 118, content: 'Hola, soy Ana, asesora.', message_type: 'outgoing', private: false, conversation: { id: 10, status: 'open' }, ...over });

describe('reading Chatwoot webhooks', () => {
  it("an advisor's public reply is delivered", () => {
    expect(readHandoffWebhook(message({}))).toEqual({ kind: 'advisorReply', conversationId: 10, messageId: 118, content: 'Hola, soy Ana, asesora.' });
  });

  it.each([
    ['a private note', message({ private: true })],
    ['the bot relaying the person (incoming)', message({ message_type: 'incoming' })],
    ['an activity message', message({ message_type: 'activity' })],
    ['an attachment without text', message({ content: null })],
    ['no conversation', message({ conversation: undefined })],
    ['another event', { event: 'conversation_created', id: 10 }],
    ['a status other than resolved', { event: 'conversation_status_changed', id: 10, status: 'open' }],
    ['not an object', [1, 2]],
  ])('%s is ignored', (_name, body) => {
    expect(readHandoffWebhook(body).kind).toBe('ignored');
  });

  it('a conversation resolved by the advisor ends the hand-off', () => {
    expect(readHandoffWebhook({ event: 'conversation_status_changed', id: 10, status: 'resolved' })).toEqual({ kind: 'resolved', conversationId: 10 });
  });
});
