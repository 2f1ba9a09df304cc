/**
 * The service a person asks for, in the referral directory's vocabulary (`serviceKinds.ts`): "no
 * tengo dónde dormir" (shelter), "dónde dan comida" (food), "necesito un abogado" (legal). Only a
 * request for a service counts: "¿el PPT cuesta plata?" asks a price, it does not ask for cash.
 * When several are asked, the most pressing wins (the order below: a bed before a job).
 */
import type { ServiceKind } from '../../referrals/serviceKinds';
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { Understood } from './understanding';

const NEEDS: readonly [ServiceKind, RegExp][] = [
  ['shelter', anyOf([
    String.raw`\b(albergue|albergues|alojamiento|refugio temporal|hogar de paso|shelter)\b`,
    String.raw`\b(donde|a donde) (dormir|quedarme|quedarnos|pasar la noche)\b`,
    String.raw`\bno (tengo|tenemos) (donde|a donde|adonde) (dormir|vivir|quedarme|quedarnos|llegar)\b`,
    String.raw`\b(estoy|estamos|vivo|vivimos|durmiendo) en la calle\b`,
    // "un refugio para esta noche" is a roof; asking for refuge as a status is asylumExtractor.ts.
    String.raw`\brefugio (para|por) (esta noche|hoy|dormir|pasar la noche|unos dias|mis hijos|mi familia)\b`,
    String.raw`\b(nowhere to (stay|sleep)|place to (stay|sleep)|where (can|do) (i|we) sleep|sleep tonight)\b`,
  ])],
  ['food', anyOf([
    String.raw`\b(comida|comedor|comedores|alimentos|alimentacion|mercado|mercados|hambre|food|hungry|meal|meals)\b`,
  ])],
  ['cash', anyOf([
    String.raw`\b(necesito|necesitamos|sin|no tengo|no tenemos|ayudas? en|apoyo en|apoyo con) (\w+ )?(plata|dinero|efectivo)\b`,
    String.raw`\b(la )?(plata|dinero) no (me|nos) alcanza\b`,
    String.raw`\b(bono|bonos|transferencia monetaria|ayuda economica|cash assistance|cash transfer|money for)\b`,
  ])],
  ['health', anyOf([
    String.raw`\b(necesito|necesitamos|busco|donde hay|donde queda|un|una) (\w+ )?(medico|medica|doctor|hospital|clinica|cita medica|consulta medica|terapia|terapias|insulina|medicamentos|medicinas)\b`,
    String.raw`\b(consulta medica|cita medica|terapias)\b`,
    String.raw`\b(need a doctor|where is a hospital|a hospital|a clinic|see a doctor)\b`,
  ])],
  ['mental_health', anyOf([
    String.raw`\b(psicolog[oa]|psicologica|psicologico|psiquiatra|salud mental|apoyo emocional|psychologist|therapist|mental health|counsell?ing)\b`,
  ])],
  ['legal', anyOf([
    String.raw`\b(abogad[oa]|abogados|asesoria (legal|juridica)|orientacion juridica|consultorio juridico|lawyer|legal (advice|aid|help))\b`,
  ])],
  ['wash', anyOf([
    String.raw`\b(agua potable|kit de aseo|kits de aseo|kit de higiene|kits de higiene|higiene|drinking water|hygiene)\b`,
  ])],
  ['employment', anyOf([
    String.raw`\b(busco|buscando|necesito|necesitamos|conseguir|quiero) (un )?(trabajo|empleo|chamba|camello)\b`,
    String.raw`\bno (tengo|tenemos) (trabajo|empleo)\b`,
    String.raw`\b(need|looking for|find) (a )?(job|work)\b`,
  ])],
  ['education', anyOf([
    String.raw`\b(cupo|cupos) (escolar|escolares|en (el|la|un|una) (colegio|escuela))\b`,
    String.raw`\b(busco|necesito|no (tiene|tienen|hay)) (un )?cupo\b`,
    String.raw`\bschool place\b`,
  ])],
];

/** What an offer includes ("trabajo en Chile con pasaje y alojamiento") is not something asked for. */
const OFFER_CLAUSE = /[^|]*\b(ofrec\w*|oferta\w*|offer\w*)\b[^|]*/g;

/** The most pressing service the person asks for, when they ask for one. */
export function extractNeed(message: MessageText): Understood<ServiceKind> | undefined {
  const asked = message.padded.replace(OFFER_CLAUSE, ' ');
  for (const [kind, pattern] of NEEDS) {
    const found = pattern.exec(asked);
    if (found) return { value: kind, evidence: found[0].trim() };
  }
  return undefined;
}
