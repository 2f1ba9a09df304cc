/**
 * The JSON of a person's document (everything but its eTag) handed along with the object, so one
 * turn does not stringify the same ~3 KB twice: the recent-states cache gives the JSON it parsed to
 * the turn's change check (OptimisticBotState.load), and the change check gives the JSON it just
 * compared to the cache when the write succeeds.
 *
 * Taken, not read: whoever uses the JSON removes it, so an object mutated later can never carry a
 * JSON that no longer matches it. The property is a non-enumerable symbol: never stored, never
 * part of what is compared or sent.
 */
const DOCUMENT_JSON = Symbol('documentJson');

type WithJson = Record<PropertyKey, unknown> & { [DOCUMENT_JSON]?: string };

/** Hands `json` (which must be `doc` as it is now, without its eTag) to the next taker. */
export function handJson(doc: object, json: string): void {
  Object.defineProperty(doc, DOCUMENT_JSON, { value: json, configurable: true, writable: true, enumerable: false });
}

/** The JSON handed with `doc`, if any, removed from it. */
export function takeJson(doc: object | undefined): string | undefined {
  if (!doc) return undefined;
  const json = (doc as WithJson)[DOCUMENT_JSON];
  if (json !== undefined) delete (doc as WithJson)[DOCUMENT_JSON];
  return json;
}
