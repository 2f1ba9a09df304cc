/**
 * Understanding a message once: what a person's free text already answers (theme, group, permit,
 * child, place, need, pregnancy, urgency, risk signals, asylum asked for, cost question), and the one line that says
 * so. Offline, Spanish and English, typos and missing accents forgiven. No botbuilder here.
 *
 * @example
 * import { understand, describeUnderstanding, understoodIds } from './nlu/understanding';
 * const u = understand('se me vencio el pep, vivo en soacha');
 * understoodIds(u);                 // { permit: 'pep', permitState: 'expired', place: { departmentCode: '25', municipalityCode: '25754' } }
 * describeUnderstanding(u, 'es');   // 'Entiendo: tu PEP ya no está vigente y estás en Soacha.'
 */
export { settleTheme } from './settleTheme';
export { describeUnderstanding, type DescribeOptions } from './describeUnderstanding';
export { questionAnswers, type QuestionAnswers } from './questionAnswers';
export { understand, type UnderstandOptions } from './understand';
export { understoodIds, type UnderstoodIds } from './understoodIds';
export {
  PERMIT_IDS,
  RISK_SIGNALS,
  type ChildInfo,
  type ChildWord,
  type PermitId,
  type PermitState,
  type PlaceCode,
  type RelativeWord,
  type RiskSignal,
  type Understanding,
  type Understood,
} from './understanding';
