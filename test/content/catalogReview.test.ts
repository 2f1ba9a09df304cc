/**
 * The catalog's own review cycle, by an injected clock: past its reviewBy a fact gets the "may be
 * outdated" note; reviewBy defaults from reviewed (180 days, 60 with a deadline); an override that
 * breaks a content rule is left out and the file's text stays.
 */
import { CONTENT_FILES, ContentCatalog } from '../../bot/content/catalog';
import { colombianDate, reviewByOf } from '../../bot/content/reviewSchedule';
import type { LocaleFiles } from '../../bot/content/types';

const note = CONTENT_FILES.es.common.ui.outdatedNote;
const FACT = CONTENT_FILES.es.common.facts?.nationalLine;

/** The real files with common.nationalLine given these review fields, in both locales. */
function withNationalLine(review: { reviewed: string; reviewBy?: string; deadline?: boolean }): Record<'es' | 'en', LocaleFiles> {
  const set = (files: LocaleFiles): LocaleFiles => {
    const fact = { ...files.common.facts!.nationalLine, mayBeOutdated: false, ...review };
    if (!review.reviewBy) delete fact.reviewBy;
    return { ...files, common: { ...files.common, facts: { ...files.common.facts, nationalLine: fact } } };
  };
  return { es: set(CONTENT_FILES.es), en: set(CONTENT_FILES.en) };
}
const at = (day: string) => () => new Date(`${day}T17:00:00Z`); // noon in Bogotá

describe('colombianDate', () => {
  it('turns at midnight in Bogotá (05:00 UTC), also when asked again within the same minute', () => {
    const before = new Date('2026-12-02T04:59:30.000Z');
    expect(colombianDate(before)).toBe('2026-12-01');
    expect(colombianDate(new Date('2026-12-02T04:59:59.999Z'))).toBe('2026-12-01');
    expect(colombianDate(new Date('2026-12-02T05:00:00.000Z'))).toBe('2026-12-02');
    expect(colombianDate(new Date('2026-12-02T05:00:59.000Z'))).toBe('2026-12-02');
    expect(colombianDate(before)).toBe('2026-12-01');
    expect(colombianDate(new Date('2027-01-01T04:00:00.000Z'))).toBe('2026-12-31');
  });
});

describe('the outdated note by the catalog clock', () => {
  it('is added the day after reviewBy, not before', () => {
    const files = withNationalLine({ reviewed: '2026-06-01', reviewBy: '2027-01-15' });
    expect(new ContentCatalog(files, { now: at('2027-01-15') }).fact('es', 'common', 'nationalLine')).not.toContain(note);
    expect(new ContentCatalog(files, { now: at('2027-01-16') }).fact('es', 'common', 'nationalLine')).toBe(`${FACT?.text}\n\n${note}`);
  });

  it('without reviewBy: due 180 days after reviewed, 60 with a deadline', () => {
    expect(reviewByOf({ reviewed: '2026-12-01' })).toBe('2027-05-30');
    expect(reviewByOf({ reviewed: '2026-12-01', deadline: true })).toBe('2027-01-30');
    const deadline = withNationalLine({ reviewed: '2026-12-01', deadline: true });
    expect(new ContentCatalog(deadline, { now: at('2027-01-30') }).fact('es', 'common', 'nationalLine')).not.toContain(note);
    expect(new ContentCatalog(deadline, { now: at('2027-01-31') }).fact('es', 'common', 'nationalLine')).toContain(note);
  });
});

describe('overrides', () => {
  const sources = FACT?.sources ?? [];
  const good = (locale: 'es' | 'en', text: string) => ({ key: 'common.nationalLine', locale, text, sources, reviewed: '2026-12-01' });

  it('a valid pair of overrides replaces the text in both locales', () => {
    const catalog = new ContentCatalog(CONTENT_FILES, { now: at('2026-12-01') });
    expect(catalog.applyOverrides([good('es', 'Línea PRO *01 8000 180588*.'), good('en', 'PRO line *01 8000 180588*.')])).toEqual({ applied: 2, rejected: [] });
    expect(catalog.fact('es', 'common', 'nationalLine')).toBe('Línea PRO *01 8000 180588*.');
  });

  it('an override that breaks a rule is left out, and its other locale too when they would disagree', () => {
    const catalog = new ContentCatalog(CONTENT_FILES, { now: at('2026-12-01') });
    const outcome = catalog.applyOverrides([
      { ...good('es', 'Llama al 300 123 4567.'), sources: ['https://example.org/other'] },
      { ...good('en', 'Call 01 8000 180588.'), sources: ['https://example.org/other'] },
    ]);
    expect(outcome.applied).toBe(0);
    expect(outcome.rejected.map((r) => [r.locale, r.problems.map((p) => p.rule)[0]])).toEqual([
      ['es', 'phone'],
      ['en', 'sameFact'],
    ]);
    expect(catalog.fact('es', 'common', 'nationalLine')).toContain(FACT?.text ?? '');
  });
});
