/**
 * Colombia's departments and municipalities, and finding one from what a person typed.
 */
import { distance } from 'fastest-levenshtein';
import shippedData from './divipola.json';
import { Department, DivipolaData, Municipality } from './divipola';
import { CONNECTORS, DEPARTMENT_ALIASES, LEADING_FILLERS, MUNICIPALITY_ALIASES, TRAILING_FILLERS } from './placeAliases';
import { foldPlaceText } from './placeText';
import { allowedEdits, TOLERANCE } from '../text/fuzzy';

/** A municipality together with its department, as shown to people ("La Unión (Nariño)"). */
export interface PlaceInDepartment {
  municipality: Municipality;
  department: Department;
}

/**
 * What a typed place name means.
 * - `municipality`: one municipality; `exact` is false when a typo was forgiven (the bot may confirm).
 * - `department`: a department name ("Nariño", "Valle").
 * - `ambiguous`: several municipalities share the name; ask for the department.
 * - `none`: nothing close enough.
 */
export type PlaceResolution =
  | ({ kind: 'municipality'; exact: boolean } & PlaceInDepartment)
  | { kind: 'department'; exact: boolean; department: Department }
  | { kind: 'ambiguous'; candidates: PlaceInDepartment[] }
  | { kind: 'none' };

/** How many typing mistakes a name of this length may carry and still be recognised. */
const typoBudget = (length: number): number => allowedEdits(length, TOLERANCE.placeNames);

function stripWords(key: string, leading: readonly string[], trailing: readonly string[]): string {
  let text = key;
  for (let changed = true; changed; ) {
    changed = false;
    for (const filler of leading) {
      if (text.startsWith(`${filler} `)) {
        text = text.slice(filler.length + 1);
        changed = true;
      }
    }
    for (const filler of trailing) {
      if (text.endsWith(` ${filler}`)) {
        text = text.slice(0, -filler.length - 1);
        changed = true;
      }
    }
  }
  return text;
}

interface Candidates {
  municipalities: Set<string>;
  departments: Set<string>;
  exact: boolean;
}

/**
 * Departments and municipalities by DIVIPOLA code, with forgiving name resolution
 * (accents, case, typos, short forms such as "Cali", "Bogotá DC", "La Unión, Nariño").
 *
 * @example
 * const geo = GeoDirectory.shipped();
 * geo.resolvePlace('cucuta');      // { kind: 'municipality', municipality: { code: '54001', … }, … }
 * geo.resolvePlace('la union');    // { kind: 'ambiguous', candidates: [… Antioquia, Nariño, Sucre, Valle …] }
 * geo.municipalityName('76001');   // 'Cali'
 */
export class GeoDirectory {
  private static shippedInstance: GeoDirectory | undefined;

  private readonly departmentsByCode = new Map<string, Department>();
  private readonly municipalitiesByCode = new Map<string, Municipality>();
  /** Folded name or alias → municipality codes carrying it (several when names repeat across departments). */
  private readonly municipalityKeys = new Map<string, Set<string>>();
  private readonly departmentKeys = new Map<string, string>();

  constructor(readonly data: DivipolaData) {
    for (const d of data.departments) {
      this.departmentsByCode.set(d.code, d);
      this.departmentKeys.set(foldPlaceText(d.name), d.code);
      for (const alias of DEPARTMENT_ALIASES[d.code] ?? []) this.departmentKeys.set(alias, d.code);
    }
    for (const m of data.municipalities) {
      this.municipalitiesByCode.set(m.code, m);
      this.addMunicipalityKey(foldPlaceText(m.name), m.code);
      for (const alias of MUNICIPALITY_ALIASES[m.code] ?? []) this.addMunicipalityKey(alias, m.code);
    }
  }

  /** The directory built from the data file the product ships (bot/geo/divipola.json). */
  static shipped(): GeoDirectory {
    GeoDirectory.shippedInstance ??= new GeoDirectory(shippedData as DivipolaData);
    return GeoDirectory.shippedInstance;
  }

  departments(): Department[] {
    return [...this.departmentsByCode.values()];
  }

  /** All municipalities, or those of one department. */
  municipalities(departmentCode?: string): Municipality[] {
    const all = [...this.municipalitiesByCode.values()];
    return departmentCode === undefined ? all : all.filter((m) => m.departmentCode === departmentCode);
  }

  department(code: string): Department | undefined {
    return this.departmentsByCode.get(code);
  }

  municipality(code: string): Municipality | undefined {
    return this.municipalitiesByCode.get(code);
  }

  municipalityName(code: string): string | undefined {
    return this.municipalitiesByCode.get(code)?.name;
  }

  departmentName(code: string): string | undefined {
    return this.departmentsByCode.get(code)?.name;
  }

  /** "La Unión (Nariño)" for a municipality code, "Nariño" for a department code; undefined when unknown. */
  describe(code: string): string | undefined {
    const m = this.municipalitiesByCode.get(code);
    if (m) return `${m.name} (${this.departmentName(m.departmentCode) ?? m.departmentCode})`;
    return this.departmentName(code);
  }

  /** Resolves typed text (a municipality, a department, or "municipality department") to DIVIPOLA entries. */
  resolvePlace(text: string): PlaceResolution {
    const key = stripWords(foldPlaceText(text), LEADING_FILLERS, TRAILING_FILLERS);
    if (!key) return { kind: 'none' };
    // A whole-text match first, so "San Pedro de Urabá" is never split into "San Pedro" + something.
    const exact = this.lookup(key, 0);
    if (exact) return this.decide(exact);
    const split = this.resolveWithDepartment(key);
    if (split) return split;
    const fuzzy = this.lookup(key, typoBudget(key.length));
    return fuzzy ? this.decide(fuzzy) : { kind: 'none' };
  }

  private addMunicipalityKey(key: string, code: string): void {
    const codes = this.municipalityKeys.get(key) ?? new Set<string>();
    codes.add(code);
    this.municipalityKeys.set(key, codes);
  }

  /** Names within `budget` edits of `key`, keeping only the closest ones; departments only when not scoped to one. */
  private lookup(key: string, budget: number, withinDepartment?: string): Candidates | undefined {
    const inScope = (code: string): boolean => withinDepartment === undefined || code.startsWith(withinDepartment);
    const scored: { d: number; municipality?: string; department?: string }[] = [];
    if (budget === 0) {
      for (const code of this.municipalityKeys.get(key) ?? []) if (inScope(code)) scored.push({ d: 0, municipality: code });
      const department = withinDepartment === undefined ? this.departmentKeys.get(key) : undefined;
      if (department) scored.push({ d: 0, department });
    } else {
      for (const [name, codes] of this.municipalityKeys) {
        const d = distance(name, key);
        if (d <= budget) for (const code of codes) if (inScope(code)) scored.push({ d, municipality: code });
      }
      if (withinDepartment === undefined) {
        for (const [name, department] of this.departmentKeys) {
          const d = distance(name, key);
          if (d <= budget) scored.push({ d, department });
        }
      }
    }
    if (!scored.length) return undefined;
    const best = Math.min(...scored.map((s) => s.d));
    const closest = scored.filter((s) => s.d === best);
    return {
      municipalities: new Set(closest.flatMap((s) => (s.municipality ? [s.municipality] : []))),
      departments: new Set(closest.flatMap((s) => (s.department ? [s.department] : []))),
      exact: best === 0,
    };
  }

  /**
   * Turns equally close matches into an answer. A department name wins over same-named municipalities
   * ("Córdoba", "Sucre") unless the department's capital carries the name ("Bogotá", "Arauca").
   */
  private decide(found: Candidates): PlaceResolution {
    const codes = [...found.municipalities].sort();
    if (found.departments.size === 1) {
      const departmentCode = [...found.departments][0];
      const capital = codes.find((c) => c.startsWith(departmentCode) && c.endsWith('001'));
      if (capital) return this.municipalityResult(capital, found.exact);
      return { kind: 'department', exact: found.exact, department: this.departmentsByCode.get(departmentCode) as Department };
    }
    if (codes.length === 1) return this.municipalityResult(codes[0], found.exact);
    if (codes.length > 1) return { kind: 'ambiguous', candidates: codes.map((c) => this.placeOf(c)) };
    return { kind: 'none' };
  }

  /** "la union narino", "cucuta norte de santander", "narino la union": a department at either end narrows the municipality. */
  private resolveWithDepartment(key: string): PlaceResolution | undefined {
    const words = key.split(' ');
    for (let n = Math.min(5, words.length - 1); n >= 1; n--) {
      const splits: [string, string][] = [
        [words.slice(0, -n).join(' '), words.slice(-n).join(' ')],
        [words.slice(n).join(' '), words.slice(0, n).join(' ')],
      ];
      for (const [rawHead, tail] of splits) {
        const departmentCode = this.departmentKeys.get(tail) ?? this.closestDepartment(tail);
        if (!departmentCode) continue;
        const head = stripWords(rawHead, CONNECTORS, CONNECTORS);
        if (!head) continue;
        const found = this.lookup(head, 0, departmentCode) ?? this.lookup(head, typoBudget(head.length), departmentCode);
        if (!found) continue;
        const codes = [...found.municipalities].sort();
        if (codes.length === 1) return this.municipalityResult(codes[0], found.exact && this.departmentKeys.has(tail));
        if (codes.length > 1) return { kind: 'ambiguous', candidates: codes.map((c) => this.placeOf(c)) };
      }
    }
    return undefined;
  }

  private closestDepartment(text: string): string | undefined {
    const budget = typoBudget(text.length);
    if (budget === 0) return undefined;
    let best: { code: string; d: number } | undefined;
    for (const [name, code] of this.departmentKeys) {
      const d = distance(name, text);
      if (d <= budget && (!best || d < best.d)) best = { code, d };
    }
    return best?.code;
  }

  private placeOf(code: string): PlaceInDepartment {
    const municipality = this.municipalitiesByCode.get(code) as Municipality;
    return { municipality, department: this.departmentsByCode.get(municipality.departmentCode) as Department };
  }

  private municipalityResult(code: string, exact: boolean): PlaceResolution {
    return { kind: 'municipality', exact, ...this.placeOf(code) };
  }
}
