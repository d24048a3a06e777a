/** Constant-time comparison of two byte arrays; unequal lengths are unequal without a timing leak of content. */
import { timingSafeEqual } from "node:crypto";

/** True when both arrays hold the same bytes. */
export function constantTimeEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
