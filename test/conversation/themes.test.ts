/**
 * The orientation themes, end to end through the real ProBot: consent → menu → theme → questions
 * (and the profile question, asked once) → answer → "¿Te sirvió?" → back to the menu or on to
 * services. Table-driven: every case runs in Spanish and in English; a text that differs by language
 * is written [spanish, english]. Asserts the facts that matter (PPT is free with no intermediaries,
 * PEP Tutor closed, urgent care first, …), "atrás" and the language switch inside themes, and the
 * anonymous feedback counts.
 */
import type { Locale } from '../../bot/content/locale';
import { attentionDocumentId } from '../../bot/stats/attentionDocument';
import { statsMonth } from '../../bot/stats/statsMonth';
import { MENU_IDS } from '../../dialogs/mainDialog';
import { allText, lastChoices, Reply, startConversation, TestConversation } from '../support/conversation';
import { budgetViolation } from '../support/turnBudget';
import { usefulCounts } from '../support/usefulCounts';
import { startTestStore, TestStore } from '../support/store';

/** Same in both languages, or [spanish, english]. */
type Text = string | readonly [es: string, en: string];
interface Expect {
  contains?: Text[];
  lacks?: Text[];
  /** The first message of the turn contains this (what must come first). */
  first?: Text;
  choices?: readonly string[];
  /** The turn keeps to the reading budget (3 messages, 1,200 characters, 600 each; closing question excluded). */
  budget?: boolean;
}
type Step = [userSays: Text, botSays: Expect];
interface Case {
  name: string;
  steps: Step[];
}

const MENU: Expect = { choices: MENU_IDS };
const GROUPS = ['venezuelan', 'returnee', 'host', 'other_nationality'];
const SITUATIONS = ['ppt_have', 'ppt_pending', 'no_permit', 'asylum', 'pep_tutor', 'foreign_id'];
const PERMITS = ['ppt', 'visa_v', 'sc2', 'none', 'pep_tutor', 'foreign_id'];
const GOALS = ['find_job', 'employed', 'profession', 'problem'];
const USEFUL_DETAIL = ['useful_yes', 'useful_no', 'more_detail'];
const YES_NO = ['yes', 'no'];
const HEALTH_TOPICS = ['join', 'pregnancy', 'sexual', 'mental'];
const HEALTH_PERMITS = ['ppt', 'pep_tutor', 'foreign_id', 'sc2', 'visa_v', 'none'];
const USEFUL = ['useful_yes', 'useful_no'];
const AFTER = ['back_to_menu', 'services'];
const PRO_LINE = '01 8000 180588';
const FREE: Text = ['gratis', 'free'];
const NO_INTERMEDIARIES: Text = ['intermediarios', 'intermediaries'];
const OUTDATED: Text = ['fechas límite que pueden haber pasado', 'deadlines that may have passed'];
const NOT_VERIFIED: Text = ['no tenemos información verificada', 'verified information'];

const PROFILE: Expect = { contains: [['cuéntanos quién eres', 'tell us who you are'], ['borrar mis datos', 'delete my data']], choices: GROUPS };
const PROFILE_SAVED: Text = ['lo tendremos en cuenta', 'we will keep it in mind'];
const SITUATION: Expect = { contains: [PROFILE_SAVED, ['¿Cuál es tu situación hoy?', 'What is your situation today?']], choices: SITUATIONS };

/** The answer turn: these facts, then "was this useful?". */
function answer(...contains: Text[]): Expect {
  return { contains: [...contains, ['¿Te sirvió esta información?', 'Was this information useful?']], choices: USEFUL };
}

/** An answer turn within the reading budget, then "was this useful?" with "more detail". */
function answerWithDetail(...contains: Text[]): Expect {
  return { contains: [...contains, ['Más detalle', 'More detail']], choices: USEFUL_DETAIL, budget: true };
}

/** The same expectation, also held to the reading budget. */
function budgeted(expected: Expect): Expect {
  return { ...expected, budget: true };
}

/** The "more detail" turn: these facts, within the budget, then "was this useful?" without it. */
function detail(...contains: Text[]): Step {
  return ['more_detail', { contains: [...contains, ['¿Te sirvió esta información?', 'Was this information useful?']], choices: USEFUL, budget: true }];
}

const ENDING: Step[] = [
  ['useful_yes', { contains: [['¡Gracias por contarnos!', 'Thank you for telling us!'], ['¿Qué quieres hacer ahora?', 'What would you like to do now?']], choices: AFTER }],
  ['back_to_menu', MENU],
];

const cases: Case[] = [
  // Regularization
  {
    name: 'regularization: a Venezuelan with a PPT asks what it is for — free, no intermediaries, Migración line',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      ['ppt_have', { contains: [['¿Qué necesitas saber de tu PPT?', 'What do you need to know about your PPT?']], choices: ['uses', 'reissue'] }],
      ['uses', budgeted(answer(['30 de mayo de 2031', '30 May 2031'], ['visa de residente', 'resident visa'], FREE, NO_INTERMEDIARIES, '01 8000 42 37 01'))],
      ...ENDING,
    ],
  },
  {
    name: 'regularization: a lost PPT is re-issued with an online appointment (Sundays 5 p.m., as of Oct 2025: may be outdated)',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      ['ppt_have', { choices: ['uses', 'reissue'] }],
      [
        'reissue',
        {
          ...answerWithDetail(
            'FUT',
            'migracioncolombia.odoo.com',
            ['domingos a las 5:00 p. m.', 'Sundays at 5:00 p.m.'],
            ['octubre de 2025', 'October 2025'],
            OUTDATED,
            // The first PPT was free; a duplicate has an official fee, paid at the bank (audit E7).
            ['19.000 pesos', '19,000 pesos'],
            'Banco de Occidente',
            ['nunca a una persona', 'never to a person'],
          ),
          lacks: [['El PPT es *gratis*', 'The PPT is *free*']],
        },
      ],
      detail(['declaración de extravío', 'loss statement'], 'RUMV', NO_INTERMEDIARIES),
      ...ENDING,
    ],
  },
  {
    name: 'regularization: "no sé" to "what is your situation today?" asks again instead of choosing "no permit"',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      [['No sé', 'not sure'], { contains: [['¿Cuál es tu situación hoy?', 'What is your situation today?']], lacks: [['4 de diciembre de 2024', '4 December 2024']], choices: SITUATIONS }],
      ['no_permit', { contains: [['4 de diciembre de 2024', '4 December 2024']], choices: ['before_dec_2024', 'from_dec_2024'] }],
    ],
  },
  {
    name: 'regularization: a PPT in process — how to check its status, and the answers it can give',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      [
        'ppt_pending',
        {
          // "Requerido" goes to Migración Colombia's channels: the Puntos Visibles closed in 2025 (audit E6).
          ...budgeted(
            answer(
              'Consulta/Validación PPT', 'Aprobado', 'En proceso', 'Requerido', ['90 días calendario', '90 calendar days'], FREE, NO_INTERMEDIARIES,
              '01 8000 42 37 01', 'migracioncolombia.odoo.com', ['cerraron en 2025', 'closed in 2025'],
            ),
          ),
          lacks: [['Ve a un *Punto Visible', 'Go to a *Punto Visible']],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'regularization: no permit, arrived before 4 Dec 2024, cares for a child — adult PPT closed, Visa V (window may close, no fee stated); children\'s PPT and PEP Tutor under more detail',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      ['no_permit', { contains: [['4 de diciembre de 2024', '4 December 2024']], choices: ['before_dec_2024', 'from_dec_2024'] }],
      ['before_dec_2024', { contains: [['mamá, papá o cuidador', 'mother, father or carer']], choices: YES_NO }],
      [
        'yes',
        {
          ...answerWithDetail(
            ['24 de noviembre de 2023', '24 November 2023'],
            ['Visa V (Visitante Especial)', 'V visa (Special Visitor)'],
            ['2 años', '2 years'],
            // The 2-year window counted from 4 Dec 2024: unconfirmed, so said as such (audit E9).
            ['4 de diciembre de 2026', '4 December 2026'],
            ['no encontramos confirmación', 'we found no confirmation'],
            'Acta de verificación y compromiso',
            '01 8000 42 37 01',
            ['No encontramos el costo', 'We did not find the cost'],
            OUTDATED,
            PRO_LINE,
          ),
          lacks: ['COP', '$', ['28 de mayo de 2023', '28 May 2023']],
        },
      ],
      detail(
        ['junio de 2024', 'June 2024'],
        ['No sabemos si sigue abierto hoy', 'We do not know whether it is still open today'],
        'PEP Tutor',
        ['30 de abril de 2026', '30 April 2026'],
        ['la convocatoria ya cerró', 'the application window has closed'],
      ),
      ...ENDING,
    ],
  },
  {
    name: 'regularization: no permit, arrived after 4 Dec 2024, no children — Visa V is not for them, PRO line',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      ['no_permit', { choices: ['before_dec_2024', 'from_dec_2024'] }],
      ['from_dec_2024', { choices: YES_NO }],
      [
        'no',
        {
          ...answerWithDetail(['es solo para quien entró', 'is only for people who entered'], ['24 de noviembre de 2023', '24 November 2023'], ['línea PRO', 'PRO line'], PRO_LINE),
          lacks: ['PEP Tutor', 'Acta de verificación'],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'regularization: asylum not requested yet — within 2 months, free, confidential, SC-2',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      [
        'asylum',
        {
          // The 2025 reform changed CONARE's role: the bot no longer names it as adviser (audit E8).
          contains: [['cambiaron las reglas', 'rules changed in 2025'], ['¿Ya pediste refugio en Colombia?', 'Have you already applied for asylum in Colombia?']],
          lacks: ['CONARE'],
          choices: YES_NO,
        },
      ],
      ['no', budgeted(answer(['2 meses', '2 months'], ['reglas anteriores a 2025', 'rules before 2025'], FREE, ['confidencial', 'confidential'], 'SC-2', PRO_LINE))],
      ...ENDING,
    ],
  },
  {
    name: 'regularization: asylum requested — the SC-2 allows work since 2025; renewals, interviews and the appeal, with unconfirmed deadlines said so',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      ['asylum', { choices: YES_NO }],
      [
        'yes',
        {
          ...budgeted(
            answer(
              ['desde 2025, puedes trabajar', 'since 2025, you can work'],
              ['180 días', '180 days'],
              ['recurso de reposición', 'recurso de reposición'],
              ['10 días hábiles', '10 working days'],
              ['sin contar fines de semana', 'not counting weekends'],
              PRO_LINE,
            ),
          ),
          lacks: [['no te da permiso para trabajar', 'does not allow you to work'], 'CONARE'],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'regularization: a Colombian returnee gets the Return Law (who qualifies, the RUR, CRORE) and the PRO line',
    steps: [
      ['regularization', PROFILE],
      [
        'returnee',
        {
          ...budgeted(
            answer(
              PROFILE_SAVED,
              'Ley Retorno',
              ['al menos 3 años', 'at least 3 years'],
              ['menos de 1 año', 'less than 1 year'],
              ['Registro Único de Retorno (RUR)', 'Registro Único de Retorno (RUR)'],
              'CRORE',
              'Colombia Nos Une',
              PRO_LINE,
            ),
          ),
          lacks: [['¿Cuál es tu situación', 'What is your situation'], NOT_VERIFIED],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'regularization: another nationality goes straight to the asylum route',
    steps: [
      ['regularization', PROFILE],
      ['other_nationality', { contains: [['venezolanas', 'Venezuelan'], ['persecución', 'persecution'], ['¿Ya pediste refugio', 'Have you already applied']], choices: YES_NO }],
      ['no', answer(['2 meses', '2 months'], 'SC-2')],
      ...ENDING,
    ],
  },
  {
    name: 'the profile is asked once: work and health use it without asking again (host community)',
    steps: [
      ['regularization', PROFILE],
      ['host', answer(['venezolanas', 'Venezuelan'], PRO_LINE)],
      ...ENDING,
      ['work', { contains: [['¿Qué necesitas?', 'What do you need?']], lacks: [['cuéntanos quién eres', 'tell us who you are']], choices: ['find_job', 'hire'] }],
      ['hire', answer('Consulta tu PPT', 'SIRE', 'RUTEC', ['seguridad social', 'social security'])],
      ...ENDING,
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', { ...answer(['Urgencias', 'Emergency care'], ['con o sin papeles', 'with or without papers'], NOT_VERIFIED, PRO_LINE), lacks: [['cuéntanos quién eres', 'tell us who you are']] }],
      ...ENDING,
    ],
  },
  // Rights
  {
    name: 'rights: emergency care, school and birth registration whatever the status; PPT and asylum free, no intermediaries; PRO line',
    steps: [
      ['rights', { contains: [['¿Qué quieres conocer?', 'What would you like to know?']], choices: ['rights', 'duties'] }],
      [
        'rights',
        {
          ...answer(
            ['Urgencias', 'Emergency care'],
            ['sin importar su situación migratoria', 'whatever their migration status'],
            ['Registro civil', 'Birth registration'],
            FREE,
            ['necesita intermediarios', 'needs intermediaries'],
            ['el duplicado tiene un pago oficial', 'a duplicate has an official fee'],
            ['Es *gratis*', 'Applying is *free*'],
            PRO_LINE,
          ),
          // The research supports "the PPT is free" and "no procedure needs intermediaries", not "every procedure is free".
          lacks: [['Los trámites de Migración Colombia', 'Migración Colombia procedures and']],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'rights: duties drawn from the facts (records, documents current, registering children)',
    steps: [
      ['rights', { choices: ['rights', 'duties'] }],
      ['duties', answer(['antecedentes penales', 'criminal record'], 'SC-2', ['Registra a tus hijos', 'Register your children'], PRO_LINE)],
      ...ENDING,
    ],
  },
  // Civil registry
  {
    name: 'civil registry: born since 1 Jan 2015 to Venezuelan parents, not registered — Primero la Niñez (Ley 1997 de 2019) and how to register',
    steps: [
      ['civil_registry', { contains: [['1 de enero de 2015', '1 January 2015']], choices: ['co_since_2015', 'co_before_2015', 'abroad'] }],
      ['co_since_2015', { contains: [['venezolano/a', 'Venezuelan']], choices: YES_NO }],
      ['yes', { contains: [['registro civil', 'birth registration']], choices: YES_NO }],
      [
        'no',
        {
          ...answer(
            'Primero la Niñez',
            '“Válido para demostrar nacionalidad”',
            ['Ley 1997 de 2019', 'Law 1997 of 2019'],
            '2027',
            'Certificado de Nacido Vivo',
            'Registraduría',
            ['cédula de extranjería, PEP o PPT', 'foreigner ID card, PEP or PPT'],
            // The measure runs to 2027: the answer carries the "may be outdated" note.
            OUTDATED,
            PRO_LINE,
          ),
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'civil registry: born since 2015 to Venezuelan parents, already registered — the note is added, check it online',
    steps: [
      ['civil_registry', { choices: ['co_since_2015', 'co_before_2015', 'abroad'] }],
      ['co_since_2015', { choices: YES_NO }],
      ['yes', { choices: YES_NO }],
      ['yes', { ...answer('registraduria.gov.co', '“Válido para demostrar nacionalidad”'), lacks: ['Certificado de Nacido Vivo'] }],
      ...ENDING,
    ],
  },
  {
    name: 'civil registry: born before 2015 to Venezuelan parents, not registered — outside the measure, still must be registered',
    steps: [
      ['civil_registry', { choices: ['co_since_2015', 'co_before_2015', 'abroad'] }],
      ['co_before_2015', { choices: YES_NO }],
      ['yes', { choices: YES_NO }],
      ['no', { ...answer('“no válido para demostrar nacionalidad”', ['deben tener su registro civil', 'must still have their birth registration'], 'Certificado de Nacido Vivo', PRO_LINE), lacks: ['19 de agosto', '19 August'] }],
      ...ENDING,
    ],
  },
  {
    name: 'civil registry: parents not Venezuelan, already registered — nationality is not by birth alone',
    steps: [
      ['civil_registry', { choices: ['co_since_2015', 'co_before_2015', 'abroad'] }],
      ['co_since_2015', { choices: YES_NO }],
      ['no', { choices: YES_NO }],
      ['yes', { ...answer(['no se da solo por nacer', 'not given just for being born'], ['ese paso está listo', 'that step is done'], PRO_LINE), lacks: ['Primero la Niñez'] }],
      ...ENDING,
    ],
  },
  {
    name: 'civil registry: born abroad, parents not Colombian — no invented procedure, PRO line',
    steps: [
      ['civil_registry', { choices: ['co_since_2015', 'co_before_2015', 'abroad'] }],
      ['abroad', { contains: [['colombiano/a', 'Colombian']], choices: YES_NO }],
      ['no', { ...answer(['nacido en otro país', 'born in another country'], PRO_LINE), lacks: ['Certificado de Nacido Vivo'] }],
      ...ENDING,
    ],
  },
  // Health
  {
    name: 'health: an emergency now gets urgent care first, for everyone, without the profile question',
    steps: [
      ['health', { contains: [['*urgencias*', '*emergency care*']], choices: YES_NO }],
      [
        'yes',
        {
          ...answer(['con o sin papeles', 'with or without papers'], ['hospital público', 'public hospital'], '123'),
          first: ['Urgencias', 'Emergency care'],
          lacks: [['cuéntanos quién eres', 'tell us who you are']],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'health: a Venezuelan with a PPT and a job joins an EPS in the contributory scheme',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', PROFILE],
      ['venezuelan', { contains: [PROFILE_SAVED, ['¿Qué documento o permiso tienes', 'Which document or permit do you have']], choices: HEALTH_PERMITS }],
      ['ppt', { contains: [['trabajo con contrato', 'job with a contract']], choices: YES_NO }],
      ['yes', { ...answer('EPS', ['régimen contributivo', 'contributory scheme'], ['beneficiarios', 'beneficiaries']), lacks: ['Sisbén IV', 'Resolución 572'] }],
      ...ENDING,
    ],
  },
  {
    name: 'health: a Venezuelan with a PPT and no income — subsidised scheme through Sisbén IV, free and without intermediaries',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', PROFILE],
      ['venezuelan', { choices: HEALTH_PERMITS }],
      ['ppt', { choices: YES_NO }],
      ['no', answer(['régimen subsidiado', 'subsidised scheme'], 'Sisbén IV', ['gratis y sin intermediarios', 'for free and without intermediaries'], 'portalciudadano.sisben.gov.co')],
      ...ENDING,
    ],
  },
  {
    name: 'health: a Venezuelan with no permit — urgent care, what is guaranteed anyway, help with a tutela, and the way to regularize',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', PROFILE],
      ['venezuelan', { choices: HEALTH_PERMITS }],
      ['none', answer(['triaje', 'triage'], 'tutela', 'Defensoría del Pueblo', ['*embarazo*', '*pregnancy*'], ['*Regularización*', '*Legal status*'], PRO_LINE)],
      ...ENDING,
    ],
  },
  // Education
  {
    name: 'education: a child with an ID and certificates — SIMAT, recognition of studies, Secretaría if no place',
    steps: [
      ['education', { contains: [['¿Para quién es la educación?', 'Who is the education for?']], choices: ['child', 'adult'] }],
      ['child', { contains: [['*PPT* o *cédula de extranjería*', '*PPT* or a *foreigner ID card*']], choices: YES_NO }],
      ['yes', { contains: [['último grado', 'last grade']], choices: YES_NO }],
      [
        'yes',
        {
          ...answer(['sin importar su situación migratoria', 'whatever their migration status'], 'SIMAT', ['*convalidar*', '*recognise*'], ['apostilla', 'apostille'], 'Secretaría de Educación', PRO_LINE),
          lacks: ['NES'],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'education: a child without documents — NES, free placement evaluations, ICFES for grade 11',
    steps: [
      ['education', { choices: ['child', 'adult'] }],
      ['child', { choices: YES_NO }],
      ['no', { choices: YES_NO }],
      ['no', { ...answer('NES', ['evaluaciones gratuitas', 'free evaluations'], ['18 años o más', '18 or older'], 'Secretaría de Educación'), lacks: ['SIMAT'] }],
      ...ENDING,
    ],
  },
  {
    name: 'education: an adult validates secondary school with ICFES (Venezuelan ID accepted)',
    steps: [
      ['education', { choices: ['child', 'adult'] }],
      ['adult', { choices: ['validate', 'convalidate'] }],
      ['validate', answer(['18 años o más', '18 or older'], ['cédula venezolana', 'Venezuelan ID card'], 'ICFES', PRO_LINE)],
      ...ENDING,
    ],
  },
  {
    name: 'education: an adult has foreign studies recognised; university degrees go to the PRO line',
    steps: [
      ['education', { choices: ['child', 'adult'] }],
      ['adult', { choices: ['validate', 'convalidate'] }],
      ['convalidate', answer(['Ministerio de Educación', 'Ministry of Education'], ['títulos universitarios', 'university degrees'], PRO_LINE)],
      ...ENDING,
    ],
  },
  // Work
  {
    name: 'work: a Venezuelan with a PPT looking for a job — same terms as nationals, free public employment service',
    steps: [
      ['work', PROFILE],
      ['venezuelan', { contains: [PROFILE_SAVED], choices: PERMITS }],
      ['ppt', { choices: GOALS }],
      ['find_job', budgeted(answer(['mismas condiciones', 'same terms'], 'SENA', FREE, ['hoja de vida', 'CV']))],
      ...ENDING,
    ],
  },
  {
    name: 'work: a Venezuelan with a PPT in a job — the employer checks the PPT, social security, SIRE and RUTEC',
    steps: [
      ['work', PROFILE],
      ['venezuelan', { choices: PERMITS }],
      ['ppt', { choices: GOALS }],
      ['employed', budgeted(answer('Consulta tu PPT', 'SIRE', 'RUTEC', ['seguridad social', 'social security']))],
      ...ENDING,
    ],
  },
  {
    name: 'work: a Visa V holder in a job — employer steps not verified, so the PRO line',
    steps: [
      ['work', PROFILE],
      ['venezuelan', { choices: PERMITS }],
      ['visa_v', { choices: GOALS }],
      ['employed', { ...budgeted(answer(['Visa V', 'V visa'], NOT_VERIFIED, PRO_LINE)), lacks: ['RUTEC'] }],
      ...ENDING,
    ],
  },
  {
    name: 'work: a regulated profession needs the professional council',
    steps: [
      ['work', PROFILE],
      ['venezuelan', { choices: PERMITS }],
      ['ppt', { choices: GOALS }],
      ['profession', budgeted(answer(['consejo profesional', 'professional council'], PRO_LINE))],
      ...ENDING,
    ],
  },
  {
    name: 'work: an SC-2 allows work since 2025 (Decreto 0089/2025); a problem at work goes to the Ministerio del Trabajo',
    steps: [
      ['work', PROFILE],
      ['venezuelan', { choices: PERMITS }],
      ['sc2', { choices: GOALS }],
      [
        'problem',
        {
          ...budgeted(
            answer(
              ['Sí, con el salvoconducto SC-2 puedes trabajar', 'Yes, you can work with the SC-2 safe-conduct'],
              ['con contrato o por tu cuenta', 'with a contract or on your own'],
              ['Ministerio del Trabajo', 'Ministry of Labour'],
              ['salario mínimo', 'minimum wage'],
              '01 8000 522020',
            ),
          ),
          lacks: [['no te da permiso para trabajar', 'does not allow you to work']],
        },
      ],
      ...ENDING,
    ],
  },
  {
    name: 'work: no permit — no invented rights, PRO line, and the Visa V pointer (may be outdated)',
    steps: [
      ['work', PROFILE],
      ['venezuelan', { choices: PERMITS }],
      ['none', { ...answerWithDetail(NOT_VERIFIED, PRO_LINE, ['4 de diciembre de 2024', '4 December 2024'], OUTDATED), lacks: ['SENA'] }],
      ...ENDING,
    ],
  },
  {
    name: 'work: a Colombian returnee looking for a job gets the public employment service',
    steps: [
      ['work', PROFILE],
      ['returnee', { choices: ['find_job', 'hire'] }],
      ['find_job', { ...budgeted(answer('SENA', ['hoja de vida', 'CV'])), lacks: ['SIRE'] }],
      ...ENDING,
    ],
  },
  {
    name: 'work: another nationality without a permit is told PPT, PEP Tutor and Visa V are for Venezuelans, PRO line',
    steps: [
      ['work', PROFILE],
      ['other_nationality', { choices: ['sc2', 'foreign_id', 'none'] }],
      ['none', budgeted(answer(['venezolanas', 'Venezuelans'], NOT_VERIFIED, PRO_LINE))],
      ...ENDING,
    ],
  },
  // Protection
  {
    name: 'protection: trafficking versus smuggling, and the anti-trafficking line',
    steps: [
      ['protection', { contains: [['¿Qué quieres saber?', 'What would you like to know?']], choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['difference', answer(['explotarla', 'exploit'], ['frontera', 'border'], ['se puede convertir en trata', 'can turn into trafficking'], '01 8000 522020', '123')],
      ...ENDING,
    ],
  },
  {
    name: 'protection: warning signs when a child is at risk — ICBF lines and the anti-trafficking line',
    steps: [
      ['protection', { choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['signs', { contains: [['menor de 18 años', 'under 18']], choices: YES_NO }],
      ['yes', answer(['pasaporte', 'passport'], '*141*', '01 8000 918080', '01 8000 522020')],
      ...ENDING,
    ],
  },
  {
    name: 'protection: gender-based violence against an adult — Comisaría (provisional measures the same day), Defensoría and 155 before reporting (122, 123), Código Fucsia',
    steps: [
      ['protection', { choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['gbv', { choices: YES_NO }],
      ['no', { ...answer('Comisaría de Familia', '*122*', '*123*', ['el mismo día (incluso en 4 horas)', 'the same day (even within 4 hours)'], 'Código Fucsia', '155', 'Defensoría del Pueblo'), lacks: ['141', ['máximo', 'must be issued']], first: ['Comisaría de Familia', 'Comisaría de Familia'] }],
      ...ENDING,
    ],
  },
  {
    name: 'protection: gender-based violence against a child — ICBF 141',
    steps: [
      ['protection', { choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['gbv', { choices: YES_NO }],
      ['yes', { ...answer('*141*', 'Código Fucsia'), lacks: ['*155*'] }],
      ...ENDING,
    ],
  },
  {
    name: 'protection: "no sé" to "is the person under 18?" asks again instead of taking it as "no"',
    steps: [
      ['protection', { choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['gbv', { choices: YES_NO }],
      [['no sé', "I don't know"], { contains: [['No te preocupes si no lo sabes', 'Do not worry if you are not sure'], ['¿La persona en riesgo', 'Is the person at risk']], lacks: ['Comisaría de Familia'], choices: YES_NO }],
      [['ni idea', 'not sure'], { contains: [['¿La persona en riesgo', 'Is the person at risk']], lacks: ['Comisaría de Familia'], choices: YES_NO }],
      ['no', { ...answer('Comisaría de Familia', '155'), lacks: ['141'] }],
      ...ENDING,
    ],
  },
  {
    name: 'protection: every free line',
    steps: [
      ['protection', { choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['lines', answer('*123*', '*155*', '*141*', '*122*', '01 8000 522020', '01 8000 42 37 01', '01 8000 918080')],
      ...ENDING,
    ],
  },
  // Global commands inside themes
  {
    name: '"atrás" inside regularization goes back to the previous question',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      ['no_permit', { choices: ['before_dec_2024', 'from_dec_2024'] }],
      [['atrás', 'back'], { contains: [['¿Cuál es tu situación hoy?', 'What is your situation today?']], choices: SITUATIONS }],
      ['ppt_pending', answer('Aprobado', FREE)],
      ...ENDING,
    ],
  },
  {
    name: '"atrás" inside health goes back from the permit question to the topic question, then to the emergency question',
    steps: [
      ['health', { choices: YES_NO }],
      ['no', { choices: HEALTH_TOPICS }],
      ['join', PROFILE],
      ['venezuelan', { contains: [['¿Qué documento o permiso tienes', 'Which document or permit do you have']], choices: HEALTH_PERMITS }],
      [['atrás', 'back'], { contains: [['¿Sobre qué necesitas orientación en salud?', 'What do you need to know about health care?']], choices: HEALTH_TOPICS }],
      [['atrás', 'back'], { contains: [['*urgencias*', '*emergency care*']], choices: YES_NO }],
      ['yes', { ...answer(['con o sin papeles', 'with or without papers']), first: ['Urgencias', 'Emergency care'] }],
      ...ENDING,
    ],
  },
  {
    name: '"atrás" at "was this useful?" goes back to the last question of the theme',
    steps: [
      ['protection', { choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['gbv', { choices: YES_NO }],
      ['no', answer('155')],
      [['volver', 'back'], { contains: [['menor de 18 años', 'under 18']], choices: YES_NO }],
      ['yes', answer('*141*')],
      ...ENDING,
    ],
  },
  {
    name: '"atrás" at "was this useful?" skips questions that were not asked (born abroad → the parent question → the birth question)',
    steps: [
      ['civil_registry', { choices: ['co_since_2015', 'co_before_2015', 'abroad'] }],
      ['abroad', { choices: YES_NO }],
      ['no', answer(['nacido en otro país', 'born in another country'])],
      [['atrás', 'back'], { contains: [['colombiano/a', 'Colombian']], choices: YES_NO }],
      [['atrás', 'back'], { contains: [['¿Dónde nació', 'Where was the child born?']], choices: ['co_since_2015', 'co_before_2015', 'abroad'] }],
      ['co_since_2015', { choices: YES_NO }],
    ],
  },
  {
    name: 'switching language at "was this useful?" asks it again in the other language, without repeating the answer',
    steps: [
      ['rights', { choices: ['rights', 'duties'] }],
      ['duties', answer(['antecedentes penales', 'criminal record'])],
      [
        ['english', 'español'],
        { contains: [['Was this information useful?', '¿Te sirvió esta información?']], lacks: [['criminal record', 'antecedentes penales']], choices: USEFUL },
      ],
      ['useful_yes', { contains: [['What would you like to do now?', '¿Qué quieres hacer ahora?']], choices: AFTER }],
    ],
  },
  {
    name: '"atrás" on a theme\'s first question goes back to the menu',
    steps: [
      ['education', { choices: ['child', 'adult'] }],
      [['atrás', 'back'], MENU],
    ],
  },
  {
    name: 'switching language inside regularization asks the same question in the other language',
    steps: [
      ['regularization', PROFILE],
      ['venezuelan', SITUATION],
      [['english', 'español'], { contains: [['we continue in English', 'seguimos en español'], ['What is your situation today?', '¿Cuál es tu situación hoy?']], choices: SITUATIONS }],
      // From here on the conversation is in the other language.
      ['ppt_pending', { contains: [['free', 'gratis'], ['intermediaries', 'intermediarios'], ['Was this information useful?', '¿Te sirvió esta información?']], choices: USEFUL }],
      ['useful_yes', { contains: [['What would you like to do now?', '¿Qué quieres hacer ahora?']], choices: AFTER }],
      ['back_to_menu', MENU],
    ],
  },
  {
    name: 'switching language inside protection asks the same question in the other language',
    steps: [
      ['protection', { choices: ['difference', 'signs', 'transit', 'gbv', 'lines'] }],
      ['gbv', { choices: YES_NO }],
      [['idioma', 'language'], { contains: [['Is the person at risk', '¿La persona en riesgo']], choices: YES_NO }],
      ['no', { contains: [['Gender-based violence', 'Violencia de género'], '155'], choices: USEFUL }],
      ['useful_yes', { choices: AFTER }],
      ['back_to_menu', MENU],
    ],
  },
  {
    name: 'switching language at the profile question asks it again in the other language',
    steps: [
      ['work', PROFILE],
      [['english', 'español'], { contains: [['tell us who you are', 'cuéntanos quién eres']], choices: GROUPS }],
      ['venezuelan', { contains: [['Which permit do you have', '¿Qué permiso tienes']], choices: PERMITS }],
    ],
  },
];

const LOCALES: Locale[] = ['es', 'en'];

function inLocale(text: Text, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale === 'es' ? 0 : 1];
}

function check(replies: Reply[], expected: Expect, locale: Locale, label: string): void {
  const text = allText(replies);
  expect({ label, replies: replies.length > 0 }).toEqual({ label, replies: true });
  for (const fragment of expected.contains ?? []) expect({ label, text }).toEqual({ label, text: expect.stringContaining(inLocale(fragment, locale)) });
  for (const fragment of expected.lacks ?? []) expect({ label, text }).toEqual({ label, text: expect.not.stringContaining(inLocale(fragment, locale)) });
  if (expected.first) expect({ label, first: replies[0]?.text }).toEqual({ label, first: expect.stringContaining(inLocale(expected.first, locale)) });
  if (expected.choices) expect({ label, choices: lastChoices(replies) }).toEqual({ label, choices: [...expected.choices] });
  if (expected.budget) expect({ label, budget: budgetViolation(replies) }).toEqual({ label, budget: undefined });
}

/** A new person who accepted the privacy notice, at the main menu, in `locale`. */
async function consentedConversation(store: TestStore, locale: Locale): Promise<TestConversation> {
  const conversation = startConversation(store, { env: { DEFAULT_LOCALE: locale } });
  check(await conversation.say(locale === 'es' ? 'hola' : 'hello'), { choices: ['consent_yes', 'consent_no'] }, locale, 'greeting');
  check(await conversation.say('consent_yes'), { contains: [['¡Gracias!', 'Thank you!']], ...MENU }, locale, 'consent');
  return conversation;
}

describe('orientation themes (real ProBot, Cosmos-compatible state)', () => {
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
  });

  it('every theme of the menu except services and "more" has its own dialog (none says "coming soon")', async () => {
    for (const theme of ['regularization', 'rights', 'civil_registry', 'health', 'education', 'work', 'protection', 'pro_points']) {
      const conversation = await consentedConversation(store, 'es');
      const replies = await conversation.say(theme);
      expect({ theme, text: allText(replies) }).toEqual({ theme, text: expect.not.stringContaining('Estamos preparando') });
    }
  });

  it('"was this useful?" is counted once per answer, anonymously, by theme — even when the language changes', async () => {
    const before = await usefulCounts(store.containers.stats);
    const count = (all: typeof before, theme: string) => all[theme] ?? { yes: 0, no: 0 };

    const first = await consentedConversation(store, 'es');
    await first.say('rights');
    await first.say('rights');
    check(await first.say('useful_yes'), { choices: AFTER }, 'es', 'useful');
    // The language switch asks "what now?" again with the same answer: it must not count twice.
    check(await first.say('english'), { contains: ['What would you like to do now?'], choices: AFTER }, 'en', 'language');
    check(await first.say('back_to_menu'), MENU, 'en', 'menu');

    const second = await consentedConversation(store, 'en');
    await second.say('education');
    await second.say('adult');
    await second.say('validate');
    check(await second.say('useful_no'), { contains: ['Thank you for telling us', PRO_LINE], choices: AFTER }, 'en', 'not useful');

    const after = await usefulCounts(store.containers.stats);
    expect(count(after, 'rights')).toEqual({ yes: count(before, 'rights').yes + 1, no: count(before, 'rights').no });
    expect(count(after, 'education')).toEqual({ yes: count(before, 'education').yes, no: count(before, 'education').no + 1 });

    // Only the counters: nothing about the person (no user id, no conversation, no text).
    const month = statsMonth(new Date());
    const id = attentionDocumentId(month, 'emulator');
    const { resource } = await store.containers.stats.item(id, id).read<Record<string, unknown>>();
    const ownFields = Object.keys(resource ?? {}).filter((key) => !key.startsWith('_'));
    expect(ownFields.sort()).toEqual(['channel', 'counts', 'id', 'kind', 'month']);
    for (const key of Object.keys(resource?.counts as object)) expect(key).toMatch(/^[a-z_]+(\.[a-z0-9_]+)*$/);
  });

  it('"services near me" after an answer opens what the menu\'s services row opens', async () => {
    const fromTheme = await consentedConversation(store, 'es');
    await fromTheme.say('protection');
    await fromTheme.say('lines');
    check(await fromTheme.say('useful_no'), { contains: ['Gracias por contarnos', PRO_LINE, '¿Qué quieres hacer ahora?'], choices: AFTER }, 'es', 'not useful');
    const viaTheme = await fromTheme.say('services');

    const fromMenu = await consentedConversation(store, 'es');
    const viaMenu = await fromMenu.say('services');

    expect(viaTheme.length).toBeGreaterThan(0);
    expect(viaTheme).toEqual(viaMenu);
  });
});
