/**
 * Which menu theme a turn was in, for counting turns by theme: the theme dialog open at the end of
 * the turn (botbuilder keeps a component dialog's inner stack in its `state.dialogs`), else the
 * theme the message was understood to be about, else `none` (consent, the menu, emergency lines).
 * Only dialog ids are read, never what the person wrote.
 */
import { isThemeId } from '../nlu/themes';

interface DialogStack {
  dialogStack?: { id?: unknown; state?: { dialogs?: DialogStack } }[];
}

function openTheme(stack: DialogStack | undefined, depth = 0): string | undefined {
  if (!stack?.dialogStack || depth > 8) return undefined;
  for (const instance of stack.dialogStack) {
    const inner = openTheme(instance.state?.dialogs, depth + 1);
    if (inner) return inner;
    if (typeof instance.id === 'string' && isThemeId(instance.id)) return instance.id;
  }
  return undefined;
}

/**
 * `personState` is the person's loaded state document; `understoodTheme` the turn's understood
 * theme id, or the function that gives it (asked only when no theme dialog is open: the message is
 * read for it only then).
 */
export function turnTheme(personState: unknown, understoodTheme?: string | (() => string | undefined)): string {
  const dialogState = (personState as { dialogState?: DialogStack } | undefined)?.dialogState;
  const theme = openTheme(dialogState) ?? (typeof understoodTheme === 'function' ? understoodTheme() : understoodTheme);
  return theme && isThemeId(theme) ? theme : 'none';
}
