/**
 * What a message says about a child: that one is meant ("mi bebé", "mi hija", "los niños"), where
 * they were born ("nació en Cúcuta" → Colombia and 54001; "nació en Venezuela" → abroad; "nació
 * aquí"), the birth year and month ("nació en marzo de 2016") and whether they have a registro civil
 * ("no tiene registro civil", "ya está registrado"), and an age ("mi hijo de 3 años", "tiene 8 meses",
 * "recién nacido"). The birth details count only next to a birth verb in the third person: "nací en
 * Cúcuta" is the writer's own birth.
 */
import { GeoDirectory } from '../../geo/geoDirectory';
import { CLAUSE_BREAK, type MessageText } from './messageText';
import { FOREIGN_PLACES } from './placeNames';
import { placeAt } from './placeExtractor';
import { anyOf } from './patterns';
import type { ChildInfo, ChildWord, Understood } from './understanding';

const CHILD_WORDS: readonly [ChildWord, RegExp][] = [
  ['baby', /\b(bebe|bebes|bebito|bebita|recien nacid[oa]|baby|newborn)\b/],
  ['daughter', /\b(hija|hijita|nina|ninita|nena|chama|chamita|sobrina|nieta|daughter|girl)\b/],
  ['son', /\b(hijo|hijito|nino|ninito|nene|chamo|chamito|sobrino|nieto|(my|his|her|our) son)\b/],
  ['children', /\b(hijos|hijas|ninos|ninas|nenes|chamos|chamitos|menores|gemel[oa]s|melliz[oa]s|trillizos|twins|children|kids|sons|daughters)\b/],
  ['child', /\b(menor|adolescente|child|kid)\b/],
];
// "esperando un bebé" is a pregnancy, not a child already born.
const EXPECTING = /\b(esperando|espero|expecting) (un |a )?(bebe|baby)\b/;

const BIRTH_VERBS = new Set(['nacio', 'nacieron', 'nacida', 'nacido', 'nacidos', 'nacidas', 'born']);
const HERE = new Set(['aqui', 'aca', 'here']);
const WINDOW = 10;
const MONTHS: Readonly<Record<string, number>> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9,
  octubre: 10, noviembre: 11, diciembre: 12, january: 1, february: 2, march: 3, april: 4, june: 6, july: 7,
  august: 8, september: 9, october: 10, november: 11, december: 12,
};

// An age: "de 3 años", "tiene 8 meses", "3 years old". Not "hace (más) de 3 años" (a time ago), nor "tiene
// 3 años en Colombia / aquí / viviendo" (how long they have lived somewhere).
const AGE_NUMBERS: Readonly<Record<string, number>> = {
  un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const AGE_NUMBER = String.raw`(\d{1,2}|${Object.keys(AGE_NUMBERS).join('|')})`;
const AGE = new RegExp(
  String.raw`(?<!\b(?:hace|mas|menos) )\b(?:de|tiene|tienen|cumplio|cumple|con) ${AGE_NUMBER} (anos|ano|meses|mes|semanas|semana|dias|dia)\b(?! (?:en|aqui|aca|viviendo|de estar|de vivir|fuera|sin))` +
    String.raw`|\b${AGE_NUMBER} (years?|months?|weeks?|days?) old\b`,
);
const NEWBORN = /\b(recien nacid[oa]s?|newborn|acaba de nacer|acaban de nacer|just born)\b/;

/** Words after the child is named in which an age is theirs ("mi hijo de 3 años"), not another person's. */
const AGE_WINDOW = 8;

/** The child's age in whole years when the words after `mentionAt` say it; months, weeks and days are 0. */
function readAge(padded: string, mentionAt: number): { years: number; evidence: string } | undefined {
  const after = ` ${padded.slice(mentionAt).trim().split(' ').slice(0, AGE_WINDOW + 1).join(' ')} `;
  const newborn = NEWBORN.exec(after);
  if (newborn) return { years: 0, evidence: newborn[0] };
  const found = AGE.exec(after);
  if (!found) return undefined;
  // Groups: the number and the unit, of the Spanish form (1, 2) or of the English one (3, 4).
  const number = found[1] ?? found[3];
  const unit = found[2] ?? found[4];
  const count = AGE_NUMBERS[number] ?? Number(number);
  return { years: /^(anos?|years?)$/.test(unit) ? count : 0, evidence: found[0].trim() };
}

const NOT_REGISTERED = anyOf([
  String.raw`\b(no|sin|ni) (tiene |tienen |cuenta con |le han hecho |le hicieron )?(el |su )?registro( civil)?\b`,
  // "he" is often written as it sounds: "no lo e registrado", "no lo a registrado", "no emos podido".
  // ("registre" arrives here as "registro": the keyword speller corrects it.)
  String.raw`\bno (lo |la |los |las )?(he|e|hemos|emos|han|an|ha|a) (podido |logrado )?(registrad[oa]s?|registrar(lo|la|los|las)?)\b`,
  String.raw`\bno (lo|la|los|las) (registre|registro|registramos|registraron|pude registrar|pudimos registrar)\b`,
  String.raw`\bno (esta|estan) registrad[oa]s?\b`,
  String.raw`\b(has|have|with|without) no birth (certificate|registration)\b|\bnot registered\b|\bno birth certificate\b|\bwithout (a )?birth certificate\b`,
]);
const REGISTERED = anyOf([
  String.raw`\bya (tiene|tienen|cuenta con) (el |su )?registro( civil)?\b`,
  String.raw`\bya (esta|estan) registrad[oa]s?\b`,
  String.raw`\bya (lo|la|los|las) (registre|registramos|registraron)\b`,
  String.raw`(?<!\bno )\b(tiene|tienen) (el |su )?registro civil\b`,
  String.raw`\b(has|have) (a |his |her )?birth certificate\b|\bis registered\b`,
]);

// A child's ID document ("mi hijo no tiene papeles", "no tenemos ppt"); a registro civil is not one of them.
const DOCUMENT = String.raw`(papeles|documentos?|ppt|pep|permiso|cedula( de extranjeria)?|identificacion|pasaporte|papers|documents|id)`;
const FAMILY_NO_DOCUMENT = String.raw`\bno (tenemos|contamos con) (ningun |ni |nada de )?${DOCUMENT}\b`;
const NO_DOCUMENT = anyOf([
  // Said of the child (the subject of "no tiene", or "sin papeles" a few words after the child).
  String.raw`\b(no|ni) (tiene|tienen|cuenta con|cuentan con) (ningun |ni |el |su |sus )?${DOCUMENT}\b`,
  String.raw`\bsin (ningun |el |su |sus )?${DOCUMENT}\b`,
  String.raw`\b(has|have) no ${DOCUMENT}\b|\b(does not|doesn't|doesnt|do not|don't|dont) have (any )?${DOCUMENT}\b`,
  // Of the whole family, the child included.
  FAMILY_NO_DOCUMENT,
]);
const FAMILY_NONE = anyOf([FAMILY_NO_DOCUMENT]);
const HAS_DOCUMENT = anyOf([
  String.raw`(?<!\bno )(?<!\bni )\b(ya )?(tiene|tienen|tenemos) (el |su |sus )?(ppt|cedula de extranjeria)\b`,
  String.raw`(?<!\bnot )(?<!\bno )\b(has|have) (a |his |her |the )?ppt\b`,
]);
// Someone else between the child and the words: "mi hijo está con mi esposo que no tiene papeles".
const ADULT = /\b(yo|esposo|esposa|marido|mujer|pareja|mama|papa|madre|padre|hermano|hermana|suegr[oa]|tio|tia|abuel[oa]|husband|wife|partner|mother|father|i)\b/;
const DOCUMENT_WINDOW = 8;

/** Whether the child has an ID document, from what follows the child's mention. */
function readDocument(padded: string, mention: string): { hasDocument: boolean; evidence: string } | undefined {
  const from = padded.indexOf(mention);
  const after = padded.slice(from);
  for (const [pattern, hasDocument] of [[NO_DOCUMENT, false], [HAS_DOCUMENT, true]] as const) {
    const found = pattern.exec(after);
    if (!found) continue;
    const between = after.slice(mention.length, found.index);
    // "no tenemos papeles", or the child and the writer together: "mi hijo y yo no tenemos", "my son and I have no papers".
    const family = /\b(tenemos|contamos)\b/.test(found[0]) || /^ ?(y yo|and i)( \w+)? ?$/.test(between);
    if (!family && (between.split(' ').filter(Boolean).length > DOCUMENT_WINDOW || ADULT.test(between))) continue;
    return { hasDocument, evidence: found[0].trim() };
  }
  // "no tenemos papeles, y mi hijo…": the family's papers, said before the child.
  const before = FAMILY_NONE.exec(padded.slice(0, from));
  return before ? { hasDocument: false, evidence: before[0].trim() } : undefined;
}

interface Birth {
  birthplace?: ChildInfo['birthplace'];
  birthMunicipalityCode?: string;
  birthYear?: number;
  birthMonth?: number;
  evidence?: string;
}

/** Birth details in the words after a birth verb (same clause, a few words). */
function readBirth(tokens: readonly string[], geo: GeoDirectory): Birth {
  const birth: Birth = {};
  const verbAt = tokens.findIndex((t) => BIRTH_VERBS.has(t));
  if (verbAt === -1) return birth;
  let end = verbAt + 1;
  for (let i = verbAt + 1; i < tokens.length && i <= verbAt + WINDOW && tokens[i] !== CLAUSE_BREAK; i++) {
    const token = tokens[i];
    end = i + 1;
    if (/^(19|20)\d\d$/.test(token)) birth.birthYear ??= Number(token);
    else if (MONTHS[token] !== undefined && ['en', 'in', 'de', 'el', 'of'].includes(tokens[i - 1])) birth.birthMonth ??= MONTHS[token];
    else if (HERE.has(token) || token === 'colombia') birth.birthplace ??= 'colombia';
    else if (FOREIGN_PLACES.has(token) || FOREIGN_PLACES.has(`${token} ${tokens[i + 1] ?? ''}`)) birth.birthplace = 'abroad';
    else if (['en', 'in', 'de'].includes(token) && MONTHS[tokens[i + 1]] === undefined && birth.birthMunicipalityCode === undefined && birth.birthplace !== 'abroad') {
      // Typos forgiven, everyday words not: "nació en la playa" is a beach, not La Playa (Norte de Santander).
      const place = placeAt(tokens, i + 1, true, geo, false);
      if (place?.value.municipalityCode) {
        birth.birthplace = 'colombia';
        birth.birthMunicipalityCode = place.value.municipalityCode;
      } else if (place) {
        birth.birthplace = 'colombia';
      }
    }
  }
  birth.evidence = tokens.slice(verbAt, end).join(' ');
  return birth;
}

/** What was said about a child, when a child is mentioned. */
export function extractChild(message: MessageText, geo = GeoDirectory.shipped()): Understood<ChildInfo> | undefined {
  const { padded, tokens } = message;
  const unborn = EXPECTING.test(padded);
  let mention: { word: ChildWord; evidence: string } | undefined;
  for (const [word, pattern] of CHILD_WORDS) {
    const found = pattern.exec(unborn ? padded.replace(EXPECTING, ' ') : padded);
    if (found && (!mention || found.index < padded.indexOf(mention.evidence))) mention = { word, evidence: found[0] };
  }
  if (!mention) return undefined;
  const info: ChildInfo = { word: mention.word };
  const evidence = [mention.evidence];
  const birth = readBirth(tokens, geo);
  if (birth.birthplace) info.birthplace = birth.birthplace;
  if (birth.birthMunicipalityCode) info.birthMunicipalityCode = birth.birthMunicipalityCode;
  if (birth.birthYear) info.birthYear = birth.birthYear;
  if (birth.birthMonth) info.birthMonth = birth.birthMonth;
  if (birth.evidence) evidence.push(birth.evidence);
  const age = readAge(padded, padded.indexOf(mention.evidence));
  if (age) {
    info.ageYears = age.years;
    evidence.push(age.evidence);
  }
  const notRegistered = NOT_REGISTERED.exec(padded);
  const registered = notRegistered ? undefined : REGISTERED.exec(padded);
  if (notRegistered) info.registered = false;
  if (registered) info.registered = true;
  const registration = notRegistered ?? registered;
  if (registration) evidence.push(registration[0].trim());
  const document = readDocument(padded, mention.evidence);
  if (document) {
    info.hasDocument = document.hasDocument;
    evidence.push(document.evidence);
  }
  return { value: info, evidence: evidence.join(' … ') };
}
