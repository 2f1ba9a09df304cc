/**
 * Conversation test harness: the real ProBot (content, dialogs, Cosmos state on the embedded
 * server) behind botbuilder's TestAdapter. `say()` returns the bot's replies to one message.
 */
import { Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { composeBot, type ComposeOptions } from '../../bot/composeBot';
import { createLogger } from '../../bot/logger';
import type { Store } from '../../bot/storage/openStore';

export interface Reply {
  text: string;
  /** Ids of the offered choices (suggested actions), if any. */
  choices: string[];
  titles: string[];
}

export interface TestConversation {
  adapter: TestAdapter;
  say(text: string): Promise<Reply[]>;
  /** The Emulator's "conversation started" event. */
  join(): Promise<Reply[]>;
  /** A message whose `value` carries data (e.g. a shared location). */
  send(activity: Partial<Activity>): Promise<Reply[]>;
}

export function toReply(activity: Partial<Activity>): Reply {
  const actions = activity.suggestedActions?.actions ?? [];
  return { text: activity.text ?? '', choices: actions.map((a) => String(a.value)), titles: actions.map((a) => a.title) };
}

let counter = 0;

export function startConversation(
  store: Store,
  options: { userId?: string; env?: Record<string, string>; wrapStorage?: ComposeOptions['wrapStorage']; adjustThemes?: ComposeOptions['adjustThemes'] } = {},
): TestConversation {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...options.env });
  const { bot, onTurnError } = composeBot(store, config, createLogger('silent'), { wrapStorage: options.wrapStorage, adjustThemes: options.adjustThemes });
  const userId = options.userId ?? `tester-${process.pid}-${++counter}`;
  const adapter = new TestAdapter((context) => bot.run(context), {
    channelId: 'emulator',
    conversation: { id: `conv-${userId}`, isGroup: false, name: '', conversationType: 'personal' },
    from: { id: userId, name: 'tester' },
    recipient: { id: 'bot', name: 'PRO Bot' },
  });
  adapter.onTurnError = onTurnError;
  const drain = (): Reply[] => adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message).map(toReply);
  return {
    adapter,
    async say(text) {
      await adapter.receiveActivity(text);
      return drain();
    },
    async join() {
      await adapter.receiveActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: userId, name: 'tester' }] });
      return drain();
    },
    async send(activity) {
      await adapter.receiveActivity({ type: ActivityTypes.Message, ...activity });
      return drain();
    },
  };
}

/** All reply texts of one turn joined, for `toContain` checks. */
export function allText(replies: Reply[]): string {
  return replies.map((r) => r.text).join('\n');
}

/** The choices offered by the last reply of the turn. */
export function lastChoices(replies: Reply[]): string[] {
  return replies[replies.length - 1]?.choices ?? [];
}
