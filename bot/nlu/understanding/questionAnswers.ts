/**
 * Which questions of the current content an understanding already answers, as the choice id the
 * person would have tapped: `regularization.situation` ← permit, `civil_registry.birth` ← the child's
 * birthplace and year, `health.emergency` ← urgency, and so on. Dialogs skip a question whose key is
 * here (after saying what was understood, so a "no" can correct it). Keys are `file.choiceGroup` as
 * in bot/content/locales; yes/no questions answer with the `common.yesNo` ids.
 *
 * Only answers that follow from what was said with no further guess: a valid PEP, for instance,
 * answers no `regularization.situation` choice, so that question is still asked.
 */
import type { PopulationGroup } from '../../profile/userProfile';
import type { ServiceKind } from '../../referrals/serviceKinds';
import type { PermitId } from './understanding';
import type { UnderstoodIds } from './understoodIds';

export interface QuestionAnswers {
  'profile.group'?: PopulationGroup;
  'regularization.situation'?: 'ppt_have' | 'ppt_pending' | 'no_permit' | 'asylum' | 'pep_tutor' | 'foreign_id';
  'regularization.pptNeed'?: 'reissue';
  /** Yes/no: has the person already asked for refugee status? */
  'regularization.asylum'?: 'yes' | 'no';
  'work.permit'?: 'ppt' | 'visa_v' | 'sc2' | 'none' | 'pep_tutor' | 'foreign_id';
  'work.permitOther'?: 'sc2' | 'foreign_id' | 'none';
  /** A job wanted ("busco trabajo", "where can I find work"): the work theme's goal. */
  'work.goal'?: 'find_job';
  'work.hostGoal'?: 'find_job';
  'health.permit'?: 'ppt' | 'pep_tutor' | 'foreign_id' | 'sc2' | 'visa_v' | 'none';
  /** Yes/no: is it an emergency now? */
  'health.emergency'?: 'yes' | 'no';
  'health.topics'?: 'pregnancy' | 'mental' | 'join';
  'civil_registry.birth'?: 'co_since_2015' | 'co_before_2015' | 'abroad';
  'civil_registry.birthPlace'?: 'colombia' | 'abroad';
  'civil_registry.birthYear'?: 'since_2015' | 'before_2015';
  /** Yes/no: does the child have a registro civil? */
  'civil_registry.registered'?: 'yes' | 'no';
  'education.who'?: 'child';
  /** Yes/no: does the child have a PPT or a cédula de extranjería? */
  'education.id'?: 'yes' | 'no';
  'services.needs'?: ServiceKind;
  'services.moreNeeds'?: 'shelter' | 'food' | 'cash' | 'wash' | 'protection';
}

const MORE_NEEDS: ReadonlySet<ServiceKind> = new Set(['shelter', 'food', 'cash', 'wash', 'protection']);

/** The permit as the choice ids of work.permit / health.permit name it. */
const WORK_PERMIT: Partial<Record<PermitId, NonNullable<QuestionAnswers['work.permit']>>> = {
  ppt: 'ppt', visa_v: 'visa_v', sc2: 'sc2', none: 'none', pep_tutor: 'pep_tutor', cedula_extranjeria: 'foreign_id',
};
const HEALTH_PERMIT: Partial<Record<PermitId, NonNullable<QuestionAnswers['health.permit']>>> = {
  ppt: 'ppt', visa_v: 'visa_v', sc2: 'sc2', none: 'none', pep_tutor: 'pep_tutor', cedula_extranjeria: 'foreign_id',
};

/**
 * "Primero la Niñez" (Ley 1997 de 2019) covers children born in Colombia from 1 January 2015, as the
 * civil_registry content states it: the birth year alone decides. Without a year, an age decides only
 * when it proves the answer: a child of `age` was born in this year − age − 1 at the earliest, so
 * "mi bebé de 8 meses" or "tiene 3 años" is born 2015 or later, and nothing is guessed from "mi bebé"
 * alone (parents say it of older children too) nor from an age that could fall either side.
 */
function since2015(year: number | undefined, ageYears: number | undefined, thisYear: number): boolean | undefined {
  if (year !== undefined) return year >= 2015;
  if (ageYears !== undefined && thisYear - ageYears - 1 >= 2015) return true;
  if (ageYears !== undefined && thisYear - ageYears < 2015) return false;
  return undefined;
}

/** The permit answers, or none when the permit says nothing a choice can carry. */
function permitAnswers(ids: UnderstoodIds, answers: QuestionAnswers): void {
  const { permit, permitState: state } = ids;
  if (!permit) return;
  // An expired PEP is no permit today (the PEP was replaced by the PPT); other expired permits may be renewable.
  const current: PermitId | undefined = state === 'expired' ? (permit === 'pep' ? 'none' : undefined) : permit;
  if (current === 'ppt') {
    answers['regularization.situation'] = state === 'pending' ? 'ppt_pending' : 'ppt_have';
    if (state === 'lost') answers['regularization.pptNeed'] = 'reissue';
  }
  if (current === 'none') answers['regularization.situation'] = 'no_permit';
  if (current === 'sc2') {
    answers['regularization.situation'] = 'asylum';
    // The SC-2 is the safe-conduct of someone who asked for refugee status (content: "el permiso de quien pidió refugio").
    answers['regularization.asylum'] = 'yes';
  }
  if (current === 'pep_tutor') answers['regularization.situation'] = 'pep_tutor';
  if (current === 'cedula_extranjeria') answers['regularization.situation'] = 'foreign_id';
  // A permit being processed is not held yet: the work and health questions stay.
  if (current === undefined || state === 'pending') return;
  if (WORK_PERMIT[current]) answers['work.permit'] = WORK_PERMIT[current];
  if (current === 'sc2' || current === 'none') answers['work.permitOther'] = current;
  if (current === 'cedula_extranjeria') answers['work.permitOther'] = 'foreign_id';
  if (HEALTH_PERMIT[current]) answers['health.permit'] = HEALTH_PERMIT[current];
}

/**
 * @example
 * questionAnswers(understoodIds(understand('se me vencio el pep')))
 * // { 'regularization.situation': 'no_permit', 'work.permit': 'none', 'work.permitOther': 'none', 'health.permit': 'none' }
 */
export function questionAnswers(ids: UnderstoodIds, thisYear = new Date().getFullYear()): QuestionAnswers {
  const answers: QuestionAnswers = {};
  if (ids.group) answers['profile.group'] = ids.group;
  permitAnswers(ids, answers);
  // "pedí refugio" / "no he pedido refugio": the asylum route, and its "have you asked?" answered.
  if (ids.asylumRequested !== undefined) {
    answers['regularization.situation'] ??= 'asylum';
    if (answers['regularization.situation'] === 'asylum') answers['regularization.asylum'] = ids.asylumRequested ? 'yes' : 'no';
  }

  if (ids.urgency !== undefined) answers['health.emergency'] = ids.urgency ? 'yes' : 'no';
  if (ids.pregnancy) answers['health.topics'] = 'pregnancy';
  else if (ids.need === 'mental_health') answers['health.topics'] = 'mental';
  else if (ids.urgency === false) answers['health.topics'] = 'join';

  const child = ids.child;
  if (child) {
    answers['education.who'] = 'child';
    if (child.birthplace) answers['civil_registry.birthPlace'] = child.birthplace;
    const since = since2015(child.birthYear, child.ageYears, thisYear);
    if (since !== undefined) answers['civil_registry.birthYear'] = since ? 'since_2015' : 'before_2015';
    if (child.birthplace === 'abroad') answers['civil_registry.birth'] = 'abroad';
    else if (child.birthplace === 'colombia' && since !== undefined) answers['civil_registry.birth'] = since ? 'co_since_2015' : 'co_before_2015';
    if (child.registered !== undefined) answers['civil_registry.registered'] = child.registered ? 'yes' : 'no';
    if (child.hasDocument !== undefined) answers['education.id'] = child.hasDocument ? 'yes' : 'no';
  }

  // Every way of saying the employment need is looking for a job (needExtractor.ts).
  if (ids.need === 'employment') {
    answers['work.goal'] = 'find_job';
    answers['work.hostGoal'] = 'find_job';
  }
  if (ids.need && MORE_NEEDS.has(ids.need)) answers['services.moreNeeds'] = ids.need as NonNullable<QuestionAnswers['services.moreNeeds']>;
  else if (ids.need) answers['services.needs'] = ids.need;
  return answers;
}
