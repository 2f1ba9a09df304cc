/**
 * A theme opened by a typed question ("estoy embarazada y no tengo PPT, me atienden?") already
 * says which of the theme's topics it is about: its words are looked up among the topics' synonyms,
 * so the person is not asked what they just said. Only a single, unambiguous topic counts.
 */
import type { Choice } from '../../bot/content/choice';
import { normalize } from '../../bot/nlu/normalize';

/** The one topic whose synonym appears, as whole words, in `text`; undefined for none or several. */
export function topicHintIn(text: string | undefined, choices: readonly Choice[]): string | undefined {
  if (!text) return undefined;
  const folded = ` ${normalize(text)} `;
  // A tapped id or a menu word is not a question: ids never name a topic by their synonyms.
  if (choices.some((c) => c.id === text.trim())) return undefined;
  const hits = choices.filter((c) => (c.synonyms ?? []).some((s) => {
    const phrase = normalize(s);
    return phrase !== '' && folded.includes(` ${phrase} `);
  }));
  return hits.length === 1 ? hits[0].id : undefined;
}
