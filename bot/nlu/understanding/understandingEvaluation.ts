/**
 * Precision and recall per extracted field over labelled messages (used by `npm run eval:nlu` and
 * the tests). A wrong value counts twice, as a false guess and as a miss: a wrong guess is the error
 * that costs most, since the dialog would skip a question on the strength of it.
 */
import type { ExpectedFields, LabelledMessage } from './understandingSet';
import { understand } from './understand';
import type { Understanding } from './understanding';

export const EVALUATED_FIELDS = [
  'theme', 'group', 'permit', 'permitState', 'child', 'childBirthplace', 'childMunicipality', 'childBirthYear',
  'childBirthMonth', 'childRegistered', 'place', 'need', 'pregnancy', 'urgency', 'risks', 'cost',
] as const;
export type EvaluatedField = (typeof EVALUATED_FIELDS)[number];

export interface FieldScore {
  /** Values the extractor gave that were right. */
  correct: number;
  /** Values the extractor gave (right or wrong). */
  predicted: number;
  /** Values the labels expect. */
  expected: number;
}

export interface FieldError {
  field: EvaluatedField;
  text: string;
  expected: string;
  got: string;
}

export interface UnderstandingEvaluation {
  fields: Record<EvaluatedField, FieldScore>;
  errors: FieldError[];
  meanMicroseconds: number;
}

/** The extractor's answer in the labelled file's flat shape. */
export function flatten(u: Understanding): ExpectedFields {
  const flat: ExpectedFields = {};
  if (u.theme) flat.theme = u.theme.value;
  if (u.group) flat.group = u.group.value;
  if (u.permit) flat.permit = u.permit.value;
  if (u.permitState) flat.permitState = u.permitState.value;
  if (u.child) {
    flat.child = true;
    const c = u.child.value;
    if (c.birthplace) flat.childBirthplace = c.birthplace;
    if (c.birthMunicipalityCode) flat.childMunicipality = c.birthMunicipalityCode;
    if (c.birthYear) flat.childBirthYear = c.birthYear;
    if (c.birthMonth) flat.childBirthMonth = c.birthMonth;
    if (c.registered !== undefined) flat.childRegistered = c.registered;
  }
  if (u.place) flat.place = u.place.value.municipalityCode ?? u.place.value.departmentCode;
  if (u.need) flat.need = u.need.value;
  if (u.pregnancy) flat.pregnancy = true;
  if (u.urgency) flat.urgency = u.urgency.value;
  if (u.risks?.length) flat.risks = u.risks.map((r) => r.value);
  if (u.costQuestion) flat.cost = true;
  return flat;
}

/** The values of one field as a set of strings (risks may hold several). */
function valuesOf(fields: ExpectedFields, field: EvaluatedField): string[] {
  const value = fields[field];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export function rate(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

/** Scores the extractor on `rows`; timing covers `understand` only, after one warm-up pass. */
export function evaluateUnderstanding(rows: readonly LabelledMessage[]): UnderstandingEvaluation {
  for (const row of rows) understand(row.text, row.locale);
  const started = process.hrtime.bigint();
  const answers = rows.map((row) => understand(row.text, row.locale));
  const elapsedUs = Number(process.hrtime.bigint() - started) / 1e3;

  const fields = Object.fromEntries(EVALUATED_FIELDS.map((f) => [f, { correct: 0, predicted: 0, expected: 0 }])) as Record<EvaluatedField, FieldScore>;
  const errors: FieldError[] = [];
  rows.forEach((row, i) => {
    const got = flatten(answers[i]);
    for (const field of EVALUATED_FIELDS) {
      const expected = valuesOf(row.expect, field);
      const predicted = valuesOf(got, field);
      const score = fields[field];
      score.expected += expected.length;
      score.predicted += predicted.length;
      score.correct += predicted.filter((v) => expected.includes(v)).length;
      if (expected.join() !== predicted.join()) {
        errors.push({ field, text: row.text, expected: expected.join(', ') || '—', got: predicted.join(', ') || '—' });
      }
    }
  });
  return { fields, errors, meanMicroseconds: rows.length ? elapsedUs / rows.length : 0 };
}
