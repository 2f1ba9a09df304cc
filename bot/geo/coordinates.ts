/**
 * The one check that a latitude or longitude is a point on the globe: a shared location from
 * WhatsApp, a location a prompt reads, or one the bot is about to send, all pass the same test.
 */

/** A finite number within -90..90. */
export function isLatitude(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= 90;
}

/** A finite number within -180..180. */
export function isLongitude(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= 180;
}
