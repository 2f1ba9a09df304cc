/** What MainDialog needs from free-text routing (implemented offline in bot/nlu). */
export type RouteDecision =
  | { kind: 'confident'; theme: string }
  | { kind: 'unsure'; candidates: string[] }
  | { kind: 'none' };

export interface TopicRouter {
  route(text: string): RouteDecision;
}
