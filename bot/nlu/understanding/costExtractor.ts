/** Questions about price: "¿cuesta plata?", "¿es gratis?", "¿cuánto vale?", "me cobraron…", "is it free?". */
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { Understood } from './understanding';

const COST = anyOf([
  String.raw`\b(cuesta|cuestan|costo|costos|precio|gratis|gratuit[oa]s?|cobran|cobra|cobraron|cobrar|me cobraron)\b`,
  String.raw`\bcuanto (vale|valen|sale|me sale|hay que pagar)\b`,
  String.raw`\b(hay que|tengo que|toca) pagar\b`,
  String.raw`\b(how much|cost|costs|price|fee|fees|charge|charged|is (it|the \w+) free|for free|free of charge)\b`,
]);

export function extractCostQuestion(message: MessageText): Understood<true> | undefined {
  const found = COST.exec(message.padded);
  return found ? { value: true, evidence: found[0].trim() } : undefined;
}
