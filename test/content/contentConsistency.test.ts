/**
 * The repository's content files meet every rule of bot/content/contentValidation.ts (the same rules
 * `pro content import` applies to a spreadsheet): same keys and facts in every locale, sources, real
 * review dates with a `reviewBy` after them, only filled placeholders, only allow-listed phone lines.
 * Dates are checked against each other and never against a future calendar: nothing here fails
 * merely because time passed (a fact past its reviewBy is shown with a note, not a failing test).
 * The checks below also prove they can see what they check.
 */
import { CONTENT_FILES, ContentCatalog } from '../../bot/content/catalog';
import { ALLOWED_LINES, isAllowedLine, phoneNumbersIn } from '../../bot/content/contentPhones';
import { ContentRule, describeProblem, validateContent } from '../../bot/content/contentValidation';
import { colombianDate } from '../../bot/content/reviewSchedule';

const catalog = new ContentCatalog();
// "reviewed" may not be after today: the real clock only moves on, so this never starts failing.
const problems = validateContent(CONTENT_FILES, { today: colombianDate(new Date()), requireReviewBy: true });
const broken = (...rules: ContentRule[]) => problems.filter((p) => rules.includes(p.rule)).map(describeProblem);

/** The lines of the research file (§1, §7, §8) that content has always given: the finder must see each. */
const SEED_LINES = ['123', '155', '141', '122', '018000180588', '573057341182', '018000522020', '018000423701', '018000918080'];

describe('content consistency across locales', () => {
  it('every locale has the same content files, UI keys, choice ids (in order) and facts', () => {
    expect(broken('sameShape')).toEqual([]);
    expect(catalog.locales()).toEqual(['es', 'en']);
  });

  it('a fact cites the same sources, dates and flags in every locale', () => {
    expect(broken('sameFact')).toEqual([]);
  });
});

describe('facts', () => {
  const facts = catalog.facts();

  it('there are facts to check, in both locales', () => {
    expect(facts.filter((f) => f.locale === 'es').length).toBeGreaterThan(60);
    expect(facts.filter((f) => f.locale === 'en').length).toBe(facts.filter((f) => f.locale === 'es').length);
  });

  it('every fact has at least one https source, and every source is a web address', () => {
    expect(broken('source')).toEqual([]);
  });

  it('every fact has a real YYYY-MM-DD review date, not after today', () => {
    expect(broken('date')).toEqual([]);
  });

  it('every fact states its reviewBy date, after the day it was reviewed', () => {
    expect(broken('reviewBy')).toEqual([]);
    for (const { key, locale, fact } of facts) expect({ key, locale, after: fact.reviewBy > fact.reviewed }).toEqual({ key, locale, after: true });
  });

  it('no {placeholder} is left that the code does not fill, and no text is empty', () => {
    expect(broken('placeholder', 'empty')).toEqual([]);
  });

  it('every phone number is an allow-listed line from the research', () => {
    expect(broken('phone')).toEqual([]);
  });

  it('the phone check sees the lines it allows (or it would check nothing)', () => {
    const texts = Object.values(CONTENT_FILES).flatMap((files) =>
      Object.values(files).flatMap((file) => [
        ...Object.values(file.ui),
        ...Object.values(file.facts ?? {}).map((f) => f.text),
        ...Object.values(file.choices ?? {}).flatMap((group) => Object.values(group).flatMap((c) => [c.title, c.description ?? '', ...(c.synonyms ?? [])])),
      ]),
    );
    const seen = new Set(texts.flatMap((text) => phoneNumbersIn(text)));
    for (const line of SEED_LINES) expect({ line, seen: seen.has(line) }).toEqual({ line, seen: true });
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

  it('allows only the sourced lines, each with its source', () => {
    expect(isAllowedLine('911')).toBe(false);
    expect(isAllowedLine('3001234567')).toBe(false);
    expect(isAllowedLine('018000423701')).toBe(true);
    for (const line of ALLOWED_LINES) expect(line.source).toMatch(/^\/work\/shared\/research\/.+\.md /);
  });
});
