import { distance } from 'fastest-levenshtein';
import { createTopicRouter, defaultThemeRouter, routeTheme } from '../../bot/nlu';
import { normalize } from '../../bot/nlu/normalize';
import { evaluateRouter, rate } from '../../bot/nlu/routerEvaluation';
import { THEME_UTTERANCES, utterancesIn } from '../../bot/nlu/themeDataset';
import { ThemeRouter } from '../../bot/nlu/themeRouter';
import { THEME_IDS, ThemeId } from '../../bot/nlu/themes';

const train = utterancesIn('train');
const heldout = utterancesIn('heldout');

describe('routing data set', () => {
  it('has at least 150 messages, at least 20 per theme, mostly Spanish with some English in every theme', () => {
    expect(THEME_UTTERANCES.length).toBeGreaterThanOrEqual(150);
    for (const theme of THEME_IDS) {
      const rows = THEME_UTTERANCES.filter((row) => row.theme === theme);
      expect(rows.length).toBeGreaterThanOrEqual(20);
      expect(rows.some((row) => row.lang === 'en')).toBe(true);
    }
    const spanish = THEME_UTTERANCES.filter((row) => row.lang === 'es').length;
    expect(spanish / THEME_UTTERANCES.length).toBeGreaterThan(2 / 3);
  });

  it('holds out every third message of each theme, as its splitRule says', () => {
    for (const theme of THEME_IDS) {
      const rows = THEME_UTTERANCES.filter((row) => row.theme === theme);
      rows.forEach((row, i) => expect([row.text, row.split]).toEqual([row.text, i % 3 === 2 ? 'heldout' : 'train']));
    }
    expect(heldout.length).toBe(Math.floor(THEME_UTTERANCES.length / 3));
  });

  it('has no duplicate, and no held-out message is a near-copy of a training one', () => {
    const normalized = THEME_UTTERANCES.map((row) => normalize(row.text));
    expect(new Set(normalized).size).toBe(normalized.length);
    for (const held of heldout) {
      const h = normalize(held.text);
      for (const trained of train) {
        const t = normalize(trained.text);
        const similarity = 1 - distance(h, t) / Math.max(h.length, t.length);
        expect({ held: held.text, trained: trained.text, nearCopy: similarity >= 0.75 }).toEqual({ held: held.text, trained: trained.text, nearCopy: false });
      }
    }
  });
});

describe('theme routing', () => {
  it.each(train.map((row) => [row.text, row.theme] as const))('training message %j → %s', (text, theme) => {
    expect(routeTheme(text).ranking[0].theme).toBe(theme);
  });

  it.each<[string, ThemeId]>([
    ['como saco el ppt', 'regularization'],
    ['necesito afiliarme a una eps', 'health'],
    ['mi bebe nacio aca y no tiene papeles', 'civil_registry'],
    ['quiero meter a mi hijo al colegio', 'education'],
    ['me ofrecieron trabajo en otro pais y me pagan el pasaje', 'protection'],
    ['donde queda el punto pro', 'pro_points'],
    ['que es la trata', 'protection'],
    ['what is trafficking', 'protection'],
    ['que hago si veo violencia', 'protection'],
    ['informacion sobre abuso infantil', 'protection'],
  ])('example from the issue %j → confidently %s', (text, theme) => {
    expect(routeTheme(text).decision).toEqual({ kind: 'confident', theme });
  });

  it.each<[string, ThemeId]>([
    ['COMO SACO EL PPT', 'regularization'],
    ['¿Cómo sacó el PPT?', 'regularization'],
    ['nesesito afiliarme a una eps', 'health'],
    ['kiero meter a mi ijo al colejio', 'education'],
    ['mi bebe nacio aki y no tiene la nasionalidad', 'civil_registry'],
    ['donde kedan los puntos pro', 'pro_points'],
    ['sisben', 'health'],
    ['punto pro', 'pro_points'],
    ['pasaporte vencido', 'regularization'],
  ])('tolerates accents, case, abbreviations and typos: %j → %s', (text, theme) => {
    expect(routeTheme(text).decision).toEqual({ kind: 'confident', theme });
  });

  it.each<[string, ThemeId[]]>([
    ['trabajo', ['work', 'protection']],
    ['cedula', ['civil_registry', 'regularization']],
    ['necesito papeles para trabajar', ['work', 'regularization']],
    ['migracion', ['regularization', 'pro_points']],
  ])('offers two or three themes when unsure: %j → %j among them', (text, expected) => {
    const { decision } = routeTheme(text);
    expect(decision.kind).toBe('unsure');
    if (decision.kind !== 'unsure') return;
    expect(decision.candidates.length).toBeGreaterThanOrEqual(2);
    expect(decision.candidates.length).toBeLessThanOrEqual(3);
    expect(decision.candidates).toEqual(expect.arrayContaining(expected));
  });

  it.each(['hola', 'buenas', 'buenas noches', 'buenos dias hermano', 'hola como estas', 'ok gracias', 'hello', 'necesito ayuda', 'tengo una pregunta', 'asdfgh', 'jkjkjk qwerty', '123', '😀', ''])(
    'answers none for greetings and gibberish: %j',
    (text) => {
      expect(routeTheme(text).decision).toEqual({ kind: 'none' });
    },
  );

  it('ranks every theme once, likeliest first, with confidences summing to 1', () => {
    const { ranking } = routeTheme('quiero validar el bachillerato');
    expect(ranking.map((score) => score.theme).sort()).toEqual([...THEME_IDS].sort());
    for (let i = 1; i < ranking.length; i++) expect(ranking[i - 1].confidence).toBeGreaterThanOrEqual(ranking[i].confidence);
    expect(ranking.reduce((sum, score) => sum + score.confidence, 0)).toBeCloseTo(1, 6);
  });

  it('reaches at least 90 % top-1 accuracy on the held-out messages', () => {
    const evaluation = evaluateRouter(ThemeRouter.train(train), heldout);
    expect(rate(evaluation.top1)).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses to train without any data for a theme', () => {
    expect(() => ThemeRouter.train([{ text: 'como saco el ppt', theme: 'regularization' }], { lexicon: {} })).toThrow(RangeError);
  });

  it('gives dialogs a TopicRouter over the default router', () => {
    const router = createTopicRouter();
    expect(router.route('necesito afiliarme a una eps')).toEqual({ kind: 'confident', theme: 'health' });
    expect(router.route('hola')).toEqual({ kind: 'none' });
    expect(defaultThemeRouter()).toBe(defaultThemeRouter());
  });
});
