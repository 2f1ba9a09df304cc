/**
 * Redelivery guard: Meta delivers webhooks at least once, so each inbound message id is claimed in
 * Cosmos before it is handled, and a second claim of the same id (another delivery, possibly on
 * another instance) loses.
 *
 * `items.create` is the atomic step: Cosmos answers 409 Conflict to every creator but the first.
 * The embedded store never expires documents, so a claim also carries `expiresAt`, and an expired
 * claim found on conflict is taken over with an ETag-conditioned replace (one winner again).
 * Claiming happens before the turn: a crash mid-turn loses that message rather than answering twice.
 */
import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { PROCESSED_MESSAGE_TTL_SECONDS, expiresAt, isExpired } from '../../storage/containers';
import { statusOf } from '../../storage/cosmosErrors';
import { DEFAULT_STORE_DEADLINES, type StoreDeadlines, withDeadline } from '../../storage/deadline';
import { type GroupCommit, groupCommitFor, StoreStatusError } from '../../storage/groupCommit';
import type { MessageLedger } from '../../turn/messageLedger';

/** Decides whether a message id is handled here (true) or was already handled (false). */
export interface ProcessedMessageLedger {
  claim(messageId: string): Promise<boolean>;
}

export interface ProcessedMessagesOptions {
  /** How long a claim lasts; default PROCESSED_MESSAGE_TTL_SECONDS (longer than Meta's redeliveries). */
  ttlSeconds?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Per-call deadlines (a person waits on every claim); default 2 s reads, 3 s writes. */
  deadlines?: StoreDeadlines;
}

export class ProcessedMessagesError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'ProcessedMessagesError';
  }
}

interface ClaimDocument {
  id: string;
  claimedAt: string;
  expiresAt: number;
  ttl: number;
  _etag?: string;
}

/** wamids are base64-like and may contain "/", which Cosmos ids forbid: the id is a hash. */
export function claimId(messageId: string): string {
  return createHash('sha256').update(messageId).digest('hex');
}

/**
 * Processed WhatsApp message ids in a Cosmos container partitioned by `/id`
 * (containers.processedMessages).
 *
 * @example
 * const ledger = new ProcessedMessages(store.containers.processedMessages);
 * if (await ledger.claim(wamid)) await handle(message);
 */
export class ProcessedMessages implements ProcessedMessageLedger, MessageLedger {
  private readonly ttlSeconds: number;
  private readonly now: () => number;
  private readonly deadlines: StoreDeadlines;
  /** Many people's first messages at once share store requests (groupCommit.ts). */
  private readonly calls: GroupCommit;

  constructor(private readonly container: Container, options: ProcessedMessagesOptions = {}) {
    this.calls = groupCommitFor(container);
    this.ttlSeconds = options.ttlSeconds ?? PROCESSED_MESSAGE_TTL_SECONDS;
    this.now = options.now ?? Date.now;
    this.deadlines = options.deadlines ?? DEFAULT_STORE_DEADLINES;
  }

  /** True when the id was claimed and the claim has not expired (one point read). */
  async isClaimed(messageId: string): Promise<boolean> {
    const id = claimId(messageId);
    try {
      const { resource } = await withDeadline(this.deadlines.readMs, 'processed-message read', (abortSignal) => this.calls.run<ClaimDocument>({ kind: 'read', id }, abortSignal));
      return !!resource && !isExpired(resource, this.now());
    } catch (err) {
      throw new ProcessedMessagesError(`could not read processed message (Cosmos status ${statusOf(err) ?? 'unknown'})`, err);
    }
  }

  async claim(messageId: string): Promise<boolean> {
    const id = claimId(messageId);
    try {
      // Two rounds cover a claim that expires or is deleted between our create and our read.
      for (let round = 0; round < 2; round += 1) {
        const now = this.now();
        const doc: ClaimDocument = { id, claimedAt: new Date(now).toISOString(), expiresAt: expiresAt(this.ttlSeconds, now), ttl: this.ttlSeconds };
        const { status } = await withDeadline(this.deadlines.writeMs, 'processed-message claim', (abortSignal) => this.calls.run({ kind: 'create', doc }, abortSignal));
        if (status !== 409) {
          if (status >= 300) throw new StoreStatusError(status, 'create');
          return true;
        }
        const { resource: existing } = await withDeadline(this.deadlines.readMs, 'processed-message read', (abortSignal) => this.container.item(id, id).read<ClaimDocument>({ abortSignal }));
        if (!existing) continue; // gone since the conflict (TTL): create again
        if (!isExpired(existing, now)) return false;
        try {
          await withDeadline(this.deadlines.writeMs, 'processed-message takeover', (abortSignal) =>
            this.container.item(id, id).replace(doc, { accessCondition: { type: 'IfMatch', condition: existing._etag ?? '' }, abortSignal }),
          );
          return true;
        } catch (err) {
          if (statusOf(err) === 412) return false; // another instance took it over first
          if (statusOf(err) !== 404) throw err;
        }
      }
      return false;
    } catch (err) {
      throw new ProcessedMessagesError(`could not record processed message (Cosmos status ${statusOf(err) ?? 'unknown'})`, err);
    }
  }
}
