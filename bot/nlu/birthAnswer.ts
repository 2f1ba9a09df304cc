/**
 * Reads where and when a child was born from what a person typed ("nacio en cucuta en marzo 2015",
 * "en 2014", "born in colombia 2013"). Colombian nationality for children of Venezuelan parents
 * turns on a birth in Colombia from 1 January 2015 (Ley 1997 de 2019), so a year decides the branch
 * and a missing year is never guessed: the answer then says only what it knows, and the dialog asks
 * for the rest.
 */
import { normalize } from './normalize';

export type BirthPlace = 'colombia' | 'abroad';
export type BirthPeriod = 'since_2015' | 'before_2015';

export interface BirthAnswer {
  place?: BirthPlace;
  period?: BirthPeriod;
}

/** Tells whether a folded word or phrase names a place in Colombia (the DIVIPOLA directory in production). */
export type ColombianPlaceTest = (name: string) => boolean;

/** First year of the measure (Ley 1997 de 2019: births from 1 January 2015). */
export const CUT_OFF_YEAR = 2015;

// Plausible birth years of a child someone asks about; other numbers (ages, sums) are not years.
const YEAR = /\b(19[89]\d|20[0-4]\d)\b/g;
const BEFORE = /\b(?:antes|before|earlier)\b/;
const AFTER = /\b(?:despues|desde|after|since|from)\b/;

const ABROAD_WORDS = [
  'otro pais', 'en el exterior', 'exterior', 'afuera', 'fuera de colombia', 'extranjero', 'venezuela', 'ecuador', 'peru',
  'chile', 'panama', 'brasil', 'abroad', 'another country', 'other country', 'outside colombia', 'brazil',
];
const COLOMBIA_WORDS = ['colombia', 'aqui en colombia', 'aca', 'aqui', 'here'];
// Words around a place name that are not the place ("en marzo", "in the hospital").
const NOT_PLACES = new Set([
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre',
  'diciembre', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'el', 'la', 'un', 'una', 'hospital', 'casa', 'the', 'a',
]);

function hasPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}

/** The period a text states, or undefined when it states none or contradicts itself. */
function periodIn(text: string): BirthPeriod | undefined {
  const periods = new Set<BirthPeriod>();
  for (const match of text.matchAll(YEAR)) {
    const year = Number(match[1]);
    const before = text.slice(Math.max(0, (match.index ?? 0) - 12), match.index);
    if (BEFORE.test(before)) {
      // "antes de 2015" is before; "antes de 2018" could be either side of the cut-off.
      if (year <= CUT_OFF_YEAR) periods.add('before_2015');
      else return undefined;
    } else if (AFTER.test(before)) {
      if (year >= CUT_OFF_YEAR - 1) periods.add('since_2015');
      else return undefined;
    } else {
      periods.add(year >= CUT_OFF_YEAR ? 'since_2015' : 'before_2015');
    }
  }
  return periods.size === 1 ? [...periods][0] : undefined;
}

/** Names after "en"/"in" ("nacio en cucuta en marzo" → "cucuta"), one and two words long. */
function placeCandidates(text: string): string[] {
  const words = text.split(' ');
  const found: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    if (words[i] !== 'en' && words[i] !== 'in') continue;
    const first = words[i + 1];
    if (!first || NOT_PLACES.has(first) || /\d/.test(first)) continue;
    found.push(first);
    const second = words[i + 2];
    if (second && !NOT_PLACES.has(second) && !/\d/.test(second) && second !== 'en' && second !== 'in') found.push(`${first} ${second}`);
  }
  return found;
}

function placeIn(text: string, isColombianPlace?: ColombianPlaceTest): BirthPlace | undefined {
  const abroad = ABROAD_WORDS.some((w) => hasPhrase(text, w));
  const colombia = COLOMBIA_WORDS.some((w) => hasPhrase(text, w)) || (!!isColombianPlace && placeCandidates(text).some(isColombianPlace));
  // "vivimos en colombia pero nacio en venezuela": both named, so neither is taken.
  if (abroad === colombia) return undefined;
  return abroad ? 'abroad' : 'colombia';
}

/**
 * What a typed answer says about the birth: place, period, both or neither.
 *
 * @example
 * readBirthAnswer('nacio en colombia en 2014');          // { place: 'colombia', period: 'before_2015' }
 * readBirthAnswer('born in colombia');                   // { place: 'colombia' }  (the year is asked)
 * readBirthAnswer('nacio en cucuta en marzo 2015', geo); // { place: 'colombia', period: 'since_2015' }
 */
export function readBirthAnswer(text: string, isColombianPlace?: ColombianPlaceTest): BirthAnswer {
  const folded = normalize(text);
  const answer: BirthAnswer = {};
  const place = placeIn(folded, isColombianPlace);
  const period = periodIn(folded);
  if (place) answer.place = place;
  if (period) answer.period = period;
  return answer;
}
