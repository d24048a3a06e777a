/** The response floor waits until `startedAt + floor + jitter` by real time, and never longer than the floor. */
import { describe, expect, it } from "vitest";
import { createSecureRandom } from "../../src/lib/random.js";
import { createResponseFloor } from "../../src/lib/response-floor.js";

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function floorOf(milliseconds: number, overruns: number[] = []) {
  return createResponseFloor(
    { floorsMilliseconds: { identify: milliseconds }, jitterMilliseconds: 0 },
    createSecureRandom(),
    (_kind, overrun) => overruns.push(overrun),
  );
}

describe("response floor", () => {
  it("waits out the floor from a start taken now", async () => {
    const elapsed = await timed(() => floorOf(60).waitUntil(new Date(), "identify"));
    expect(elapsed).toBeGreaterThanOrEqual(59);
  });

  it("waits only the rest of the floor when the request started earlier", async () => {
    const elapsed = await timed(() => floorOf(200).waitUntil(new Date(Date.now() - 150), "identify"));
    expect(elapsed).toBeLessThan(150);
  });

  it("does not wait, and reports the overrun, when the work already took longer than the floor", async () => {
    const overruns: number[] = [];
    const elapsed = await timed(() => floorOf(50, overruns).waitUntil(new Date(Date.now() - 1050), "identify"));
    expect(elapsed).toBeLessThan(500);
    expect(overruns[0]).toBeGreaterThanOrEqual(999);
  });

  it("a start from a clock ahead of real time never stretches the wait past the floor", async () => {
    const anHourAhead = new Date(Date.now() + 3_600_000);
    const elapsed = await timed(() => floorOf(50).waitUntil(anHourAhead, "identify"));
    expect(elapsed).toBeGreaterThanOrEqual(49);
    expect(elapsed).toBeLessThan(1000);
  });
});
