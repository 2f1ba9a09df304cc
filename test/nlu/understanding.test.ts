/**
 * The understanding extractor: what a message already answers, read once (bot/nlu/understanding).
 * Table-driven: each row is a message and the fields it must (and must only) answer.
 */
import { ContentCatalog, type ContentFileName } from '../../bot/content/catalog';
import {
  describeUnderstanding,
  questionAnswers,
  understand,
  understoodIds,
  type QuestionAnswers,
  type UnderstoodIds,
} from '../../bot/nlu/understanding';
import { evaluateUnderstanding, flatten, rate } from '../../bot/nlu/understanding/understandingEvaluation';
import { UNDERSTANDING_SET, understandingRowsIn } from '../../bot/nlu/understanding/understandingSet';

/** The ids only (what a dialog may keep), without the theme, which the theme router's tests cover. */
function idsOf(text: string): Omit<UnderstoodIds, 'theme'> {
  const { theme: _theme, ...ids } = understoodIds(understand(text));
  return ids;
}

describe('understand: "not registered" as people write it', () => {
  it.each([
    'mi bebe nacio en cucuta y no lo e registrado',
    'mi bebe no lo he registrado',
    'mi hija nacio aqui y no la a registrado el papa',
    'mi niño no emos podido registrarlo',
    'no he registrado a mi hija',
    'mi hijo nacio en 2023 todavia no lo registre',
    'mi bebe no lo pude registrar',
  ])('%s', (text) => {
    expect(idsOf(text).child?.registered).toBe(false);
  });

  it.each(['mi bebe ya lo registre', 'mi hija ya esta registrada', 'mi bebe no lo he llevado al medico'])('%s is not "not registered"', (text) => {
    expect(idsOf(text).child?.registered).not.toBe(false);
  });
});

describe('understand: the issue 9 examples', () => {
  it.each<[string, Omit<UnderstoodIds, 'theme'>]>([
    [
      'mi bebe nació en Cúcuta y no tiene registro civil, yo soy venezolana',
      { group: 'venezuelan', child: { word: 'baby', birthplace: 'colombia', birthMunicipalityCode: '54001', registered: false } },
    ],
    ['en cucuta', { place: { departmentCode: '54', municipalityCode: '54001' } }],
    ['se me vencio el pep que hago', { permit: 'pep', permitState: 'expired' }],
    ['el ppt cuesta plata?', { costQuestion: true }],
    ['como me afilio a una eps', { urgency: false }],
    [
      'una señora me ofreció trabajo en México de mesera, me pagan el pasaje, es confiable?',
      { risks: ['job_abroad_travel_paid'] },
    ],
  ])('%s', (text, expected) => {
    expect(idsOf(text)).toEqual(expected);
  });
});

describe('understand: precise rather than eager', () => {
  it.each<[string, Omit<UnderstoodIds, 'theme'>]>([
    // A permit named in a question or belonging to someone else is not the person's.
    ['como saco el ppt', {}],
    ['el ppt de mi hijo se perdio', { child: { word: 'son' } }],
    // "Permiso de trabajo" is no permit of the list, and certainly not "none".
    ['tengo permiso de trabajo, puedo afiliarme a la eps?', { urgency: false }],
    ['no tengo papeles, que puedo hacer', { permit: 'none' }],
    ['estoy embarazada, soy venezolana, vivo en soacha y no tengo ppt', {
      group: 'venezuelan', permit: 'none', pregnancy: true, place: { departmentCode: '25', municipalityCode: '25754' },
    }],
    // Someone else's nationality is not the writer's group (it is a Venezuelan relative's).
    ['mi mama es venezolana, yo nacio aqui', { venezuelanRelative: 'parent' }],
    ['soy colombiano, naci en cucuta pero vivi 20 años en venezuela', { group: 'returnee' }],
    // Everyday words that are also municipalities, and a job offer's place, are not where the person is.
    ['gracias', {}],
    ['tngo ppt vigente', { permit: 'ppt' }],
    ['oferta de trabajo en bogota, me pagan el bus para llegar', {}],
    ['la plata no me alcanza para el arriendo', { need: 'cash' }],
    // Hurry without a health problem is not a health urgency.
    ['necesito empleo urgente, tengo ppt', { permit: 'ppt', need: 'employment' }],
    ['no estoy embarazada pero necesito planificar', {}],
  ])('%s', (text, expected) => {
    expect(idsOf(text)).toEqual(expected);
  });
});

describe('understand: typos, missing accents, English', () => {
  it.each<[string, Omit<UnderstoodIds, 'theme'>]>([
    ['estoi embarasada de 7 mese', { pregnancy: true }],
    ['soy venesolano', { group: 'venezuelan' }],
    // "venezuelan" is not "venezuela" misspelt.
    ['hi i am venezuelan', { group: 'venezuelan' }],
    ['me vine de venesuela con mis 2 hijos, no tenemos nada de papeles', { group: 'venezuelan', permit: 'none', child: { word: 'children', hasDocument: false } }],
    ['soy colombiano y me vine de venezuela el año pasado', { group: 'returnee' }],
    // A Venezuelan relative asked about (mixed families): not the writer's group.
    ['soy colombiana y me regrese con mi esposo venezolano, el que papeles necesita?', { group: 'host', venezuelanRelative: 'spouse' }],
    ['my wife is venezuelan, what papers does she need', { venezuelanRelative: 'spouse' }],
    ['mi mama es de venezuela', { venezuelanRelative: 'parent' }],
    ['mi esposo trabaja en venezuela', {}],
    ['mis gemelos nacieron en cartagena y ya tienen registro civil', {
      child: { word: 'children', birthplace: 'colombia', birthMunicipalityCode: '13001', registered: true },
    }],
    ['en cucta', { place: { departmentCode: '54', municipalityCode: '54001' } }],
    ['vivo en medeyin', { place: { departmentCode: '05', municipalityCode: '05001' } }],
    ['my pep expired what do i do', { permit: 'pep', permitState: 'expired' }],
    ["i'm in cucuta with my kids and we have nowhere to stay", {
      child: { word: 'children' }, place: { departmentCode: '54', municipalityCode: '54001' }, need: 'shelter',
    }],
    ['la niña nacio en marzo del 2016 en barranquilla, ya tiene registro civil', {
      child: { word: 'daughter', birthplace: 'colombia', birthMunicipalityCode: '08001', birthYear: 2016, birthMonth: 3, registered: true },
    }],
  ])('%s', (text, expected) => {
    expect(idsOf(text)).toEqual(expected);
  });
});

describe('understand: risk signals next to the emergency detector', () => {
  it('reads debts to a smuggler and threats together, in RISK_SIGNALS order', () => {
    expect(idsOf('le debo plata al coyote que me paso la frontera y me esta amenazando').risks).toEqual(['smuggler_debt', 'threats']);
  });

  it('counts documents kept by an employer even when told of someone else (a risk, not an emergency now)', () => {
    expect(idsOf('le quitaron el pasaporte a mi prima en el trabajo').risks).toEqual(['documents_withheld']);
  });

  it('a child without papers, or papers still to get, is no sign of trafficking', () => {
    expect(idsOf('buenas, mi niña no tiene papeles, la puedo meter al colegio?').risks).toBeUndefined();
    expect(idsOf('mi niña nacio en venezuela y no tiene papeles aqui').risks).toBeUndefined();
    expect(idsOf('mi hija tiene que sacar sus papeles').risks).toBeUndefined();
    expect(idsOf('el patron tiene mis papeles').risks).toEqual(['documents_withheld']);
  });

  it('needs a child for recruitment, and a trip paid abroad for a job offer', () => {
    expect(idsOf('estan reclutando niños en el barrio').risks).toEqual(['child_recruitment']);
    expect(idsOf('me ofrecieron trabajo en una finca en el tolima, es seguro?').risks).toBeUndefined();
  });

  it('reuses an emergency check the turn already ran instead of running it again', () => {
    const text = 'me amenazaron de muerte los del barrio';
    expect(understoodIds(understand(text, 'es', { emergency: { kinds: [], signals: [] } })).risks).toBeUndefined();
    expect(understoodIds(understand(text)).risks).toEqual(['threats']);
  });
});

describe('understoodIds', () => {
  it('keeps ids and codes only: none of the evidence (the person’s words) survives', () => {
    const text = 'mi bebe nació en Cúcuta y no tiene registro civil, yo soy venezolana';
    const understanding = understand(text);
    expect(understanding.child?.evidence).toContain('nacio en cucuta');
    const stored = JSON.stringify(understoodIds(understanding));
    for (const word of ['nacio', 'bebe', 'registro', 'venezolana', 'cucuta']) expect(stored).not.toContain(word);
  });
});

describe('describeUnderstanding', () => {
  it('says in one line what was understood, in the person’s language', () => {
    const understanding = understand('mi bebe nació en Cúcuta y no tiene registro civil, yo soy venezolana');
    expect(describeUnderstanding(understanding, 'es')).toBe('Entiendo: tu bebé nació en Cúcuta, no tiene registro civil y eres de Venezuela.');
    expect(describeUnderstanding(understanding, 'en')).toBe(
      'I understand: your baby was born in Cúcuta, has no birth registration (registro civil) and you are from Venezuela.',
    );
  });

  it('says the age it read when the age, not a year, answered when the child was born', () => {
    expect(describeUnderstanding(understand('mi bebe de 8 meses nacio en cucuta y no tiene registro, soy venezolana'), 'es')).toBe(
      'Entiendo: tu bebé nació en Cúcuta, tiene menos de un año, no tiene registro civil y eres de Venezuela.',
    );
    expect(describeUnderstanding(understand('mi hijo de 13 anos nacio en cucuta'), 'es')).toBe('Entiendo: tu hijo nació en Cúcuta y tiene 13 años.');
    expect(describeUnderstanding(understand('my daughter is 3 years old and was born in Cucuta'), 'en')).toBe('I understand: your daughter was born in Cúcuta and is 3 years old.');
    // A year said is the answer itself; two children's ages are not one age.
    expect(describeUnderstanding(understand('mi hija de 1 año nacio en cucuta en 2025'), 'es')).toBe('Entiendo: tu hija nació en Cúcuta.');
    expect(describeUnderstanding(understand('mis hijos de 3 y 5 años nacieron en cucuta'), 'es')).toBe('Entiendo: tus hijos nacieron en Cúcuta.');
  });

  it('ends the line with one period when a place name has its own ("Bogotá, D.C.")', () => {
    expect(describeUnderstanding(understand('mi hija nacio en bogota'), 'es')).toBe('Entiendo: tu hija nació en Bogotá, D.C.');
  });

  it('names the permit and what happened to it, and the place by its DIVIPOLA name', () => {
    expect(describeUnderstanding(understand('se me vencio el pep, vivo en soacha'), 'es')).toBe('Entiendo: tu PEP ya no está vigente y estás en Soacha.');
  });

  it('says nothing when nothing that changes a question was understood', () => {
    expect(describeUnderstanding(understand('hola'), 'es')).toBeUndefined();
    expect(describeUnderstanding(understand('como me afilio a una eps'), 'es')).toBeUndefined();
  });
});

describe('the labelled set and its evaluation', () => {
  it('has at least 150 messages in Spanish and English: every other one held out, then the fresh ones', () => {
    expect(UNDERSTANDING_SET.length).toBeGreaterThanOrEqual(150);
    expect(UNDERSTANDING_SET.filter((row) => row.locale === 'en').length).toBeGreaterThanOrEqual(20);
    const fresh = understandingRowsIn('fresh');
    expect(fresh.length).toBeGreaterThanOrEqual(40);
    expect(UNDERSTANDING_SET.slice(-fresh.length)).toEqual(fresh);
    UNDERSTANDING_SET.slice(0, -fresh.length).forEach((row, i) =>
      expect([row.text, row.split]).toEqual([row.text, i % 2 === 0 ? 'tune' : 'heldout']),
    );
  });

  it('labels every message with the same field names the evaluation reads', () => {
    const known = new Set(Object.keys(flatten(understand('mi bebe nacio en marzo de 2016 en cucuta')))
      .concat(['theme', 'group', 'permit', 'permitState', 'childRegistered', 'place', 'need', 'pregnancy', 'urgency', 'risks', 'cost']));
    for (const row of UNDERSTANDING_SET) for (const field of Object.keys(row.expect)) expect([row.text, known.has(field)]).toEqual([row.text, true]);
  });

  it('is precise on the held-out half: no extracted field below 85 % precision (the theme is the router’s)', () => {
    const { fields } = evaluateUnderstanding(understandingRowsIn('heldout'));
    for (const [field, score] of Object.entries(fields)) {
      if (field === 'theme') continue;
      expect([field, rate(score.correct, score.predicted) >= 0.85]).toEqual([field, true]);
    }
  });
});

describe('questionAnswers: the questions a message already answers, as choice ids of the content', () => {
  const answersTo = (text: string) => questionAnswers(understoodIds(understand(text)));

  it.each<[string, QuestionAnswers]>([
    ['mi bebe nació en Cúcuta en 2020 y no tiene registro civil, yo soy venezolana', {
      'profile.group': 'venezuelan', 'education.who': 'child', 'civil_registry.birthPlace': 'colombia',
      'civil_registry.birthYear': 'since_2015', 'civil_registry.birth': 'co_since_2015', 'civil_registry.registered': 'no',
    }],
    // The cut-off is 1 January 2015 (Ley 1997 de 2019): a birth in 2015 is inside; no year, no answer.
    ['mi bebe nacio en agosto de 2015 en maicao', {
      'education.who': 'child', 'civil_registry.birthPlace': 'colombia', 'civil_registry.birthYear': 'since_2015', 'civil_registry.birth': 'co_since_2015',
    }],
    ['registro civil para mi hijo que nacio en el 2014', { 'education.who': 'child', 'civil_registry.birthYear': 'before_2015' }],
    ['mi hijo nacio en bogota', { 'education.who': 'child', 'civil_registry.birthPlace': 'colombia' }],
    ['se me vencio el pep que hago', {
      'regularization.situation': 'no_permit', 'work.permit': 'none', 'work.permitOther': 'none', 'health.permit': 'none',
    }],
    ['perdí mi ppt', { 'regularization.situation': 'ppt_have', 'regularization.pptNeed': 'reissue', 'work.permit': 'ppt', 'health.permit': 'ppt' }],
    ['mi ppt esta en tramite todavia', { 'regularization.situation': 'ppt_pending' }],
    ['como me afilio a una eps', { 'health.emergency': 'no', 'health.topics': 'join' }],
    ['no tengo donde dormir esta noche', { 'services.moreNeeds': 'shelter' }],
    ['necesito un abogado', { 'services.needs': 'legal' }],
    ['tengo pep', {}],
    ['soy de ecuador y vivo en ipiales', { 'profile.group': 'other_nationality' }],
    ['ya pedi refugio hace un mes, que sigue?', { 'regularization.situation': 'asylum', 'regularization.asylum': 'yes' }],
    ['no he pedido refugio todavia', { 'regularization.situation': 'asylum', 'regularization.asylum': 'no' }],
    ['i applied for asylum last week', { 'regularization.situation': 'asylum', 'regularization.asylum': 'yes' }],
    ['como pido refugio', { 'regularization.situation': 'asylum', 'regularization.asylum': 'no' }],
    ['how can i apply for asylum?', { 'regularization.situation': 'asylum', 'regularization.asylum': 'no' }],
    // The child's ID document answers the education question "¿tiene PPT o cédula de extranjería?".
    ['mi hijo no tiene papeles, puede estudiar?', { 'education.who': 'child', 'education.id': 'no' }],
    ['my son has no papers, can he go to school?', { 'education.who': 'child', 'education.id': 'no' }],
    ['mi hija ya tiene ppt, como la inscribo en el colegio', { 'education.who': 'child', 'education.id': 'yes' }],
    // Someone else's papers, and a PEP (no longer a valid document), say nothing about it.
    ['mi hijo esta con mi esposo que no tiene papeles', { 'education.who': 'child' }],
    ['mi hijo tiene pep', { 'education.who': 'child' }],
    ['mi bebe no tiene registro civil', { 'education.who': 'child', 'civil_registry.registered': 'no' }],
    ['soy retornado, pedi refugio en venezuela antes', { 'profile.group': 'returnee' }],
    ['kiero pedir refugio como ago', { 'regularization.situation': 'asylum', 'regularization.asylum': 'no' }],
    // A refuge (shelter) is not asylum: "necesito un refugio para esta noche".
    ['necesito un refugio para esta noche', { 'services.moreNeeds': 'shelter' }],
    ['my son and i have no papers, can he go to school?', {
      'regularization.situation': 'no_permit', 'work.permit': 'none', 'work.permitOther': 'none', 'health.permit': 'none', 'education.who': 'child', 'education.id': 'no',
    }],
    // The SC-2 is given to whoever asked for refuge: "have you asked for refuge?" is answered.
    [
      'me dieron salvoconducto',
      { 'regularization.situation': 'asylum', 'regularization.asylum': 'yes', 'work.permit': 'sc2', 'work.permitOther': 'sc2', 'health.permit': 'sc2' },
    ],
  ])('%s', (text, expected) => {
    expect(answersTo(text)).toEqual(expected);
  });

  // "¿En qué año nació?" is not asked when the age proves it. These cases fix "this year" at 2026.
  describe('an age said with the child answers "born 2015 or later?" only when it proves it', () => {
    const answersIn2026 = (text: string) => questionAnswers(understoodIds(understand(text)), 2026);

    it.each<[string, QuestionAnswers]>([
      ['mi bebe de 8 meses nacio en cucuta y no tiene registro', {
        'education.who': 'child', 'civil_registry.birthPlace': 'colombia', 'civil_registry.birthYear': 'since_2015',
        'civil_registry.birth': 'co_since_2015', 'civil_registry.registered': 'no',
      }],
      ['tengo un recien nacido que nacio aqui, como lo registro', {
        'education.who': 'child', 'civil_registry.birthPlace': 'colombia', 'civil_registry.birthYear': 'since_2015', 'civil_registry.birth': 'co_since_2015',
      }],
      // Ten years old in 2026: born in 2015 or 2016, inside either way.
      ['mi hija tiene diez años y no tiene registro civil', { 'education.who': 'child', 'civil_registry.birthYear': 'since_2015', 'civil_registry.registered': 'no' }],
      ['my son is 3 years old and was born in colombia', {
        'education.who': 'child', 'civil_registry.birthPlace': 'colombia', 'civil_registry.birthYear': 'since_2015', 'civil_registry.birth': 'co_since_2015',
      }],
      // Thirteen: born in 2012 or 2013, before.
      ['mi hijo de 13 años nacio en cucuta', {
        'education.who': 'child', 'civil_registry.birthPlace': 'colombia', 'civil_registry.birthYear': 'before_2015', 'civil_registry.birth': 'co_before_2015',
      }],
      // Eleven: born in 2014 or 2015, either side: the question stays.
      ['mi hijo de 11 años nacio en cucuta', { 'education.who': 'child', 'civil_registry.birthPlace': 'colombia' }],
      // "mi bebé" alone proves nothing (parents say it of older children too).
      ['mi bebe nacio en cucuta', { 'education.who': 'child', 'civil_registry.birthPlace': 'colombia' }],
      // Not the child's age: a time ago, how long they have lived here, another person's age.
      ['llegamos hace mas de 3 años, mi hijo nacio en cucuta', { 'education.who': 'child', 'civil_registry.birthPlace': 'colombia' }],
      ['mi hijo tiene 5 años en colombia y no tiene registro', { 'education.who': 'child', 'civil_registry.registered': 'no' }],
      ['mi esposa tiene 30 años y mi hijo nacio en cucuta', { 'education.who': 'child', 'civil_registry.birthPlace': 'colombia' }],
    ])('%s', (text, expected) => {
      expect(answersIn2026(text)).toEqual(expected);
    });

    it('a year said wins over an age', () => {
      expect(answersIn2026('mi hijo de 13 años nacio en cucuta en 2016')['civil_registry.birthYear']).toBe('since_2015');
    });
  });

  it('answers only with choice ids the content really has', () => {
    const catalog = new ContentCatalog();
    const yesNo = catalog.choices('es', 'common', 'yesNo').map((c) => c.id);
    const yesNoKeys = new Set(['health.emergency', 'civil_registry.registered', 'regularization.asylum', 'education.id']);
    const all = UNDERSTANDING_SET.map((row) => answersTo(row.text));
    for (const answers of all) {
      for (const [key, id] of Object.entries(answers)) {
        const [file, group] = key.split('.');
        const ids = yesNoKeys.has(key) ? yesNo : catalog.choices('es', file as ContentFileName, group).map((c) => c.id);
        expect([key, ids.includes(id as string)]).toEqual([key, true]);
      }
    }
    expect(all.filter((answers) => Object.keys(answers).length > 0).length).toBeGreaterThan(100);
  });
});
