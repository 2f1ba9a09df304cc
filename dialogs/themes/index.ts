/**
 * Every orientation theme dialog, in one list for MainDialog. A theme's dialog id is its menu
 * choice id (DESIGN.md); a menu row without a dialog here answers "coming soon" honestly.
 */
import type { ComponentDialog } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import type { GeoDirectory } from '../../bot/geo';
import type { ReferralDirectory } from '../../bot/referrals/referralDirectory';
import { CivilRegistryDialog } from './civilRegistryDialog';
import { EducationDialog } from './educationDialog';
import { HealthDialog } from './healthDialog';
import { ProPointsDialog } from './proPointsDialog';
import { ProtectionDialog } from './protectionDialog';
import { RegularizationDialog } from './regularizationDialog';
import { RightsDialog } from './rightsDialog';
import { ServicesDialog } from './servicesDialog';
import { WorkDialog } from './workDialog';

/** What theme dialogs may need; each is passed in, so tests can substitute it. */
export interface ThemeDependencies {
  content: ContentCatalog;
  /** Services near the person (read on every search: admins' changes show at once). */
  directory: ReferralDirectory;
  geo: GeoDirectory;
}

export function createThemeDialogs(deps: ThemeDependencies): ComponentDialog[] {
  const { content, directory, geo } = deps;
  return [
    new RegularizationDialog(content),
    new RightsDialog(content),
    new CivilRegistryDialog(content, geo),
    new HealthDialog(content),
    new EducationDialog(content),
    new WorkDialog(content),
    new ProtectionDialog(content),
    new ServicesDialog(content, directory, geo),
    new ProPointsDialog(content),
  ];
}
