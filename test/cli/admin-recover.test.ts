/**
 * `sandi admin recover` (SPEC §2 break-glass): the host's console restores a locked-out last Global admin. Threats:
 * the command used to take over an account while another Global admin could help, or on someone who is not a GA.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { hasher, inMemoryCli, openMemoryDatabase, printedPassword, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

const FIRST = "ani.ga@contoh.example";
const SECOND = "budi.ga@contoh.example";
const HELPDESK = "citra.ha@contoh.example";

async function addUser(userId: string, first: string, role: string): Promise<void> {
  const args = ["--email", `${first.toLowerCase()}@mail.example`, "--first", first, "--last", "Admin"];
  expect((await sandi("user", "add", userId, ...args)).code).toBe(0);
  expect((await sandi("admin", "grant", userId, role)).code).toBe(0);
}

async function accountOf(userId: string) {
  return handle.db
    .selectFrom("directory_user")
    .innerJoin("account", "account.ref", "directory_user.ref")
    .select(["directory_user.ref", "password_hash", "enabled", "admin_locked_at", "security_hold_at"])
    .select("account.must_change_password")
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
}

async function lockOut(userId: string): Promise<void> {
  const { ref } = await accountOf(userId);
  const now = new Date();
  await handle.db
    .updateTable("account")
    .set({ admin_locked_at: now, security_hold_at: now })
    .where("ref", "=", ref)
    .execute();
  await handle.db.updateTable("directory_user").set({ enabled: false }).where("ref", "=", ref).execute();
}

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
  await addUser(FIRST, "Ani", "GA");
  await addUser(SECOND, "Budi", "GA");
  await addUser(HELPDESK, "Citra", "HA");
});
afterAll(async () => {
  await handle.close();
});

describe("sandi admin recover", () => {
  it("refuses while another Global admin can sign in and help, and changes nothing", async () => {
    await lockOut(FIRST);
    const run = await sandi("admin", "recover", FIRST);
    expect(run.code).toBe(1);
    expect(run.err.join("\n")).toContain(`Another Global admin can sign in (${SECOND})`);
    expect((await accountOf(FIRST)).admin_locked_at).not.toBeNull();
  });

  it("refuses a user who is not a Global admin", async () => {
    const run = await sandi("admin", "recover", HELPDESK);
    expect(run.code).toBe(1);
    expect(run.err.join("\n")).toContain("is not a Global admin");
  });

  it("restores the last Global admin: enabled, unlocked, hold released, a temporary password that must change", async () => {
    await lockOut(SECOND);
    const run = await sandi("admin", "recover", FIRST);
    expect(run.code).toBe(0);
    expect(run.out[0]).toContain("enabled again, admin lock lifted, security hold released");
    const password = printedPassword(run);
    const account = await accountOf(FIRST);
    expect(account).toMatchObject({ enabled: true, admin_locked_at: null, security_hold_at: null });
    expect(account.must_change_password).toBe(true);
    expect(await hasher.verify(account.password_hash ?? "", password)).toBe(true);
    const audit = JSON.stringify(await handle.db.selectFrom("audit_event").selectAll().execute());
    expect(audit).toContain('"activity":"admin.recovered"');
    expect(audit).not.toContain(password);
    // Every other admin who can read a message hears of it (SPEC §9.4; the disabled GA cannot); never the password.
    const told = await handle.db
      .selectFrom("outbox_message")
      .selectAll()
      .where("template", "=", "privileged-password-reset")
      .execute();
    expect(told.map((message) => message.recipient).sort()).toEqual(["citra@mail.example"]);
    expect(JSON.stringify(told)).not.toContain(password);
  });
});
