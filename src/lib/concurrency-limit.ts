/** Caps work in flight and the queue behind it; past both, callers get CapacityExceededError at once. */
export class CapacityExceededError extends Error {
  constructor() {
    super("capacity exceeded");
    this.name = "CapacityExceededError";
  }
}

/** Runs tasks with at most `maxInFlight` at once and `maxWaiting` queued. */
export function createConcurrencyLimit(limits: {
  maxInFlight: number;
  maxWaiting: number;
}): <T>(task: () => Promise<T>) => Promise<T> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    inFlight--;
    const next = waiting.shift();
    if (next) next();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (inFlight >= limits.maxInFlight) {
      if (waiting.length >= limits.maxWaiting) throw new CapacityExceededError();
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    inFlight++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
