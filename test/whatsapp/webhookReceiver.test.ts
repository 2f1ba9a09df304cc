/**
 * The receiving side on its own, with a recording handler in place of the adapter: what Meta is
 * answered, and what each message becomes (a turn, the "text only" answer, a list's next page)
 * without any Graph API or store. The whole channel over real HTTP is test/whatsapp/adapter.test.ts.
 */
import type { Activity } from 'botbuilder';
import { DEDUPLICATE_IN_TURN } from '../../bot/turn/handledMessages';
import { signPayload, WebhookReceiver } from '../../bot/channels/whatsapp';
import type { InboundMessageHandler, ProcessedMessageLedger, TurnLogic } from '../../bot/channels/whatsapp';
import type { WebhookReceiverOptions } from '../../bot/channels/whatsapp/webhookReceiver';
import { memoryLogger, message, notification, PHONE_NUMBER_ID, textMessage, WA_ID, wamid } from './helpers';

const SECRET = 'receiver-secret';

/** Records what the receiver hands on; a turn can be held open to show ordering. */
class RecordingHandler implements InboundMessageHandler {
  readonly calls: string[] = [];
  readonly activities: Partial<Activity>[] = [];
  hold: Promise<void> | undefined;

  async markAsRead(messageId: string): Promise<unknown> {
    this.calls.push(`read ${messageId.slice(-4)}`);
    return true;
  }
  async replyUnreadable(userKey: string): Promise<void> {
    this.calls.push(`unreadable ${userKey}`);
  }
  async sendListPage(userKey: string, listId: string, page: number): Promise<void> {
    this.calls.push(`page ${userKey} ${listId} ${page}`);
  }
  async tellLineBusy(userKey: string): Promise<unknown> {
    this.calls.push(`busy ${userKey}`);
    return true;
  }
  async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    this.activities.push(activity);
    if (this.hold) await this.hold;
    this.calls.push(`turn ${activity.text}`);
    await logic({} as never);
  }
}

/** A ledger in memory: each message id is claimed once. */
function memoryLedger(): ProcessedMessageLedger & { claimed: Set<string> } {
  const claimed = new Set<string>();
  return {
    claimed,
    async claim(id) {
      if (claimed.has(id)) return false;
      claimed.add(id);
      return true;
    },
  };
}

function setUp(redeliveryCheck?: 'adapter' | 'turn', line: Partial<WebhookReceiverOptions> = {}) {
  const handler = new RecordingHandler();
  const log = memoryLogger();
  const ledger = memoryLedger();
  const receiver = new WebhookReceiver({ appSecret: SECRET, phoneNumberId: PHONE_NUMBER_ID, logger: log.logger, processedMessages: ledger, redeliveryCheck, handler, ...line });
  const logic = jest.fn(async () => undefined);
  const deliver = (payload: unknown, signature?: string) => {
    const raw = Buffer.from(JSON.stringify(payload));
    return receiver.handleWebhook(raw, signature ?? signPayload(raw, SECRET), logic);
  };
  return { handler, log, ledger, receiver, logic, deliver };
}

/** Waits for `condition`, checking every few milliseconds (no fixed sleep). */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('WebhookReceiver', () => {
  it('answers Meta before any message is handled, then hands each one on', async () => {
    const { handler, deliver, receiver, logic } = setUp();
    const receipt = deliver(notification([textMessage('hola')]));
    expect(receipt).toMatchObject({ status: 200, body: 'OK' });
    expect(handler.calls).toEqual([]);
    await receipt.processed;
    // A quick answer needs no read receipt: the reply itself shows the message was read.
    expect(handler.calls).toEqual(['turn hola']);
    expect(logic).toHaveBeenCalledTimes(1);
    await receiver.idle();
  });

  it('marks a slow message read (with typing) while its turn still runs', async () => {
    const { handler, deliver, receiver } = setUp(undefined, { readReceiptAfterMs: 20 });
    let release: () => void = () => undefined;
    handler.hold = new Promise<void>((resolve) => (release = resolve));
    const m = textMessage('hola');
    deliver(notification([m]));
    await until(() => handler.calls.length > 0);
    expect(handler.calls).toEqual([`read ${String(m.id).slice(-4)}`]);
    release();
    await receiver.idle();
    expect(handler.calls).toEqual([`read ${String(m.id).slice(-4)}`, 'turn hola']);
    expect(receiver.figures()).toMatchObject({ readReceiptsSent: 1, readReceiptsShed: 0 });
  });

  it('keeps every message in a bounded line, tells the one who waits long that the line is busy, and sheds read receipts while crowded', async () => {
    const { handler, deliver, receiver } = setUp(undefined, { line: { running: 1, crowdedAt: 1 }, readReceiptAfterMs: 20, busyNoticeAfterMs: 40 });
    let release: () => void = () => undefined;
    handler.hold = new Promise<void>((resolve) => (release = resolve));
    const other = '573009999999';
    deliver(notification([textMessage('primero')]));
    deliver(notification([message('text', { text: { body: 'segundo' } }, { from: other })]));
    await until(() => handler.calls.includes(`busy ${other}`));
    expect(receiver.figures()).toMatchObject({ waiting: 1, running: 1, crowded: true, busyNoticesSent: 1 });
    expect(JSON.stringify(receiver.figures())).not.toContain(other);
    expect(handler.calls.filter((c) => c.startsWith('read '))).toEqual([]);
    // The notice's timer and the line's own clock start in different milliseconds: wait on the line's clock.
    await until(() => receiver.figures().oldestWaitMs >= 40);
    release();
    await receiver.idle();
    expect(handler.calls.filter((c) => c.startsWith('turn '))).toEqual(['turn primero', 'turn segundo']);
    expect(receiver.figures()).toMatchObject({ waiting: 0, running: 0, readReceiptsSent: 0 });
    expect(receiver.figures().readReceiptsShed).toBeGreaterThanOrEqual(1);
    expect(receiver.figures().longestWaitLastMinuteMs).toBeGreaterThanOrEqual(40);
  });

  it('hands nothing on for a missing (401) or wrong (403) signature', async () => {
    const { handler, deliver, ledger, receiver } = setUp();
    const payload = notification([textMessage('hola')]);
    expect(receiver.handleWebhook(Buffer.from(JSON.stringify(payload)), undefined, jest.fn())).toMatchObject({ status: 401, body: 'Missing signature' });
    const wrong = deliver(payload, signPayload('something else', SECRET));
    expect(wrong).toMatchObject({ status: 403, body: 'Invalid signature' });
    await wrong.processed;
    expect(handler.calls).toEqual([]);
    expect(ledger.claimed.size).toBe(0);
  });

  it('answers 200 to a signed body it cannot use, and hands nothing on', async () => {
    const { handler, receiver, log } = setUp();
    const raw = Buffer.from('not json');
    const receipt = receiver.handleWebhook(raw, signPayload(raw, SECRET), jest.fn());
    expect(receipt.status).toBe(200);
    await receipt.processed;
    expect(handler.calls).toEqual([]);
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'WhatsApp webhook payload ignored' }));
  });

  it("runs one person's messages one at a time in arrival order, another person's alongside", async () => {
    const { handler, deliver, receiver } = setUp();
    let release!: () => void;
    handler.hold = new Promise((resolve) => (release = resolve));
    const first = deliver(notification([textMessage('uno'), textMessage('dos')]));
    const other = deliver(notification([textMessage('otra', { from: '573009990000' })], { contacts: [{ wa_id: '573009990000', profile: { name: 'B' } }] }));
    // Both people's first turns are open; nobody's second turn has started.
    await new Promise<void>((resolve) => {
      const check = (): void => (handler.activities.length >= 2 ? resolve() : void setImmediate(check));
      check();
    });
    expect(handler.activities.map((a) => a.text).sort()).toEqual(['otra', 'uno']);
    release();
    await Promise.all([first.processed, other.processed]);
    expect(handler.calls.filter((c) => c.startsWith('turn ')).filter((c) => c !== 'turn otra')).toEqual(['turn uno', 'turn dos']);
    await receiver.idle();
  });

  it('skips a redelivered message, and sends media and "more options" picks to the handler without a turn', async () => {
    const { handler, deliver, logic } = setUp();
    const id = wamid();
    await deliver(notification([textMessage('hola', { id })])).processed;
    await deliver(notification([textMessage('hola', { id })])).processed;
    await deliver(notification([message('audio', { audio: { id: 'media-1', mime_type: 'audio/ogg' } })])).processed;
    await deliver(notification([message('interactive', { interactive: { type: 'list_reply', list_reply: { id: 'more_options:abcdef:2', title: 'Más opciones' } } })])).processed;
    expect(handler.calls.filter((c) => !c.startsWith('read '))).toEqual(['turn hola', `unreadable ${WA_ID}`, `page ${WA_ID} abcdef 2`]);
    expect(logic).toHaveBeenCalledTimes(1);
  });

  it("with redeliveryCheck 'turn', leaves turn messages to the turn (marked) and still claims the others", async () => {
    const { handler, deliver, ledger } = setUp('turn');
    await deliver(notification([textMessage('hola')])).processed;
    expect(ledger.claimed.size).toBe(0);
    expect(handler.activities[0].channelData).toMatchObject({ [DEDUPLICATE_IN_TURN]: true });
    await deliver(notification([message('audio', { audio: { id: 'media-2', mime_type: 'audio/ogg' } })])).processed;
    expect(ledger.claimed.size).toBe(1);
  });

  it('answers anyway when the ledger is down (a repeat is better than silence)', async () => {
    const handler = new RecordingHandler();
    const log = memoryLogger();
    const receiver = new WebhookReceiver({
      appSecret: SECRET,
      phoneNumberId: PHONE_NUMBER_ID,
      logger: log.logger,
      processedMessages: { claim: async () => Promise.reject(new Error('store unreachable')) },
      handler,
    });
    const raw = Buffer.from(JSON.stringify(notification([textMessage('hola')])));
    await receiver.handleWebhook(raw, signPayload(raw, SECRET), jest.fn(async () => undefined)).processed;
    expect(handler.calls).toContain('turn hola');
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'processed-message ledger unavailable; handling the message anyway' }));
    expect(log.text()).not.toContain(WA_ID);
  });
});
