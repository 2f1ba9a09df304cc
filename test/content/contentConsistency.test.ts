/**
 * The content files agree with each other and with the research they come from:
 * - every locale has the same files, UI keys, choice groups (same ids, same order) and facts;
 * - every fact names at least one https source, and a real YYYY-MM-DD review date not in the future;
 *   both locales cite the same sources and flag the same facts as possibly outdated;
 * - no {placeholder} is left that the code does not fill;
 * - a phone number in content is one of the lines found in the research file, never a guess.
 */
import type { Locale } from '../../bot/config';
import { ContentCatalog } from '../../bot/content/catalog';
import type { Fact } from '../../bot/content/types';

const LOCALES: Locale[] = ['es', 'en'];
const [BASE, ...OTHERS] = LOCALES;
const catalog = new ContentCatalog();

/** Placeholders the code fills: ProBot's privacy notice and MainDialog's "coming soon". */
const KNOWN_PLACEHOLDERS = new Set(['ttlDays', 'topic', 'place', 'need', 'km']);

/**
 * The lines in /work/shared/research/colombia-orientation-facts.md (§1, §7, §8), digits only:
 * 123 Police, 155 women, 141 ICBF, 122 Fiscalía, PRO national line and WhatsApp, anti-trafficking
 * line, Migración Colombia, ICBF national line.
 */
const SHORT_LINES = new Set(['123', '155', '141', '122']);
const LONG_LINES = new Set(['018000180588', '573057341182', '018000522020', '018000423701', '018000918080']);

function fileNames(locale: Locale): string[] {
  return Object.keys(catalog.filesOf(locale)).sort();
}

/** Every text a file can send: UI strings, fact texts, choice titles, descriptions and synonyms. */
function allTexts(locale: Locale): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = [];
  for (const [file, content] of Object.entries(catalog.filesOf(locale))) {
    for (const [key, text] of Object.entries(content.ui)) texts.push({ where: `${locale}/${file}.ui.${key}`, text });
    for (const [key, fact] of Object.entries(content.facts ?? {})) texts.push({ where: `${locale}/${file}.facts.${key}`, text: fact.text });
    for (const [group, choices] of Object.entries(content.choices ?? {})) {
      for (const [id, choice] of Object.entries(choices)) {
        const where = `${locale}/${file}.choices.${group}.${id}`;
        texts.push({ where: `${where}.title`, text: choice.title });
        if (choice.description) texts.push({ where: `${where}.description`, text: choice.description });
        for (const synonym of choice.synonyms ?? []) texts.push({ where: `${where}.synonyms`, text: synonym });
      }
    }
  }
  return texts;
}

function allFacts(locale: Locale): { where: string; fact: Fact }[] {
  return Object.entries(catalog.filesOf(locale)).flatMap(([file, content]) =>
    Object.entries(content.facts ?? {}).map(([key, fact]) => ({ where: `${locale}/${file}.facts.${key}`, fact })),
  );
}

/** Phone numbers in a text: long digit runs (7+ digits, spaces allowed) and 3-digit lines. */
export function phoneNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\+?\d[\d \-]{5,}\d/g)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 7) found.push(digits);
  }
  // Short lines are written in bold (*123*) or after words like "línea", "llama al", "call".
  for (const match of text.matchAll(/\*(\d{3,6})\*/g)) found.push(match[1]);
  for (const match of text.matchAll(/\b(?:l[íi]nea|line|llama(?:r)?(?: gratis)?(?: al)?|marca|call|dial)\s+\*?(\d{3,6})\b/gi)) found.push(match[1]);
  return found;
}

function isAllowedLine(digits: string): boolean {
  return SHORT_LINES.has(digits) || LONG_LINES.has(digits);
}

describe('content consistency across locales', () => {
  it('every locale has the same content files', () => {
    for (const locale of OTHERS) expect({ locale, files: fileNames(locale) }).toEqual({ locale, files: fileNames(BASE) });
  });

  it.each(fileNames(BASE))('%s: same UI keys, choice groups and ids (in order), and facts in every locale', (file) => {
    const base = catalog.filesOf(BASE)[file];
    const shape = (locale: Locale) => {
      const content = catalog.filesOf(locale)[file];
      return {
        ui: Object.keys(content.ui).sort(),
        choices: Object.fromEntries(Object.entries(content.choices ?? {}).map(([group, choices]) => [group, Object.keys(choices)])),
        facts: Object.keys(content.facts ?? {}).sort(),
      };
    };
    expect(base).toBeDefined();
    for (const locale of OTHERS) expect({ locale, ...shape(locale) }).toEqual({ locale, ...shape(BASE) });
  });

  it('a fact cites the same sources, review date and outdated flag in every locale', () => {
    const problems: string[] = [];
    for (const { where, fact } of allFacts(BASE)) {
      const [, file, key] = /^\w+\/(\w+)\.facts\.(\w+)$/.exec(where) ?? [];
      for (const locale of OTHERS) {
        const other = catalog.filesOf(locale)[file]?.facts?.[key];
        if (!other) continue; // reported by the key test above
        if ([...fact.sources].sort().join() !== [...other.sources].sort().join()) problems.push(`${where}: sources differ in ${locale}`);
        if (fact.reviewed !== other.reviewed) problems.push(`${where}: reviewed date differs in ${locale}`);
        if (!!fact.mayBeOutdated !== !!other.mayBeOutdated) problems.push(`${where}: mayBeOutdated differs in ${locale}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.each(LOCALES)('facts of the %s content', (locale) => {
  const facts = allFacts(locale);
  const today = new Date().toISOString().slice(0, 10);

  it('has facts to check', () => {
    expect(facts.length).toBeGreaterThan(60);
  });

  it('every fact has at least one https source, and every source is a web address', () => {
    const problems: string[] = [];
    for (const { where, fact } of facts) {
      if (!Array.isArray(fact.sources) || fact.sources.length === 0) problems.push(`${where}: no sources`);
      else if (!fact.sources.some((s) => s.startsWith('https://'))) problems.push(`${where}: no https source`);
      for (const source of fact.sources ?? []) {
        let url: URL | undefined;
        try {
          url = new URL(source);
        } catch {
          url = undefined;
        }
        if (!url || !['https:', 'http:'].includes(url.protocol) || !url.hostname.includes('.')) problems.push(`${where}: "${source}" is not a web address`);
      }
    }
    expect(problems).toEqual([]);
  });

  it(`every fact has a real YYYY-MM-DD review date, not after today (${today})`, () => {
    const problems: string[] = [];
    for (const { where, fact } of facts) {
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(fact.reviewed) && new Date(`${fact.reviewed}T00:00:00Z`).toISOString().slice(0, 10) === fact.reviewed;
      if (!valid) problems.push(`${where}: reviewed "${fact.reviewed}" is not a YYYY-MM-DD date`);
      else if (fact.reviewed > today) problems.push(`${where}: reviewed ${fact.reviewed} is in the future`);
    }
    expect(problems).toEqual([]);
  });

  it('no {placeholder} is left that the code does not fill', () => {
    const unknown = allTexts(locale).flatMap(({ where, text }) =>
      [...text.matchAll(/\{(\w*)\}/g)].filter((m) => !KNOWN_PLACEHOLDERS.has(m[1])).map((m) => `${where}: ${m[0]}`),
    );
    expect(unknown).toEqual([]);
  });

  it('every phone number is a line from the research file', () => {
    const texts = allTexts(locale);
    const unknown = texts.flatMap(({ where, text }) => phoneNumbersIn(text).filter((n) => !isAllowedLine(n)).map((n) => `${where}: ${n}`));
    expect(unknown).toEqual([]);
    // The check must see the lines it allows, or it checks nothing.
    const seen = new Set(texts.flatMap(({ text }) => phoneNumbersIn(text)));
    for (const line of [...SHORT_LINES, ...LONG_LINES]) expect({ line, seen: seen.has(line) }).toEqual({ line, seen: true });
  });
});

describe('the phone number finder', () => {
  it.each([
    ['llama al *123*', ['123']],
    ['📞 *01 8000 180588*', ['018000180588']],
    ['WhatsApp *+57 305 7341182*', ['573057341182']],
    ['la línea 155 atiende', ['155']],
    ['call 911 now', ['911']],
    ['escribe al 300 123 4567', ['3001234567']],
  ])('finds the numbers in "%s"', (text, expected) => {
    expect(phoneNumbersIn(text)).toEqual(expect.arrayContaining(expected));
  });

  it.each(['desde el 19 de agosto de 2015', 'Resolución 9820 de 2025', 'hasta *90 días calendario*', 'entre el 1/02/2021 y el 3/12/2024', 'COP 65,000'])(
    'finds none in "%s"',
    (text) => {
      expect(phoneNumbersIn(text)).toEqual([]);
    },
  );

  it('rejects a number that is not in the research file', () => {
    expect(isAllowedLine('911')).toBe(false);
    expect(isAllowedLine('3001234567')).toBe(false);
    expect(isAllowedLine('018000423701')).toBe(true);
  });
});
