/**
 * Every string the bot can send fits WhatsApp's limits (bot/channels/whatsapp/limits.ts), in every
 * locale and every content file: Meta rejects a message that breaks one and the person gets nothing.
 * - texts: ≤ 4096 characters; a question (with the "not understood" retry line) ≤ 1024 as the body
 *   of an interactive message; facts short enough to read on a phone;
 * - choice groups: ≤ 3 choices are reply buttons (title ≤ 20), 4–10 a list (row title ≤ 24,
 *   description ≤ 72), never more than 10; the main menu's numbered rows "N. title" ≤ 24.
 */
import type { Locale } from '../../bot/config';
import { ContentCatalog, ContentFileName, fill } from '../../bot/content/catalog';
import type { ChoiceText } from '../../bot/content/types';
import { LIMITS } from '../../bot/channels/whatsapp/limits';
import { MENU_IDS } from '../../dialogs/mainDialog';
import { numberedTitle } from '../../dialogs/replies';

const LOCALES: Locale[] = ['es', 'en'];
const catalog = new ContentCatalog();
/** Values for the placeholders the code fills (contentConsistency checks no others exist), long on purpose. */
const PLACEHOLDER_VALUES = { ttlDays: 365, topic: 'Regularización y PPT', place: 'San Andrés de Tumaco (Nariño)', need: 'Documentos y trámites', km: 1234 };
/** A fact is one message: a few short paragraphs a person reads on a small screen (STYLE: short messages). */
const READABLE_FACT = 600;

interface Row {
  where: string;
  value: string;
  max: number;
}

function uiStrings(locale: Locale): Row[] {
  const retry = catalog.ui(locale, 'common', 'choiceNotUnderstood');
  const rows: Row[] = [];
  for (const [file, content] of Object.entries(catalog.filesOf(locale))) {
    for (const [key, text] of Object.entries(content.ui)) {
      const filled = fill(text, PLACEHOLDER_VALUES);
      rows.push({ where: `${locale}/${file}.ui.${key}`, value: filled, max: LIMITS.textBody });
      // Any UI string may be a question: with the retry line it is the body of a buttons/list message.
      rows.push({ where: `${locale}/${file}.ui.${key} (as a question, retried)`, value: `${retry}\n\n${filled}`, max: LIMITS.interactiveBody });
    }
  }
  return rows;
}

function factTexts(locale: Locale): Row[] {
  const rows: Row[] = [];
  for (const [file, content] of Object.entries(catalog.filesOf(locale))) {
    for (const key of Object.keys(content.facts ?? {})) {
      // catalog.fact() is what is sent: filled, plus the "may be outdated" note where flagged.
      const text = catalog.fact(locale, file as ContentFileName, key, PLACEHOLDER_VALUES);
      rows.push({ where: `${locale}/${file}.facts.${key}`, value: text, max: LIMITS.textBody });
      rows.push({ where: `${locale}/${file}.facts.${key} (readable on a phone)`, value: text, max: READABLE_FACT });
    }
  }
  return rows;
}

interface Group {
  where: string;
  choices: [string, ChoiceText][];
}

function choiceGroups(locale: Locale): Group[] {
  const groups: Group[] = [];
  for (const [file, content] of Object.entries(catalog.filesOf(locale))) {
    for (const [group, choices] of Object.entries(content.choices ?? {})) {
      groups.push({ where: `${locale}/${file}.choices.${group}`, choices: Object.entries(choices) });
    }
  }
  return groups;
}

function choiceRows(locale: Locale): Row[] {
  const rows: Row[] = [];
  for (const { where, choices } of choiceGroups(locale)) {
    const asButtons = choices.length <= LIMITS.buttonsMax;
    for (const [id, choice] of choices) {
      rows.push({ where: `${where}.${id}.title`, value: choice.title, max: asButtons ? LIMITS.buttonTitle : LIMITS.listRowTitle });
      rows.push({ where: `${where}.${id} (id)`, value: id, max: asButtons ? LIMITS.buttonId : LIMITS.listRowId });
      if (choice.description !== undefined) rows.push({ where: `${where}.${id}.description`, value: choice.description, max: LIMITS.listRowDescription });
    }
  }
  return rows;
}

function tooLong(rows: Row[]): string[] {
  return rows.filter((r) => r.value.length > r.max).map((r) => `${r.where}: ${r.value.length} characters (max ${r.max})`);
}

function empty(rows: Row[]): string[] {
  return rows.filter((r) => r.value.trim() === '').map((r) => `${r.where} is empty`);
}

describe.each(LOCALES)('WhatsApp limits of the %s content', (locale) => {
  it('has content to check (every theme file is registered)', () => {
    expect(Object.keys(catalog.filesOf(locale)).sort()).toEqual(
      ['civil_registry', 'common', 'education', 'health', 'pro_points', 'profile', 'protection', 'regularization', 'rights', 'services', 'work'].sort(),
    );
  });

  it('every UI string fits a text message, and as a question the body of an interactive message', () => {
    const rows = uiStrings(locale);
    expect(rows.length).toBeGreaterThan(50);
    expect([...tooLong(rows), ...empty(rows)]).toEqual([]);
  });

  it('every fact, filled and with its outdated note, fits a text message and reads on a phone', () => {
    const rows = factTexts(locale);
    expect(rows.length).toBeGreaterThan(60);
    expect([...tooLong(rows), ...empty(rows)]).toEqual([]);
  });

  it('every choice group: ≤ 3 → button titles ≤ 20; 4–10 → list rows ≤ 24; descriptions ≤ 72', () => {
    const rows = choiceRows(locale);
    expect(rows.length).toBeGreaterThan(60);
    expect([...tooLong(rows), ...empty(rows)]).toEqual([]);
  });

  it('no choice group has more than 10 choices, and titles in a group are unique', () => {
    const problems: string[] = [];
    for (const { where, choices } of choiceGroups(locale)) {
      if (choices.length === 0) problems.push(`${where} has no choices`);
      if (choices.length > LIMITS.listRowsMax) problems.push(`${where} has ${choices.length} choices (max ${LIMITS.listRowsMax})`);
      const titles = choices.map(([, c]) => c.title.toLocaleLowerCase());
      if (new Set(titles).size !== titles.length) problems.push(`${where} repeats a title (WhatsApp rejects it)`);
    }
    expect(problems).toEqual([]);
  });

  it('the main menu: ten rows, numbered titles "N. title" ≤ 24 characters', () => {
    const menu = catalog.choices(locale, 'common', 'menu');
    expect(menu.map((c) => c.id)).toEqual([...MENU_IDS]);
    const problems = menu
      .map((choice, index) => numberedTitle(choice, index))
      .filter((title) => title.length > LIMITS.listRowTitle)
      .map((title) => `"${title}" is ${title.length} characters (max ${LIMITS.listRowTitle})`);
    expect(problems).toEqual([]);
  });

  it('menu rows also fit a button (≤ 20), since "which topic?" offers two of them plus "back to menu"', () => {
    const rows = catalog.choices(locale, 'common', 'menu').map((c) => ({ where: `${locale}/common.choices.menu.${c.id}`, value: c.title, max: LIMITS.buttonTitle }));
    expect(tooLong(rows)).toEqual([]);
  });

  it('the list button label fits (≤ 20)', () => {
    const label = catalog.ui(locale, 'common', 'menuButton');
    expect(label.length).toBeLessThanOrEqual(LIMITS.listButton);
  });
});

describe('the limit checks themselves', () => {
  it('catch a title that is too long for a button but fine for a list row', () => {
    const title = 'Veintiún caracteres!!';
    expect(title.length).toBe(21);
    expect(tooLong([{ where: 'button', value: title, max: LIMITS.buttonTitle }])).toHaveLength(1);
    expect(tooLong([{ where: 'row', value: title, max: LIMITS.listRowTitle }])).toHaveLength(0);
  });
});
