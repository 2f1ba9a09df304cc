/**
 * Every orientation theme dialog, in one list for MainDialog. A theme's dialog id is its menu
 * choice id (DESIGN.md); a menu row without a dialog here answers "coming soon" honestly.
 */
import type { ComponentDialog } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { ProPointsDialog } from './proPointsDialog';

/** What theme dialogs may need; each is passed in, so tests can substitute it. */
export interface ThemeDependencies {
  content: ContentCatalog;
}

export function createThemeDialogs(deps: ThemeDependencies): ComponentDialog[] {
  return [new ProPointsDialog(deps.content)];
}
