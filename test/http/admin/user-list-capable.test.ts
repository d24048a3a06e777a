/**
 * The user list's Capable filter (SPEC §5.3, issue 12 item 5). Capable depends on the policy in force, so the filter
 * must follow it: a helpdesk hunting the users who cannot reset after a policy change must find them all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import type { PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const ADMIN = { userId: "ayu@contoh.example", email: "ayu@mail.example" };

describe("the user list filtered by Capable", () => {
  let t: TestApp;
  let ga: { client: PageClient; csrf: string };
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({
      ...ADMIN,
      verifiedEmail: ADMIN.email,
      passkey: true,
      password: PASSWORD,
      roles: ["global_admin"],
    });
    await t.seed.user({ userId: "budi@contoh.example", password: PASSWORD, verifiedEmail: "budi@mail.example" });
    await t.seed.user({ userId: "citra@contoh.example", password: PASSWORD, verifiedEmail: null });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    ga = await freshSession(t, { ...ADMIN, password: PASSWORD });
  });
  afterAll(async () => t.close());

  async function listed(capable: "yes" | "no"): Promise<string[]> {
    const page = await ga.client.get(`/admin/users?capable=${capable}`);
    expect(page.status).toBe(200);
    return [...page.body.matchAll(/<a href="\/admin\/users\/[^"]+">([^<]+)<\/a>/g)].map((match) => match[1] ?? "");
  }

  it("lists who can reset today apart from who cannot, and follows the policy when it changes", async () => {
    expect(await listed("yes")).toContain("budi@contoh.example");
    expect(await listed("yes")).not.toContain("citra@contoh.example");
    expect(await listed("no")).toContain("citra@contoh.example");
    expect(await listed("no")).not.toContain("budi@contoh.example");
    // Two gates: Budi's one email is no longer enough.
    await t.seed.policy({ methodsToRegister: "2", methodsToReset: "2" });
    expect(await listed("yes")).not.toContain("budi@contoh.example");
    expect(await listed("no")).toEqual(expect.arrayContaining(["budi@contoh.example", "citra@contoh.example"]));
  });

  it("keeps the filter in the form, in both languages", async () => {
    const page = await ga.client.get("/admin/users?capable=no&lang=id");
    expect(page.body).toContain("Mampu (dapat mengatur ulang kata sandi saat ini)");
    expect(page.body).toMatch(/<select id="filter-capable" name="capable">[\s\S]*?<option value="no" selected>/);
  });
});
