/**
 * The orientation themes free text can be routed to. The ids are the main-menu choice ids fixed by
 * DESIGN.md ("more" is a menu row, not a theme, so it is not a routing target).
 */

export const THEME_IDS = [
  'regularization',
  'rights',
  'civil_registry',
  'health',
  'education',
  'work',
  'protection',
  'services',
  'pro_points',
] as const;

/** A main-menu theme id, as in DESIGN.md's conversation contract. */
export type ThemeId = (typeof THEME_IDS)[number];

export function isThemeId(value: string): value is ThemeId {
  return (THEME_IDS as readonly string[]).includes(value);
}
