/**
 * The last few lines of one conversation (what the person wrote, the first lines of what the bot
 * answered), so the advisor's context note can say what was asked. Held in this process's memory
 * only, for a short time and a bounded number of conversations: never written to the store (the
 * privacy notice promises that what people write is not kept), and shared only when the person
 * accepts the hand-off. A conversation that moved between instances shares what this one saw.
 */

export interface ExchangeLine {
  from: 'person' | 'bot';
  text: string;
}

export interface RecentExchangeOptions {
  /** Lines kept per conversation. Default 8 (about four questions and answers). */
  lines?: number;
  /** A line older than this is forgotten. Default 2 hours. */
  maxAgeMs?: number;
  /** Conversations held at once; the least recently used is dropped first. Default 5000. */
  conversations?: number;
  /** Longest line kept, in characters. Default 400. */
  lineLength?: number;
  now?: () => number;
}

interface Held {
  lines: (ExchangeLine & { at: number })[];
  /** Kinds of danger words seen (emergency rule kinds, no words). */
  dangers: Set<string>;
}

export class RecentExchange {
  private readonly held = new Map<string, Held>();
  private readonly lines: number;
  private readonly maxAgeMs: number;
  private readonly conversations: number;
  private readonly lineLength: number;
  private readonly now: () => number;

  constructor(options: RecentExchangeOptions = {}) {
    this.lines = options.lines ?? 8;
    this.maxAgeMs = options.maxAgeMs ?? 2 * 3600 * 1000;
    this.conversations = options.conversations ?? 5000;
    this.lineLength = options.lineLength ?? 400;
    this.now = options.now ?? Date.now;
  }

  /** Remembers one line of the conversation `key` (a pseudonym, never a phone number). */
  add(key: string, from: ExchangeLine['from'], text: string): void {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!clean) return;
    const held = this.touch(key);
    held.lines.push({ from, text: clean.length > this.lineLength ? `${clean.slice(0, this.lineLength - 1)}…` : clean, at: this.now() });
    if (held.lines.length > this.lines) held.lines.splice(0, held.lines.length - this.lines);
  }

  /** Remembers that danger words of these kinds came up in the conversation. */
  addDanger(key: string, kinds: readonly string[]): void {
    const held = this.touch(key);
    for (const kind of kinds) held.dangers.add(kind);
  }

  /** The danger kinds seen in the conversation. */
  dangers(key: string): string[] {
    return [...(this.held.get(key)?.dangers ?? [])];
  }

  /** The conversation's entry, moved to the most recently used end (Map order is recency order). */
  private touch(key: string): Held {
    const held = this.held.get(key) ?? { lines: [], dangers: new Set<string>() };
    this.held.delete(key);
    this.held.set(key, held);
    while (this.held.size > this.conversations) this.held.delete(this.held.keys().next().value as string);
    return held;
  }

  /** The conversation's recent lines, oldest first (only those younger than maxAgeMs). */
  recent(key: string): ExchangeLine[] {
    const cutoff = this.now() - this.maxAgeMs;
    return (this.held.get(key)?.lines ?? []).filter((l) => l.at >= cutoff).map(({ from, text }) => ({ from, text }));
  }

  /** Forgets the conversation (shared with the advisor, or the person deleted their data). */
  forget(key: string): void {
    this.held.delete(key);
  }
}
