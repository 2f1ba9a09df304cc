/**
 * The front door's pieces without processes: a notification split per person parses, part by part,
 * into exactly the events the whole one gives (inbound.ts), in each person's order; the hand-over
 * keeps every part until its worker says it was handled, sends a dead worker's parts to its
 * replacement in order, moves an abandoned slot's people to another worker, and never refuses past
 * its bound; /healthz adds up the workers' lines and is "ok" only when every worker is.
 */
import { parseWebhook, type InboundEvent } from '../../bot/channels/whatsapp/inbound';
import { clusterHealth, combineLines } from '../../bot/cluster/clusterHealth';
import { Deliveries, type WorkerChannel } from '../../bot/cluster/deliveries';
import type { ToWorker } from '../../bot/cluster/ipc';
import { splitNotification } from '../../bot/cluster/notificationParts';
import { personSlot } from '../../bot/cluster/personSlot';
import { failedStatus, memoryLogger, message, notification, PHONE_NUMBER_ID, textMessage } from '../whatsapp/helpers';

type Json = Record<string, unknown>;
const ANA = '573105550001';
const LUIS = '573105550002';

/** Each person's message ids in order, and what else the events say (statuses, ignored items). */
function summary(events: InboundEvent[]): { people: Record<string, string[]>; other: string[] } {
  const people: Record<string, string[]> = {};
  const other: string[] = [];
  for (const e of events) {
    if (e.kind === 'turn' || e.kind === 'unreadable') (people[e.user.key] ??= []).push(`${e.kind}:${e.messageId}`);
    else other.push(e.kind === 'ignored' ? `ignored:${e.reason}` : e.kind);
  }
  return { people, other };
}

describe('splitNotification', () => {
  it('gives one part per person whose parsed events are the whole notification\'s, in order', () => {
    const whole = notification(
      [textMessage('hola', { from: ANA }), textMessage('hi', { from: LUIS }), message('image', { image: { id: 'm' } }, { from: ANA }), message('text', { text: { body: 'x' } }, { from: null }), message('text', { text: { body: 'bsuid' } }, { from: null, fromUserId: 'CO.99' })],
      { statuses: [failedStatus(131047)], contacts: [{ profile: { name: 'A' }, wa_id: ANA }, { profile: { name: 'L' }, wa_id: LUIS }] },
    );
    const parts = splitNotification(whole);
    expect(parts.map((p) => p.person)).toEqual([ANA, LUIS, 'CO.99', undefined]);
    const fromParts = parts.flatMap((p) => parseWebhook(p.payload, PHONE_NUMBER_ID));
    const expected = summary(parseWebhook(whole, PHONE_NUMBER_ID));
    expect(summary(fromParts)).toEqual(expected);
    expect(Object.keys(expected.people)).toEqual([ANA, LUIS, 'CO.99']);
    // Each part holds one person only.
    for (const part of parts.filter((p) => p.person)) expect(Object.keys(summary(parseWebhook(part.payload, PHONE_NUMBER_ID)).people)).toEqual([part.person]);
  });

  it('keeps a one-person notification as it came, and a notification it cannot read whole', () => {
    const single = notification([textMessage('hola', { from: ANA }), textMessage('otra', { from: ANA })]);
    expect(splitNotification(single)).toEqual([{ person: ANA, payload: single }]);
    const foreign = { object: 'page', entry: [] };
    expect(splitNotification(foreign)).toEqual([{ payload: foreign }]);
  });
});

describe('personSlot', () => {
  it('is stable and within the worker count', () => {
    expect(personSlot(ANA, 4)).toBe(personSlot(ANA, 4));
    const slots = new Set(Array.from({ length: 200 }, (_, i) => personSlot(`5731000${i}`, 4)));
    expect([...slots].sort()).toEqual([0, 1, 2, 3]);
  });
});

/** A worker that records the parts it was sent. */
function fakeWorker(): WorkerChannel & { ids: number[] } {
  const ids: number[] = [];
  return {
    ids,
    send(m: ToWorker) {
      if (m.probot === 'webhook') ids.push(m.id);
      return true;
    },
  };
}

/** Person keys that fall in `slot` of `slots`. */
const peopleIn = (slot: number, slots: number, count: number): string[] => {
  const found: string[] = [];
  for (let i = 0; found.length < count; i++) if (personSlot(`57320${i}`, slots) === slot) found.push(`57320${i}`);
  return found;
};

describe('Deliveries', () => {
  const { logger } = memoryLogger();

  it("holds parts until the person's worker is up, then sends them in order; a dead worker's unfinished parts go to its replacement", () => {
    const deliveries = new Deliveries({ slots: 2, logger });
    const [a, b] = peopleIn(0, 2, 2);
    deliveries.dispatch({ person: a, payload: 1 }, 10);
    deliveries.dispatch({ person: b, payload: 2 }, 10);
    expect(deliveries.figures()).toEqual(expect.objectContaining({ unfinished: 2, waitingForWorker: 2, unfinishedBytes: 20 }));
    const first = fakeWorker();
    deliveries.attach(0, first);
    deliveries.dispatch({ person: a, payload: 3 }, 10);
    expect(first.ids).toEqual([1, 2, 3]);
    deliveries.handled(1);
    deliveries.detach(0);
    const replacement = fakeWorker();
    deliveries.attach(0, replacement);
    expect(replacement.ids).toEqual([2, 3]);
    expect(deliveries.figures()).toEqual({ unfinished: 2, unfinishedBytes: 20, waitingForWorker: 0, redelivered: 2, handedOverUnkept: 0 });
    deliveries.handled(2);
    deliveries.handled(3);
    expect(deliveries.figures().unfinished).toBe(0);
  });

  it("moves an abandoned slot's people, and its unfinished parts, to the next worker", () => {
    const deliveries = new Deliveries({ slots: 2, logger });
    const zero = fakeWorker();
    const one = fakeWorker();
    deliveries.attach(0, zero);
    deliveries.attach(1, one);
    const [person] = peopleIn(1, 2, 1);
    deliveries.dispatch({ person, payload: 'x' }, 1);
    expect(one.ids).toEqual([1]);
    deliveries.abandon(1);
    deliveries.dispatch({ person, payload: 'y' }, 1);
    expect(zero.ids).toEqual([1, 2]);
  });

  it('past its bound hands parts over without a copy, and never refuses one', () => {
    const deliveries = new Deliveries({ slots: 1, logger, maxKept: 2 });
    const worker = fakeWorker();
    deliveries.attach(0, worker);
    for (let i = 0; i < 4; i++) deliveries.dispatch({ person: ANA, payload: i }, 1);
    expect(worker.ids).toEqual([1, 2, 3, 4]);
    expect(deliveries.figures()).toEqual(expect.objectContaining({ unfinished: 2, handedOverUnkept: 2 }));
  });
});

describe('clusterHealth', () => {
  const line = (waiting: number, oldestWaitMs: number, crowded: boolean): Json => ({ waiting, running: 1, oldestWaitMs, longestWaitLastMinuteMs: oldestWaitMs, crowded, readReceiptsSent: 2, readReceiptsShed: 0, busyNoticesSent: 1 });

  it('adds counts up, takes the longest times, and is crowded when any worker is', () => {
    expect(combineLines([line(3, 40, false), line(5, 900, true)])).toEqual({ waiting: 8, running: 2, oldestWaitMs: 900, longestWaitLastMinuteMs: 900, crowded: true, readReceiptsSent: 4, readReceiptsShed: 0, busyNoticesSent: 2 });
  });

  it('is ok only when every expected worker answers ok', () => {
    const ok = { status: 200, body: { status: 'ok', storage: 'embedded', version: '1', whatsappLine: line(1, 0, false) } };
    expect(clusterHealth({ expectedWorkers: 2, answers: [ok, ok], storage: 'embedded', version: '1' }).status).toBe(200);
    const down = clusterHealth({ expectedWorkers: 2, answers: [ok, { status: 0 }], storage: 'embedded', version: '1' });
    expect(down).toEqual({ status: 503, body: expect.objectContaining({ status: 'unavailable', storage: 'embedded', version: '1', reason: '1 of 2 bot workers answered ok' }) });
    const unreachable = clusterHealth({ expectedWorkers: 1, answers: [{ status: 503, body: { status: 'unavailable', reason: 'storage unreachable: timeout' } }], storage: 'cosmos', version: '1' });
    expect(unreachable.body.reason).toBe('storage unreachable: timeout');
    expect(clusterHealth({ expectedWorkers: 2, answers: [ok], storage: 'embedded', version: '1' }).status).toBe(503);
  });
});
