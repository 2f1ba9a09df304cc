/**
 * The person's own permit and what happened to it: "tengo PPT", "se me venció el PEP" (pep, expired),
 * "perdí mi PPT" (ppt, lost), "mi PPT está en trámite" (pending), "no tengo papeles" (none).
 *
 * A permit only named in a question ("¿cómo saco el PPT?", "¿el PPT cuesta plata?") says nothing
 * about what the person holds, and neither does one that belongs to someone else ("el PPT de mi
 * hijo"). "Permiso de trabajo" is not a permit of the list, so it answers nothing (and is not "none").
 */
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { PermitId, PermitState, Understood } from './understanding';

/** Permit names, most specific first ("pep tutor" before "pep"). */
const PERMIT_NAMES: readonly [PermitId, string][] = [
  ['pep_tutor', String.raw`pep tutor`],
  ['ppt', String.raw`ppt|pppt|permiso por proteccion temporal|permiso de proteccion temporal`],
  ['pep', String.raw`pep(?! tutor)|permiso especial de permanencia`],
  ['visa_v', String.raw`visa v|visa de visitante|visa(?! (americana|de estados unidos|gringa))`],
  ['sc2', String.raw`salvoconducto( sc ?2)?|sc ?2`],
  ['cedula_extranjeria', String.raw`cedula de extranjeria|foreigner id`],
];
const PERMIT = `(${PERMIT_NAMES.map(([, names]) => names).join('|')})`;

const HOLDS = anyOf([
  String.raw`(?<!\bno )\b(tengo|tenemos|ya tengo|tngo|saque|me dieron|me aprobaron|me salio|i have|i got|we have) (el |la |un |una |mi |my |a |an )?${PERMIT}\b`,
  String.raw`\b(mi|my|con|with) ${PERMIT}\b`,
  String.raw`\b(soy|i am a?) (solicitante de refugio|asylum seeker)\b`,
]);
const EXPIRED = anyOf([
  String.raw`\b(se me (vencio|caduco|expiro)|se (vencio|caduco)|me (vencio|caduco)) (el |la |mi )?${PERMIT}\b`,
  String.raw`\b${PERMIT}\b( \w+){0,3} (se me vencio|se vencio|se me caduco|vencido|vencida|caducado|vencio|expiro|expired|ya no sirve|is expired|has expired)\b`,
  String.raw`\b(expired|vencido|vencida) ${PERMIT}\b`,
]);
const LOST = anyOf([
  String.raw`\b(perdi|se me perdio|me robaron|extravie|i lost|lost|stolen|me lo robaron) (el |la |mi |my )?${PERMIT}\b`,
  String.raw`\b${PERMIT}\b( \w+){0,3} (y lo perdi|lo perdi|se me perdio|me lo robaron|is lost|was stolen)\b`,
]);
const PENDING = anyOf([
  String.raw`\b${PERMIT}\b( \w+){0,3} (en tramite|en proceso|esta en tramite|todavia no (me )?(lo )?(entregan|llega|sale)|no me (lo )?(han )?(entregado|entregan|llega)|is pending|pending)\b`,
  String.raw`\b(hice|ya hice|termine) el (pre ?)?registro (del|de|para el) ${PERMIT}\b`,
  String.raw`\b(esperando|espero) (la )?(respuesta|entrega|aprobacion) (del|de mi|de) ${PERMIT}\b`,
  String.raw`\b(waiting for|applied for) (my |the )?${PERMIT}\b`,
  // The statuses Migración Colombia shows while a PPT is processed (regularization.pptStatus).
  String.raw`\b${PERMIT}\b( \w+){0,3} (requerido|en verificacion|en estudio|says requerido)\b`,
  String.raw`\b(estado|status) (de |del |of )?(mi |my )?${PERMIT}\b`,
]);
const NONE = anyOf([
  String.raw`\bno (tengo|tenemos) (ningun |ningunos |ni un |nada de |ninguna clase de )?(papeles|documento|documentos|permiso|permisos|ppt|papel)\b(?! (de|del|para) )`,
  String.raw`\b(estoy|estamos|soy|vivo|estoy aqui) (\w+ )?(sin papeles|sin documentos|sin permiso|sin ppt|sin pep|irregular|indocumentad[oa])\b`,
  String.raw`\bsin papeles\b`,
  String.raw`\b(i have no|we have no|i do not have|without) (papers|documents|permit|ppt)\b|\bundocumented\b`,
]);
/** A permit named as someone else's. */
const SOMEONE_ELSES = new RegExp(String.raw`\b${PERMIT} (de mi|de mis|de la|del|of my) `);

function idOf(name: string): PermitId | undefined {
  for (const [id, names] of PERMIT_NAMES) if (new RegExp(`^(${names})$`).test(name)) return id;
  return undefined;
}

/** The permit named in a match (the first permit name inside it). */
function permitIn(evidence: string): PermitId | undefined {
  const found = new RegExp(String.raw`\b${PERMIT}\b`).exec(evidence);
  if (found) return idOf(found[1]);
  return /solicitante de refugio|asylum seeker/.test(evidence) ? 'sc2' : undefined;
}

export interface PermitFindings {
  permit?: Understood<PermitId>;
  state?: Understood<PermitState>;
}

/** The person's permit and its state, when they say them. */
export function extractPermit(message: MessageText): PermitFindings {
  const { padded } = message;
  if (SOMEONE_ELSES.test(padded) && !HOLDS.test(padded.replace(SOMEONE_ELSES, ' '))) return {};
  const states: [PermitState, RegExp][] = [['expired', EXPIRED], ['lost', LOST], ['pending', PENDING]];
  for (const [state, pattern] of states) {
    const match = pattern.exec(padded);
    const permit = match ? permitIn(match[0]) : undefined;
    if (match && permit) {
      const evidence = match[0].trim();
      return { permit: { value: permit, evidence }, state: { value: state, evidence } };
    }
  }
  const held = HOLDS.exec(padded);
  const heldPermit = held ? permitIn(held[0]) : undefined;
  if (held && heldPermit) return { permit: { value: heldPermit, evidence: held[0].trim() } };
  const none = NONE.exec(padded);
  if (none) return { permit: { value: 'none', evidence: none[0].trim() } };
  return {};
}
