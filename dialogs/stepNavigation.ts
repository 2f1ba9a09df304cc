/**
 * Moving between questions from outside a dialog: "atrás" (previous question) and re-asking the
 * current question after a language switch. Works on the innermost waterfall that is waiting on
 * a prompt, at any depth of nested dialogs.
 */
import { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { childOf } from './childContext';
import { ProWaterfallDialog } from './proWaterfallDialog';

/** The deepest open dialog context (the one whose dialog is waiting for the person). */
export function innermost(dc: DialogContext): DialogContext {
  let current = dc;
  for (let next = childOf(current); next; next = childOf(next)) current = next;
  return current;
}

/**
 * Asks again the question `offset` questions back (0 = the one waiting, -1 = the previous one).
 * Returns undefined when there is none (no dialog waiting, or "atrás" on a dialog's first question).
 */
export async function askAgain(dc: DialogContext, offset: number): Promise<DialogTurnResult | undefined> {
  const deepest = innermost(dc);
  // The dialog stack's top is its last element: the open prompt, with its waterfall below it.
  const prompt = deepest.stack[deepest.stack.length - 1];
  const waterfallInstance = deepest.stack[deepest.stack.length - 2];
  if (!prompt || !waterfallInstance) return undefined;
  const waterfall = deepest.findDialog(waterfallInstance.id);
  if (!(waterfall instanceof ProWaterfallDialog)) return undefined;
  deepest.stack.pop(); // close the open prompt: its question is asked again (or replaced)
  const result = await waterfall.askAgain(deepest, offset);
  if (!result) deepest.stack.push(prompt); // nothing to go back to: leave the dialog as it was
  return result;
}
