/**
 * The spine's conversation contract (DESIGN.md): welcome → consent → menu → pro_points → menu,
 * declining consent, and global commands from inside a dialog. Table-driven: a new case is a row.
 */
import { MENU_IDS } from '../../dialogs/mainDialog';
import { allText, lastChoices, startConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';
import { checkTurn, type TurnExpectation } from '../support/conversationTable';

type Expect = TurnExpectation;
interface Case {
  name: string;
  steps: [userSays: string, botSays: Expect][];
}

const MENU = { choices: MENU_IDS };
const CONSENTED: [string, Expect][] = [
  ['hola', { contains: ['PRO', 'Privacidad'], choices: ['consent_yes', 'consent_no'] }],
  ['consent_yes', { contains: ['¡Gracias!'], ...MENU }],
];

const cases: Case[] = [
  {
    name: 'welcome → consent → menu → pro_points → menu',
    steps: [
      ...CONSENTED,
      ['pro_points', { contains: ['¿Qué quieres saber'], choices: ['what', 'contact', 'back_to_menu'] }],
      ['what', { contains: ['desde 2018', 'a distancia'], choices: ['what', 'contact', 'back_to_menu'] }],
      ['contact', { contains: ['01 8000 180588', '+57 305 7341182'] }],
      ['back_to_menu', MENU],
    ],
  },
  {
    name: 'typed "sí" accepts, and the menu answers to a row number and to words',
    steps: [
      ['hola', { choices: ['consent_yes', 'consent_no'] }],
      ['Sí', MENU],
      ['9', { contains: ['¿Qué quieres saber'] }],
      ['menú', MENU],
      ['puntos pro', { contains: ['¿Qué quieres saber'] }],
    ],
  },
  {
    name: 'declining still gives orientation and the PRO line, says what is lost, and "acepto" accepts later',
    steps: [
      ['hola', { choices: ['consent_yes', 'consent_no'] }],
      ['consent_no', { contains: ['01 8000 180588', 'no recordaré nada', '1 hora', 'acepto'], ...MENU }],
      ['pro_points', { contains: ['¿Qué quieres saber'], lacks: ['Privacidad'], choices: ['what', 'contact', 'back_to_menu'] }],
      ['acepto', { contains: ['¡Gracias!'], ...MENU }],
    ],
  },
  {
    name: 'global commands work from inside a theme: ayuda, menú, salir',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: ['what', 'contact', 'back_to_menu'] }],
      ['AYUDA', { contains: ['Cómo usar esta línea'], choices: ['what', 'contact', 'back_to_menu'] }],
      ['Menu', MENU],
      ['pro_points', { choices: ['what', 'contact', 'back_to_menu'] }],
      ['salir', { contains: ['Hasta pronto', '01 8000 180588'], lacks: ['¿Qué quieres saber'] }],
      ['hola', MENU],
    ],
  },
  {
    name: '"english" switches language and re-asks the current question',
    steps: [
      ...CONSENTED,
      ['pro_points', { contains: ['¿Qué quieres saber'] }],
      ['english', { contains: ['we continue in English', 'What would you like to know'], choices: ['what', 'contact', 'back_to_menu'] }],
      ['what', { contains: ['since 2018'] }],
    ],
  },
  {
    name: '"atrás" goes back to the previous question, and to the menu from a first question',
    steps: [
      ...CONSENTED,
      ['more', { choices: ['language', 'help', 'delete_data', 'talk_to_person', 'back_to_menu'] }],
      ['atrás', MENU],
    ],
  },
  {
    name: 'a question about another topic in the middle of a theme goes to that topic, not to "I did not understand"',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: ['what', 'contact', 'back_to_menu'] }],
      // "mi hijo" already says who the education is for: the next question is asked instead.
      ['quiero meter a mi hijo al colegio', { contains: ['¿El niño, niña o adolescente tiene'], lacks: ['No entendí', '¿Qué quieres saber'] }],
      ['menu', MENU],
      ['pro_points', { choices: ['what', 'contact', 'back_to_menu'] }],
      ['xyz', { contains: ['no está entre las opciones', 'menú'], choices: ['what', 'contact', 'back_to_menu'] }],
    ],
  },
  {
    name: 'danger words before consent get the emergency lines at once, without the welcome',
    // …and one line that says how to go on when safe, so the lines are not a dead end.
    steps: [['auxilio me tienen encerrada y no me dejan salir', { contains: ['123', 'llama ya', 'Cuando estés a salvo, escribe *menú*'], lacks: ['Privacidad'] }]],
  },
  {
    name: 'danger written in English gets the lines in English, even from a rule that reads both languages',
    steps: [['hi i need help, my employer took my passport and wont give it back', { contains: ['If you are in danger, call now', '01 8000 522020', 'When you are safe, type *menu*'], lacks: ['llama ya', 'Cuando estés'] }]],
  },
  {
    name: 'a first message written in English is welcomed in English, with the way back to Spanish',
    steps: [
      ['hello, how can i get the PPT for my daughter?', { contains: ['Hello!', 'Escribe *español*'], lacks: ['¡Hola!'] }],
      ['consent_yes', { contains: ['Thank you'] }],
    ],
  },
  {
    name: 'a language chosen with its word is kept, whatever the next message looks like',
    steps: [
      ['español', { contains: ['¡Hola!'] }],
      ['hello, how can i get the PPT?', { contains: ['¿Aceptas'], lacks: ['Do you agree'] }],
    ],
  },
  {
    name: 'danger words mid-theme get the right lines, then the conversation continues where it was',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: ['what', 'contact', 'back_to_menu'] }],
      ['mi pareja me pega', { contains: ['123', '155', 'escribe *menú*'], lacks: ['141', '¿Qué quieres saber'] }],
      ['contact', { contains: ['01 8000 180588'] }],
    ],
  },
  {
    name: 'a child at risk gets 141 and a trafficking situation gets 01 8000 522020',
    steps: [
      ...CONSENTED,
      ['estan abusando de mi hija', { contains: ['123', '141'], lacks: ['155'] }],
      ['me quitaron el pasaporte y me obligan a trabajar sin pago', { contains: ['123', '01 8000 522020'] }],
    ],
  },
  {
    name: 'asking about trafficking is a question for the protection theme, not an emergency',
    steps: [...CONSENTED, ['que es la trata de personas', { contains: ['*Trata de personas*', '01 8000 522020'], lacks: ['llama ya'], choices: ['useful_yes', 'useful_no'] }]],
  },
  {
    name: 'free text at the menu lands in the right theme',
    steps: [...CONSENTED, ['donde queda el punto pro', { contains: ['¿Qué quieres saber'], choices: ['what', 'contact', 'back_to_menu'] }]],
  },
  {
    name: 'delete my data: confirm, erase, and start over with the welcome',
    steps: [
      ...CONSENTED,
      ['borrar mis datos', { contains: ['¿Seguro'], choices: ['delete_yes', 'delete_no'] }],
      ['delete_no', { contains: ['No borramos nada'], ...MENU }],
      ['Borrar mis datos', { choices: ['delete_yes', 'delete_no'] }],
      ['delete_yes', { contains: ['borramos todos tus datos', '01 8000 180588'] }],
      ['hola', { contains: ['Privacidad'], choices: ['consent_yes', 'consent_no'] }],
    ],
  },
];

describe('spine conversations (real ProBot, Cosmos-compatible state)', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.destroy());

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { steps }) => {
    const conversation = startConversation(store);
    for (const [index, [userSays, botSays]] of steps.entries()) {
      checkTurn(await conversation.say(userSays), botSays, `step ${index + 1}: "${userSays}"`);
    }
  });

  it('the Emulator\'s conversationUpdate gets the welcome, privacy notice and consent choice', async () => {
    const conversation = startConversation(store);
    const replies = await conversation.join();
    expect(allText(replies)).toContain('Privacidad');
    expect(allText(replies)).toContain('30 días');
    expect(lastChoices(replies)).toEqual(['consent_yes', 'consent_no']);
  });

  it('a greeting at the menu gets a hello and the menu, not "I did not understand"', async () => {
    const conversation = startConversation(store);
    await conversation.say('hola');
    await conversation.say('consent_yes');
    const replies = await conversation.say('Holaaa buenas tardes');
    expect(allText(replies)).toContain('¡Hola de nuevo!');
    expect(allText(replies)).not.toContain('No entendí');
    expect(lastChoices(replies)).toEqual([...MENU_IDS]);
  });

  it('someone coming back after a long pause starts afresh instead of at the stale question', async () => {
    const userId = `returning-${Date.now()}`;
    const conversation = startConversation(store, { userId });
    await conversation.say('hola');
    await conversation.say('consent_yes');
    await conversation.say('pro_points');
    // Two days pass (the conversation document's clock is moved back).
    const { resources } = await store.containers.state.items
      .query({ query: 'SELECT * FROM c WHERE c.document.conversationReference.user.id = @user', parameters: [{ name: '@user', value: userId }] })
      .fetchAll();
    expect(resources).toHaveLength(1);
    resources[0].document.lastMessageAt = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
    await store.containers.state.items.upsert(resources[0]);

    // At the stale question "hola" would be "I did not understand"; after the pause it is a fresh start.
    const back = await conversation.say('hola');
    expect(allText(back)).toContain('¡Hola de nuevo!');
    expect(allText(back)).not.toContain('No entendí');
    expect(lastChoices(back)).toEqual([...MENU_IDS]);
  });

  it('remembers consent and the open dialog across bot instances sharing the store', async () => {
    const userId = `persist-${Date.now()}`;
    const first = startConversation(store, { userId });
    await first.say('hola');
    await first.say('consent_yes');
    await first.say('pro_points');
    const second = startConversation(store, { userId });
    const replies = await second.say('contact');
    expect(allText(replies)).toContain('01 8000 180588');
  });
});
