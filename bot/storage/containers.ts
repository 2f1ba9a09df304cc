/**
 * The Cosmos DB containers PRO Bot uses, and their idempotent creation.
 * Partition keys are chosen for the way each container is read (DESIGN.md "Production shape").
 *
 * Every partition key is version 2 ("large partition key"), which Microsoft recommends for new
 * containers. It is also cheaper for us: the SDK hashes each operation of a bulk request on the
 * client (groupCommit.ts), and its version-2 hash costs about 23 µs against about 50 µs for
 * version 1 (measured here), three of them in a new person's first turn. A container that already
 * exists keeps the version it was created with: the SDK reads it from the store and hashes to match.
 */
import { Container, Database, PartitionKeyDefinition, PartitionKeyDefinitionVersion } from '@azure/cosmos';

export interface ContainerSpec {
  id: string;
  partitionKey: PartitionKeyDefinition;
  /** Seconds; Cosmos deletes items this old. The embedded store ignores it, so readers check `expiresAt` too. */
  defaultTtl?: number;
}

export interface ContainerIds {
  state: string;
  referrals: string;
  stats: string;
  audit: string;
  processedMessages: string;
  pendingLists: string;
  content: string;
}

export const CONTAINER_IDS: ContainerIds = {
  state: 'botstate',
  referrals: 'referrals',
  stats: 'stats',
  audit: 'audit',
  processedMessages: 'processed-messages',
  pendingLists: 'pending-lists',
  content: 'content',
};

/** Processed WhatsApp message ids only need to outlive Meta's redelivery attempts (days, not weeks). */
export const PROCESSED_MESSAGE_TTL_SECONDS = 7 * 24 * 3600;
/** A long WhatsApp list waits a day for its "more options" row: by then WhatsApp's 24-hour service window has closed anyway. */
export const PENDING_LIST_TTL_SECONDS = 24 * 3600;

/** A hash partition key on one path, version 2 (see the top of this file). */
function keyOn(path: string): PartitionKeyDefinition {
  return { paths: [path], version: PartitionKeyDefinitionVersion.V2 };
}

export function containerSpecs(stateTtlDays: number): ContainerSpec[] {
  return [
    // Bot state: one document per storage key; expires after STATE_TTL_DAYS of inactivity.
    { id: CONTAINER_IDS.state, partitionKey: keyOn('/id'), defaultTtl: stateTtlDays * 24 * 3600 },
    // Referral directory: partitioned by department code; national lines share the "national" partition.
    { id: CONTAINER_IDS.referrals, partitionKey: keyOn('/partitionKey') },
    // Anonymous counters (patch `incr`), one document per counter family.
    { id: CONTAINER_IDS.stats, partitionKey: keyOn('/id') },
    // Who changed what in the directory, partitioned by the changed entity.
    { id: CONTAINER_IDS.audit, partitionKey: keyOn('/entityId') },
    // Inbound WhatsApp message ids already handled (redelivery guard).
    { id: CONTAINER_IDS.processedMessages, partitionKey: keyOn('/id'), defaultTtl: PROCESSED_MESSAGE_TTL_SECONDS },
    // Long WhatsApp choice lists waiting for "more options", one document per person (a pseudonym, never the number).
    { id: CONTAINER_IDS.pendingLists, partitionKey: keyOn('/id'), defaultTtl: PENDING_LIST_TTL_SECONDS },
    // Fact texts imported by admins (`pro content import`), one document per fact and locale; the files are the default.
    { id: CONTAINER_IDS.content, partitionKey: keyOn('/id') },
  ];
}

export type Containers = Record<keyof ContainerIds, Container>;

/** Creates the containers that do not exist yet; safe to call at every start. */
export async function ensureContainers(database: Database, stateTtlDays: number): Promise<Containers> {
  const byId = new Map<string, Container>();
  for (const spec of containerSpecs(stateTtlDays)) {
    const { container } = await database.containers.createIfNotExists({
      id: spec.id,
      partitionKey: spec.partitionKey,
      defaultTtl: spec.defaultTtl ?? -1,
    });
    byId.set(spec.id, container);
  }
  const get = (id: string): Container => byId.get(id) as Container;
  return {
    state: get(CONTAINER_IDS.state),
    referrals: get(CONTAINER_IDS.referrals),
    stats: get(CONTAINER_IDS.stats),
    audit: get(CONTAINER_IDS.audit),
    processedMessages: get(CONTAINER_IDS.processedMessages),
    pendingLists: get(CONTAINER_IDS.pendingLists),
    content: get(CONTAINER_IDS.content),
  };
}

/** Epoch seconds after which a document with a TTL counts as gone, whatever the store did. */
export function expiresAt(ttlSeconds: number, now = Date.now()): number {
  return Math.floor(now / 1000) + ttlSeconds;
}

export function isExpired(doc: { expiresAt?: number } | undefined, now = Date.now()): boolean {
  return !!doc && typeof doc.expiresAt === 'number' && doc.expiresAt * 1000 <= now;
}
