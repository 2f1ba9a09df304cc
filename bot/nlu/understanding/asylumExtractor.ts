/**
 * Whether the person already asked for refugee status: "pedí refugio", "ya solicité asilo", "I applied
 * for asylum" (true); "no he pedido refugio" (false). A question about how to ask ("¿cómo pido
 * refugio?", "quiero pedir refugio") says neither: those verbs are not in the lists.
 */
import type { MessageText } from './messageText';
import { anyOf } from './patterns';
import type { Understood } from './understanding';

const REFUGE = String.raw`(el |la |mi |una )?(solicitud (de |del )?)?(refugio|asilo|condicion de refugiad[oa])`;

const NOT_REQUESTED = anyOf([
  String.raw`\b(no|nunca|todavia no|aun no) (he |hemos |e |emos )?(pedido|solicitado|aplicado( a| al)?|pedi|solicite|aplique( a| al)?) ${REFUGE}\b`,
  String.raw`\b(i )?(have not|haven't|did not|didn't|never) (applied|asked) for (asylum|refugee status)\b`,
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
