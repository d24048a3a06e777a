/**
 * `sandi user tap|methods|remove-method|require-registration`: the later helpdesk actions on the console, as "system
 * (console)", through the same admin services as the portal. The pass is printed once and never stored or audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { inMemoryCli, openMemoryDatabase, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;
const USER = "putri.maharani@contoh.example";

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
  const added = await sandi("user", "add", USER, "--email", "putri@mail.example", "--first", "Putri", "--last", "M");
  expect(added.code).toBe(0);
  const ref = (await handle.db.selectFrom("directory_user").select("ref").executeTakeFirstOrThrow()).ref;
  for (const [method, value] of [
    ["email", "putri@mail.example"],
    ["sms", "+6281234567890"],
  ] as const)
    await handle.db
      .insertInto("verified_method")
      .values({
        id: `${method}-1`,
        user_ref: ref,
        method,
        value,
        label: null,
        created_at: new Date(),
        last_used_at: null,
        secret: null,
        credential_id: null,
        extension: null,
        details: null,
        verified_at: new Date(),
      })
      .execute();
});
afterAll(async () => {
  await handle.close();
});

describe("sandi user helpdesk commands", () => {
  it("tap prints a pass once, stores only its hash, and audits the issue with the console as actor", async () => {
    const run = await sandi("user", "tap", USER, "--minutes", "30");
    expect(run.code).toBe(0);
    const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})$/m.exec(run.all)?.[1] ?? "";
    expect(code).not.toBe("");
    const stored = JSON.stringify(await handle.db.selectFrom("temporary_access_pass").selectAll().execute());
    expect(stored).not.toContain(code.replace(/-/g, ""));
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "access_pass.issued")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_type: "system", reason: "minutes:30" });
    expect(JSON.stringify(events)).not.toContain(code.replace(/-/g, ""));
  });

  it("tap refuses a lifetime outside 10 min to 8 h", async () => {
    expect((await sandi("user", "tap", USER, "--minutes", "481")).code).not.toBe(0);
    expect((await sandi("user", "tap", USER, "--minutes", "9")).code).not.toBe(0);
  });

  it("methods lists masked values with ids; remove-method removes one; require-registration removes the rest", async () => {
    const listed = await sandi("user", "methods", USER);
    expect(listed.all).toContain("sms-1");
    expect(listed.all).not.toContain("+6281234567890");
    expect((await sandi("user", "remove-method", USER, "sms-1")).code).toBe(0);
    expect((await sandi("user", "remove-method", USER, "sms-1")).code).not.toBe(0);
    const required = await sandi("user", "require-registration", USER);
    expect(required.code).toBe(0);
    expect(required.all).toContain("Removed 1 method(s)");
    expect(await handle.db.selectFrom("verified_method").selectAll().execute()).toEqual([]);
    const account = await handle.db.selectFrom("account").select("registration_forced_at").executeTakeFirstOrThrow();
    expect(account.registration_forced_at).not.toBeNull();
  });

  it("remind queues one reminder email and audits it with the console as actor", async () => {
    const run = await sandi("user", "remind", USER);
    expect(run.code).toBe(0);
    const queued = await handle.db
      .selectFrom("outbox_message")
      .selectAll()
      .where("template", "=", "registration-reminder")
      .execute();
    expect(queued.map((message) => message.recipient)).toEqual(["putri@mail.example"]);
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "registration.reminded")
      .execute();
    expect(events[0]).toMatchObject({ actor_type: "system", reason: "recipients:1" });
  });
});
