/**
 * The services vocabulary of the referral directory (DESIGN.md). The bot's menus, the CSV and the
 * CLI all use these ids, so a referral tagged "gbv" is found whichever way someone asks.
 */

export const SERVICE_KINDS = [
  'orientation',
  'legal',
  'documentation',
  'health',
  'mental_health',
  'gbv',
  'child_protection',
  'education',
  'employment',
  'shelter',
  'food',
  'cash',
  'wash',
  'protection',
] as const;

export type ServiceKind = (typeof SERVICE_KINDS)[number];

export function isServiceKind(value: string): value is ServiceKind {
  return (SERVICE_KINDS as readonly string[]).includes(value);
}

/** "Mental health", "mental-health" and "MENTAL_HEALTH" all mean mental_health. */
export function toServiceKind(text: string): ServiceKind | undefined {
  const id = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return isServiceKind(id) ? id : undefined;
}
