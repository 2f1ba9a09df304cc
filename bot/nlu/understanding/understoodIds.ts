/**
 * The part of an {@link Understanding} that may be kept beyond the turn: ids, codes and numbers only,
 * never the evidence (which is the person's own words).
 */
import type { ServiceKind } from '../../referrals/serviceKinds';
import type { PopulationGroup } from '../../profile/userProfile';
import type { ThemeId } from '../themes';
import type { ChildInfo, PermitId, PermitState, PlaceCode, RelativeWord, RiskSignal, Understanding } from './understanding';

export interface UnderstoodIds {
  theme?: ThemeId;
  group?: PopulationGroup;
  permit?: PermitId;
  permitState?: PermitState;
  child?: ChildInfo;
  place?: PlaceCode;
  need?: ServiceKind;
  pregnancy?: true;
  urgency?: boolean;
  risks?: RiskSignal[];
  asylumRequested?: boolean;
  venezuelanRelative?: RelativeWord;
  costQuestion?: true;
}

/**
 * Drops the evidence, keeping what can go into dialog state.
 *
 * @example understoodIds(understand('se me vencio el pep')) // { permit: 'pep', permitState: 'expired' }
 */
export function understoodIds(understanding: Understanding): UnderstoodIds {
  const ids: UnderstoodIds = {};
  if (understanding.theme) ids.theme = understanding.theme.value;
  if (understanding.group) ids.group = understanding.group.value;
  if (understanding.permit) ids.permit = understanding.permit.value;
  if (understanding.permitState) ids.permitState = understanding.permitState.value;
  if (understanding.child) ids.child = { ...understanding.child.value };
  if (understanding.place) ids.place = { ...understanding.place.value };
  if (understanding.need) ids.need = understanding.need.value;
  if (understanding.pregnancy) ids.pregnancy = true;
  if (understanding.urgency) ids.urgency = understanding.urgency.value;
  if (understanding.risks?.length) ids.risks = understanding.risks.map((risk) => risk.value);
  if (understanding.asylumRequested) ids.asylumRequested = understanding.asylumRequested.value;
  if (understanding.venezuelanRelative) ids.venezuelanRelative = understanding.venezuelanRelative.value;
  if (understanding.costQuestion) ids.costQuestion = true;
  return ids;
}
