import { joinTexts } from '../../bot/channels/whatsapp/joinTexts';
import { LIMITS, type OutboundMessage } from '../../bot/channels/whatsapp/limits';
import { outboundText } from '../../bot/channels/whatsapp/outbound';

const to = { to: '573001112233' };
const text = (body: string): OutboundMessage => outboundText(to, body);
const buttons = (body: string): OutboundMessage => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  ...to,
  type: 'interactive',
  interactive: { type: 'button', body: { text: body }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Sí' } }] } },
});
const bodyOf = (m: OutboundMessage): string => (m.type === 'text' ? m.text.body : m.type === 'interactive' ? m.interactive.body.text : m.template.name);

describe('joinTexts', () => {
  it('joins consecutive texts with a blank line, and says which message carries each', () => {
    const joined = joinTexts([text('Hola'), text('Privacidad'), buttons('¿Aceptas?')]);
    expect(joined.messages.map(bodyOf)).toEqual(['Hola\n\nPrivacidad', '¿Aceptas?']);
    expect(joined.carriedBy).toEqual([0, 0, 1]);
  });

  it('never joins into or across an interactive message', () => {
    const joined = joinTexts([buttons('¿Aceptas?'), text('Gracias'), buttons('¿Te sirvió?'), text('Línea PRO')]);
    expect(joined.messages.map(bodyOf)).toEqual(['¿Aceptas?', 'Gracias', '¿Te sirvió?', 'Línea PRO']);
    expect(joined.carriedBy).toEqual([0, 1, 2, 3]);
  });

  it('starts a new message when the next text would pass the limit (exactly at the limit still joins)', () => {
    const a = 'a'.repeat(2000);
    const b = 'b'.repeat(LIMITS.textBody - 2000 - 2);
    const joined = joinTexts([text(a), text(b), text('c')]);
    expect(joined.messages.map(bodyOf)).toEqual([`${a}\n\n${b}`, 'c']);
    expect(joined.messages[0].type === 'text' && joined.messages[0].text.body.length).toBe(LIMITS.textBody);
    expect(joined.carriedBy).toEqual([0, 0, 1]);
  });

  it('leaves the messages marked apart on their own (an advisor\'s replies, each as written)', () => {
    const joined = joinTexts([text('Gracias'), text('Asesora: ¿Pudiste ir?'), text('Asesora: Te espero.'), text('Fin')], new Set([1, 2]));
    expect(joined.messages.map(bodyOf)).toEqual(['Gracias', 'Asesora: ¿Pudiste ir?', 'Asesora: Te espero.', 'Fin']);
    expect(joined.carriedBy).toEqual([0, 1, 2, 3]);
  });

  it('does not change the messages it was given', () => {
    const first = text('Uno');
    joinTexts([first, text('Dos')]);
    expect(bodyOf(first)).toBe('Uno');
  });
});
