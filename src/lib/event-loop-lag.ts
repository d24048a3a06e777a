/**
 * Whether this process is behind on its own work: the mean event-loop delay over the last window, from Node's
 * `perf_hooks.monitorEventLoopDelay`. When the CPU is the full resource (too many requests, or a machine shared with
 * other work), requests wait in socket buffers and the event loop before any handler or queue sees them; a late loop
 * is the one signal of that wait.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface EventLoopLag {
  /** The mean delay of the last completed window, in milliseconds. */
  lastMeanMilliseconds(): number;
}

const WINDOW_MILLISECONDS = 1000;
const NANOSECONDS_PER_MILLISECOND = 1e6;

let shared: EventLoopLag | null = null;

/** The process's one watch, started on first use; its timer never keeps the process alive. */
export function eventLoopLag(): EventLoopLag {
  if (shared !== null) return shared;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = 0;
  setInterval(() => {
    // A window with no sample: the loop never turned in a whole second, as late as it can be measured here.
    last = histogram.count === 0 ? WINDOW_MILLISECONDS : histogram.mean / NANOSECONDS_PER_MILLISECOND;
    histogram.reset();
  }, WINDOW_MILLISECONDS).unref();
  shared = { lastMeanMilliseconds: () => last };
  return shared;
}
