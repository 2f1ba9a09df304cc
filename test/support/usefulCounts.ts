/**
 * The "was this useful?" answers kept in the month × channel statistics documents, added up over
 * every month and channel, per theme: what conversation tests compare before and after a turn.
 */
import type { Container } from '@azure/cosmos';
import { parseCounterKey } from '../../bot/stats/attentionDocument';
import { AttentionStats } from '../../bot/stats/attentionStats';
import type { FeedbackCount } from '../../bot/stats/feedbackStats';

export async function usefulCounts(container: Container): Promise<Record<string, FeedbackCount>> {
  const counts: Record<string, FeedbackCount> = {};
  for (const doc of await new AttentionStats(container).read('0000-01', '9999-12')) {
    for (const [key, n] of Object.entries(doc.counts)) {
      const { family, parts } = parseCounterKey(key);
      const [theme, answer] = parts;
      if (family !== 'useful' || (answer !== 'yes' && answer !== 'no')) continue;
      counts[theme] ??= { yes: 0, no: 0 };
      counts[theme][answer] += n;
    }
  }
  return counts;
}
