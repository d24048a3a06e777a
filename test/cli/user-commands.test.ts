import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { hasher, inMemoryCli, openMemoryDatabase, printedPassword, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
});
afterAll(async () => {
  await handle.close();
});

/** The built-in entry with its account's state (the account shares the entry's ref). */
async function userRow(userId: string) {
  return handle.db
    .selectFrom("directory_user")
    .innerJoin("account", "account.ref", "directory_user.ref")
    .selectAll("directory_user")
    .select(["account.admin_locked_at", "account.must_change_password"])
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
}

async function auditText(): Promise<string> {
  return JSON.stringify(await handle.db.selectFrom("audit_event").selectAll().orderBy("seq").execute());
}

describe("sandi user add", () => {
  it("creates the user with a one-time temporary password that verifies and must be changed", async () => {
    const run = await sandi(
      "user",
      "add",
      "Rini.Susanti@Contoh.Example",
      "--email",
      "rini@mail.example",
      "--first",
      "Rini",
      "--last",
      "Susanti",
    );
    expect(run.code).toBe(0);
    const password = printedPassword(run);
    expect(password).toHaveLength(16);
    const row = await userRow("rini.susanti@contoh.example");
    expect(row.display_name).toBe("Rini Susanti");
    expect(row.must_change_password).toBe(true);
    expect(await hasher.verify(row.password_hash ?? "", password)).toBe(true);
    expect(await auditText()).toContain("directory.user.created");
    expect(await auditText()).not.toContain(password);
  });

  it("refuses a taken user ID (exit 1) and bad arguments with the usage line (exit 2)", async () => {
    const args = ["--email", "r@mail.example", "--first", "R", "--last", "S"];
    expect((await sandi("user", "add", "rini.susanti@contoh.example", ...args)).code).toBe(1);
    const badId = await sandi("user", "add", "not-an-id", ...args);
    expect(badId.code).toBe(2);
    expect(badId.err.join("\n")).toContain("Usage: sandi user add <userId>");
    const noEmail = await sandi("user", "add", "x@contoh.example", "--first", "X", "--last", "Y");
    expect(noEmail.code).toBe(2);
    expect(noEmail.err[0]).toContain("--email is required");
    expect((await sandi("user", "add", "x@contoh.example", ...args, "--bogus")).code).toBe(2);
  });
});

describe("sandi user list and show", () => {
  it("lists users and shows one without its password hash", async () => {
    const list = await sandi("user", "list");
    expect(list.code).toBe(0);
    expect(list.all).toContain("rini.susanti@contoh.example");
    const show = await sandi("user", "show", "rini.susanti@contoh.example");
    expect(show.code).toBe(0);
    expect(show.all).toContain("Must change:     yes");
    expect(show.all).not.toContain("$argon2");
    expect((await sandi("user", "show", "nobody@contoh.example")).code).toBe(1);
  });
});

describe("sandi user disable, enable, unlock", () => {
  it("switches the account off and on, revoking sessions, and audits each change", async () => {
    expect((await sandi("user", "disable", "rini.susanti@contoh.example")).code).toBe(0);
    expect((await userRow("rini.susanti@contoh.example")).enabled).toBe(false);
    expect((await sandi("user", "disable", "rini.susanti@contoh.example")).out[0]).toContain("already disabled");
    expect((await sandi("user", "enable", "rini.susanti@contoh.example")).code).toBe(0);
    expect((await userRow("rini.susanti@contoh.example")).enabled).toBe(true);
    expect(await auditText()).toContain('"reason":"disable"');
  });

  it("unlock clears the admin lock and the sign-in lockout but leaves the SSPR block; clear-block lifts A1–A4 (SPEC §8.4, §10)", async () => {
    const { ref, user_id: userId } = await userRow("rini.susanti@contoh.example");
    const now = new Date();
    await handle.db.updateTable("account").set({ admin_locked_at: now }).where("ref", "=", ref).execute();
    await handle.db
      .insertInto("signin_lockout")
      .values({ key: userId, failures: 12, lock_level: 2, locked_until: now, last_failure_at: now, recent_wrong: "[]" })
      .execute();
    const key = `u:${ref}`;
    await handle.db
      .insertInto("throttle_hit")
      .values([
        { counter: "A1", key, at: now },
        { counter: "A4", key, at: now },
      ])
      .execute();
    await handle.db
      .insertInto("throttle_block")
      .values({ counter: "A1", key, until: new Date(now.getTime() + 86_400_000) })
      .execute();
    const run = await sandi("user", "unlock", userId);
    expect(run.code).toBe(0);
    expect((await userRow(userId)).admin_locked_at).toBeNull();
    expect(await handle.db.selectFrom("signin_lockout").selectAll().execute()).toEqual([]);
    const blocks = () => handle.db.selectFrom("throttle_block").select("counter").where("key", "=", key).execute();
    const hits = () => handle.db.selectFrom("throttle_hit").select("counter").where("key", "=", key).execute();
    expect(await blocks()).toEqual([{ counter: "A1" }]);
    expect((await hits()).map((hit) => hit.counter).sort()).toEqual(["A1", "A4"]);
    const cleared = await sandi("user", "clear-block", userId);
    expect(cleared.code).toBe(0);
    expect(cleared.out).toEqual([`SSPR block of ${userId} cleared.`]);
    expect(await blocks()).toEqual([]);
    expect(await hits()).toEqual([]);
    expect(await auditText()).toContain('"reason":"sspr_block_cleared"');
  });
});

describe("sandi user set-password (break-glass)", () => {
  it("prints a temporary password once that verifies, and the audit names system (console) without any password", async () => {
    const before = await userRow("rini.susanti@contoh.example");
    const run = await sandi("user", "set-password", "rini.susanti@contoh.example");
    expect(run.code).toBe(0);
    const password = printedPassword(run);
    expect(run.all.split(password)).toHaveLength(2);
    const after = await userRow("rini.susanti@contoh.example");
    expect(after.password_hash).not.toBe(before.password_hash);
    expect(after.must_change_password).toBe(true);
    expect(await hasher.verify(after.password_hash ?? "", password)).toBe(true);
    const event = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "password.reset.admin")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_type: "system",
      actor_id: "console",
      target_user_id: "rini.susanti@contoh.example",
    });
    expect(await auditText()).not.toContain(password);
  });

  it("voids the user's unspent codes, ends every session and tells the user, as SPEC §9.1 says for an admin reset", async () => {
    const user = await userRow("rini.susanti@contoh.example");
    const now = new Date();
    const flowId = `flow-${String(now.getTime())}`;
    await handle.db
      .insertInto("reset_flow")
      .values({
        id: flowId,
        secret_hash: new Uint8Array(32),
        support_code: "K7QF-2M9D",
        state: "gate_challenge",
        action: "reset",
        typed_user_id: user.user_id,
        user_ref: user.ref,
        methods_passed: JSON.stringify([]),
        password_submissions: 0,
        issued_at: now,
        expires_at: new Date(now.getTime() + 900_000),
        lang: "en",
        ip: "192.0.2.1",
        version: 0,
      })
      .execute();
    await handle.db
      .insertInto("challenge")
      .values({
        id: `c-${flowId}`,
        flow_id: flowId,
        gate: 1,
        method: "email",
        key_id: "k",
        expires_at: now,
        created_at: now,
      })
      .execute();
    expect((await sandi("user", "set-password", "rini.susanti@contoh.example")).code).toBe(0);
    const challenge = await handle.db
      .selectFrom("challenge")
      .select("voided_at")
      .where("flow_id", "=", flowId)
      .executeTakeFirstOrThrow();
    expect(challenge.voided_at).not.toBeNull();
    const flow = await handle.db
      .selectFrom("reset_flow")
      .select(["state", "end_reason"])
      .where("id", "=", flowId)
      .executeTakeFirstOrThrow();
    expect(flow).toEqual({ state: "cancelled", end_reason: "admin_reset" });
    const notices = await handle.db
      .selectFrom("outbox_message")
      .select(["template", "recipient"])
      .where("user_ref", "=", user.ref)
      .where("created_at", ">=", now)
      .execute();
    expect(notices).toEqual([{ template: "password-reset-by-admin", recipient: "rini@mail.example" }]);
  });
});

describe("sandi group and admin", () => {
  it("creates groups, adds members and grants roles by name or short form", async () => {
    expect((await sandi("group", "add", "Pilot SSPR")).code).toBe(0);
    expect((await sandi("group", "add", "Pilot SSPR")).code).toBe(1);
    expect((await sandi("group", "add-member", "Pilot SSPR", "rini.susanti@contoh.example")).code).toBe(0);
    expect((await sandi("group", "add-member", "Nope", "rini.susanti@contoh.example")).code).toBe(1);
    expect((await sandi("admin", "grant", "rini.susanti@contoh.example", "GA")).code).toBe(0);
    expect((await sandi("admin", "grant", "rini.susanti@contoh.example", "helpdesk_admin")).code).toBe(0);
    const badRole = await sandi("admin", "grant", "rini.susanti@contoh.example", "emperor");
    expect(badRole.code).toBe(2);
    expect(badRole.err[0]).toContain("unknown role");
    const show = await sandi("user", "show", "rini.susanti@contoh.example");
    expect(show.all).toContain("Roles:           global_admin, helpdesk_admin");
    expect(show.all).toContain("Groups:          Pilot SSPR");
    expect(await auditText()).toContain("directory.role.granted");
  });
});

describe("sandi help and unknown commands", () => {
  it("lists the commands; an unknown one exits 2", async () => {
    const help = await sandi("help");
    expect(help.code).toBe(0);
    for (const name of ["user add", "policy set", "audit tail", "admin grant", "group add-member"])
      expect(help.all).toContain(name);
    expect((await sandi("frobnicate")).code).toBe(2);
    expect((await sandi("user", "frobnicate")).code).toBe(2);
    expect((await sandi("serve")).code).toBe(1);
  });
});
