/**
 * When a message's theme is unclear, what else it says may settle it among its likely themes:
 * - a need another likely theme covers: "tengo PPT, ¿dónde busco trabajo?" is about work;
 * - else a permit named ("tengo pep vencido"), whether refuge was asked for ("ya pedí refugio"), a
 *   Venezuelan relative ("mi esposo venezolano, ¿qué papeles necesita?"), or
 *   what the likeliest theme's procedure costs ("el ppt cuesta plata?"): regularization.
 * One rule, read by the menu and by the question kept while consent is asked.
 */
import type { ServiceKind } from '../../referrals/serviceKinds';
import type { ThemeId } from '../themes';
import type { Understanding } from './understanding';

/** The theme that answers a need. */
const NEED_THEME: Partial<Record<ServiceKind, ThemeId>> = {
  employment: 'work',
  health: 'health',
  mental_health: 'health',
  education: 'education',
};

/** The one of `candidates` the message settles on, or undefined when it does not. */
export function settleTheme(said: Understanding, candidates: readonly ThemeId[]): ThemeId | undefined {
  const needTheme = said.need && NEED_THEME[said.need.value];
  if (needTheme && candidates.includes(needTheme)) return needTheme;
  if (!candidates.includes('regularization')) return undefined;
  const aboutPermits =
    !!said.permit || !!said.asylumRequested || !!said.venezuelanRelative || (!!said.costQuestion && candidates[0] === 'regularization');
  return aboutPermits ? 'regularization' : undefined;
}
