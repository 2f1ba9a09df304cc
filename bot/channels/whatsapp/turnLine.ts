/**
 * The line of messages waiting for a turn: at most `running` turns at once in this process, the rest
 * wait first come, first served. Nothing is ever dropped; the line only says when it is crowded (so
 * read receipts and typing can be shed) and who has waited long (so they can be told the line is
 * busy). Its figures go to /healthz: counts and milliseconds only, never who is waiting.
 */

export interface TurnLineOptions {
  /** Turns running at once; more wait. Default 32 (a turn mostly waits on the store and the Graph API). */
  running?: number;
  /** Waiting messages from which the line counts as crowded. Default 200. */
  crowdedAt?: number;
}

/** What /healthz shows of the line. */
export interface TurnLineFigures {
  waiting: number;
  running: number;
  /** How long the message at the head of the line has waited. */
  oldestWaitMs: number;
  /** Longest wait before a turn started, over the last minute. */
  longestWaitLastMinuteMs: number;
  crowded: boolean;
}

const MINUTE_MS = 60_000;

export class TurnLine {
  private readonly limit: number;
  private readonly crowdedAt: number;
  private readonly waiters: { since: number; admit: () => void }[] = [];
  private head = 0;
  private inFlight = 0;
  private longestWait = { ms: 0, at: 0 };

  constructor(options: TurnLineOptions = {}) {
    this.limit = Math.max(1, options.running ?? 32);
    this.crowdedAt = Math.max(1, options.crowdedAt ?? 200);
  }

  /** Runs `task` when its turn in the line comes; resolves or rejects with it. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.limit || this.waiting > 0) {
      const since = Date.now();
      await new Promise<void>((admit) => this.waiters.push({ since, admit }));
      this.noteWait(Date.now() - since);
    } else {
      this.inFlight += 1;
    }
    try {
      return await task();
    } finally {
      this.leave();
    }
  }

  get waiting(): number {
    return this.waiters.length - this.head;
  }

  /** Many messages wait: the least important work (read receipts, typing) is skipped. */
  get crowded(): boolean {
    return this.waiting >= this.crowdedAt;
  }

  figures(now = Date.now()): TurnLineFigures {
    const oldest = this.waiters[this.head];
    return {
      waiting: this.waiting,
      running: this.inFlight,
      oldestWaitMs: oldest ? now - oldest.since : 0,
      longestWaitLastMinuteMs: now - this.longestWait.at <= MINUTE_MS ? this.longestWait.ms : 0,
      crowded: this.crowded,
    };
  }

  private leave(): void {
    const next = this.waiters[this.head];
    if (!next) {
      this.inFlight -= 1;
      return;
    }
    // The slot passes straight to the next in line (inFlight unchanged).
    this.waiters[this.head] = undefined as never;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.waiters.length) {
      this.waiters.splice(0, this.head);
      this.head = 0;
    }
    next.admit();
  }

  private noteWait(ms: number): void {
    const now = Date.now();
    if (ms >= this.longestWait.ms || now - this.longestWait.at > MINUTE_MS) this.longestWait = { ms, at: now };
  }
}
