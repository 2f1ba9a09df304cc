import { ContentCatalog } from '../../bot/content/catalog';
import type { Choice } from '../../bot/content/choice';
import { matchChoice } from '../../bot/nlu/choiceMatcher';
import { isUnsure } from '../../bot/nlu/uncertainty';

const menu: Choice[] = [
  { id: 'regularization', title: 'Regularización', description: 'PPT, PEP Tutor, visa V, refugio' },
  { id: 'rights', title: 'Derechos y deberes' },
  { id: 'civil_registry', title: 'Registro civil y nacionalidad', synonyms: ['apatridia'] },
  { id: 'health', title: 'Salud', description: 'EPS, Sisbén, urgencias' },
  { id: 'education', title: 'Educación' },
  { id: 'work', title: 'Trabajo' },
  { id: 'protection', title: 'Protección', description: 'trata, violencia, líneas de emergencia' },
  { id: 'services', title: 'Servicios cerca' },
  { id: 'pro_points', title: 'Puntos PRO' },
  { id: 'more', title: 'Más opciones' },
];
const consent: Choice[] = [
  { id: 'consent_yes', title: 'Sí, acepto', synonyms: ['si', 'acepto', 'yes', 'accept'] },
  { id: 'consent_no', title: 'No, gracias', synonyms: ['no'] },
];

describe('matchChoice', () => {
  it.each<[string, string]>([
    ['2', 'rights'],
    ['10', 'more'],
    [' 4. ', 'health'],
    ['la 3', 'civil_registry'],
    ['opción 6', 'work'],
    ['#5', 'education'],
    ['1️⃣', 'regularization'],
    ['dos', 'rights'],
    ['la primera', 'regularization'],
    ['second', 'rights'],
  ])('picks by number: %j → %s', (text, id) => {
    expect(matchChoice(text, menu)).toBe(id);
  });

  it('ignores numbers that are not on the list', () => {
    expect(matchChoice('11', menu)).toBeUndefined();
    expect(matchChoice('0', menu)).toBeUndefined();
  });

  it.each<[string, string]>([
    ['health', 'health'],
    ['pro_points', 'pro_points'],
    ['civil registry', 'civil_registry'],
  ])('picks by id (buttons and list rows send it): %j → %s', (text, id) => {
    expect(matchChoice(text, menu)).toBe(id);
  });

  it.each<[string, string]>([
    ['Salud', 'health'],
    ['SALUD', 'health'],
    ['salu', 'health'],
    ['educacion', 'education'],
    ['edukasion', 'education'],
    ['regularisacion', 'regularization'],
    ['tabajo', 'work'],
    ['puntos pro', 'pro_points'],
    ['derechos', 'rights'],
    ['ppt', 'regularization'],
    ['eps', 'health'],
    ['sisben', 'health'],
    ['apatridia', 'civil_registry'],
    ['quiero lo de salud', 'health'],
    ['necesito afiliarme a una eps', 'health'],
  ])('picks by title, description or synonym words, typos forgiven: %j → %s', (text, id) => {
    expect(matchChoice(text, menu)).toBe(id);
  });

  it.each(['hola', '', '   ', 'asdfgh', 'me discriminan por ser venezolana en el trabajo', 'registro salud'])(
    'returns undefined when the answer picks nothing or is ambiguous: %j',
    (text) => {
      expect(matchChoice(text, menu)).toBeUndefined();
    },
  );

  it.each<[string, string]>([
    ['sí', 'consent_yes'],
    ['Si', 'consent_yes'],
    ['siii', 'consent_yes'],
    ['acepto', 'consent_yes'],
    ['yes', 'consent_yes'],
    ['accept', 'consent_yes'],
    ['Sí, acepto', 'consent_yes'],
    ['no', 'consent_no'],
    ['NO GRACIAS', 'consent_no'],
    ['1', 'consent_yes'],
    ['2', 'consent_no'],
    ['consent_no', 'consent_no'],
  ])('answers a consent choice: %j → %s', (text, id) => {
    expect(matchChoice(text, consent)).toBe(id);
  });

  it('prefers the choice whose words the answer covers completely', () => {
    const situation: Choice[] = [
      { id: 'ppt_have', title: 'Tengo PPT', synonyms: ['ya tengo ppt'] },
      { id: 'ppt_pending', title: 'Mi PPT está en trámite', synonyms: ['estado del ppt'] },
      { id: 'no_permit', title: 'No tengo PPT ni visa', synonyms: ['no tengo ppt', 'sin papeles'] },
    ];
    expect(matchChoice('ya tengo el ppt', situation)).toBe('ppt_have');
    expect(matchChoice('no tengo ppt', situation)).toBe('no_permit');
    expect(matchChoice('todavia en tramite', situation)).toBe('ppt_pending');
    expect(matchChoice('estoy sin papeles', situation)).toBe('no_permit');
  });

  it('returns undefined for an empty choice list', () => {
    expect(matchChoice('1', [])).toBeUndefined();
  });

  describe('an unsure answer picks nothing, so the question is asked again', () => {
    const catalog = new ContentCatalog();
    // The prompts where "no sé" used to be read as "no": yes/no questions (e.g. "¿La persona en
    // riesgo es menor de 18?"), the regularization situation, deleting data, consent, "¿te sirvió?".
    const groups: [string, Choice[]][] = (['es', 'en'] as const).flatMap((locale) => [
      [`${locale} yesNo`, catalog.choices(locale, 'common', 'yesNo')],
      [`${locale} deleteConfirm`, catalog.choices(locale, 'common', 'deleteConfirm')],
      [`${locale} consent`, catalog.choices(locale, 'common', 'consent')],
      [`${locale} useful`, catalog.choices(locale, 'common', 'useful')],
      [`${locale} situation`, catalog.choices(locale, 'regularization', 'situation')],
    ]);
    const unsure = [
      'no se', 'no sé', 'No sé.', 'NO SE', 'no seee', 'no c', 'nose', 'nosé', 'ns', 'no lo se', 'no lo sé', 'yo no lo sé',
      'ni idea', 'Ni idea 🤷', 'no tengo idea', 'no tengo ni idea', 'no estoy seguro', 'no estoy segura', 'no estoi segura',
      'no estoy muy seguro', 'no sabria', 'no sabría decirte', 'quien sabe', 'quién sabe', 'no me acuerdo', 'todavía no sé',
      'la verdad no sé', 'mmm no se', 'pues no sé', 'no, no sé', 'no sé, creo que no', 'no lo sé bien', 'tal vez', 'quizás',
      'no sé si tengo ppt', 'no sé cuál', 'no se que hacer', 'no estoy seguro de la fecha',
      "i don't know", 'I dont know', 'dont know', 'don’t know', 'not sure', "I'm not sure", 'idk', 'IDK', 'dunno',
      'no idea', 'I have no idea', 'who knows', 'maybe', 'not sure which one',
    ];

    it.each(unsure)('%j is unsure', (text) => {
      expect(isUnsure(text)).toBe(true);
    });

    it.each(unsure)('%j picks no choice in any of the prompts', (text) => {
      const picked = groups.map(([name, choices]) => [name, matchChoice(text, choices)]).filter(([, id]) => id !== undefined);
      expect(picked).toEqual([]);
    });

    it.each<[string, string, string]>([
      ['no', 'es yesNo', 'no'],
      ['No', 'en yesNo', 'no'],
      ['nop', 'es yesNo', 'no'],
      ['todavía no', 'es yesNo', 'no'],
      ['no se registró', 'es yesNo', 'no'],
      ['sí', 'es yesNo', 'yes'],
      ['2', 'es yesNo', 'no'],
      ['no', 'es deleteConfirm', 'delete_no'],
      ['2', 'es deleteConfirm', 'delete_no'],
      ['no gracias', 'es consent', 'consent_no'],
      ['no', 'en consent', 'consent_no'],
      ['no me sirvió', 'es useful', 'useful_no'],
      ['no tengo ppt', 'es situation', 'no_permit'],
      ['3', 'es situation', 'no_permit'],
      ['tengo ppt pero no sé si está vigente', 'es situation', 'ppt_have'],
    ])('a definite answer still picks as before: %j in %s → %s', (text, group, id) => {
      const choices = groups.find(([name]) => name === group)?.[1] ?? [];
      expect(matchChoice(text, choices)).toBe(id);
    });

    it.each(['no', 'no gracias', '2', 'sí', 'no tengo ppt', 'no se registró', 'no se preocupe', 'none', 'sure', 'segura', 'nos'])(
      '%j is not unsure',
      (text) => {
        expect(isUnsure(text)).toBe(false);
      },
    );

    it('a choice that is itself "I don\'t know" takes the unsure answer', () => {
      const withUnsure: Choice[] = [
        { id: 'yes', title: 'Sí' },
        { id: 'no', title: 'No' },
        { id: 'unknown', title: 'No lo sé' },
      ];
      expect(matchChoice('ni idea', withUnsure)).toBe('unknown');
      expect(matchChoice('no se', withUnsure)).toBe('unknown');
      expect(matchChoice('no', withUnsure)).toBe('no');
    });
  });
});
