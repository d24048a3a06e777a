/** `sandi admin grant --group`, `sandi token create|list|revoke`: the console's side of scoped roles and API tokens. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { inMemoryCli, openMemoryDatabase, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
  await sandi("user", "add", "hadi@contoh.example", "--email", "hadi@mail.example", "--first", "Hadi", "--last", "P");
  await sandi("group", "add", "Branch");
});
afterAll(async () => {
  await handle.close();
});

describe("sandi admin grant --group and sandi token", () => {
  it("grants a role limited to a group, and refuses a scope for a global admin or an unknown group", async () => {
    expect((await sandi("user", "grant-role", "hadi@contoh.example", "HA", "--group", "Branch")).code).toBe(0);
    const rows = await handle.db.selectFrom("admin_role").select(["role", "scope_group"]).execute();
    expect(rows).toEqual([{ role: "helpdesk_admin", scope_group: "Branch" }]);
    expect((await sandi("admin", "grant", "hadi@contoh.example", "GA", "--group", "Branch")).code).not.toBe(0);
    expect((await sandi("admin", "grant", "hadi@contoh.example", "UA", "--group", "Nowhere")).code).not.toBe(0);
    expect((await sandi("admin", "revoke", "hadi@contoh.example", "HA", "--group", "Branch")).code).toBe(0);
    expect(await handle.db.selectFrom("admin_role").select("role").execute()).toEqual([]);
  });

  it("creates a token shown once, lists it without the secret, and revokes it", async () => {
    const created = await sandi(
      "token",
      "create",
      "--name",
      "Nightly",
      "--role",
      "HA",
      "--group",
      "Branch",
      "--days",
      "7",
    );
    expect(created.code).toBe(0);
    const secret = /Token \(shown once, only its hash is kept\): (\S+)/.exec(created.all)?.[1] ?? "";
    expect(secret).toMatch(/^sandi_at_/);
    const listed = await sandi("token", "list");
    expect(listed.all).toContain('"Nightly"');
    expect(listed.all).not.toContain(secret);
    const id = /^(\S+)\s+"Nightly"/m.exec(listed.all)?.[1] ?? "";
    expect((await sandi("token", "revoke", id)).code).toBe(0);
    expect((await sandi("token", "list")).all).toContain("revoked");
    expect((await sandi("token", "create", "--name", "Long", "--role", "RR", "--days", "400")).code).not.toBe(0);
  });
});
