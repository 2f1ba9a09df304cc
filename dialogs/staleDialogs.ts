/**
 * Saved dialog state outlives a deploy: a person may come back to a question of a flow whose steps
 * have changed (or that is gone), and the saved step index would then point at another step.
 * Two records say which code a saved dialog was started with: botbuilder's own, the version each
 * container (a theme) keeps on its stack entry (a hash of its dialogs' `getVersion()`), and the
 * version each ProWaterfallDialog keeps in its values (its step names), which also covers the
 * root dialog's own flows (the menu, "more options").
 */
import { ComponentDialog, DialogContext, DialogInstance } from 'botbuilder-dialogs';
import { childOf } from './childContext';
import { ProWaterfallDialog } from './proWaterfallDialog';

export interface StaleDialog {
  /** The theme (a container on `dc`'s own stack) the changed flow belongs to; undefined: a flow of the root dialog itself, or one that is gone. */
  themeId?: string;
}

function stale(dc: DialogContext, entry: DialogInstance): boolean {
  const dialog = dc.findDialog(entry.id);
  if (!dialog) return true;
  if (dialog instanceof ComponentDialog) return !!entry.version && entry.version !== dialog.dialogs.getVersion();
  if (dialog instanceof ProWaterfallDialog) return dialog.startedWithOtherVersion(entry);
  return false;
}

/** The first stale dialog at any depth below `dc`; undefined when everything saved still fits the code. */
export function findStaleDialog(dc: DialogContext): StaleDialog | undefined {
  const top = dc.stack[dc.stack.length - 1];
  const topDialog = top && dc.findDialog(top.id);
  const themeId = topDialog instanceof ComponentDialog ? top.id : undefined;
  for (const entry of dc.stack) {
    if (stale(dc, entry)) return { themeId: entry === top ? themeId : undefined };
  }
  // Deeper levels: the open container's own stack, and so on down (botbuilder's `dc.child`).
  for (let level = childOf(dc); level; level = childOf(level)) {
    if (level.stack.some((entry) => stale(level, entry))) return { themeId };
  }
  return undefined;
}
