/**
 * The routing seam the main menu depends on: typed text in, a theme decision out. Dialogs take it in
 * their constructor (`createTopicRouter()` in ./index.ts builds the offline one), so tests can
 * substitute it.
 */
import type { RoutingDecision } from './themeRouter';

export interface TopicRouter {
  route(text: string): RoutingDecision;
}
