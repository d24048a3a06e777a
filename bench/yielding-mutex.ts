/**
 * Diagnostic, off by default (SANDI_BENCH_PGLITE_YIELD=1): replaces Kysely's single-connection mutex in this
 * process with a FIFO queue that hands the connection on through setImmediate. Kysely's own mutex wakes its
 * waiters with promises only, and PGlite answers without I/O, so a backlog of statements drains in one macrotask:
 * timers (the response floor) and socket reads wait behind it. Measuring with and without this patch is how
 * docs/benchmarks.md attributes the PGlite event-loop stalls.
 */
import { ConnectionMutex } from "../node_modules/kysely/dist/driver/connection-mutex.js";

interface QueueState {
  locked: boolean;
  readonly waiting: (() => void)[];
}

const states = new WeakMap<ConnectionMutex, QueueState>();

function stateOf(mutex: ConnectionMutex): QueueState {
  let state = states.get(mutex);
  if (state === undefined) {
    state = { locked: false, waiting: [] };
    states.set(mutex, state);
  }
  return state;
}

ConnectionMutex.prototype.obtainLock = async function obtainLock(this: ConnectionMutex): Promise<void> {
  // Let timers and sockets run before every acquisition.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const state = stateOf(this);
  if (!state.locked) {
    state.locked = true;
    return;
  }
  await new Promise<void>((resolve) => state.waiting.push(resolve));
};

ConnectionMutex.prototype.releaseLock = function releaseLock(this: ConnectionMutex): void {
  const state = stateOf(this);
  const next = state.waiting.shift();
  if (next === undefined) state.locked = false;
  else setImmediate(next);
};

process.stderr.write("bench diagnostic: Kysely's connection mutex replaced by a yielding FIFO queue\n");
