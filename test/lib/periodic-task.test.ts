/** A periodic task runs on its schedule, one run at a time, survives a failed run, and stop() waits for the run in hand. */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createPeriodicTask } from "../../src/lib/periodic-task.js";

describe("createPeriodicTask", () => {
  it("runs first after the delay, then again after each interval", async () => {
    let runs = 0;
    const task = createPeriodicTask({
      run: () => Promise.resolve(++runs),
      firstRunAfterMilliseconds: 20,
      intervalMilliseconds: 20,
      onError: () => undefined,
    });
    task.start();
    expect(runs).toBe(0);
    await sleep(300);
    await task.stop();
    expect(runs).toBeGreaterThanOrEqual(3);
    const settled = runs;
    await sleep(60);
    expect(runs).toBe(settled);
  });

  it("keeps its schedule after a failed run, and reports the failure", async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const task = createPeriodicTask({
      run: () => (++runs === 1 ? Promise.reject(new Error("database down")) : Promise.resolve(runs)),
      firstRunAfterMilliseconds: 5,
      intervalMilliseconds: 10,
      onError: (error) => errors.push(error),
    });
    task.start();
    await sleep(100);
    await task.stop();
    expect(errors).toHaveLength(1);
    expect(runs).toBeGreaterThanOrEqual(2);
  });

  it("never runs twice at once: runNow during a run waits for it", async () => {
    let running = 0;
    let overlapped = false;
    const task = createPeriodicTask({
      run: async () => {
        running++;
        if (running > 1) overlapped = true;
        await sleep(30);
        running--;
        return "done";
      },
      firstRunAfterMilliseconds: 0,
      intervalMilliseconds: 1000,
      onError: () => undefined,
    });
    task.start();
    await sleep(5);
    expect(await task.runNow()).toBe("done");
    await task.stop();
    expect(overlapped).toBe(false);
  });

  it("stop() waits for the run in hand to finish", async () => {
    let finished = false;
    const task = createPeriodicTask({
      run: async () => {
        await sleep(50);
        finished = true;
      },
      firstRunAfterMilliseconds: 0,
      intervalMilliseconds: 1000,
      onError: () => undefined,
    });
    task.start();
    await sleep(10);
    await task.stop();
    expect(finished).toBe(true);
  });
});
