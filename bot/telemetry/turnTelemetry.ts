/**
 * Adapter middleware that measures every turn (count and duration by channel and theme, errors
 * by kind) through the running telemetry; a no-op pass-through when telemetry is off.
 * `themeOf` reads, after the turn, what it left on the context (bot/telemetry/turnTheme.ts).
 */
import { errorKind } from './errorKind';
import type { Telemetry } from './telemetry';

/** The part of botbuilder's TurnContext read here (structural: no botbuilder import). */
interface TurnLike {
  activity: { type?: string; channelId?: string };
}

const CHANNEL = /^[a-z0-9_-]{1,40}$/i;

export function measureTurns<C extends TurnLike>(telemetry: () => Telemetry, themeOf: (context: C) => string) {
  return async (context: C, next: () => Promise<void>): Promise<void> => {
    const current = telemetry();
    if (!current.enabled || context.activity.type !== 'message') return next();
    const channel = context.activity.channelId && CHANNEL.test(context.activity.channelId) ? context.activity.channelId : 'other';
    await current.turn(next, (error) => {
      const theme = themeOf(context);
      if (error === undefined) return { channel, theme };
      const kind = errorKind(error);
      current.error(kind);
      return { channel, theme, errorKind: kind };
    });
  };
}
