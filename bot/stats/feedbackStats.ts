/**
 * Anonymous "¿Te sirvió? / Was this useful?" counts per orientation theme, for later statistics.
 * Nothing about the person is stored: one counter document per theme in the `stats` container
 * (partition key /id), `{ id: "feedback:<theme>", kind: "feedback", theme, yes, no }`, incremented
 * with patch `incr` so concurrent instances never lose a count (DESIGN.md: aggregate with counters).
 *
 * @example
 * const feedback = new FeedbackStats(store.containers.stats);
 * await feedback.record('health', true);
 * await feedback.read(); // { health: { yes: 1, no: 0 } }
 */
import type { Container, PatchOperation } from '@azure/cosmos';
import { DEFAULT_STORE_DEADLINES, type StoreDeadlines } from '../storage/deadline';
import { incrementCounters } from './counterDocument';

export interface FeedbackCount {
  yes: number;
  no: number;
}

interface FeedbackDocument extends FeedbackCount {
  id: string;
  kind: typeof KIND;
  theme: string;
}

const KIND = 'feedback';
const ID_PREFIX = `${KIND}:`;
/** Theme ids are menu choice ids (DESIGN.md): short, lowercase, underscores. */
const THEME_ID = /^[a-z][a-z0-9_]{0,63}$/;

export class FeedbackThemeError extends Error {
  constructor(readonly theme: string) {
    super(`"${theme}" is not a theme id (lowercase letters, digits and "_", as the main menu ids in DESIGN.md)`);
    this.name = 'FeedbackThemeError';
  }
}

export function feedbackDocumentId(theme: string): string {
  return `${ID_PREFIX}${theme}`;
}

export class FeedbackStats {
  /** `deadlines`: counts are written on the turn path, so each call is bounded (3 s writes by default). */
  constructor(private readonly container: Container, private readonly deadlines: StoreDeadlines = DEFAULT_STORE_DEADLINES) {}

  /** Counts one answer to "was this useful?" for a theme. */
  async record(theme: string, useful: boolean): Promise<void> {
    if (!THEME_ID.test(theme)) throw new FeedbackThemeError(theme);
    const id = feedbackDocumentId(theme);
    const field: keyof FeedbackCount = useful ? 'yes' : 'no';
    const increment: PatchOperation[] = [{ op: 'incr', path: `/${field}`, value: 1 }];
    const doc = (): FeedbackDocument => ({ id, kind: KIND, theme, yes: useful ? 1 : 0, no: useful ? 0 : 1 });
    await incrementCounters(this.container, id, increment, doc, 'feedback count', this.deadlines);
  }

  /** Every theme's counts, e.g. `{ health: { yes: 3, no: 1 } }`. */
  async read(): Promise<Record<string, FeedbackCount>> {
    const { resources } = await this.container.items
      .query<FeedbackDocument>({ query: 'SELECT * FROM c WHERE c.kind = @kind', parameters: [{ name: '@kind', value: KIND }] })
      .fetchAll();
    const counts: Record<string, FeedbackCount> = {};
    for (const doc of resources) counts[doc.theme] = { yes: Number(doc.yes) || 0, no: Number(doc.no) || 0 };
    return counts;
  }
}
