/**
 * When a message's theme is unclear but regularization is one of its likely themes, what it says
 * settles it: a permit named ("tengo pep vencido"), whether refuge was asked for ("ya pedí
 * refugio"), or what the likeliest theme's procedure costs ("el ppt cuesta plata?"). One rule, read
 * by the menu and by the question kept while consent is asked.
 */
import type { ThemeId } from '../themes';
import type { Understanding } from './understanding';

export function isAboutPermits(said: Understanding, candidates: readonly ThemeId[]): boolean {
  if (!candidates.includes('regularization')) return false;
  return !!said.permit || !!said.asylumRequested || (!!said.costQuestion && candidates[0] === 'regularization');
}
