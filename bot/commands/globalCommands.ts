/**
 * Global commands a person can type at any step, in Spanish or English, with or without accents.
 * Only a whole message counts ("ayuda" is the help command; "ayuda con el ppt" is a question).
 */
import type { Locale } from '../content/locale';
import { foldWords } from '../text/fold';

export type GlobalCommand =
  | { kind: 'menu' }
  | { kind: 'back' }
  | { kind: 'help' }
  | { kind: 'exit' }
  | { kind: 'language'; to?: Locale }
  | { kind: 'delete_data' };

const PHRASES: Record<string, GlobalCommand> = {};
function add(command: GlobalCommand, ...phrases: string[]): void {
  for (const phrase of phrases) PHRASES[phrase] = command;
}
add({ kind: 'menu' }, 'menu', 'inicio', 'menu principal', 'main menu', 'start', 'volver al menu', 'back to menu', 'back_to_menu', 'ir al menu');
add({ kind: 'back' }, 'atras', 'volver', 'back', 'regresar', 'anterior', 'go back');
add({ kind: 'help' }, 'ayuda', 'help', 'ayudame', 'como funciona', 'instrucciones');
add({ kind: 'exit' }, 'salir', 'cancelar', 'exit', 'cancel', 'quit', 'stop', 'terminar', 'chao', 'adios', 'bye');
add({ kind: 'language' }, 'idioma', 'language', 'cambiar idioma', 'change language');
add({ kind: 'language', to: 'en' }, 'english', 'ingles', 'in english', 'en ingles');
add({ kind: 'language', to: 'es' }, 'espanol', 'spanish', 'castellano', 'en espanol', 'in spanish');
add({ kind: 'delete_data' }, 'borrar mis datos', 'borrar datos', 'eliminar mis datos', 'borra mis datos', 'delete my data', 'delete data', 'erase my data');

export function detectGlobalCommand(text: string | undefined): GlobalCommand | undefined {
  if (!text) return undefined;
  // Lower-case, no accents, no punctuation or emoji, single spaces: "¡SALIR!" is "salir".
  return PHRASES[foldWords(text)];
}
