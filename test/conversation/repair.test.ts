/**
 * Small talk and repair at any step (issue 9, item 5): greetings, thanks, "ok", "no sé" and
 * "no entiendo" get a short human answer and the open question again, never "I did not understand";
 * two misunderstandings in a row bring the free PRO line and the menu; a row number picks that
 * row in any list. Real ProBot, Cosmos-compatible state. Table-driven: a new case is a row.
 */
import { MENU_IDS } from '../../dialogs/mainDialog';
import { startConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';
import { checkTurn, type TurnExpectation } from '../support/conversationTable';

type Expect = TurnExpectation;
interface Case {
  name: string;
  steps: [userSays: string, botSays: Expect][];
}

const MENU = { choices: MENU_IDS };
const PRO_POINTS = ['what', 'contact', 'back_to_menu'] as const;
const CONSENTED: [string, Expect][] = [
  ['hola', { choices: ['consent_yes', 'consent_no'] }],
  ['consent_yes', MENU],
];
/** What the bot must never answer to small talk. */
const ROBOTIC = ['No entendí', 'no está entre las opciones'];

const cases: Case[] = [
  {
    name: 'greeting, thanks and "ok" in the middle of a theme: a short answer, then the same question',
    steps: [
      ...CONSENTED,
      ['pro_points', { contains: ['¿Qué quieres saber'], choices: PRO_POINTS }],
      ['hola', { contains: ['¡Hola de nuevo!', '¿Qué quieres saber'], lacks: ROBOTIC, choices: PRO_POINTS }],
      ['Buenas', { contains: ['¡Hola de nuevo!'], lacks: ROBOTIC, choices: PRO_POINTS }],
      ['¡Muchas gracias!', { contains: ['¡Con gusto!', '¿Qué quieres saber'], lacks: ROBOTIC, choices: PRO_POINTS }],
      ['ok', { contains: ['👍', '¿Qué quieres saber'], lacks: ROBOTIC, choices: PRO_POINTS }],
      ['what', { contains: ['desde 2018'] }],
    ],
  },
  {
    name: '"no entiendo" twice in a row: the question again, then the PRO line and the menu',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: PRO_POINTS }],
      ['no entiendo', { contains: ['Perdona si no fui clara', '¿Qué quieres saber'], lacks: ROBOTIC, choices: PRO_POINTS }],
      ['no entendí', { contains: ['01 8000 180588', 'te atiende una persona'], lacks: ROBOTIC, ...MENU }],
    ],
  },
  {
    name: 'an answer outside the choices, twice: the retry names no numbers the buttons do not show, then the repair offer',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: PRO_POINTS }],
      ['xyzzy', { contains: ['no está entre las opciones', 'menú'], lacks: ['número'], choices: PRO_POINTS }],
      ['qwerty', { contains: ['01 8000 180588', 'te atiende una persona'], ...MENU }],
    ],
  },
  {
    name: '"gracias" between two misses neither counts as one nor clears the count',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: PRO_POINTS }],
      ['xyzzy', { choices: PRO_POINTS }],
      ['gracias', { contains: ['¡Con gusto!'], choices: PRO_POINTS }],
      ['qwerty', { contains: ['te atiende una persona'], ...MENU }],
    ],
  },
  {
    name: 'a good answer after a miss goes on as usual',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: PRO_POINTS }],
      ['xyzzy', { choices: PRO_POINTS }],
      ['contact', { contains: ['01 8000 180588'], lacks: ['te atiende una persona'] }],
    ],
  },
  {
    name: 'at the menu: thanks get an answer and the menu; two unclear messages bring the PRO line',
    steps: [
      ...CONSENTED,
      ['gracias', { contains: ['¡Con gusto!'], lacks: ROBOTIC, ...MENU }],
      ['asdkjh qwe', { contains: ['Elige una opción de la lista o escribe el número'], ...MENU }],
      ['zxcvb mnbv', { contains: ['01 8000 180588', 'te atiende una persona'], ...MENU }],
    ],
  },
  {
    name: '"no sé" is not a misunderstanding: the question again each time, with its options',
    steps: [
      ...CONSENTED,
      ['pro_points', { choices: PRO_POINTS }],
      ['no sé', { contains: ['No te preocupes si no lo sabes', '¿Qué quieres saber'], lacks: ROBOTIC, choices: PRO_POINTS }],
      ['ni idea', { contains: ['No te preocupes si no lo sabes'], lacks: ['te atiende una persona'], choices: PRO_POINTS }],
    ],
  },
  {
    name: 'at the menu a longer "no sé si …" is a question to route, not small talk',
    steps: [...CONSENTED, ['no sé si mi ppt sigue vigente', { lacks: ['No te preocupes si no lo sabes', ...ROBOTIC] }]],
  },
  {
    name: '"Más opciones": typing "2" opens help, "1" switches the language (row numbers pick rows in any list)',
    steps: [
      ...CONSENTED,
      ['more', { choices: ['language', 'help', 'delete_data', 'talk_to_person', 'back_to_menu'] }],
      ['2', { contains: ['Cómo usar esta línea'], ...MENU }],
      ['more', { choices: ['language', 'help', 'delete_data', 'talk_to_person', 'back_to_menu'] }],
      ['1', { contains: ['we continue in English'], ...MENU }],
      ['more', { choices: ['language', 'help', 'delete_data', 'talk_to_person', 'back_to_menu'] }],
      ['3', { choices: ['delete_yes', 'delete_no'] }],
    ],
  },
  {
    name: 'in English, small talk is answered in English',
    steps: [
      ...CONSENTED,
      ['english', MENU],
      ['pro_points', { choices: PRO_POINTS }],
      ['thank you', { contains: ['You are welcome!', 'What would you like to know'], lacks: ['I did not understand'], choices: PRO_POINTS }],
      ["I don't understand", { contains: ['Sorry if I was not clear'], choices: PRO_POINTS }],
      ["I'm confused", { contains: ['01 8000 180588', 'a person will help you'], ...MENU }],
    ],
  },
];

describe('small talk and repair at any step (real ProBot, Cosmos-compatible state)', () => {
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
});
