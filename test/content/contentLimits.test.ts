/**
 * Every string the bot can send fits WhatsApp's limits (bot/channels/whatsapp/limits.ts) and the
 * reading budget, in every locale and content file: Meta rejects a message that breaks a limit and the
 * person gets nothing. The rules live in bot/content/contentValidation.ts (imports apply them too):
 * - texts ≤ 4096; a UI string as a question (with the retry line) ≤ 1024, the body of an interactive message;
 * - one fact, filled and with the "may be outdated" note it gets past its reviewBy, ≤ 600 characters;
 * - choice groups: ≤ 3 are reply buttons (title ≤ 20), 4–10 a list (row title ≤ 24, description ≤ 72).
 * The main menu's own rules (ids, numbered rows) are checked here, against the dialogs that build it.
 */
import type { Locale } from '../../bot/content/locale';
import { CONTENT_FILES, ContentCatalog, ContentFileName } from '../../bot/content/catalog';
import { describeProblem, FACT_BUDGET, FILLED_PLACEHOLDERS, validateContent } from '../../bot/content/contentValidation';
import type { LocaleFiles } from '../../bot/content/types';
import { LIMITS } from '../../bot/channels/whatsapp/limits';
import { MENU_IDS } from '../../dialogs/mainDialog';
import { numberedTitle } from '../../bot/turn/replies';

const LOCALES: Locale[] = ['es', 'en'];
const catalog = new ContentCatalog();
const problems = validateContent(CONTENT_FILES);

describe.each(LOCALES)('WhatsApp limits of the %s content', (locale) => {
  const mine = problems.filter((p) => p.locale === locale);

  it('has content to check (every theme file is registered)', () => {
    expect(Object.keys(catalog.filesOf(locale)).sort()).toEqual(
      ['civil_registry', 'common', 'education', 'handoff', 'health', 'pro_points', 'profile', 'protection', 'regularization', 'rights', 'services', 'understanding', 'whatsapp', 'work'].sort(),
    );
  });

  it('every UI string and choice fits WhatsApp: texts, question bodies, buttons and list rows', () => {
    expect(mine.filter((p) => p.rule === 'whatsappLimit').map(describeProblem)).toEqual([]);
  });

  it(`every fact, filled and with the "may be outdated" note, is at most ${FACT_BUDGET} characters`, () => {
    expect(mine.filter((p) => p.rule === 'budget').map(describeProblem)).toEqual([]);
    // What is sent is what was measured: catalog.fact() with the note adds exactly the note.
    const note = catalog.ui(locale, 'common', 'outdatedNote');
    for (const [file, content] of Object.entries(catalog.filesOf(locale))) {
      for (const key of Object.keys(content.facts ?? {})) {
        const sent = catalog.fact(locale, file as ContentFileName, key, FILLED_PLACEHOLDERS as Record<string, string | number>);
        const shown = sent.endsWith(note) ? sent : `${sent}\n\n${note}`;
        expect({ key: `${file}.${key}`, fits: shown.length <= FACT_BUDGET }).toEqual({ key: `${file}.${key}`, fits: true });
      }
    }
  });

  it('the main menu: the theme ids, numbered titles "N. title" ≤ 24 characters, each also a button (≤ 20)', () => {
    const menu = catalog.choices(locale, 'common', 'menu');
    expect(menu.map((c) => c.id)).toEqual([...MENU_IDS]);
    const problems = menu
      .map((choice, index) => numberedTitle(choice, index))
      .filter((title) => title.length > LIMITS.listRowTitle)
      .map((title) => `"${title}" is ${title.length} characters (max ${LIMITS.listRowTitle})`);
    expect(problems).toEqual([]);
    // "Which topic?" offers two menu rows plus "back to menu" as buttons.
    expect(menu.filter((c) => c.title.length > LIMITS.buttonTitle).map((c) => c.title)).toEqual([]);
  });

  it('the list button label fits (≤ 20)', () => {
    expect(catalog.ui(locale, 'common', 'menuButton').length).toBeLessThanOrEqual(LIMITS.listButton);
  });
});

describe('the limit checks themselves', () => {
  /** The real files with one choice group replaced. */
  const withGroup = (size: number, title: string): Record<string, LocaleFiles> => {
    const group = Object.fromEntries(Array.from({ length: size }, (_, i) => [`c${i}`, { title: i === 0 ? title : `Opción ${i}` }]));
    const es = { ...CONTENT_FILES.es, profile: { ...CONTENT_FILES.es.profile, choices: { ...CONTENT_FILES.es.profile.choices, probe: group } } };
    return { es };
  };
  const limitProblems = (content: Record<string, LocaleFiles>) => validateContent(content).filter((p) => p.rule === 'whatsappLimit' && p.path.startsWith('choices.probe'));

  it('catch a title too long for a button (3 choices) but fine for a list row (5 choices)', () => {
    const title = 'Veintiún caracteres!!';
    expect(title.length).toBe(21);
    expect(limitProblems(withGroup(3, title)).map((p) => p.path)).toEqual(['choices.probe.c0.title']);
    expect(limitProblems(withGroup(5, title))).toEqual([]);
  });

  it('catch a group of more than ten choices', () => {
    expect(limitProblems(withGroup(11, 'Sí')).map((p) => p.reason)).toEqual(['has 11 choices (max 10)']);
  });
});
