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
import type { FeedbackRecorder } from './guidedThemeDialog';
import { HealthDialog } from './healthDialog';
import { ProPointsDialog } from './proPointsDialog';
import { ProtectionDialog } from './protectionDialog';
import { RegularizationDialog } from './regularizationDialog';
import { RightsDialog } from './rightsDialog';
import { ServicesDialog } from './servicesDialog';
import { WorkDialog } from './workDialog';

export type { FeedbackRecorder } from './guidedThemeDialog';

/** What theme dialogs may need; each is passed in, so tests can substitute it. */
export interface ThemeDependencies {
  content: ContentCatalog;
  /** Counts "was this useful?" answers by theme (bot/stats/feedbackStats.ts). */
  feedback: FeedbackRecorder;
  /** Services near the person (read on every search: admins' changes show at once). */
  directory: ReferralDirectory;
  geo: GeoDirectory;
}

export function createThemeDialogs(deps: ThemeDependencies): ComponentDialog[] {
  const { content, feedback, directory, geo } = deps;
  return [
    new RegularizationDialog(content, feedback),
    new RightsDialog(content, feedback),
    new CivilRegistryDialog(content, feedback, geo),
    new HealthDialog(content, feedback),
    new EducationDialog(content, feedback),
    new WorkDialog(content, feedback),
    new ProtectionDialog(content, feedback),
    new ServicesDialog(content, directory, geo),
    new ProPointsDialog(content),
  ];
}
