/** UUIDv7 (RFC 9562): a 48-bit millisecond timestamp, then random bits, so ids sort by time. */
import type { Random } from "./random.js";

/**
 * A UUIDv7 for `time`, its 74 random bits drawn from `random`.
 * @example uuidv7(new Date("2026-03-02T08:00:00Z"), random) // "019cad8f-ac00-7…"
 */
export function uuidv7(time: Date, random: Random): string {
  const milliseconds = time.getTime();
  if (!Number.isInteger(milliseconds) || milliseconds < 0 || milliseconds >= 2 ** 48)
    throw new RangeError(`uuidv7: time out of range: ${String(milliseconds)}`);
  const bytes = new Uint8Array(16);
  bytes.set(random.bytes(10), 6);
  let rest = milliseconds;
  for (let index = 5; index >= 0; index--) {
    bytes[index] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
