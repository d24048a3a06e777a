/**
 * Change password's live check (SPEC §6.7, §9.5). Threats: a signed-out caller or a forged form using it as an oracle;
 * unlimited calls per session; a check that disagrees with the change it previews, or reveals more than it does.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checklistOf } from "../../../src/domain/password-live-check.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const OLD = "Old-Password-2026";
const GOOD = "Kopi-Tubruk-Pagi-77";
const USER = {
  userId: "sari@contoh.example",
  verifiedEmail: "sari@mail.example",
  password: OLD,
  firstName: "Sari",
  lastName: "Wulandari",
};
let nextIp = 1;

async function signIn(t: TestApp): Promise<{ client: PageClient; csrf: string }> {
  const client = createPageClient(t.app, { ip: `10.7.0.${String(nextIp++)}` });
  expect((await submitSignIn(client, { userId: USER.userId, password: OLD })).location).toBe("/account");
  const page = await client.get("/account/password");
  expect(page.body).toContain('data-password-check="/account/password/check"');
  expect(page.body).toContain('<script src="/static/password-help.js" defer>');
  return { client, csrf: hiddenValue(page.body, "csrf") };
}

describe("change password's live check", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user(USER);
  });
  afterEach(async () => t.close());

  it("is refused to a signed-out browser and to a form token of another session", async () => {
    const stranger = createPageClient(t.app);
    const signedOut = await stranger.post("/account/password/check", { csrf: "x", password: GOOD, confirmation: GOOD });
    expect(signedOut.status).toBe(401);
    const { client } = await signIn(t);
    const other = await signIn(t);
    const forged = await client.post("/account/password/check", {
      csrf: other.csrf,
      password: GOOD,
      confirmation: GOOD,
    });
    expect(forged.status).toBe(403);
  });

  it("the 31st check of a session within a minute answers 429 with Retry-After; another session is not held up", async () => {
    const { client, csrf } = await signIn(t);
    for (let call = 1; call <= 30; call++) {
      const response = await client.post("/account/password/check", {
        csrf,
        password: `p${String(call)}`,
        confirmation: "",
      });
      expect(response.status).toBe(200);
    }
    const limited = await client.post("/account/password/check", { csrf, password: GOOD, confirmation: GOOD });
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("60");
    const other = await signIn(t);
    expect(
      (await other.client.post("/account/password/check", { csrf: other.csrf, password: GOOD, confirmation: GOOD }))
        .status,
    ).toBe(200);
    t.clock.advanceSeconds(61);
    expect((await client.post("/account/password/check", { csrf, password: GOOD, confirmation: GOOD })).status).toBe(
      200,
    );
  });

  it("gives the same verdict as the change for the same input, and reveals no name", async () => {
    const { client, csrf } = await signIn(t);
    const policy = await t.composed.services.account.passwordPolicy();
    for (const [password, confirmation] of [
      ["wulandari", "wulandari"],
      ["Tiga-Kata-Saja", "Tiga-Kata-Sajah"],
      ["abc", "abc"],
    ] as const) {
      const checked = await client.post("/account/password/check", { csrf, password, confirmation });
      expect(checked.raw.toLowerCase()).not.toContain("wulandari");
      const body = JSON.parse(checked.raw) as { items: unknown; acceptable: boolean };
      const before = t.clock.now();
      t.clock.advanceSeconds(1);
      const changed = await client.post("/account/password", { csrf, current: OLD, password, confirmation });
      expect(changed.status).toBe(400);
      const rows = await t.db
        .selectFrom("audit_event")
        .select("reason")
        .where("activity", "=", "password.change.self")
        .where("result", "=", "failure")
        .where("time", ">", before)
        .execute();
      const codes = rows.map((row) => ({ code: row.reason ?? "" }));
      expect(body.items, password).toEqual(checklistOf(codes, policy));
      expect(body.acceptable).toBe(false);
    }
    const good = await client.post("/account/password/check", { csrf, password: GOOD, confirmation: GOOD });
    expect(JSON.parse(good.raw)).toMatchObject({
      items: { length: true, characters: true, banned: true, match: true },
      acceptable: true,
    });
    expect(
      (await client.post("/account/password", { csrf, current: OLD, password: GOOD, confirmation: GOOD })).location,
    ).toBe("/account?changed=1");
  });
});
