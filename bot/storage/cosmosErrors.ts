/**
 * What a failed Cosmos DB call says: its HTTP status (404 not found, 409 id taken, 412 ETag changed).
 * @azure/cosmos puts it in the error's `code` (a number; a string code is a client-side failure with
 * no status); `statusCode` is read when `code` is absent.
 */

/** The HTTP status a Cosmos DB error carries, or undefined when it carries none. */
export function statusOf(err: unknown): number | undefined {
  const e = err as { code?: unknown; statusCode?: unknown } | undefined;
  const code = e?.code ?? e?.statusCode;
  return typeof code === 'number' ? code : undefined;
}
