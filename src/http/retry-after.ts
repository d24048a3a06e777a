/** The Retry-After value for a block that ends at `until`: whole seconds, rounded up so a retry is never early. */
export function secondsUntil(until: Date, now: Date): number {
  // At least 1: a block that is about to end still refuses this request, and "0" would invite an instant retry.
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
