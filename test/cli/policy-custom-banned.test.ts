/**
 * `sandi policy set` for the custom banned list (SPEC §3 `password.customBanned`, `password.customBannedEnabled`,
 * rule V9). Threat: an admin's list that silently never matches (stored as typed, not normalised) or that is not
 * checked at all.
 * @see issue 9 item 1
 */
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

interface ShownPolicy {
  readonly policy: { readonly password: { customBannedEnabled: boolean; customBanned: string[] } };
}

async function shownPassword(): Promise<ShownPolicy["policy"]["password"]> {
  const shown = JSON.parse((await sandi("policy", "show")).out.join("\n")) as ShownPolicy;
  return shown.policy.password;
}

describe("the custom banned list", () => {
  it("is off and empty by default", async () => {
    expect(await shownPassword()).toMatchObject({ customBannedEnabled: false, customBanned: [] });
  });

  it("stores terms normalised and once each (V9: duplicates dropped), and switches on", async () => {
    expect((await sandi("policy", "set", "password.customBanned", "Contoso, BLANK,contoso , K@nt0r")).code).toBe(0);
    expect((await sandi("policy", "set", "password.customBannedEnabled", "on")).code).toBe(0);
    expect(await shownPassword()).toMatchObject({
      customBannedEnabled: true,
      customBanned: ["contoso", "blank", "kantor"],
    });
  });

  it("refuses a term shorter than 4 or longer than 16 characters after normalisation, and over 1,000 terms (V9)", async () => {
    const short = await sandi("policy", "set", "password.customBanned", "contoso, abc");
    expect(short.code).toBe(1);
    expect(short.err.join("\n")).toContain("(V9)");
    const long = await sandi("policy", "set", "password.customBanned", "a".repeat(17));
    expect(long.code).toBe(1);
    const many = Array.from({ length: 1001 }, (_, index) => `term${String(index).padStart(4, "0")}`).join(",");
    const tooMany = await sandi("policy", "set", "password.customBanned", many);
    expect(tooMany.code).toBe(1);
    expect(tooMany.err.join("\n")).toContain("at most 1000 terms");
    expect((await shownPassword()).customBanned).toEqual(["contoso", "blank", "kantor"]);
  });

  it("empties with none", async () => {
    expect((await sandi("policy", "set", "password.customBanned", "none")).code).toBe(0);
    expect((await shownPassword()).customBanned).toEqual([]);
  });
});
