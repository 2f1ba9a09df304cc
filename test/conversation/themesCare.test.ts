/**
 * Civil registry, health, education and protection after the content audit (issue 8, part B),
 * through the real ProBot: the questions people type get the corrected answer within the theme's
 * questions, a typed birth year decides the registry branch (a missing year is asked, never
 * guessed), and every answer branch keeps to the reading budget (test/support/turnBudget.ts).
 * Every case runs in Spanish and in English; a text that differs is written [spanish, english].
 */
import type { Locale } from '../../bot/content/locale';
import { allText, lastChoices, Reply, startConversation, TestConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';
import { budgetViolation } from '../support/turnBudget';

type Text = string | readonly [es: string, en: string];
interface Expect {
  contains?: Text[];
  lacks?: Text[];
  choices?: readonly string[];
}
type Step = [userSays: Text, botSays: Expect];

const YES_NO = ['yes', 'no'];
const USEFUL = ['useful_yes', 'useful_no'];
const BIRTH = ['co_since_2015', 'co_before_2015', 'abroad'];
const BIRTH_YEAR = ['since_2015', 'before_2015'];
const HEALTH_TOPICS = ['join', 'pregnancy', 'sexual', 'mental'];
const HEALTH_PERMITS = ['ppt', 'pep_tutor', 'foreign_id', 'sc2', 'visa_v', 'none'];
const PROTECTION_TOPICS = ['difference', 'signs', 'transit', 'gbv', 'lines'];
const PRO_LINE = '01 8000 180588';
const GROUPS = ['venezuelan', 'returnee', 'host', 'other_nationality'];
/** The answer that makes a child Colombian: it must never follow a birth before 2015. */
const COLOMBIAN: Text = ['pueden ser *colombianos*', 'can be *Colombian*'];
const OUTSIDE: Text = ['nacidos *antes* quedan por fuera', 'born *before* are outside it'];

function answer(...contains: Text[]): Expect {
  return { contains, choices: USEFUL };
}

const cases: { name: string; steps: Step[] }[] = [
  {
    name: '"mi hijo nació en Cúcuta en marzo de 2015, es colombiano?" — the birth is read, Primero la Niñez under Ley 1997 de 2019',
    steps: [
      [['mi hijo nació en Cúcuta en marzo de 2015, es colombiano?', 'my son was born in Cúcuta in March 2015, is he Colombian?'], { contains: [['venezolano/a', 'Venezuelan']], choices: YES_NO }],
      ['yes', { contains: [['registro civil', 'birth registration']], choices: YES_NO }],
      ['no', { ...answer(COLOMBIAN, ['1 de enero de 2015', '1 January 2015'], ['Ley 1997 de 2019', 'Law 1997 of 2019'], 'Certificado de Nacido Vivo', PRO_LINE), lacks: ['19 de agosto', '19 August'] }],
    ],
  },
  {
    name: '"nacio en colombia en 2014" at the birth question never gets "born since 2015"',
    steps: [
      ['civil_registry', { choices: BIRTH }],
      [['nacio en colombia en 2014', 'born in colombia in 2013'], { contains: [['venezolano/a', 'Venezuelan']], choices: YES_NO }],
      ['yes', { choices: YES_NO }],
      ['no', { ...answer(OUTSIDE, 'Certificado de Nacido Vivo', PRO_LINE), lacks: [COLOMBIAN, 'Primero la Niñez*:'] }],
    ],
  },
  {
    name: 'a birth in Colombia with no year asks for the year; "en 2014" is before 2015',
    steps: [
      ['civil_registry', { choices: BIRTH }],
      [['nacio en colombia', 'born in colombia'], { contains: [['¿En qué año nació?', 'In what year was the child born?']], lacks: [['venezolano/a', 'Venezuelan']], choices: BIRTH_YEAR }],
      [['en 2014', 'in 2014'], { contains: [['venezolano/a', 'Venezuelan']], choices: YES_NO }],
      ['yes', { choices: YES_NO }],
      ['no', { ...answer(OUTSIDE), lacks: [COLOMBIAN] }],
    ],
  },
  {
    name: 'a typed year with no place asks where the child was born',
    steps: [
      ['civil_registry', { choices: BIRTH }],
      [['en 2016', 'in 2016'], { contains: [['¿Nació en Colombia o en otro país?', 'born in Colombia or in another country?']], choices: ['colombia', 'abroad'] }],
      ['colombia', { choices: YES_NO }],
      ['yes', { choices: YES_NO }],
      ['yes', answer(COLOMBIAN, 'registraduria.gov.co')],
    ],
  },
  {
    name: 'a child born abroad to a Colombian parent can be registered as Colombian; no apostille needed when it cannot be obtained',
    steps: [
      ['civil_registry', { choices: BIRTH }],
      ['abroad', { contains: [['colombiano/a', 'Colombian']], choices: YES_NO }],
      ['yes', answer(['dos testigos', 'two witnesses'], ['apostilla', 'apostille'], PRO_LINE)],
    ],
  },
  {
    name: '"estoy embarazada y no tengo PPT, me atienden?" — emergency first, then prenatal, birth and postpartum care whatever the status',
    steps: [
      [['estoy embarazada y no tengo PPT, me atienden?', "i'm pregnant and i don't have a PPT, will they see me?"], { contains: [['*urgencias*', '*emergency care*']], choices: YES_NO }],
      ['no', { ...answer(['*con o sin PPT*', '*with or without a PPT*'], ['controles prenatales', 'prenatal check-ups'], ['*parto*', '*birth*'], ['*recién nacidos*', '*Newborns*'], 'Defensoría del Pueblo', PRO_LINE), lacks: ['tutela'] }],
    ],
  },
  {
    name: '"me ofrecen la movilidad segura a Estados Unidos por 500 dólares" — a scam warning and the anti-trafficking line',
    steps: [
      [
        ['me ofrecen la movilidad segura a Estados Unidos por 500 dólares', 'someone offers me safe mobility to the United States for 500 dollars'],
        answer(['*es una estafa*', '*it is a scam*'], ['febrero de 2025', 'February 2025'], '01 8000 522020', 'Necoclí', 'COAT'),
      ],
    ],
  },
  {
    name: 'health: an SC-2 holder can join an EPS (renewed safe-conduct every 3 months), subsidised through Sisbén',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', { choices: GROUPS }],
      ['venezuelan', { choices: HEALTH_PERMITS }],
      ['sc2', { choices: YES_NO }],
      ['no', { ...answer(['*salvoconducto SC-2*', '*safe-conduct SC-2*'], ['cada 3 meses', 'every 3 months'], 'EPS', 'Sisbén IV'), lacks: ['tutela'] }],
    ],
  },
  {
    name: 'health: a PEP Tutor holder has an option of their own — EPS, valid to 30 May 2031, not renewable',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', { choices: GROUPS }],
      ['venezuelan', { choices: HEALTH_PERMITS }],
      [['tengo pep tutor', 'i have a pep tutor'], { choices: YES_NO }],
      ['yes', answer(['30 de mayo de 2031', '30 May 2031'], ['no se puede renovar', 'cannot be renewed'], ['régimen contributivo', 'contributory scheme'])],
    ],
  },
  {
    name: 'health: a Colombian returnee without Sisbén joins through the census list',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', { choices: GROUPS }],
      ['returnee', answer(['listado censal', 'census list'], PRO_LINE)],
    ],
  },
  {
    name: 'health: sexual health — HIV care without papers, IVE legal to week 24 whatever the status, La Mesa',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['sexual', answer(['*VIH*', '*HIV*'], ['semana 24', 'week 24'], '+57 320 273 31 79')],
    ],
  },
  {
    name: 'health: mental health — Línea 106 with its regional caveat, and 123 in an emergency',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['mental', answer('*Línea 106*', ['no funciona igual en todas las regiones', 'does not work the same in every region'], '*123*', PRO_LINE)],
    ],
  },
];

/** Every answer branch of the four themes: the steps after the menu id, ending at the answer. */
const BRANCHES: string[][] = [
  ...['co_since_2015', 'co_before_2015'].flatMap((birth) => ['yes', 'no'].flatMap((parent) => ['yes', 'no'].map((registered) => ['civil_registry', birth, parent, registered]))),
  ['civil_registry', 'abroad', 'yes'],
  ['civil_registry', 'abroad', 'no'],
  ['health', 'yes'],
  ...['pregnancy', 'sexual', 'mental'].map((topic) => ['health', 'no', topic]),
  ...['returnee', 'host'].map((group) => ['health', 'no', 'join', group]),
  ...HEALTH_PERMITS.flatMap((permit) => (permit === 'none' ? [['health', 'no', 'join', 'venezuelan', permit]] : ['yes', 'no'].map((income) => ['health', 'no', 'join', 'venezuelan', permit, income]))),
  ...['yes', 'no'].flatMap((id) => ['yes', 'no'].map((certificates) => ['education', 'child', id, certificates])),
  ['education', 'adult', 'validate'],
  ['education', 'adult', 'convalidate'],
  ...['difference', 'transit', 'lines'].map((topic) => ['protection', topic]),
  ...['signs', 'gbv'].flatMap((topic) => ['yes', 'no'].map((minor) => ['protection', topic, minor])),
];

const LOCALES: Locale[] = ['es', 'en'];

function inLocale(text: Text, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale === 'es' ? 0 : 1];
}

function check(replies: Reply[], expected: Expect, locale: Locale, label: string): void {
  const text = allText(replies);
  for (const fragment of expected.contains ?? []) expect({ label, text }).toEqual({ label, text: expect.stringContaining(inLocale(fragment, locale)) });
  for (const fragment of expected.lacks ?? []) expect({ label, text }).toEqual({ label, text: expect.not.stringContaining(inLocale(fragment, locale)) });
  if (expected.choices) expect({ label, choices: lastChoices(replies) }).toEqual({ label, choices: [...expected.choices] });
  // Every turn that answers keeps to the reading budget.
  if (expected.choices === USEFUL) expect({ label, budget: budgetViolation(replies) }).toEqual({ label, budget: undefined });
}

async function consentedConversation(store: TestStore, locale: Locale): Promise<TestConversation> {
  const conversation = startConversation(store, { env: { DEFAULT_LOCALE: locale } });
  await conversation.say(locale === 'es' ? 'hola' : 'hello');
  await conversation.say('consent_yes');
  return conversation;
}

describe('civil registry, health, education and protection after the content audit', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.destroy());

  describe.each(LOCALES)('in %s', (locale) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { steps }) => {
      const conversation = await consentedConversation(store, locale);
      for (const [index, [userSays, botSays]] of steps.entries()) {
        const said = inLocale(userSays, locale);
        check(await conversation.say(said), botSays, locale, `step ${index + 1}: "${said}"`);
      }
    });

    it('every answer branch keeps to the reading budget (3 messages, 1,200 characters, 600 each)', async () => {
      const problems: string[] = [];
      for (const path of BRANCHES) {
        const conversation = await consentedConversation(store, locale);
        let replies: Reply[] = [];
        for (const said of path) replies = await conversation.say(said);
        // The profile question is asked once per person: answer it when it comes, then the theme goes on.
        if (lastChoices(replies).join() === GROUPS.join()) replies = await conversation.say('venezuelan');
        if (lastChoices(replies).join() !== USEFUL.join()) problems.push(`${path.join(' → ')}: no answer (choices ${lastChoices(replies).join()})`);
        const violation = budgetViolation(replies);
        if (violation) problems.push(`${path.join(' → ')}: ${violation}`);
      }
      expect(problems).toEqual([]);
    });
  });
});
