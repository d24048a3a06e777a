/** Threat: a privileged account is taken over with one stolen mailbox. Admins always need two different methods (SPEC §2). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { currentCsrf, latestCodeFor, requestEmailCode, submitCode, submitUserId } from "../../support/reset-journey.js";

describe("privileged users", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({
      users: [
        {
          userId: "admin@contoh.example",
          verifiedEmail: "admin@mail.example",
          roles: ["global_admin"],
          password: "Admin-Password-1",
          // One email only: the point of this test is that one method is not enough for an admin.
          unregisteredAdmin: true,
        },
      ],
    });
  });
  afterEach(async () => t.close());

  it("an admin can't reset with one email code: gate 1 passes, then SND-107 and no password step", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, "admin@contoh.example");
    // The page shows the ordinary policy's step count, like for everyone (SPEC §6.4).
    expect((await client.get("/reset/verify")).body).toContain("step 1 of 1");
    await requestEmailCode(client, "admin@mail.example");
    const code = await latestCodeFor(t.composed, "admin@mail.example");
    expect(code).not.toBeNull();
    const csrf = await currentCsrf(client);
    await submitCode(client, code ?? "");
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("needs two and you have only one set up");
    expect(page.body).not.toContain('name="password"');
    const attempt = await client.post("/reset/password", {
      csrf,
      password: "Took-Over-Admin-1",
      confirmation: "Took-Over-Admin-1",
    });
    expect(attempt.location).toBe("/reset/verify");
    const admin = await t.composed.stores.users.findUserByUserId("admin@contoh.example");
    if (admin === null) throw new Error("admin vanished");
    expect(await t.composed.stores.directory.verifyPassword(admin, "Admin-Password-1")).toBe(true);
  });
});
