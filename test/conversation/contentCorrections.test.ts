/**
 * Issue 8, part A, checked through the real ProBot: the questions the audit found answered wrongly
 * now get the corrected answer, typed as free text and followed through the theme's questions, in
 * Spanish and English. Every answer turn keeps to the reading budget. Also: "Más detalle" says the
 * kept facts once and the feedback is still counted once; "tengo permiso de trabajo" is never taken
 * as "no permit"; PEP Tutor and cédula de extranjería holders have their own answers.
 */
import type { Locale } from '../../bot/content/locale';
import { allText, lastChoices, Reply, startConversation, TestConversation } from '../support/conversation';
import { usefulCounts } from '../support/usefulCounts';
import { startTestStore, TestStore } from '../support/store';
import { budgetViolation } from '../support/turnBudget';

const PRO_LINE = '01 8000 180588';
const MIGRACION_LINE = '01 8000 42 37 01';
const GROUPS = ['venezuelan', 'returnee', 'host', 'other_nationality'];
const USEFUL = ['useful_yes', 'useful_no'];
const USEFUL_DETAIL = ['useful_yes', 'useful_no', 'more_detail'];

type Text = readonly [es: string, en: string];
const pick = (text: Text, locale: Locale): string => text[locale === 'es' ? 0 : 1];

let store: TestStore;
beforeAll(async () => {
  store = await startTestStore();
});
afterAll(() => store.destroy());

async function consented(locale: Locale): Promise<TestConversation> {
  const conversation = startConversation(store, { env: { DEFAULT_LOCALE: locale } });
  await conversation.say(locale === 'es' ? 'hola' : 'hello');
  expect(lastChoices(await conversation.say('consent_yes'))).toContain('regularization');
  return conversation;
}

/**
 * Sends a free-text question and, when the router offers candidate themes, picks `theme` (it must be
 * the first offered). Returns the theme's first turn (the profile question, unless the text said who).
 */
async function ask(conversation: TestConversation, text: string, theme: string): Promise<Reply[]> {
  const replies = await conversation.say(text);
  if (!lastChoices(replies).includes('back_to_menu')) return replies;
  expect(lastChoices(replies)[0]).toBe(theme);
  return conversation.say(theme);
}

/** The answer turn: within the budget, containing every fragment, ending with "¿Te sirvió?". */
function expectAnswer(replies: Reply[], locale: Locale, fragments: Text[], choices: string[] = USEFUL): void {
  const text = allText(replies);
  for (const fragment of fragments) expect(text).toContain(pick(fragment, locale));
  expect(budgetViolation(replies)).toBeUndefined();
  expect(lastChoices(replies)).toEqual(choices);
}

describe.each<Locale>(['es', 'en'])('corrected answers in %s (issue 8 "done when")', (locale) => {
  it('"tengo salvoconducto SC-2, puedo trabajar?" → work: yes, since 2025 (audit E1)', async () => {
    const c = await consented(locale);
    expect(lastChoices(await ask(c, pick(['tengo salvoconducto SC-2, puedo trabajar?', 'i have an SC-2 safe-conduct, can i work?'], locale), 'work'))).toEqual(GROUPS);
    // The message named the SC-2: the permit question is not asked again.
    expect(lastChoices(await c.say('venezuelan'))).toEqual(['find_job', 'employed', 'profession', 'problem']);
    const answer = await c.say('find_job');
    expectAnswer(answer, locale, [
      ['Sí, con el salvoconducto SC-2 puedes trabajar', 'Yes, you can work with the SC-2 safe-conduct'],
      ['Desde 2025', 'Since 2025'],
      ['Servicio Público de Empleo', 'Public Employment Service'],
    ]);
    expect(allText(answer)).not.toContain(pick(['no te da permiso para trabajar', 'does not allow you to work'], locale));
  });

  it('"perdí mi PPT, cuánto cuesta el duplicado?" → the duplicate fee, paid at the bank, steps, documents (audit E7)', async () => {
    const c = await consented(locale);
    expect(lastChoices(await ask(c, pick(['perdí mi PPT, cuánto cuesta el duplicado?', 'i lost my PPT, how much is the duplicate?'], locale), 'regularization'))).toEqual(GROUPS);
    // "perdí mi PPT" already says: a PPT, lost. The answer comes right after the profile question.
    const answer = await c.say('venezuelan');
    expectAnswer(
      answer,
      locale,
      [['19.000 pesos', '19,000 pesos'], ['Banco de Occidente', 'Banco de Occidente'], ['nunca a una persona', 'never to a person'], ['FUT', 'FUT'], ['migracioncolombia.odoo.com', 'migracioncolombia.odoo.com']],
      USEFUL_DETAIL,
    );
    // "The PPT is free" is not said next to a fee (the first issuance was free).
    expect(allText(answer)).not.toContain(pick(['El PPT es *gratis*', 'The PPT is *free*'], locale));
    const more = await c.say('more_detail');
    expectAnswer(more, locale, [['declaración de extravío', 'loss statement'], ['RUMV', 'RUMV'], ['intermediarios', 'intermediaries']]);
  });

  it('"mi PPT dice requerido" → Migración Colombia\'s channels, not the closed Puntos Visibles (audit E6)', async () => {
    const c = await consented(locale);
    expect(lastChoices(await ask(c, pick(['mi PPT dice requerido', 'my PPT says requerido'], locale), 'regularization'))).toEqual(GROUPS);
    const answer = await c.say('venezuelan');
    expectAnswer(answer, locale, [['Requerido', 'Requerido'], [MIGRACION_LINE, MIGRACION_LINE], ['cerraron en 2025', 'closed in 2025'], ['no vayas allí', 'do not go there']]);
    expect(allText(answer)).not.toContain(pick(['Ve a un *Punto Visible', 'Go to a *Punto Visible'], locale));
  });

  it('"soy colombiano retornado, qué ayudas hay?" → the Return Law, who qualifies, the RUR and where to go (audit G5)', async () => {
    const c = await consented(locale);
    // "soy colombiano retornado" answers the profile question: the answer comes at once.
    const answer = await ask(c, pick(['soy colombiano retornado, qué ayudas hay?', 'i am a colombian returnee, what help is there?'], locale), 'regularization');
    expectAnswer(answer, locale, [
      ['Ley Retorno', 'Ley Retorno'],
      ['al menos 3 años', 'at least 3 years'],
      ['menos de 1 año', 'less than 1 year'],
      ['condenas vigentes', 'current convictions'],
      ['Registro Único de Retorno (RUR)', 'Registro Único de Retorno (RUR)'],
      ['CRORE', 'CRORE'],
      [PRO_LINE, PRO_LINE],
    ]);
  });

  it.each([true, false])('"quiero hacerme daño" gets a mental-health line (106) as well as 123 (consented: %s) (audit G8)', async (consent) => {
    const c = consent ? await consented(locale) : startConversation(store, { env: { DEFAULT_LOCALE: locale } });
    const replies = await c.say(pick(['quiero hacerme daño', 'i want to hurt myself'], locale));
    const first = replies[0]?.text ?? '';
    expect(first).toContain('*123*');
    expect(first).toContain('*106*');
    expect(first).toContain('300 754 8933');
    // Said with the audit's caveat: coverage varies by region.
    expect(first).toContain(pick(['No funciona igual en todas las regiones', 'It does not work the same in every region'], locale));
  });

  it('the welcome says who speaks: the automatic assistant; the PRO lines are IOM\'s; no lawyer or official decision (issue item 5)', async () => {
    const c = startConversation(store, { env: { DEFAULT_LOCALE: locale } });
    const replies = await c.say(locale === 'es' ? 'hola' : 'hello');
    const text = allText(replies);
    for (const fragment of [
      ['asistente automático', 'automatic assistant'],
      ['*OIM*', '*IOM*'],
      ['no reemplazo a un abogado ni una decisión oficial', 'I do not replace a lawyer or an official decision'],
      [PRO_LINE, PRO_LINE],
    ] as Text[])
      expect(text).toContain(pick(fragment, locale));
    expect(text).not.toContain('24/7');
    // It does not claim to be IOM's PRO line, which pro_points says it is not (audit W2).
    expect(text).not.toContain(pick(['de la línea de orientación *PRO*', 'of the *PRO* orientation line'], locale));
    expect(text).toContain(pick(['basado en los puntos *PRO*', 'based on the *PRO* points'], locale));
    expect(lastChoices(replies)).toEqual(['consent_yes', 'consent_no']);
  });

  it('"tengo permiso de trabajo" at the permit question is never taken as "no permit" (audit W9)', async () => {
    const c = await consented(locale);
    await c.say('work');
    await c.say('venezuelan');
    const replies = await c.say(pick(['tengo permiso de trabajo', 'i have a work permit'], locale));
    // It fits "Tengo PPT" (Permiso por Protección Temporal) best: the person goes on as a permit holder.
    expect(lastChoices(replies)).toEqual(['find_job', 'employed', 'profession', 'problem']);
    expect(allText(replies)).not.toContain(pick(['Sin PPT ni visa', 'Without a PPT or visa'], locale));
  });

  it('a PEP Tutor holder: valid to 30 May 2031, not renewable, work and health (regularization and work; audit G2)', async () => {
    const c = await consented(locale);
    await c.say('regularization');
    await c.say('venezuelan');
    expectAnswer(await c.say('pep_tutor'), locale, [['30 de mayo de 2031', '30 May 2031'], ['no se puede renovar', 'cannot be renewed'], [PRO_LINE, PRO_LINE]]);
    await c.say('useful_yes');
    await c.say('back_to_menu');
    await c.say('work');
    await c.say('pep_tutor');
    expectAnswer(await c.say('problem'), locale, [['puedes trabajar', 'you can work'], ['Ministerio del Trabajo', 'Ministry of Labour']]);
  });

  it('a cédula de extranjería holder gets what is known (refugees may work) and where to confirm the rest', async () => {
    const c = await consented(locale);
    await c.say('work');
    await c.say('venezuelan');
    await c.say('foreign_id');
    expectAnswer(await c.say('employed'), locale, [['refugiado/a', 'refugee'], [MIGRACION_LINE, MIGRACION_LINE], [PRO_LINE, PRO_LINE]]);
  });

  it('every answer branch of regularization keeps to the reading budget, "more detail" too', async () => {
    const paths: string[][] = [
      ['venezuelan', 'ppt_have', 'uses'],
      ['venezuelan', 'ppt_have', 'reissue'],
      ['venezuelan', 'ppt_pending'],
      ['venezuelan', 'pep_tutor'],
      ['venezuelan', 'foreign_id'],
      ['venezuelan', 'no_permit', 'before_dec_2024', 'yes'],
      ['venezuelan', 'no_permit', 'before_dec_2024', 'no'],
      ['venezuelan', 'no_permit', 'from_dec_2024', 'yes'],
      ['venezuelan', 'no_permit', 'from_dec_2024', 'no'],
      ['venezuelan', 'asylum', 'yes'],
      ['venezuelan', 'asylum', 'no'],
      ['returnee'],
      ['host'],
      ['other_nationality', 'yes'],
    ];
    for (const path of paths) {
      const c = await consented(locale);
      await c.say('regularization');
      let replies: Reply[] = [];
      for (const answer of path) replies = await c.say(answer);
      const label = path.join(' > ');
      expect({ label, budget: budgetViolation(replies) }).toEqual({ label, budget: undefined });
      if (lastChoices(replies).includes('more_detail')) {
        const more = await c.say('more_detail');
        expect({ label, more: budgetViolation(more), choices: lastChoices(more) }).toEqual({ label, more: undefined, choices: USEFUL });
      } else {
        expect({ label, choices: lastChoices(replies) }).toEqual({ label, choices: USEFUL });
      }
    }
  });

  it('every answer branch of work keeps to the reading budget', async () => {
    const paths: string[][] = [];
    for (const permit of ['ppt', 'visa_v', 'sc2', 'pep_tutor', 'foreign_id']) for (const goal of ['find_job', 'employed', 'profession', 'problem']) paths.push(['venezuelan', permit, goal]);
    paths.push(['venezuelan', 'none'], ['other_nationality', 'sc2', 'employed'], ['other_nationality', 'none'], ['returnee', 'find_job'], ['host', 'hire']);
    for (const path of paths) {
      const c = await consented(locale);
      await c.say('work');
      let replies: Reply[] = [];
      for (const answer of path) replies = await c.say(answer);
      const label = path.join(' > ');
      expect({ label, budget: budgetViolation(replies), asks: lastChoices(replies)[0] }).toEqual({ label, budget: undefined, asks: 'useful_yes' });
    }
  });
});

describe.each<Locale>(['es', 'en'])('rights and PRO points in %s', (locale) => {
  it.each([
    ['rights', 'rights'],
    ['rights', 'duties'],
    ['pro_points', 'what'],
    ['pro_points', 'contact'],
  ])('%s > %s keeps to the reading budget and says nothing unconfirmed about the PRO line', async (theme, topic) => {
    const c = await consented(locale);
    await c.say(theme);
    const replies = await c.say(topic);
    expect(budgetViolation(replies)).toBeUndefined();
    // The PRO numbers are the seed's own; no source states their hours (audit E5).
    expect(allText(replies)).not.toContain('24/7');
    expect(allText(replies)).not.toContain('CONARE');
  });
});

describe('"Más detalle" (offerDetail)', () => {
  it('says the kept facts once, asks "¿Te sirvió?" again without it, and counts the feedback once', async () => {
    const before = (await usefulCounts(store.containers.stats)).regularization ?? { yes: 0, no: 0 };
    const c = await consented('es');
    await c.say('regularization');
    await c.say('venezuelan');
    await c.say('ppt_have');
    const answer = await c.say('reissue');
    expect(lastChoices(answer)).toEqual(USEFUL_DETAIL);
    expect(allText(answer)).toContain('Más detalle');
    const more = await c.say('más detalle');
    expect(allText(more)).toContain('declaración de extravío');
    expect(lastChoices(more)).toEqual(USEFUL);
    // A language switch at the second question asks it again without repeating the detail.
    const switched = await c.say('english');
    expect(allText(switched)).not.toContain('loss statement');
    expect(lastChoices(switched)).toEqual(USEFUL);
    expect(lastChoices(await c.say('useful_yes'))).toEqual(['back_to_menu', 'services']);
    const after = (await usefulCounts(store.containers.stats)).regularization ?? { yes: 0, no: 0 };
    expect(after).toEqual({ yes: before.yes + 1, no: before.no });
  });
});
