/** Caps work in flight and the queue behind it; past either bound, callers get CapacityExceededError. */
import { OverloadError } from "./overload.js";

export class CapacityExceededError extends OverloadError {
  constructor() {
    super("capacity exceeded");
    this.name = "CapacityExceededError";
  }
}

export interface ConcurrencyLimits {
  readonly maxInFlight: number;
  /** Tasks that may queue behind those in flight; one more is refused at once. */
  readonly maxWaiting: number;
  /**
   * How long a queued task may wait before it is refused instead (no limit when unset): a caller who has waited
   * this long is better told "try again", and every admitted task then started within it.
   */
  readonly maxWaitMilliseconds?: number;
}

export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs tasks with at most `maxInFlight` at once, in arrival order. */
export function createConcurrencyLimit(limits: ConcurrencyLimits): ConcurrencyLimit {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so a newcomer cannot take it in between.
    if (next) next();
    else inFlight--;
  };
  const enqueue = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const { maxWaitMilliseconds } = limits;
      const timer =
        maxWaitMilliseconds === undefined
          ? undefined
          : setTimeout(() => {
              waiting.splice(waiting.indexOf(grant), 1);
              reject(new CapacityExceededError());
            }, maxWaitMilliseconds);
      const grant = (): void => {
        clearTimeout(timer);
        resolve();
      };
      waiting.push(grant);
    });
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (inFlight < limits.maxInFlight && waiting.length === 0) inFlight++;
    else if (waiting.length >= limits.maxWaiting) throw new CapacityExceededError();
    else await enqueue();
    try {
      return await task();
    } finally {
      release();
    }
  };
}
