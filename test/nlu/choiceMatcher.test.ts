import { matchChoice, type ChoiceOption } from '../../bot/nlu/choiceMatcher';

const menu: ChoiceOption[] = [
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
const consent: ChoiceOption[] = [
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
    const situation: ChoiceOption[] = [
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
});
