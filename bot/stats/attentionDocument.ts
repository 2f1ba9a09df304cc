/**
 * The month × channel counter document of the `stats` container: every statistic of one calendar
 * month (Colombia time) on one channel, as named counters in one object, so a turn's counts are one
 * patch on one document and a report reads one document per month and channel.
 *
 * `{ id: "attention:2026-11:whatsapp", kind: "attention", month: "2026-11", channel: "whatsapp",
 *    counts: { "attention.health.54.venezuelan.es": 12, "people": 9, "useful.health.yes": 7, … } }`
 *
 * An attention is counted with all its dimensions in one key (theme, department, group, language),
 * so any breakdown or filter of a report is a sum in the CLI (no GROUP BY needed) and an attention
 * costs one patch operation. Key parts come only from bot/stats/statsVocabulary.ts.
 */
import type { StatsGroup } from './statsVocabulary';

export const ATTENTION_KIND = 'attention';

export interface AttentionDocument {
  id: string;
  kind: typeof ATTENTION_KIND;
  month: string;
  channel: string;
  counts: Record<string, number>;
}

export function attentionDocumentId(month: string, channel: string): string {
  return `${ATTENTION_KIND}:${month}:${channel}`;
}

/** One attention's dimensions, as key parts. */
export interface AttentionCell {
  theme: string;
  department: string;
  group: StatsGroup;
  language: string;
}

/** Counter names; the first part is the family. */
export const counterKey = {
  attention: (a: AttentionCell) => `attention.${a.theme}.${a.department}.${a.group}.${a.language}`,
  people: 'people',
  useful: (theme: string, useful: boolean) => `useful.${theme}.${useful ? 'yes' : 'no'}`,
  referral: (serviceKind: string, department: string) => `referral.${serviceKind}.${department}`,
  line: (line: string) => `line.${line}`,
  emergency: (kind: string) => `emergency.${kind}`,
  consent: (decision: 'given' | 'declined') => `consent.${decision}`,
  deletion: 'deletion',
  handoff: 'handoff',
  /** Increments a turn had no room for in one patch (see TurnCounts). */
  folded: 'folded',
} as const;

/** The family and parts of a counter name ("referral.legal.54" → referral, [legal, 54]). */
export function parseCounterKey(key: string): { family: string; parts: string[] } {
  const [family, ...parts] = key.split('.');
  return { family, parts };
}
