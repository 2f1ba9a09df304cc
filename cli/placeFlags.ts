/**
 * `--department` and `--municipality` take a DIVIPOLA code or a name as people write it
 * ("cucuta", "La Unión, Nariño"); ambiguous names are refused with the candidates listed.
 * Digits are a code: it must have its full length ("05", "05001": never 5 or 5001, DESIGN.md) and
 * exist in the shipped geography, or the command stops with exit 2 instead of finding nothing.
 */
import { DEPARTMENT_CODE, GeoDirectory, MUNICIPALITY_CODE } from '../bot/geo';
import { CliInputError } from './cliErrors';
import { messages } from './messages';

export interface PlaceCodes {
  departmentCode?: string;
  municipalityCode?: string;
}

const DIGITS = /^\d+$/;

/**
 * A code typed as digits, checked: the right length and a department or municipality that exists.
 * The message names the flag and the value, and suggests the code meant when a leading zero was
 * lost (5 → 05, 5001 → 05001) or the code is of the other kind (54001 given as a department).
 */
function checkedCode(flag: '--department' | '--municipality', value: string, geo: GeoDirectory): string {
  const isDepartment = flag === '--department';
  const length = isDepartment ? 2 : 5;
  // The place a code of this flag's kind names ("Antioquia", "Medellín (Antioquia)"), if any.
  const placeOf = (code: string): string | undefined => (isDepartment ? geo.departmentName(code) : geo.municipality(code) && geo.describe(code));
  if ((isDepartment ? DEPARTMENT_CODE : MUNICIPALITY_CODE).test(value)) {
    if (placeOf(value)) return value;
    throw new CliInputError(messages.badPlaceCode(flag, value, messages.unknownCode(isDepartment ? 'department' : 'municipality')), { flag, value });
  }
  let hint = '';
  const padded = value.length < length ? value.padStart(length, '0') : undefined;
  const paddedPlace = padded === undefined ? undefined : placeOf(padded);
  if (padded !== undefined && paddedPlace !== undefined) hint = messages.didYouMean(padded, paddedPlace);
  else if (isDepartment && MUNICIPALITY_CODE.test(value) && geo.municipality(value)) hint = messages.useOtherFlag(value, geo.describe(value) ?? value, '--municipality');
  else if (!isDepartment && DEPARTMENT_CODE.test(value) && geo.department(value)) hint = messages.useOtherFlag(value, geo.departmentName(value) ?? value, '--department');
  throw new CliInputError(messages.badPlaceCode(flag, value, `${messages.codeLength(length)}${hint}`), { flag, value });
}

/** A municipality code from a code (checked against the shipped geography) or a name. */
export function municipalityCodeOf(text: string, geo: GeoDirectory): string {
  const trimmed = text.trim();
  if (DIGITS.test(trimmed)) return checkedCode('--municipality', trimmed, geo);
  const place = geo.resolvePlace(trimmed);
  switch (place.kind) {
    case 'municipality':
      return place.municipality.code;
    case 'ambiguous':
      throw new CliInputError(messages.ambiguousPlace(trimmed, place.candidates), { candidates: place.candidates });
    case 'department':
      throw new CliInputError(messages.departmentNotMunicipality(trimmed, place.department.name));
    default:
      throw new CliInputError(messages.unknownPlace(trimmed, 'municipality'));
  }
}

/** A department code from a code (checked) or a name ("Norte de Santander", "valle"); a municipality name gives its department. */
export function departmentCodeOf(text: string, geo: GeoDirectory): string {
  const trimmed = text.trim();
  if (DIGITS.test(trimmed)) return checkedCode('--department', trimmed, geo);
  const place = geo.resolvePlace(trimmed);
  if (place.kind === 'department') return place.department.code;
  if (place.kind === 'municipality') return place.municipality.departmentCode;
  if (place.kind === 'ambiguous') throw new CliInputError(messages.ambiguousPlace(trimmed, place.candidates), { candidates: place.candidates });
  throw new CliInputError(messages.unknownPlace(trimmed, 'department'));
}

/** Both flags together; a municipality alone implies its department. */
export function placeCodesOf(department: string | undefined, municipality: string | undefined, geo: GeoDirectory): PlaceCodes {
  const municipalityCode = municipality === undefined || municipality.trim() === '' ? undefined : municipalityCodeOf(municipality, geo);
  const departmentCode =
    department !== undefined && department.trim() !== '' ? departmentCodeOf(department, geo) : municipalityCode && MUNICIPALITY_CODE.test(municipalityCode) ? municipalityCode.slice(0, 2) : undefined;
  // Both given and they disagree: nothing could ever match, so say so rather than list nothing.
  const place = municipalityCode ? geo.municipality(municipalityCode) : undefined;
  if (place && departmentCode && place.departmentCode !== departmentCode) {
    throw new CliInputError(messages.placeMismatch(place.code, geo.describe(place.code) ?? place.code, departmentCode, geo.departmentName(departmentCode) ?? departmentCode), {
      municipality: place.code,
      department: departmentCode,
    });
  }
  return { departmentCode, municipalityCode };
}
