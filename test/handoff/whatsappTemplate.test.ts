import { activityToWhatsApp } from '../../bot/channels/whatsapp/outbound';
import { validateWhatsAppMessage } from '../../bot/channels/whatsapp/limits';

describe('the hand-off template on WhatsApp', () => {
  it('an activity naming a template becomes one template message within Meta rules', () => {
    const mapped = activityToWhatsApp({ type: 'message', channelData: { whatsappTemplate: { name: 'pro_advisor_reply', language: 'es' } } }, { to: '573105556677' });
    expect(mapped.messages).toEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '573105556677', type: 'template', template: { name: 'pro_advisor_reply', language: { code: 'es' } } },
    ]);
    expect(validateWhatsAppMessage(mapped.messages[0])).toEqual([]);
  });

  it('a template with a bad name or language is refused before it leaves', () => {
    expect(validateWhatsAppMessage({ messaging_product: 'whatsapp', to: '573105556677', type: 'template', template: { name: 'Bad Name', language: { code: 'spanish' } } })).toHaveLength(2);
  });
});
