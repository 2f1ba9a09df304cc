/**
 * Population group from self-descriptions: "soy venezolana", "retornado", "colombiano que vivía en
 * Venezuela", "soy colombiana", "soy peruano". Only what the person says of themself: "mi esposo es
 * venezolano" or "la niña nació en Venezuela" say nothing about the writer.
 */
import type { PopulationGroup } from '../../profile/userProfile';
import type { MessageText } from './messageText';
import { anyOf, firstMatch } from './patterns';
import type { Understood } from './understanding';

const SELF = String.raw`(soy|somos|yo soy|yo|como|i am|we are|i am a|we are a)`;
const OTHER_NATIONALITY = String.raw`(peruan|ecuatorian|haitian|cuban|chilen|argentin|dominican|bolivian|panamen|mexican|hondure|nicaraguens|salvadoren|guatemaltec|senegales|african|venezolan)`;
const OTHER_COUNTRY = String.raw`(peru|ecuador|haiti|cuba|chile|argentina|bolivia|panama|mexico|honduras|nicaragua|el salvador|guatemala|senegal|africa)`;

const RETURNEE = [
  anyOf([
    String.raw`\b(retornad[oa]s?|retornante|returnee|returned colombian)\b`,
    String.raw`\bcolombian[oa]s? (que )?(vivia|vivio|vivi|viviamos|estaba|estuve|estuvo) (\w+ ){0,3}?en venezuela\b`,
    String.raw`\b(soy|somos) colombian[oa]s?\b.*\b(vivi|vivia|viviamos|estuve|estuvimos|regrese|regresamos|volvi|volvimos|vine|vinimos|sali|salimos)\b.*\bvenezuela\b`,
    String.raw`\b(regrese|volvi|retorne|regresamos|volvimos|retornamos) (a colombia|de venezuela)\b`,
  ]),
];

const VENEZUELAN = [
  anyOf([
    String.raw`\b${SELF} (un |una )?(venezolan[oa]s?|venezuelan|de venezuela|from venezuela)\b`,
    String.raw`\b(vengo|venimos|llegue|llegamos|vine|vinimos|sali|salimos|i come|we come|came|left) (\w+ ){0,2}?(de|from) venezuela\b`,
    String.raw`^ venezolan[oa]s? `,
  ]),
];

const HOST = [
  anyOf([
    String.raw`\b(soy|somos|yo soy|yo|i am|we are) colombian[oa]?s?\b`,
    String.raw`\bcomunidad (de acogida|receptora)\b|\bhost community\b`,
  ]),
];

const OTHER = [
  anyOf([
    String.raw`\b(soy|somos|yo soy) ${OTHER_NATIONALITY}\w*\b`,
    // "soy de Perú" says where the writer is from; "vengo de Perú" could be a Colombian coming back.
    String.raw`\b(soy|somos|yo soy) (del |de )${OTHER_COUNTRY}\b`,
    String.raw`\b(i am|we are) (from )?${OTHER_COUNTRY}\b`,
  ]),
];

/** The writer's population group, when they describe themself. */
export function extractGroup(message: MessageText): Understood<PopulationGroup> | undefined {
  const { padded } = message;
  const returnee = firstMatch(padded, RETURNEE);
  if (returnee) return { value: 'returnee', evidence: returnee };
  const venezuelan = firstMatch(padded, VENEZUELAN);
  if (venezuelan) return { value: 'venezuelan', evidence: venezuelan };
  const other = firstMatch(padded, OTHER);
  if (other && !/venezolan/.test(other)) return { value: 'other_nationality', evidence: other };
  const host = firstMatch(padded, HOST);
  if (host) return { value: 'host', evidence: host };
  return undefined;
}
