/**
 * Group commit against the real Cosmos-compatible server: calls that arrive while a request is on
 * its way share the next one, and each keeps its own outcome (ETag, 404, 409).
 */
import type { Container } from '@azure/cosmos';
import { GroupCommit } from '../../bot/storage/groupCommit';
import { startTestStore, TestStore } from '../support/store';

interface Doc {
  id: string;
  n: number;
}

const doc = (id: string, n: number): Doc => ({ id, n });

describe('GroupCommit', () => {
  let store: TestStore;
  let container: Container;
  beforeAll(async () => {
    store = await startTestStore();
    container = store.containers.state;
  });
  afterAll(() => store.destroy());

  it('sends a call that finds nothing on its way alone, at once', async () => {
    const calls = new GroupCommit(container);
    const created = await calls.run<Doc>({ kind: 'create', doc: doc('alone', 1) });
    expect(created.status).toBe(201);
    expect(created.resource?._etag).toEqual(expect.any(String));
    expect(calls.figures()).toEqual({ requests: 1, operations: 1 });
  });

  it('puts the calls of many people at once into few requests, each with its own answer', async () => {
    const calls = new GroupCommit(container);
    const ids = Array.from({ length: 20 }, (_, i) => `many-${i}`);
    const created = await Promise.all(ids.map((id) => calls.run<Doc>({ kind: 'create', doc: doc(id, 1) })));
    expect(created.map((c) => c.status)).toEqual(ids.map(() => 201));
    // The first goes alone; the other 19 waited for it and went together.
    expect(calls.figures()).toEqual({ requests: 2, operations: 20 });

    // Replaces with each one's ETag; one of them stale: only that one is refused.
    const stale = created[3].resource?._etag as string;
    await container.item('many-3', 'many-3').replace({ id: 'many-3', n: 99 });
    const replaced = await Promise.all(ids.map((id, i) => calls.run<Doc>({ kind: 'replace', doc: doc(id, 2), ifMatch: i === 3 ? stale : (created[i].resource?._etag as string) })));
    expect(replaced.map((r) => r.status)).toEqual(ids.map((_, i) => (i === 3 ? 412 : 200)));
    expect(replaced[5].resource?._etag).not.toBe(created[5].resource?._etag);
    expect((await container.item('many-3', 'many-3').read<Doc>()).resource?.n).toBe(99);
    expect((await container.item('many-7', 'many-7').read<Doc>()).resource?.n).toBe(2);
  });

  it('answers 404 and 409 per call inside a shared request, as a single call does', async () => {
    const calls = new GroupCommit(container);
    await container.items.create({ id: 'taken', n: 1 });
    const [first, missing, present, taken, upserted] = await Promise.all([
      calls.run<Doc>({ kind: 'read', id: 'nobody-first' }),
      calls.run<Doc>({ kind: 'read', id: 'nobody' }),
      calls.run<Doc>({ kind: 'read', id: 'taken' }),
      calls.run<Doc>({ kind: 'create', doc: doc('taken', 2) }),
      calls.run<Doc>({ kind: 'upsert', doc: doc('upserted', 3) }),
    ]);
    expect(calls.figures().requests).toBe(2);
    expect([first.status, missing.status, present.status, taken.status, upserted.status]).toEqual([404, 404, 200, 409, 201]);
    expect(missing.resource).toBeUndefined();
    expect(present.resource?.n).toBe(1);
    expect((await container.item('taken', 'taken').read<Doc>()).resource?.n).toBe(1);
  });

  it('does not send a call whose caller gave up while it waited', async () => {
    const calls = new GroupCommit(container);
    const gaveUp = new AbortController();
    const ahead = calls.run<Doc>({ kind: 'create', doc: doc('ahead', 1) });
    const waiting = calls.run<Doc>({ kind: 'create', doc: doc('gave-up', 1) }, gaveUp.signal);
    gaveUp.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect((await ahead).status).toBe(201);
    expect((await container.item('gave-up', 'gave-up').read()).resource).toBeUndefined();
  });

  it('sends again alone, where the SDK retries, an operation the store could not do now (429)', async () => {
    // The embedded store never throttles; this container answers the shared request with a 429 for one operation.
    const throttling = Object.create(container) as Container;
    Object.defineProperty(throttling, 'items', {
      value: Object.assign(Object.create(container.items), {
        bulk: async (ops: unknown[]) => [{ statusCode: 429, requestCharge: 0 }, ...(await container.items.bulk(ops.slice(1) as never))],
      }),
    });
    const calls = new GroupCommit(throttling);
    const answers = await Promise.all(['t-0', 't-1', 't-2'].map((id) => calls.run<Doc>({ kind: 'upsert', doc: doc(id, 1) })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    // t-0 alone, t-1 and t-2 together, then t-1 alone again.
    expect(calls.figures()).toEqual({ requests: 3, operations: 3 });
    expect((await container.item('t-1', 't-1').read<Doc>()).resource?.n).toBe(1);
  });

  it('is not held by a hung store: once every caller gave up, the next call goes', async () => {
    // This container's shared requests hang until aborted, as a store that stopped answering.
    const hanging = Object.create(container) as Container;
    Object.defineProperty(hanging, 'items', {
      value: Object.assign(Object.create(container.items), {
        bulk: (_ops: unknown, _bulk: unknown, options?: { abortSignal?: AbortSignal }) =>
          new Promise((_resolve, reject) => options?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted')))),
      }),
    });
    const calls = new GroupCommit(hanging);
    const deadlines = [new AbortController(), new AbortController(), new AbortController()];
    const first = calls.run<Doc>({ kind: 'read', id: 'h-0' }, deadlines[0].signal);
    const shared = [1, 2].map((i) => calls.run<Doc>({ kind: 'read', id: `h-${i}` }, deadlines[i].signal));
    expect((await first).status).toBe(404); // alone, on the ordinary path
    for (const d of deadlines) d.abort(new Error('deadline'));
    await Promise.all(shared.map((p) => expect(p).rejects.toThrow()));
    const after = await calls.run<Doc>({ kind: 'upsert', doc: doc('h-after', 1) });
    expect(after.status).toBe(201);
  });

  it('shares requests on the version-2 keys it creates, and on a version-1 container made before them', async () => {
    const { resource } = await container.read();
    expect(resource?.partitionKey).toEqual(expect.objectContaining({ paths: ['/id'], version: 2 }));
    // A container created before version-2 keys keeps version 1; the SDK hashes to match it.
    const { container: older } = await store.database.containers.createIfNotExists({ id: 'older-v1', partitionKey: { paths: ['/id'] } });
    expect((await older.read()).resource?.partitionKey?.version ?? 1).toBe(1);
    for (const target of [container, older]) {
      const calls = new GroupCommit(target);
      const ids = Array.from({ length: 6 }, (_, i) => `keys-${i}`);
      const created = await Promise.all(ids.map((id) => calls.run<Doc>({ kind: 'create', doc: doc(id, 1) })));
      expect(created.map((c) => c.status)).toEqual(ids.map(() => 201));
      expect(calls.figures().requests).toBe(2); // the first alone, the other five as one bulk request
      const read = await Promise.all(ids.map((id) => calls.run<Doc>({ kind: 'read', id })));
      expect(read.map((r) => r.resource?.n)).toEqual(ids.map(() => 1));
    }
  });
});
