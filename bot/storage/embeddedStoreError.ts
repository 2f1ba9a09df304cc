/** The embedded store could not start or keep its data; the message says what to do. */
export class EmbeddedStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedStoreError';
  }
}
