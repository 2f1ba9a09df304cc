/**
 * What one turn counts, gathered while the turn runs and written after its state is saved as ONE
 * patch (at most 10 operations, Cosmos DB's limit) on the month × channel document. A turn run again
 * after a state conflict starts a new TurnCounts, so nothing is counted twice.
 *
 * An attention is a theme answered in a conversation, counted once per theme and conversation; a
 * conversation is a person's messages on one calendar day, Colombia time. A person is reached in a
 * month at their first attention of that month. Both are known from `counted` marks in the person's
 * own profile (month, day, themes already counted that day), saved with their state and gone with it.
 *
 * @example
 * const counts = new TurnCounts('whatsapp');
 * counts.answered('health', profile, 'es');   // attention + person reached (first time this month)
 * counts.operations();                         // [{ op: 'incr', path: '/counts/attention.health.54.venezuelan.es', value: 1 }, …]
 */
import type { PatchOperation } from '@azure/cosmos';
import type { UserProfile } from '../profile/userProfile';
import { counterKey } from './attentionDocument';
import { MAX_PATCH_OPERATIONS } from './counterDocument';
import { statsDay, statsMonth } from './statsMonth';
import { channelKey, departmentKey, groupKey, languageKey, lineKey, wordKey } from './statsVocabulary';

/** Kept in the person's profile: what has been counted for them already. */
export interface CountedMarks {
  /** "YYYY-MM": the month the person was last counted as reached. */
  month: string;
  /** "YYYY-MM-DD": the conversation (day) `themes` belong to. */
  day: string;
  themes: string[];
}

export class TurnCounts {
  readonly month: string;
  readonly channel: string;
  private readonly day: string;
  private readonly increments = new Map<string, number>();

  constructor(channelId: string | undefined, at: Date = new Date()) {
    this.channel = channelKey(channelId);
    this.month = statsMonth(at);
    this.day = statsDay(at);
  }

  /**
   * A theme answer given to `person`: an attention unless this theme was counted for them today,
   * and a person reached unless they were counted this month. Updates `person.counted`.
   */
  answered(theme: string, person: UserProfile, locale: string): void {
    const marks = person.counted;
    if (marks?.month !== this.month) this.add(counterKey.people);
    const themes = marks?.day === this.day ? marks.themes : [];
    const key = wordKey(theme);
    if (!themes.includes(key)) {
      this.add(counterKey.attention({ theme: key, department: departmentKey(person.lastPlace?.departmentCode), group: groupKey(person.group), language: languageKey(locale) }));
    }
    person.counted = { month: this.month, day: this.day, themes: themes.includes(key) ? themes : [...themes, key] };
  }

  /** An answer to "was this useful?". */
  useful(theme: string, useful: boolean): void {
    this.add(counterKey.useful(wordKey(theme), useful));
  }

  /** `shown` services of a kind shown for a department (national lines: `lineShown`). */
  servicesShown(serviceKind: string | undefined, departmentCode: string | undefined, shown: number): void {
    if (shown > 0) this.add(counterKey.referral(wordKey(serviceKind), departmentKey(departmentCode)), shown);
  }

  /** A national line (a referral with no department) shown, by its id. */
  lineShown(referralId: string): void {
    this.add(counterKey.line(lineKey(referralId)));
  }

  /** A referral shown: a national line (no department) by its id, a local service by kind asked for and department. */
  referralShown(referralId: string, serviceKind: string | undefined, departmentCode: string | undefined): void {
    if (departmentCode) this.servicesShown(serviceKind, departmentCode, 1);
    else this.lineShown(referralId);
  }

  /** Danger words detected, by kind (never the words or the place). */
  emergency(kinds: readonly string[]): void {
    for (const kind of new Set(kinds.map(wordKey))) this.add(counterKey.emergency(kind));
  }

  consent(decision: 'given' | 'declined'): void {
    this.add(counterKey.consent(decision));
  }

  deletionRequested(): void {
    this.add(counterKey.deletion);
  }

  handoff(): void {
    this.add(counterKey.handoff);
  }

  get isEmpty(): boolean {
    return this.increments.size === 0;
  }

  /**
   * The counters and increments, at most MAX_PATCH_OPERATIONS: past 9 distinct counters (no turn
   * known today comes near), the rest are summed into `folded` so the document's total stays right.
   */
  entries(): [string, number][] {
    const all = [...this.increments];
    if (all.length <= MAX_PATCH_OPERATIONS) return all;
    const kept = all.slice(0, MAX_PATCH_OPERATIONS - 1);
    const folded = all.slice(MAX_PATCH_OPERATIONS - 1).reduce((sum, [, n]) => sum + n, 0);
    return [...kept, [counterKey.folded, folded]];
  }

  /** The one patch that writes this turn's counts. */
  operations(): PatchOperation[] {
    return this.entries().map(([key, value]) => ({ op: 'incr', path: `/counts/${key}`, value }));
  }

  private add(key: string, by = 1): void {
    this.increments.set(key, (this.increments.get(key) ?? 0) + by);
  }
}
