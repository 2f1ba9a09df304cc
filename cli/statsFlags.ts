/**
 * What `pro stats`, `pro stats export` and `pro stats chart` share: the month range (--from, --to,
 * "YYYY-MM", Colombia time) and reading the month × channel documents of that range.
 */
import { Flags } from '@oclif/core';
import type { AttentionDocument } from '../bot/stats/attentionDocument';
import { AttentionStats } from '../bot/stats/attentionStats';
import { MONTH, statsMonth } from '../bot/stats/statsMonth';
import type { Store } from '../bot/storage/openStore';
import { CliInputError } from './cliErrors';

export const monthFlags = {
  from: Flags.string({ description: 'first month, YYYY-MM (default: the first month with counts)' }),
  to: Flags.string({ description: 'last month, YYYY-MM (default: this month, Colombia time)' }),
};

export interface MonthRange {
  from: string;
  to: string;
  docs: AttentionDocument[];
}

function checkedMonth(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!MONTH.test(value)) throw new CliInputError(`${flag} "${value}" is not a month: write it as YYYY-MM, e.g. 2026-11.`, { flag, value });
  return value;
}

/** The range asked for and its documents; `--from` after `--to` is bad input. */
export async function readMonthRange(store: Store, flags: { from?: string; to?: string }, now = new Date()): Promise<MonthRange> {
  const to = checkedMonth('--to', flags.to) ?? statsMonth(now);
  const asked = checkedMonth('--from', flags.from);
  if (asked && asked > to) throw new CliInputError(`--from ${asked} is after --to ${to}.`, { from: asked, to });
  const all = await new AttentionStats(store.containers.stats).read(asked ?? '0000-01', to);
  const from = asked ?? all[0]?.month ?? to;
  return { from, to, docs: all.filter((d) => d.month >= from) };
}
