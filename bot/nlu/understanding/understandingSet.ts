/**
 * The labelled messages the extractor is measured on (bot/nlu/data/understandingSet.json), kept
 * apart from the theme router's training data. Each row lists every field the message answers; a
 * field not listed is not answered, so an extractor that invents one is counted wrong.
 */
import data from '../data/understandingSet.json';
import type { Locale } from '../../content/locale';

/** The expected answer per field, flat, as the labelled file writes it. */
export interface ExpectedFields {
  theme?: string;
  group?: string;
  permit?: string;
  permitState?: string;
  child?: boolean;
  childBirthplace?: string;
  childMunicipality?: string;
  childBirthYear?: number;
  childBirthMonth?: number;
  childRegistered?: boolean;
  place?: string;
  need?: string;
  pregnancy?: boolean;
  urgency?: boolean;
  risks?: string[];
  cost?: boolean;
}

export type UnderstandingSplit = 'tune' | 'heldout' | 'fresh';

export interface LabelledMessage {
  text: string;
  locale: Locale;
  /**
   * `tune` rows may be studied while improving the extractor; `heldout` rows are only scored (two
   * fixes were made after a first look at them); `fresh` rows were written after tuning ended.
   */
  split: UnderstandingSplit;
  expect: ExpectedFields;
}

export const UNDERSTANDING_SET: readonly LabelledMessage[] = (data as { messages: LabelledMessage[] }).messages;

export function understandingRowsIn(split: UnderstandingSplit): LabelledMessage[] {
  return UNDERSTANDING_SET.filter((row) => row.split === split);
}
