/**
 * Hands back the memory that start-up used and an idle server does not need.
 *
 * Loading the ~600 modules, migrating and seeding allocate fast and keep much of it, so V8 grows its young generation
 * to the maximum (128 MB on a 24 GiB machine, of which about 20 MB is in use once start-up ends), and it keeps those
 * pages while the process idles: it only shrinks them during a collection that runs while allocation is slow, and an
 * idle server runs none. An SSPR server idles most of the day. One memory-reducing collection before the first request
 * gives them back (measured 545 → 435 MB on PGlite, ADR 0022); under load V8 grows the young generation again as it
 * needs.
 *
 * Node has no API for a memory-reducing collection, so this uses V8's own `gc` extension the way jest's leak detector
 * does: the flag is set, a fresh context yields the function, the flag is cleared again so no later context sees it.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** V8's `gc` extension; "last-resort" is the flavour that reduces the heap's footprint (young generation included). */
type V8Collect = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/** One full, memory-reducing collection, synchronously (about 50–200 ms on a start-up heap). Call it once, before listening. */
export function releaseStartUpMemory(): void {
  setFlagsFromString("--expose-gc");
  let collect: V8Collect;
  try {
    collect = runInNewContext("gc") as V8Collect;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
  collect({ type: "major", execution: "sync", flavor: "last-resort" });
}
