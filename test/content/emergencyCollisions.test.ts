/**
 * A choice a person may type must not look like an emergency. The emergency check runs before any
 * prompt (bot/emergency/emergencyDetector.ts), so typing a choice's title or synonym that it takes for a
 * cry for help ("trata", "violencia") shows the emergency lines instead of opening the topic.
 * The fix belongs in the content (a different title, no such synonym), never in a weaker detector:
 * someone who writes only "violencia" may be in danger, and outside a choice prompt that must fire.
 */
import type { Locale } from '../../bot/content/locale';
import { ContentCatalog } from '../../bot/content/catalog';
import { detectEmergency } from '../../bot/nlu';

const LOCALES: Locale[] = ['es', 'en'];
const catalog = new ContentCatalog();

interface Typable {
  where: string;
  text: string;
}

/** Every title and synonym of every choice, in every content file and locale. */
function typableChoiceTexts(locale: Locale): Typable[] {
  const texts: Typable[] = [];
  for (const [file, content] of Object.entries(catalog.filesOf(locale))) {
    for (const [group, choices] of Object.entries(content.choices ?? {})) {
      for (const [id, choice] of Object.entries(choices)) {
        const where = `${locale}/${file}.choices.${group}.${id}`;
        texts.push({ where: `${where}.title`, text: choice.title });
        for (const synonym of choice.synonyms ?? []) texts.push({ where: `${where}.synonyms "${synonym}"`, text: synonym });
      }
    }
  }
  return texts;
}

describe.each(LOCALES)('choices of the %s content', (locale) => {
  const texts = typableChoiceTexts(locale);

  it('has choices to check', () => {
    expect(texts.length).toBeGreaterThan(150);
  });

  it('no choice title or synonym, typed as a message, triggers the emergency lines', () => {
    const collisions = texts.flatMap(({ where, text }) => {
      const detection = detectEmergency(text);
      return detection ? [`${where}: "${text}" → ${detection.kinds.join(', ')} (${detection.signals.join(', ')})`] : [];
    });
    expect(collisions).toEqual([]);
  });
});

describe('the collision check', () => {
  // It must see what it guards against, or it checks nothing.
  it.each(['trata', 'violencia', 'Trata o tráfico', 'Violencia de género'])('would flag %j', (text) => {
    expect(detectEmergency(text)).toBeDefined();
  });
});
