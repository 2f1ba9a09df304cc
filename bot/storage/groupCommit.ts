/**
 * Group commit for the store calls people wait on: while one request to a container is on its way,
 * the calls that arrive meanwhile wait and then go together as one bulk request.
 *
 * Why: under load most of a turn's CPU is the HTTP around each store call (signing, headers, TLS
 * writes, the SDK's pipeline), on our side and on the store's. Measured on the embedded store, 8
 * replaces in one bulk request cost a third of the client CPU of 8 single ones, and the store half.
 * A call that finds nothing on its way goes at once, alone, on the SDK's ordinary path, so a quiet
 * line sees no change at all: no timer, no added wait. Under load, a call waits at most for the
 * one request ahead of it.
 *
 * Every operation keeps its own outcome: its ETag condition (a stale `ifMatch` is a 412 for that
 * operation only), 404, 409. An operation the store could not do now (429 throttled, 408, 410,
 * 449, 5xx) is sent again alone, where the SDK's retry policy applies. The store acknowledges each
 * operation only once it is durable (the embedded store journals a bulk request like any other).
 *
 * Only for containers partitioned by `/id` (the partition key is the id), and not for patches: the
 * embedded store refuses Patch inside a bulk request, so statistics counters stay single calls.
 * Uses `items.bulk`: the SDK's newer `executeBulkOperations` holds operations on a timer (about a
 * second a call here), far too slow for someone waiting on a reply.
 */
import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import { statusOf } from './cosmosErrors';

interface Document {
  id: string;
}

export type StoreOperation =
  | { kind: 'read'; id: string }
  | { kind: 'create'; doc: Document }
  | { kind: 'replace'; doc: Document; ifMatch: string }
  | { kind: 'upsert'; doc: Document };

/** What the store said about one operation: 2xx with the stored document, or 404, 409 or 412. */
export interface StoreAnswer<T> {
  status: number;
  resource?: T & { _etag?: string };
}

/** Any other status: thrown, with the status where statusOf finds it (as the SDK's own errors). */
export class StoreStatusError extends Error {
  constructor(readonly code: number, kind: StoreOperation['kind']) {
    super(`the store answered ${code} to a ${kind}`);
    this.name = 'StoreStatusError';
  }
}

/** Statuses that are an answer about the document itself; the caller decides what they mean. */
const ANSWERS = new Set([404, 409, 412]);
/** Statuses that say "not now", worth one more try on the single path (whose SDK policy retries). */
const TRY_AGAIN = (status: number): boolean => status === 429 || status === 408 || status === 410 || status === 449 || status >= 500;
/** Longest a shared request may take: callers have shorter deadlines (storage/deadline.ts). */
const SHARED_REQUEST_MAX_MS = 10_000;
/** The store takes at most 100 operations a bulk request. */
const MAX_BATCH = 100;

interface Waiting {
  operation: StoreOperation;
  signal?: AbortSignal;
  resolve(answer: StoreAnswer<unknown>): void;
  reject(err: unknown): void;
}

export interface GroupCommitFigures {
  /** Store requests sent (a retry alone counts), and the operations asked for. */
  requests: number;
  operations: number;
}

export class GroupCommit {
  private waiting: Waiting[] = [];
  /** Whether a request to this container is on its way (then calls wait to go together). */
  private sending = false;
  private readonly counts: GroupCommitFigures = { requests: 0, operations: 0 };

  constructor(private readonly container: Container) {}

  /** Runs one operation; `signal` aborts it while it goes alone (a shared request is not aborted for one caller). */
  run<T>(operation: StoreOperation, signal?: AbortSignal): Promise<StoreAnswer<T>> {
    return new Promise<StoreAnswer<T>>((resolve, reject) => {
      this.waiting.push({ operation, signal, resolve: resolve as Waiting['resolve'], reject });
      this.next();
    });
  }

  figures(): GroupCommitFigures {
    return { ...this.counts };
  }

  private next(): void {
    while (!this.sending && this.waiting.length) {
      // A caller who gave up while waiting (its deadline passed) is not sent: nobody waits on it.
      const group = this.waiting.splice(0, MAX_BATCH).filter((call) => !call.signal?.aborted || (call.reject(call.signal.reason), false));
      if (!group.length) continue;
      this.sending = true;
      this.counts.requests += 1;
      this.counts.operations += group.length;
      const sent = group.length === 1 ? this.alone(group[0]) : this.together(group);
      void sent.finally(() => {
        this.sending = false;
        this.next();
      });
    }
  }

  private async alone(call: Waiting): Promise<void> {
    try {
      call.resolve(await this.single(call.operation, call.signal));
    } catch (err) {
      call.reject(err);
    }
  }

  private async together(group: Waiting[]): Promise<void> {
    // A hung store must not hold the queue: the shared request is aborted once nobody waits on it
    // any more (every caller's deadline passed), or after SHARED_REQUEST_MAX_MS whatever happens.
    const abort = new AbortController();
    let waitedOn = group.length;
    for (const call of group) call.signal?.addEventListener('abort', () => --waitedOn === 0 && abort.abort(), { once: true });
    const cap = setTimeout(() => abort.abort(), SHARED_REQUEST_MAX_MS);
    let answers: { statusCode: number; resourceBody?: JSONObject }[];
    try {
      answers = await this.container.items.bulk(group.map((call) => bulkOperation(call.operation)), { continueOnError: true }, { abortSignal: abort.signal });
    } catch (err) {
      for (const call of group) call.reject(err);
      return;
    } finally {
      clearTimeout(cap);
    }
    await Promise.all(
      group.map(async (call, i) => {
        const { statusCode, resourceBody } = answers[i] ?? { statusCode: 500 };
        if (statusCode < 300 || ANSWERS.has(statusCode)) call.resolve({ status: statusCode, resource: statusCode < 300 ? resourceBody : undefined });
        else if (TRY_AGAIN(statusCode)) {
          this.counts.requests += 1;
          await this.alone(call);
        }
        else call.reject(new StoreStatusError(statusCode, call.operation.kind));
      }),
    );
  }

  /** One operation on the SDK's ordinary path; its 404, 409 and 412 come back as answers, not errors. */
  private async single(operation: StoreOperation, abortSignal?: AbortSignal): Promise<StoreAnswer<unknown>> {
    try {
      switch (operation.kind) {
        case 'read': {
          const { statusCode, resource } = await this.container.item(operation.id, operation.id).read({ abortSignal });
          return { status: statusCode, resource };
        }
        case 'create': {
          const { statusCode, resource } = await this.container.items.create(operation.doc, { abortSignal });
          return { status: statusCode, resource };
        }
        case 'replace': {
          const { id } = operation.doc;
          const { statusCode, resource } = await this.container.item(id, id).replace(operation.doc, { accessCondition: { type: 'IfMatch', condition: operation.ifMatch }, abortSignal });
          return { status: statusCode, resource };
        }
        case 'upsert': {
          const { statusCode, resource } = await this.container.items.upsert(operation.doc, { abortSignal });
          return { status: statusCode, resource };
        }
      }
    } catch (err) {
      const status = statusOf(err);
      if (status !== undefined && ANSWERS.has(status)) return { status };
      throw err;
    }
  }
}

function bulkOperation(operation: StoreOperation): OperationInput {
  switch (operation.kind) {
    case 'read':
      return { operationType: 'Read', id: operation.id, partitionKey: operation.id };
    case 'create':
      return { operationType: 'Create', partitionKey: operation.doc.id, resourceBody: operation.doc as unknown as JSONObject };
    case 'replace':
      return { operationType: 'Replace', id: operation.doc.id, partitionKey: operation.doc.id, resourceBody: operation.doc as unknown as JSONObject, ifMatch: operation.ifMatch };
    case 'upsert':
      return { operationType: 'Upsert', partitionKey: operation.doc.id, resourceBody: operation.doc as unknown as JSONObject };
  }
}

/** One GroupCommit per container in a process, so every caller's operations can share requests. */
const perContainer = new WeakMap<Container, GroupCommit>();

export function groupCommitFor(container: Container): GroupCommit {
  let calls = perContainer.get(container);
  if (!calls) perContainer.set(container, (calls = new GroupCommit(container)));
  return calls;
}
