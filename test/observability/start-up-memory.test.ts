/** releaseStartUpMemory(): the young generation that start-up grew is given back, as an idle server needs. */
import { getHeapSpaceStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { releaseStartUpMemory } from "../../src/observability/start-up-memory.js";

const MEGABYTE = 1024 * 1024;

/** The young generation's committed size, in MB. */
function newSpaceMegabytes(): number {
  const space = getHeapSpaceStatistics().find((entry) => entry.space_name === "new_space");
  return (space?.space_size ?? Number.NaN) / MEGABYTE;
}

/**
 * Allocates as start-up does: fast, and most of it survives the next scavenges, which makes V8 grow the young
 * generation. Returns the kept objects so they stay alive until the caller lets go.
 */
function allocateLikeStartUp(): unknown[] {
  const kept: unknown[] = [];
  for (let index = 0; index < 2_000_000; index++) kept.push({ index, label: `module-${String(index)}` });
  return kept;
}

describe("start-up memory", () => {
  it("gives back the young generation start-up grew, so an idle server does not hold it", () => {
    let kept: unknown[] | null = allocateLikeStartUp();
    const grown = newSpaceMegabytes();
    expect(kept.length).toBe(2_000_000);
    kept = null;
    expect(grown).toBeGreaterThan(16);
    releaseStartUpMemory();
    expect(newSpaceMegabytes()).toBeLessThan(8);
  });

  it("leaves no gc function behind for later contexts", async () => {
    releaseStartUpMemory();
    const { runInNewContext } = await import("node:vm");
    expect(runInNewContext("typeof gc")).toBe("undefined");
  });
});
