/**
 * The one short line a dialog says before skipping questions, so a wrong guess can be corrected with
 * "no": "Entiendo: tu bebé nació en Cúcuta, no tiene registro civil y eres de Venezuela."
 * Wording lives in the `understanding` content file. Says nothing (undefined) when nothing was
 * understood that would change a question; themes, risks and urgency-false are not echoed (the answer
 * itself shows them).
 */
import { ContentCatalog } from '../../content/catalog';
import type { Locale } from '../../content/locale';
import { GeoDirectory } from '../../geo/geoDirectory';
import type { Understanding } from './understanding';

/** More than this and the line stops being short. */
const MAX_ITEMS = 4;

export interface DescribeOptions {
  catalog?: ContentCatalog;
  geo?: GeoDirectory;
}

function placeName(geo: GeoDirectory, code: { departmentCode: string; municipalityCode?: string }): string | undefined {
  return code.municipalityCode ? geo.municipalityName(code.municipalityCode) : geo.departmentName(code.departmentCode);
}

function ageWords(years: number, ui: (key: string, vars?: Record<string, string>) => string): string {
  if (years === 0) return ui('ageUnderOne');
  return years === 1 ? ui('ageOne') : ui('ageYears', { years: String(years) });
}

/**
 * @example
 * describeUnderstanding(understand('mi bebe nació en Cúcuta, yo soy venezolana'), 'es');
 * // 'Entiendo: tu bebé nació en Cúcuta y eres de Venezuela.'
 */
export function describeUnderstanding(understanding: Understanding, locale: Locale, options: DescribeOptions = {}): string | undefined {
  const catalog = options.catalog ?? new ContentCatalog();
  const geo = options.geo ?? GeoDirectory.shipped();
  const ui = (key: string, vars?: Record<string, string>) => catalog.ui(locale, 'understanding', key, vars);
  const items: string[] = [];

  const child = understanding.child?.value;
  if (child) {
    const plural = child.word === 'children' ? 'Plural' : '';
    const said: string[] = [];
    if (child.birthplace === 'abroad') said.push(ui(`bornAbroad${plural}`));
    else if (child.birthplace === 'colombia') {
      const where = (child.birthMunicipalityCode && geo.municipalityName(child.birthMunicipalityCode)) || 'Colombia';
      said.push(ui(`bornIn${plural}`, { place: where }));
    }
    // An age stands in for the birth year when none was said (it can answer "born 2015 or later?"),
    // so the person sees what it was read as. One child's: "mis hijos de 3 y 5 años" has two.
    if (child.ageYears !== undefined && child.birthYear === undefined && !plural) said.push(ageWords(child.ageYears, ui));
    if (child.registered !== undefined) said.push(ui(`${child.registered ? 'registered' : 'notRegistered'}${plural}`));
    if (child.hasDocument !== undefined) said.push(ui(`${child.hasDocument ? 'hasDocument' : 'noDocument'}${plural}`));
    if (said.length > 0) items.push(`${ui(`child_${child.word}`)} ${said[0]}`, ...said.slice(1));
  }
  if (understanding.group) items.push(ui(`group_${understanding.group.value}`));
  const permit = understanding.permit?.value;
  if (permit) {
    const state = understanding.permitState?.value;
    items.push(state && permit !== 'none' ? `${ui(`permit_${permit}`)} ${ui(`state_${state}`)}` : ui(`has_${permit}`));
  }
  // "tienes salvoconducto SC-2" already says it.
  const asylum = understanding.asylumRequested?.value;
  if (asylum !== undefined && permit !== 'sc2') items.push(ui(asylum ? 'asylum_requested' : 'asylum_not_requested'));
  if (understanding.venezuelanRelative) items.push(ui(`relative_${understanding.venezuelanRelative.value}`));
  const place = understanding.place && placeName(geo, understanding.place.value);
  if (place) items.push(ui('place', { place }));
  if (understanding.pregnancy) items.push(ui('pregnancy'));
  if (understanding.need) items.push(ui('need', { need: ui(`need_${understanding.need.value}`) }));
  if (understanding.urgency?.value === true) items.push(ui('urgent'));

  if (items.length === 0) return undefined;
  const shown = items.slice(0, MAX_ITEMS);
  const last = shown.pop() as string;
  const list = shown.length > 0 ? `${shown.join(', ')} ${ui('and')} ${last}` : last;
  // A place name may end the line with its own period ("Bogotá, D.C.").
  return `${ui('intro')} ${list}${list.endsWith('.') ? '' : '.'}`;
}
