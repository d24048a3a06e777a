/** `sandi user diagnose`: the 13 checks on the console, as "system (console)", with codes, hints and fixes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { inMemoryCli, openMemoryDatabase, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
  const added = await sandi(
    "user",
    "add",
    "putri.maharani@contoh.example",
    "--email",
    "putri@mail.example",
    "--first",
    "Putri",
    "--last",
    "Maharani",
  );
  expect(added.code).toBe(0);
  expect((await sandi("policy", "set", "scope", "all")).code).toBe(0);
});
afterAll(async () => {
  await handle.close();
});

describe("sandi user diagnose", () => {
  it("prints every check with its status, the reason code, its hint and the fix", async () => {
    const run = await sandi("user", "diagnose", "putri.maharani@contoh.example");
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe("Checks for putri.maharani@contoh.example (Putri Maharani)");
    expect(run.all).toContain(" 1. Account found: PASS");
    expect(run.all).toContain(" 6. Methods: FAIL");
    expect(run.all).toContain("Usable methods: 0; a reset needs 1.");
    expect(run.all).toContain("SND-107: The user has fewer usable methods than a reset needs.");
    expect(run.all).toContain("Fix: Ask the user to register more methods");
    expect(run.all).toContain("A1: 0 of 5 in the last 24 h.");
    expect(run.all).toContain("A3: 0 of 10 in the last 10 min.");
    expect(run.all).toContain("10. Directory for this user: NOT AVAILABLE");
    expect(run.all).toContain("13. Recent reset attempts: PASS");
    const audited = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "ops.user.diagnosed")
      .executeTakeFirstOrThrow();
    expect(audited).toMatchObject({
      actor_type: "system",
      actor_id: "console",
      target_user_id: "putri.maharani@contoh.example",
    });
  });

  it("says no match for an unknown ID, speaks Indonesian on request, and refuses an empty query", async () => {
    const unknown = await sandi("user", "diagnose", "nobody@contoh.example");
    expect(unknown.code).toBe(0);
    expect(unknown.all).toContain("No account has the user ID “nobody@contoh.example”.");
    expect(unknown.all).toContain("SND-101");
    const indonesian = await sandi("user", "diagnose", "putri.maharani@contoh.example", "--lang", "id");
    expect(indonesian.all).toContain(" 6. Metode: GAGAL");
    expect((await sandi("user", "diagnose", " ")).code).toBe(2);
  });
});
