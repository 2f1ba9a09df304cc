/**
 * Health urgency. True when a word of hurry ("ya", "urgente", "ahora mismo", "right now") comes
 * with a health problem in the same message: the health dialog then answers with urgent care at
 * once. False for an administrative health question ("¿cómo me afilio a una EPS?", "inscribirme en
 * el Sisbén") with neither hurry nor symptoms, so the "is it an emergency now?" question can go.
 * Hurry without health ("necesito empleo urgente") is not this field.
 */
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { Understood } from './understanding';

const HURRY = anyOf([
  String.raw`\b(urgente|urgentemente|urgencia|ahora mismo|ahorita|en este momento|right now|urgent|urgently|asap|emergency)\b`,
  String.raw`\bya( mismo| por favor)? (\| )?$`,
]);
const SYMPTOM = anyOf([
  String.raw`\b(fiebre|dolor|duele|sangr\w*|respira|vomit\w*|desmay\w*|convuls\w*|herid[oa]|enferm[oa]|muy mal|grave|accidente|infarto|parto|contracciones|quemad[oa]|fractura|sick|fever|pain|bleeding|breathe|breathing|hurt|injured|unconscious|labor)\b`,
  String.raw`\b(medico|doctor|hospital|clinica|urgencias|ambulancia|ambulance)\b`,
]);
const ADMINISTRATIVE = anyOf([
  String.raw`\b(afilio|afiliar|afiliarme|afiliarnos|afiliacion|afiliado|inscribo|inscribir|inscribirme|inscripcion|sisben|portabilidad|traslado de eps|join|enroll|enrol|sign up)\b`,
]);

const SCHOOL = /\b(colegio|escuela|estudiar|estudie|estudio|matricula|matricular|cupo|school|study)\b/;
const HEALTH_SYSTEM = /\b(eps|sisben|salud|health)\b/;

export function extractUrgency(message: MessageText): Understood<boolean> | undefined {
  const { padded } = message;
  const hurry = HURRY.exec(padded);
  const symptom = SYMPTOM.exec(padded);
  if (hurry && symptom) return { value: true, evidence: `${hurry[0].trim()} … ${symptom[0].trim()}` };
  const administrative = ADMINISTRATIVE.exec(padded);
  // "inscribirla en el colegio", "enroll my son in school": enrolment, but not in health.
  if (administrative && SCHOOL.test(padded) && !HEALTH_SYSTEM.test(padded)) return undefined;
  if (administrative && !hurry && !symptom) return { value: false, evidence: administrative[0].trim() };
  return undefined;
}
