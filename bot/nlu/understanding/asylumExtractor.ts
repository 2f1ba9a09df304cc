/**
 * Whether the person already asked for refugee status: "pedí refugio", "ya solicité asilo", "I applied
 * for asylum" (true); "no he pedido refugio" (false), and so does wanting to ask or asking how
 * ("quiero pedir refugio", "¿cómo pido refugio?", "how can I apply for asylum?").
 */
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { Understood } from './understanding';

const REFUGE = String.raw`(el |la |mi |una )?(solicitud (de |del )?)?(refugio|asilo|condicion de refugiad[oa])`;

const NOT_REQUESTED = anyOf([
  String.raw`\b(no|nunca|todavia no|aun no) (he |hemos |e |emos )?(pedido|solicitado|aplicado( a| al)?|pedi|solicite|aplique( a| al)?) ${REFUGE}\b`,
  String.raw`\b(i )?(have not|haven't|did not|didn't|never) (applied|asked) for (asylum|refugee status)\b`,
  // Wanting to ask, or asking how: not asked yet ("kiero pedir refugio como ago").
  String.raw`\b(quiero|kiero|quisiera|queremos|necesito|necesitamos|como|donde|puedo|podemos) (pedir|solicitar|aplicar( a| al)?|pido|solicito|aplico( a| al)?|pedimos|solicitamos) ${REFUGE}\b`,
  String.raw`\b(want|need|would like|wish|how (do|can) (i|we)|how to|where (do|can) (i|we)|can (i|we)) (to )?(ask|apply) for (asylum|refugee status)\b`,
]);
const REQUESTED = anyOf([
  String.raw`\b(pedi|pedimos|solicite|solicitamos|aplique( a| al)?|aplicamos( a| al)?|presente|radique|he pedido|hemos pedido|he solicitado|hemos solicitado|ya pedi|ya solicite) ${REFUGE}\b`,
  String.raw`\b(soy|somos) (solicitante|solicitantes) de (refugio|asilo)\b`,
  String.raw`\b(i|we) (applied|asked) for (asylum|refugee status)\b|\b(i am|im|we are) (an )?asylum seekers?\b`,
]);

export function extractAsylumRequest(message: MessageText): Understood<boolean> | undefined {
  const { padded } = message;
  const not = NOT_REQUESTED.exec(padded);
  if (not) return { value: false, evidence: not[0].trim() };
  const found = REQUESTED.exec(padded);
  return found ? { value: true, evidence: found[0].trim() } : undefined;
}
