/**
 * The languages the bot speaks: every content file exists in each, and a person's profile, each
 * dialog and each reply carry one. Spanish first: most people the bot serves write Spanish.
 */
export type Locale = 'es' | 'en';

export const LOCALES: readonly Locale[] = ['es', 'en'];
