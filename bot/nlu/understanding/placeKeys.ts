/**
 * Every name under which `GeoDirectory` finds a place exactly (official names, aliases, and
 * "municipality department" pairs), folded, plus a typo index over them. Lets the place extractor
 * ask the directory only about words that are a place name: the directory's own typo search scans
 * every name (milliseconds), too slow for each phrase of every message.
 */
import { distance } from 'fastest-levenshtein';
import { GeoDirectory } from '../../geo/geoDirectory';
import { DEPARTMENT_ALIASES, MUNICIPALITY_ALIASES } from '../../geo/placeAliases';
import { foldPlaceText } from '../../geo/placeText';
import { allowedEdits, CorrectionCache, TOLERANCE } from '../../text/fuzzy';
import { foldSpelling } from '../terms';

/** Spelling-folded form of a place key, so "medeyin" and "medellin" meet. */
function soundOf(key: string): string {
  return key.split(' ').map(foldSpelling).join(' ');
}

export class PlaceKeys {
  private static readonly byDirectory = new WeakMap<GeoDirectory, PlaceKeys>();
  private readonly keys = new Set<string>();
  /** Sound → key, for names (not pairs) that a typo may be aimed at, bucketed by length. */
  private readonly sounds = new Map<number, Map<string, string>>();
  /** What `closest` found for each span (messages repeat the same short words: "menu", "atras"). */
  private readonly found = new CorrectionCache<string | undefined>();

  private constructor(geo: GeoDirectory) {
    const departments = new Map<string, string[]>();
    for (const d of geo.departments()) departments.set(d.code, [foldPlaceText(d.name), ...(DEPARTMENT_ALIASES[d.code] ?? [])]);
    for (const names of departments.values()) for (const name of names) this.addName(name);
    for (const m of geo.municipalities()) {
      for (const name of [foldPlaceText(m.name), ...(MUNICIPALITY_ALIASES[m.code] ?? [])]) {
        this.addName(name);
        for (const department of departments.get(m.departmentCode) ?? []) {
          this.keys.add(`${name} ${department}`);
          this.keys.add(`${name} de ${department}`);
        }
      }
    }
  }

  static of(geo: GeoDirectory): PlaceKeys {
    let keys = PlaceKeys.byDirectory.get(geo);
    if (!keys) PlaceKeys.byDirectory.set(geo, (keys = new PlaceKeys(geo)));
    return keys;
  }

  /** True when the directory knows this folded text as a place exactly. */
  has(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * The known name a typed span probably means: the span itself when known, else the single name
   * whose spelling-folded form is at most one edit away (none when two names are equally close).
   */
  closest(span: string): string | undefined {
    if (this.keys.has(span)) return span;
    return this.found.get(span, () => this.nearest(span));
  }

  private nearest(span: string): string | undefined {
    const sound = soundOf(span);
    const edits = allowedEdits(sound.length, TOLERANCE.placeSounds);
    let found: string | undefined;
    for (let length = sound.length - edits; length <= sound.length + edits; length++) {
      for (const [candidate, key] of this.sounds.get(length) ?? []) {
        if (distance(candidate, sound) <= edits) {
          if (found !== undefined && found !== key) return undefined;
          found = key;
        }
      }
    }
    return found;
  }

  private addName(name: string): void {
    this.keys.add(name);
    const sound = soundOf(name);
    const bucket = this.sounds.get(sound.length) ?? new Map<string, string>();
    if (!bucket.has(sound)) bucket.set(sound, name);
    this.sounds.set(sound.length, bucket);
  }
}
