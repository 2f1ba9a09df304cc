/**
 * The dialog context one level down, made once per turn and level. botbuilder's `dc.child` builds
 * a new DialogContext on every read, and each one sets up a DialogStateManager and its component
 * registrations (a tenth of a millisecond or so); our global-command checks walk down the same
 * levels three times a turn (stale flows, the open question, a topic switch).
 *
 * A remembered child is used only while its parent's active dialog is the same instance it was
 * made for: the child works on that instance's saved state, so once the stack changes (a dialog
 * ended, started or was replaced) the child is made afresh.
 */
import type { DialogContext, DialogInstance } from 'botbuilder-dialogs';

const children = new WeakMap<DialogContext, { instance: DialogInstance; child: DialogContext | undefined }>();

/** `dc.child`, remembered for as long as `dc`'s active dialog stays the same instance. */
export function childOf(dc: DialogContext): DialogContext | undefined {
  const instance = dc.activeDialog;
  if (!instance) return undefined;
  const known = children.get(dc);
  if (known?.instance === instance) return known.child;
  const child = dc.child;
  children.set(dc, { instance, child });
  return child;
}
