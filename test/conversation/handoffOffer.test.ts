/**
 * Where the bot could not help, it offers a person — only when advisors can be reached (Chatwoot
 * configured): after two misunderstandings, after "no me sirvió", and in protection answers.
 * Without Chatwoot the same places keep today's words (the PRO line). Real ProBot, Cosmos state.
 */
import { allText, startConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';

const CHATWOOT = {
  CHATWOOT_BASE_URL: 'http://127.0.0.1:9',
  CHATWOOT_API_TOKEN: 'token',
  CHATWOOT_ACCOUNT_ID: '1',
  CHATWOOT_INBOX_ID: '1',
  CHATWOOT_WEBHOOK_SECRET: 'secret',
};
const OFFER = 'escribe *hablar con una persona*';

describe('offering a person where the bot could not help', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(async () => {
    await store.destroy();
  });

  const atMenu = async (env: Record<string, string>) => {
    const conversation = startConversation(store, { env });
    await conversation.say('hola');
    await conversation.say('consent_yes');
    return conversation;
  };

  it.each([
    ['with Chatwoot configured', CHATWOOT as Record<string, string>, true],
    ['without it', {} as Record<string, string>, false],
  ])('%s: protection answers, "no me sirvió" and two misunderstandings', async (_name, env, offered) => {
    const conversation = await atMenu(env);
    await conversation.say('protection');
    const answer = allText(await conversation.say('lines'));
    expect(answer.includes(OFFER)).toBe(offered);
    const sorry = allText(await conversation.say('useful_no'));
    expect(sorry).toContain('01 8000 180588');
    expect(sorry.includes(OFFER)).toBe(offered);

    await conversation.say('menu');
    await conversation.say('protection');
    await conversation.say('qwerty zxcv');
    const repair = allText(await conversation.say('asdfgh jkl'));
    expect(repair).toContain('01 8000 180588');
    expect(repair.includes(OFFER)).toBe(offered);
  });

  it('"Más opciones" → its row number for a person asks the hand-off question (or gives the PRO line without Chatwoot)', async () => {
    const withChatwoot = await atMenu(CHATWOOT);
    await withChatwoot.say('more');
    const question = await withChatwoot.say('4');
    expect(allText(question)).toContain('No le comparto tu número de teléfono ni tu nombre');
    expect(question[question.length - 1].choices).toEqual(['handoff_yes', 'handoff_no']);
    expect(allText(await withChatwoot.say('handoff_no'))).toContain('no compartí nada');

    const without = await atMenu({});
    await without.say('more');
    expect(allText(await without.say('4'))).toContain('Para hablar con una persona, llama gratis a la línea PRO');
  });

  it('without Chatwoot, asking for a person gets the PRO line, as before', async () => {
    const conversation = await atMenu({});
    const answer = allText(await conversation.say('hablar con una persona'));
    expect(answer).toContain('Para hablar con una persona, llama gratis a la línea PRO');
    expect(answer).toContain('01 8000 180588');
  });
});
