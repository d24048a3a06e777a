/**
 * `/admin/groups/:name/rename` (issue 12 item 5). Threats: a rename from a forged form or by a role without
 * `groups.manage` (a helpdesk admin here; a group-scoped User admin in group-scope.test.ts); a refused rename that
 * loses what was typed or says nothing of why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import type { PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const GA = { userId: "ayu@contoh.example", email: "ayu@mail.example" };
const HA = { userId: "hadi@contoh.example", email: "hadi@mail.example" };

describe("renaming a group from its page", () => {
  let t: TestApp;
  let ga: { client: PageClient; csrf: string };
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ ...GA, verifiedEmail: GA.email, passkey: true, password: PASSWORD, roles: ["global_admin"] });
    await t.seed.user({ ...HA, verifiedEmail: HA.email, passkey: true, password: PASSWORD, roles: ["helpdesk_admin"] });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    for (const name of ["Cabang", "Pusat"])
      await t.composed.services.adminActions.createGroup(CONSOLE_ACTOR, { name, description: "" });
    ga = await freshSession(t, { ...GA, password: PASSWORD });
  });
  afterAll(async () => t.close());

  it("links the form from the group page and refuses a taken name at its field, keeping what was typed", async () => {
    expect((await ga.client.get("/admin/groups/Cabang")).body).toContain('href="/admin/groups/Cabang/rename"');
    const form = await ga.client.get("/admin/groups/Cabang/rename");
    expect(form.status).toBe(200);
    expect(form.body).toMatch(/id="name"[^>]*value="Cabang"/);
    const taken = await ga.client.post("/admin/groups/Cabang/rename", { csrf: ga.csrf, name: "Pusat" });
    expect(taken.status).toBe(400);
    expect(taken.body).toContain("A group with this name already exists.");
    expect(taken.body).toMatch(/id="name"[^>]*value="Pusat"/);
  });

  it("renames, and the group's page answers under the new name", async () => {
    const renamed = await ga.client.post("/admin/groups/Cabang/rename", { csrf: ga.csrf, name: "Cabang Surabaya" });
    expect(renamed.status).toBe(303);
    expect(renamed.location).toBe("/admin/groups/Cabang%20Surabaya?done=renamed");
    expect((await ga.client.get(renamed.location ?? "")).body).toContain("The group was renamed.");
    expect((await ga.client.get("/admin/groups/Cabang")).status).toBe(404);
  });

  it("says which policy settings name the group, in Indonesian too", async () => {
    await t.seed.policy({ protectedGroups: "Pusat" });
    const refused = await ga.client.post("/admin/groups/Pusat/rename?lang=id", { csrf: ga.csrf, name: "Kantor Pusat" });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Kebijakan SSPR menyebut grup ini (protectedGroups).");
  });

  it("refuses a forged form and a helpdesk admin, and renames nothing", async () => {
    expect((await ga.client.post("/admin/groups/Pusat/rename", { csrf: "forged", name: "X" })).status).toBe(403);
    const ha = await freshSession(t, { ...HA, password: PASSWORD });
    expect((await ha.client.post("/admin/groups/Pusat/rename", { csrf: ha.csrf, name: "X" })).status).toBe(403);
    expect((await ga.client.get("/admin/groups/Pusat")).status).toBe(200);
  });
});
