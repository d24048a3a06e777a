/** A task run now and then in the background: never two runs at once, a failed run is reported and never fatal. */

export interface PeriodicTaskOptions<T> {
  readonly run: () => Promise<T>;
  /** Time between the end of one run and the start of the next. */
  readonly intervalMilliseconds: number;
  /** Time from `start()` to the first run. */
  readonly firstRunAfterMilliseconds: number;
  readonly onResult?: (result: T, milliseconds: number) => void;
  readonly onError: (error: unknown) => void;
}

export interface PeriodicTask<T> {
  /** Schedules the first run; the timers do not keep the process alive. */
  start(): void;
  /** Runs at once (after a run in progress), outside the schedule; rejects when the run fails. */
  runNow(): Promise<T>;
  /** Cancels the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

export function createPeriodicTask<T>(options: PeriodicTaskOptions<T>): PeriodicTask<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let tail: Promise<unknown> = Promise.resolve();

  const runSerially = (): Promise<T> => {
    const next = tail.then(async () => {
      const started = performance.now();
      const result = await options.run();
      options.onResult?.(result, performance.now() - started);
      return result;
    });
    tail = next.catch(() => undefined);
    return next;
  };

  const schedule = (delay: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runSerially()
        .catch(options.onError)
        .finally(() => schedule(options.intervalMilliseconds));
    }, delay);
    timer.unref();
  };

  return {
    start: () => {
      stopped = false;
      if (timer === undefined) schedule(options.firstRunAfterMilliseconds);
    },
    runNow: runSerially,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await tail;
    },
  };
}
