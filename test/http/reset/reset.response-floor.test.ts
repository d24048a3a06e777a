/**
 * Threat: timing tells known from unknown IDs. Every identify answer waits for the response floor (SPEC §6.1), known
 * or not. Timing itself (and the floor at 0) is measured by the benchmark; here only the floor's lower bound.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { submitUserId } from "../../support/reset-journey.js";

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe("response floor", () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  async function appWithFloor(identifyFloorMilliseconds: number): Promise<TestApp> {
    const app = await buildTestApp({
      realClock: true,
      argon2: "production",
      config: { reset: { identifyFloorMilliseconds, gateFloorMilliseconds: 0, floorJitterMilliseconds: 20 } },
    });
    await app.seed.organisation();
    await app.seed.policy({ scope: "all" });
    await app.seed.user({ userId: "known@contoh.example", verifiedEmail: "known@mail.example" });
    return app;
  }

  it("known and unknown IDs both wait at least the identify floor", async () => {
    t = await appWithFloor(400);
    const app = t;
    for (const userId of ["known@contoh.example", "unknown@contoh.example", "not an id"]) {
      const client = createPageClient(app.app);
      await client.get("/reset");
      const elapsed = await timed(() => submitUserId(client, userId));
      expect(elapsed, userId).toBeGreaterThanOrEqual(400);
    }
  });
});
