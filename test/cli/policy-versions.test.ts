/** `sandi policy versions|diff|restore|target`: the portal's version history and targeting on the console. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { inMemoryCli, openMemoryDatabase, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
});
afterAll(async () => {
  await handle.close();
});

async function policyEvents() {
  return handle.db
    .selectFrom("audit_event")
    .selectAll()
    .where("activity", "=", "policy.updated")
    .orderBy("seq")
    .execute();
}

describe("sandi policy versions, diff, restore, target", () => {
  it("aims a method at groups with exclusions, and refuses an unknown method", async () => {
    expect((await sandi("policy", "set", "scope", "all")).code).toBe(0);
    const run = await sandi("policy", "target", "mobileSms", "Pilot SSPR,Staf", "--exclude", "Kontraktor");
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe("Saved policy version 2.");
    const shown = JSON.parse((await sandi("policy", "show")).out.join("\n"));
    expect(shown.policy.methodTargets.mobileSms).toEqual({
      target: "groups",
      groups: ["Pilot SSPR", "Staf"],
      excludedGroups: ["Kontraktor"],
    });
    expect(shown.policy.methodTargets.email).toEqual({ target: "everyone", groups: [], excludedGroups: [] });
    const unknown = await sandi("policy", "target", "carrierPigeon", "everyone");
    expect(unknown.code).toBe(2);
  });

  it("lists the versions newest first with who saved them", async () => {
    const run = await sandi("policy", "versions");
    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(2);
    expect(run.out[0]).toMatch(/^ {3}2 {2}\d{4}-.* {2}system:console$/);
    expect(run.out[1]).toMatch(/^ {3}1 /);
  });

  it("shows what one version changed, old -> new, and nothing else", async () => {
    const run = await sandi("policy", "diff", "2");
    expect(run.code).toBe(0);
    expect(run.out.slice(2)).toEqual([
      '  methodTargets.mobileSms.target: "everyone" -> "groups"',
      '  methodTargets.mobileSms.groups: [] -> ["Pilot SSPR","Staf"]',
      '  methodTargets.mobileSms.excludedGroups: [] -> ["Kontraktor"]',
    ]);
    expect((await sandi("policy", "diff", "9")).code).toBe(1);
  });

  it("restores an old version as a new one, audited; one with warnings needs --confirm", async () => {
    expect((await sandi("policy", "set", "methods.securityQuestions", "on")).code).toBe(0);
    expect((await sandi("policy", "set", "methods.securityQuestions", "off")).code).toBe(0);
    // Version 3 turned questions on: the NIST warning must be confirmed before it is back in force.
    const refused = await sandi("policy", "restore", "3");
    expect(refused.code).toBe(1);
    expect(refused.err.join("\n")).toContain("--confirm");
    expect(JSON.parse((await sandi("policy", "show")).out.join("\n")).version).toBe(4);
    const restored = await sandi("policy", "restore", "3", "--confirm");
    expect(restored.code).toBe(0);
    expect(restored.out[0]).toBe("Restored version 3 as version 5.");
    expect(restored.out).toContain("  methods.securityQuestions: false -> true");
    const last = (await policyEvents()).at(-1);
    expect(last).toMatchObject({ reason: "restored:3", actor_id: "console" });
    expect(last?.changes).toEqual([{ field: "methods.securityQuestions", old: false, new: true }]);
  });
});
