/**
 * Risk signals: situations that call for the protection warning and 01 8000 522020 whatever the
 * theme a message routes to (see `RISK_SIGNALS` in `understanding.ts` for how this differs from an
 * emergency).
 *
 * Threats and documents taken are also emergency rules; those are reused (`detectEmergency`'s
 * signals) so the two never disagree, and widened here to third parties and softer words ("el
 * patrón tiene mi pasaporte", "le quitaron el pasaporte a mi prima"), which are risks even when not
 * danger now. Job offers abroad with the trip paid, debts to a smuggler and recruitment of children
 * are risks only: none of them is an emergency by itself.
 */
import { detectEmergency, type EmergencyDetection } from '../../emergency/emergencyDetector';
import type { MessageText } from './messageText';
import { FOREIGN_PLACES } from './placeNames';
import { anyOf } from './patterns';
import type { RiskSignal, Understood } from './understanding';

const JOB = /\b(trabajo|trabajar|empleo|oferta|ofrecio|ofrecieron|ofrecen|ofrece|contrato|mesera|mesero|modelo|niñera|job|work|offer|offered|employment)\b/;
const TRAVEL_PAID = anyOf([
  String.raw`\b(pagan|paga|pagaron|pago|pagado|pagados|pagada|cubren|cubre|regalan|dan|incluye|incluido|con) (\w+ ){0,2}?(el |los |la )?(pasaje|pasajes|vuelo|vuelos|tiquete|tiquetes|boleto|boletos|viaje|transporte)\b`,
  String.raw`\b(pasaje|pasajes|vuelo|tiquete|tiquetes|boleto|viaje)s? (pagad[oa]s?|gratis|incluid[oa]s?)\b`,
  String.raw`\b(pay|pays|paid|cover|covers|covered) (for )?(the |my |your )?(plane |bus )?(ticket|tickets|flight|flights|travel|trip|fare)\b`,
  String.raw`\b(ticket|flight|travel|trip) (is )?(paid|free|covered)\b`,
]);
const ABROAD_WORDS = /\b(exterior|afuera|otro pais|abroad|another country|overseas)\b/;

const DOCUMENT = String.raw`(pasaporte|pasaportes|documento|documentos|papeles|cedula|ppt|passport|passports|documents|papers|id)`;
const DOCUMENTS_WITHHELD = anyOf([
  // "no tiene papeles" lacks them, nobody holds them; "tiene que sacar los papeles" is a procedure.
  String.raw`(?<!\b(no|ni) )\b(tiene|tienen|quito|quitaron|retiene|retienen|retuvo|retuvieron|guarda|guardan|se quedo con|se quedaron con|no (me|nos|le) (quiere|quieren) devolver) ((?!que\b)\w+ ){0,2}?(mi |mis |el |los |la |su |sus |nuestros )?${DOCUMENT}\b`,
  String.raw`\b(kept|keeps|took|takes|has|have|holding|withheld|withholding) (away )?(my|our|her|his|their) ${DOCUMENT}\b`,
]);
const SMUGGLER = String.raw`(coyote|coyotes|trochero|trocheros|pasador|pasadores|smuggler|smugglers|el que (me|nos) (trajo|paso|cruzo)|los que (me|nos) (trajeron|pasaron|cruzaron)|who brought (me|us))`;
const DEBT = String.raw`(debo|debemos|deuda|debe|deben|le debo|le debemos|cobrando|cobra|owe|debt)`;
const SMUGGLER_DEBT = anyOf([
  String.raw`\b${SMUGGLER}\b[^|]*\b${DEBT}\b`,
  String.raw`\b${DEBT}\b[^|]*\b${SMUGGLER}\b`,
  String.raw`\b(deuda|debo|debemos) (\w+ ){0,2}?(del|de la|el|la) (paso|viaje|trocha|frontera|cruce)\b`,
]);
const RECRUITMENT = /\b(reclut\w*|recruit\w*|(los|un|del|el) grupos? armados?|la guerrilla|los paras|disidencias|gangs? (are )?(taking|recruiting))\b/;
const CHILD = /\b(nino|nina|ninos|ninas|hijo|hija|hijos|hijas|sobrino|sobrina|menor|menores|adolescente|adolescentes|muchachos|pelaos|chamos|jovenes|kids|children|child|son|daughter|teenagers|boys|girls)\b/;
const EMERGENCY_THREATS = new Set(['threatened', 'threat_kill', 'threat_en']);

/** Foreign places named in the message (whole words or two-word names). */
function namesAbroad(tokens: readonly string[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (FOREIGN_PLACES.has(tokens[i]) && tokens[i] !== 'afuera') return tokens[i];
    const pair = `${tokens[i]} ${tokens[i + 1] ?? ''}`;
    if (FOREIGN_PLACES.has(pair)) return pair;
  }
  return undefined;
}

/** Risk signals in a message, in {@link RISK_SIGNALS} order. */
export function extractRisks(message: MessageText, originalText: string, emergencyCheck?: EmergencyDetection): Understood<RiskSignal>[] {
  const { padded, tokens } = message;
  const risks: Understood<RiskSignal>[] = [];
  const job = JOB.exec(padded);
  const travel = TRAVEL_PAID.exec(padded);
  const abroad = namesAbroad(tokens) ?? ABROAD_WORDS.exec(padded)?.[0];
  if (job && travel && abroad) {
    risks.push({ value: 'job_abroad_travel_paid', evidence: `${job[0].trim()} … ${abroad} … ${travel[0].trim()}` });
  }
  // `null`-free: undefined means "not run yet", so run it; a caller's result (even none) is reused.
  const emergency = emergencyCheck ?? detectEmergency(originalText);
  const withheld = DOCUMENTS_WITHHELD.exec(padded);
  if (emergency?.signals.includes('documents_taken') || withheld) {
    risks.push({ value: 'documents_withheld', evidence: withheld?.[0].trim() ?? 'documents_taken' });
  }
  const debt = SMUGGLER_DEBT.exec(padded);
  if (debt) risks.push({ value: 'smuggler_debt', evidence: debt[0].trim() });
  const recruitment = RECRUITMENT.exec(padded);
  if (recruitment && CHILD.test(padded)) risks.push({ value: 'child_recruitment', evidence: recruitment[0].trim() });
  const threat = emergency?.signals.find((signal) => EMERGENCY_THREATS.has(signal));
  if (threat) risks.push({ value: 'threats', evidence: threat });
  return risks;
}
