/**
 * Offline natural-language understanding for PRO Bot: emergency detection, free-text theme routing
 * and choice matching, for Spanish and English as people type them on WhatsApp. No cloud service,
 * no botbuilder: the router trains in-process at start-up in tens of milliseconds.
 *
 * @example
 * import { detectEmergency, routeTheme, matchChoice } from './nlu';
 * detectEmergency('me tienen encerrada');          // { kinds: ['immediate_danger'], signals: ['held'] }
 * routeTheme('como saco el ppt').decision;          // { kind: 'confident', theme: 'regularization' }
 * matchChoice('2', [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }]); // 'b'
 */
import { utterancesIn } from './themeDataset';
import { ThemeRouter, ThemeRouting } from './themeRouter';
import type { TopicRouter } from './topicRouter';

export { matchChoice } from './choiceMatcher';
export { detectEmergency, EMERGENCY_KINDS, type EmergencyDetection, type EmergencyKind } from '../emergency/emergencyDetector';
export { cleanText, normalize, tokenize } from './normalize';
export { isUnsure } from './uncertainty';
export { THEME_UTTERANCES, utterancesIn, type DatasetSplit, type ThemeUtterance } from './themeDataset';
export { THEME_LEXICON } from './themeLexicon';
export {
  ThemeRouter,
  type LabelledUtterance,
  type RoutingDecision,
  type ThemeRouterOptions,
  type ThemeRouting,
  type ThemeScore,
} from './themeRouter';
export { isThemeId, THEME_IDS, type ThemeId } from './themes';
export type { TopicRouter } from './topicRouter';

let defaultRouter: ThemeRouter | undefined;

/**
 * The router trained on the training split of the labelled messages, built on first use and then
 * shared. Only the training split, so `npm run eval:nlu` measures exactly what runs in production.
 */
export function defaultThemeRouter(): ThemeRouter {
  defaultRouter ??= ThemeRouter.train(utterancesIn('train'));
  return defaultRouter;
}

/** Routes a typed message with the default router (see {@link ThemeRouter.classify}). */
export function routeTheme(text: string): ThemeRouting {
  return defaultThemeRouter().classify(text);
}

/**
 * A {@link TopicRouter} over a theme router (the default one unless given), trained now so that the
 * first person to type does not pay for it.
 */
export function createTopicRouter(router: ThemeRouter = defaultThemeRouter()): TopicRouter {
  return { route: (text) => router.classify(text).decision };
}
