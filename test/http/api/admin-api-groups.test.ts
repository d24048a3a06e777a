/**
 * The admin API's groups and CSV import. Threats: nesting that goes round or deeper than 10; a group-scoped token
 * moving users outside its group; a role below user admin importing users; a bad file half-imported; a body
 * the API cannot read answered with a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminActor } from "../../../src/domain/admin/admin-actor.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { callWith, eventsOf, PASSWORD, seedGlobalAdmin, tokenFor } from "./admin-api-support.js";

const CSV = `userId,email,firstName,lastName,groups
lina@contoh.example,lina@mail.example,Lina,Marlina,Staff
joko@contoh.example,joko@mail.example,Joko,Susilo,Staff
`;
const BAD_CSV = `userId,email,firstName,lastName
rudi@contoh.example,not-an-address,Rudi,Hartono
`;

describe("admin API: groups and the CSV import", () => {
  let t: TestApp;
  let ga: AdminActor;
  let call: ReturnType<typeof callWith>;
  let userAdmin: string;

  beforeAll(async () => {
    t = await buildTestApp();
    call = callWith(t);
    await t.seed.organisation();
    ga = await seedGlobalAdmin(t);
    await t.seed.user({ userId: "tina@contoh.example", password: PASSWORD });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    userAdmin = (await tokenFor(t, { role: "user_admin" }, ga)).secret;
  });
  afterAll(async () => t.close());

  it("creates groups, nests them, refuses a cycle, and adds and removes members", async () => {
    for (const name of ["Staff", "Jakarta"]) {
      const created = await call(userAdmin, "POST", "/groups", { name, description: `${name} people` });
      expect(created.statusCode).toBe(200);
      expect(created.json<{ name: string; members: unknown[] }>()).toMatchObject({ name, members: [] });
    }
    expect((await call(userAdmin, "POST", "/groups", { name: "Staff" })).json<{ code: string }>().code).toBe("exists");
    expect((await call(userAdmin, "POST", "/groups", { name: "" })).statusCode).toBe(422);
    expect((await call(userAdmin, "PUT", "/groups/Staff/subgroups/Jakarta")).json()).toEqual({ added: true });
    const cycle = await call(userAdmin, "PUT", "/groups/Jakarta/subgroups/Staff");
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json<{ code: string }>().code).toBe("cycle");
    const added = await call(userAdmin, "PUT", "/groups/Jakarta/members/tina@contoh.example");
    expect(added.json<{ added: boolean; user: { userId: string } }>()).toMatchObject({
      added: true,
      user: { userId: "tina@contoh.example" },
    });
    const inStaff = (await call(userAdmin, "GET", "/users?group=Staff")).json<{ users: { userId: string }[] }>();
    expect(inStaff.users.map((user) => user.userId)).toEqual(["tina@contoh.example"]);
    const group = (await call(userAdmin, "GET", "/groups/Staff")).json<{ subgroupNames: string[] }>();
    expect(group.subgroupNames).toEqual(["Jakarta"]);
    const removed = await call(userAdmin, "DELETE", "/groups/Jakarta/members/tina@contoh.example");
    expect(removed.json<{ removed: boolean }>().removed).toBe(true);
    expect((await call(userAdmin, "DELETE", "/groups/Staff/subgroups/Jakarta")).json()).toEqual({ removed: true });
    expect((await call(userAdmin, "PUT", "/groups/Nowhere/members/tina@contoh.example")).statusCode).toBe(409);
    expect((await call(userAdmin, "GET", "/groups/Nowhere")).statusCode).toBe(404);
    const events = await eventsOf(t, "directory.group.changed");
    expect(events.map((event) => event.reason)).toEqual(
      expect.arrayContaining(["created", "subgroup_added", "member_added", "member_removed", "subgroup_removed"]),
    );
  });

  it("a group-scoped token may not add a user outside its group to a group (403)", async () => {
    const scoped = (await tokenFor(t, { role: "user_admin", group: "Staff" })).secret;
    expect((await call(scoped, "PUT", "/groups/Staff/members/tina@contoh.example")).statusCode).toBe(403);
    const group = (await call(userAdmin, "GET", "/groups/Staff")).json<{ directMembers: number }>();
    expect(group.directMembers).toBe(0);
  });

  it("dry-runs a CSV file sent as text/csv, then imports it as JSON, and the job reports done", async () => {
    const dry = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/users/import/dry-run",
      headers: { authorization: `Bearer ${userAdmin}`, "content-type": "text/csv" },
      payload: CSV,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ totalRows: 2, readyRows: 2, errors: [], job: { dryRun: true, state: "done" } });
    expect(
      await t.db.selectFrom("directory_user").select("user_id").where("user_id", "=", "lina@contoh.example").execute(),
    ).toEqual([]);

    const started = await call(userAdmin, "POST", "/users/import", { csv: CSV });
    expect(started.statusCode).toBe(200);
    const { jobId } = started.json<{ jobId: string }>();
    let job = { state: "running", createdUsers: 0 };
    for (let tries = 0; tries < 50 && job.state === "running"; tries++) {
      job = (await call(userAdmin, "GET", `/users/import/${jobId}`)).json();
      if (job.state === "running") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ state: "done", createdUsers: 2 });
    const imported = (await call(userAdmin, "GET", "/users?group=Staff")).json<{ users: { userId: string }[] }>();
    expect(imported.users.map((user) => user.userId)).toEqual(["joko@contoh.example", "lina@contoh.example"]);
  });

  it("takes a file larger than the API's 16 KiB body limit, as text/csv and as JSON", async () => {
    const rows = Array.from(
      { length: 400 },
      (_, index) => `bulk${String(index)}@contoh.example,b${String(index)}@mail.example,Bulk,User`,
    );
    const big = `userId,email,firstName,lastName\n${rows.join("\n")}\n`;
    expect(big.length).toBeGreaterThan(16 * 1024);
    for (const [type, payload] of [
      ["text/csv", big],
      ["application/json", JSON.stringify({ csv: big })],
    ] as const) {
      const dry = await t.app.inject({
        method: "POST",
        url: "/api/v1/admin/users/import/dry-run",
        headers: { authorization: `Bearer ${userAdmin}`, "content-type": type },
        payload,
      });
      expect(dry.statusCode, type).toBe(200);
      expect(dry.json<{ readyRows: number }>().readyRows).toBe(400);
    }
  });

  it("a file with a bad row is refused whole (422 with the row errors) and nothing is created", async () => {
    const dry = (await call(userAdmin, "POST", "/users/import/dry-run", { csv: BAD_CSV })).json<{
      errors: { row: number; column: string }[];
    }>();
    expect(dry.errors).toEqual([{ row: 1, column: "email", code: "invalid_email" }]);
    const refused = await call(userAdmin, "POST", "/users/import", { csv: BAD_CSV });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ details: { errors: unknown[] } }>().details.errors).toHaveLength(1);
    const rudi = await t.db
      .selectFrom("directory_user")
      .select("user_id")
      .where("user_id", "=", "rudi@contoh.example")
      .execute();
    expect(rudi).toEqual([]);
    expect((await call(userAdmin, "GET", "/users/import/no-such-job")).statusCode).toBe(404);
    const xml = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/users/import",
      headers: { authorization: `Bearer ${userAdmin}`, "content-type": "application/xml" },
      payload: "<users/>",
    });
    expect(xml.statusCode).toBe(415);
  });

  it("a helpdesk token may not import or change groups (403)", async () => {
    const helpdesk = (await tokenFor(t, { role: "helpdesk_admin" })).secret;
    expect((await call(helpdesk, "POST", "/users/import", { csv: CSV })).statusCode).toBe(403);
    expect((await call(helpdesk, "POST", "/groups", { name: "Mine" })).statusCode).toBe(403);
    expect((await call(helpdesk, "DELETE", "/groups/Staff")).statusCode).toBe(403);
    expect((await call(helpdesk, "GET", "/groups/Staff")).statusCode).toBe(200);
  });

  it("deletes a group; its users stay", async () => {
    expect((await call(userAdmin, "DELETE", "/groups/Staff")).json()).toEqual({ deleted: "Staff" });
    expect((await call(userAdmin, "GET", "/groups/Staff")).statusCode).toBe(404);
    expect((await call(userAdmin, "GET", "/users/lina@contoh.example")).statusCode).toBe(200);
  });
});
