/**
 * `--department` and `--municipality` take a DIVIPOLA code or a name as people write it
 * ("cucuta", "La Unión, Nariño"); ambiguous names are refused with the candidates listed.
 */
import { DEPARTMENT_CODE, GeoDirectory, MUNICIPALITY_CODE } from '../bot/geo';
import { CliInputError } from './cliErrors';
import { messages } from './messages';

export interface PlaceCodes {
  departmentCode?: string;
  municipalityCode?: string;
}

/** A municipality code from a code or a name; codes are passed through for validation to judge. */
export function municipalityCodeOf(text: string, geo: GeoDirectory): string {
  const trimmed = text.trim();
  if (MUNICIPALITY_CODE.test(trimmed) || /^\d+$/.test(trimmed)) return trimmed;
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

/** A department code from a code or a name ("Norte de Santander", "valle"); a municipality name gives its department. */
export function departmentCodeOf(text: string, geo: GeoDirectory): string {
  const trimmed = text.trim();
  if (DEPARTMENT_CODE.test(trimmed) || /^\d+$/.test(trimmed)) return trimmed;
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
  return { departmentCode, municipalityCode };
}
