/**
 * Holds a turn's replies until its state is saved. If the save loses a race with another bot
 * instance, the turn runs again and only the second run's replies are sent: a person never gets
 * two answers to one message. Emergency lines bypass the outbox (they are sent at once).
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';

export class Outbox {
  private held: Partial<Activity>[] = [];
  private capturing = false;

  constructor(private readonly context: TurnContext) {
    context.onSendActivities(async (_ctx, activities, next) => {
      if (!this.capturing) return next();
      this.held.push(...activities);
      // Prompts check `responded` to decide whether to re-prompt; keep their view of the turn right.
      this.context.responded = true;
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
  }

  /** Starts holding replies (and forgets any held from an earlier, failed attempt). */
  hold(): void {
    this.held = [];
    this.capturing = true;
  }

  /** Sends what was held, in order, and stops holding. */
  async release(): Promise<void> {
    this.capturing = false;
    const activities = this.held;
    this.held = [];
    if (activities.length > 0) await this.context.sendActivities(activities);
  }

  discard(): void {
    this.capturing = false;
    this.held = [];
  }
}
