/**
 * Threat: a session left open on a shared computer. After 10 minutes a user without a non-question method gives the
 * password again before any security-info change (SPEC §5.1); whoever sits at the session must not be able to guess
 * it there at leisure. The password step-up counts toward the sign-in form's smart lockout (SPEC §8.3), as change
 * password does: wrong tries lock the ID, and while it is locked no password is checked, not even the right one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const PASSWORD = "Sawah-Hijau-Pagi-2026";
const VERIFY = "/account/security-info/verify";
let nextIp = 1;

describe("the password step-up under the sign-in lockout", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { signIn: { lockoutThreshold: 3, firstLockoutSeconds: 120 } } });
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    for (const name of ["nina", "okta"])
      await t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD, verifiedEmail: null });
  });
  afterAll(async () => t.close());

  /** A session signed in with the password more than 10 minutes ago: the step-up asks for the password again. */
  async function staleSession(userId: string): Promise<{ client: PageClient; csrf: string }> {
    const client = createPageClient(t.app, { ip: `10.78.0.${String(nextIp++)}` });
    await submitSignIn(client, { userId, password: PASSWORD });
    t.clock.advanceSeconds(11 * 60);
    const form = await client.get(VERIFY);
    expect(form.body).toContain('name="password"');
    return { client, csrf: hiddenValue(form.body, "csrf") };
  }

  async function signInFailures(userId: string): Promise<string[]> {
    const rows = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "signin.failed")
      .where("target_user_id", "=", userId)
      .execute();
    return rows.map((row) => row.reason ?? "");
  }

  it("wrong passwords at the step-up lock the ID, and while it is locked the right one does not step up", async () => {
    const { client, csrf } = await staleSession("nina@contoh.example");
    for (const guess of ["tebakan-1", "tebakan-2", "tebakan-3"]) {
      const wrong = await client.post(`${VERIFY}/password`, { csrf, password: guess });
      expect(wrong.location).toMatch(/^\/account\/security-info\/verify\?notice=wrong_password&minutes=\d+$/);
    }
    const whileLocked = await client.post(`${VERIFY}/password`, { csrf, password: PASSWORD });
    expect(whileLocked.location).toBe(`${VERIFY}?notice=wrong_password&minutes=2`);
    const page = await client.get(whileLocked.location ?? "");
    expect(page.body).toContain("it is not checked for 2 min");
    // Still not stepped up: the password form is what the step-up shows.
    expect((await client.get(VERIFY)).body).toContain('name="password"');
    expect(await signInFailures("nina@contoh.example")).toEqual([
      "password_wrong",
      "password_wrong",
      "password_wrong",
      "SND-307",
    ]);
    // The lock is the sign-in form's own: the right password there is refused too.
    const elsewhere = createPageClient(t.app, { ip: "10.78.1.1" });
    const signIn = await submitSignIn(elsewhere, { userId: "nina@contoh.example", password: PASSWORD });
    expect(signIn.location ?? "").not.toMatch(/^\/account/);
  });

  it("after the lock the right password steps up and clears the count", async () => {
    const { client, csrf } = await staleSession("okta@contoh.example");
    await client.post(`${VERIFY}/password`, { csrf, password: "tebakan-1" });
    const right = await client.post(`${VERIFY}/password`, { csrf, password: PASSWORD });
    expect(right.status).toBe(303);
    expect(right.location).not.toMatch(/notice=wrong_password/);
    expect((await client.get(VERIFY)).body).not.toContain('name="password"');
    const lockout = await t.composed.stores.signInLockouts.find("okta@contoh.example");
    expect(lockout).toBeNull();
  });
});
