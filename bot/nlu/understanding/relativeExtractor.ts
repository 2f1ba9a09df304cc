/**
 * A Venezuelan relative the person asks about: "me regresé con mi esposo venezolano, ¿él qué
 * papeles necesita?", "my wife is Venezuelan". Mixed families are common among returnees: the
 * writer is Colombian, and the permits asked about are the relative's (PPT, Visa V), not the
 * writer's (the Ley Retorno). Only a relative named next to "venezolano/a" or "de Venezuela" counts.
 */
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { RelativeWord, Understood } from './understanding';

const WORDS: readonly [RelativeWord, string][] = [
  ['spouse', String.raw`esposo|esposa|marido|mujer|pareja|companero|companera|novio|novia|husband|wife|partner|boyfriend|girlfriend`],
  ['parent', String.raw`mama|papa|madre|padre|mom|mother|dad|father`],
  ['sibling', String.raw`hermano|hermana|brother|sister`],
];
const VENEZUELAN = String.raw`(venezolan[oa]|venezuelan|de venezuela|from venezuela)`;

const PATTERNS = WORDS.map(([word, names]) => ({
  word,
  pattern: anyOf([
    String.raw`\b(mi|my) (${names}) (que )?(es |is |que es )?${VENEZUELAN}\b`,
    String.raw`\b(mi|my) (${names}),? (quien |who )?(es |is )${VENEZUELAN}\b`,
  ]),
}));

export function extractRelative(message: MessageText): Understood<RelativeWord> | undefined {
  for (const { word, pattern } of PATTERNS) {
    const found = pattern.exec(message.padded);
    if (found) return { value: word, evidence: found[0].trim() };
  }
  return undefined;
}
