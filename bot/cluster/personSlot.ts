/**
 * Which worker answers a person: the same one for as long as the cluster keeps its size, so a
 * person's messages reach one worker's queue in the order Meta sent them (per-person ordering).
 */

/** A stable slot in [0, slots) for a person key (FNV-1a over the key, modulo the worker count). */
export function personSlot(personKey: string, slots: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < personKey.length; i++) {
    hash ^= personKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.max(1, slots);
}
