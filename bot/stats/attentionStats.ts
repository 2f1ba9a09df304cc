/**
 * The month × channel counter documents (attentionDocument.ts) in the `stats` container: one turn's
 * counts written as one patch, and the documents of a range of months read back for a report.
 * No GROUP BY or DISTINCT: the embedded store lacks them, so the CLI sums the documents itself.
 *
 * @example
 * const stats = new AttentionStats(store.containers.stats, deadlines);
 * await stats.record(counts);                       // one patch (a create on the month's first count)
 * await stats.read('2026-01', '2026-11');           // the documents of those months, every channel
 */
import type { Container } from '@azure/cosmos';
import { DEFAULT_STORE_DEADLINES, type StoreDeadlines } from '../storage/deadline';
import { ATTENTION_KIND, type AttentionDocument, attentionDocumentId } from './attentionDocument';
import { incrementCounters } from './counterDocument';
import type { TurnCounts } from './turnCounts';

export class AttentionStats {
  /** `deadlines`: counts are written after a person's turn, so each call is bounded. */
  constructor(private readonly container: Container, private readonly deadlines: StoreDeadlines = DEFAULT_STORE_DEADLINES) {}

  /** Writes one turn's counts: one store call (two or three only for a month's very first count). */
  async record(counts: TurnCounts): Promise<void> {
    if (counts.isEmpty) return;
    const { month, channel } = counts;
    const id = attentionDocumentId(month, channel);
    const initial = (): AttentionDocument => ({ id, kind: ATTENTION_KIND, month, channel, counts: Object.fromEntries(counts.entries()) });
    await incrementCounters(this.container, id, counts.operations(), initial, 'statistics count', this.deadlines);
  }

  /** Every month × channel document from `from` to `to` ("YYYY-MM", both included), by month then channel. */
  async read(from: string, to: string): Promise<AttentionDocument[]> {
    const { resources } = await this.container.items
      .query<AttentionDocument>({ query: 'SELECT * FROM c WHERE c.kind = @kind', parameters: [{ name: '@kind', value: ATTENTION_KIND }] })
      .fetchAll();
    return resources
      .filter((doc) => doc.month >= from && doc.month <= to)
      .map(({ id, kind, month, channel, counts }) => ({ id, kind, month, channel, counts: counts ?? {} }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.channel.localeCompare(b.channel));
  }
}
