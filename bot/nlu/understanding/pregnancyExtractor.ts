/** Pregnancy, the writer's or a relative's: "estoy embarazada", "5 meses de embarazo", "control prenatal", "pregnant". */
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { Understood } from './understanding';

const PREGNANT = anyOf([
  String.raw`(?<!\bno (estoy|esta|estamos) )\b(embarazada|embarazadas)\b`,
  String.raw`\b(embarazo|gestante|gestantes|prenatal|prenatales)\b`,
  String.raw`\b(esperando|espero) (un |una )?(bebe|bebita|bebito|hijo|hija)\b`,
  String.raw`(?<!\bnot )\b(pregnant|pregnancy|prenatal|expecting a baby)\b`,
]);

export function extractPregnancy(message: MessageText): Understood<true> | undefined {
  const found = PREGNANT.exec(message.padded);
  return found ? { value: true, evidence: found[0].trim() } : undefined;
}
