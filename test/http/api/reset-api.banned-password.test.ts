/**
 * The banned-password score through /api/v1's reset journey (SPEC §7.3, §7.5). Threat: a reset sets a password
 * attackers try first: SPEC's own rejected example, the most common password shapes, and their leet variants.
 * @see issue 9 item 1
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { type ApiClient, BUDI, buildApiTestApp, codeFromMailbox, createApiClient, tokenOf } from "./api-client.js";

const SPEC_505_EN =
  "This password is easy to guess: it contains common words, names or patterns. Try a longer phrase that means something only to you.";
const PASSPHRASE = "Kereta malam ke Yogyakarta berangkat jam sembilan";

/** A flow of Budi's at the new-password step, and its bearer token. */
async function atPasswordStep(t: TestApp, api: ApiClient): Promise<string> {
  const token = tokenOf(await api.start(BUDI.userId));
  await api.step("/method", token, { method: "email" });
  await api.step("/contact", token, { address: BUDI.verifiedEmail });
  const passed = await api.step("/code", token, { code: await codeFromMailbox(t, BUDI.verifiedEmail) });
  expect(passed.body.flow?.state).toBe("password");
  return token;
}

describe("the reset API and the banned-password score", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildApiTestApp();
  });
  afterEach(async () => t.close());

  it("refuses Password123!, Rahasia123 and qwerty123456 with SND-505 and accepts a long passphrase", async () => {
    const api = createApiClient(t.app);
    const token = await atPasswordStep(t, api);
    for (const password of ["Password123!", "Rahasia123", "qwerty123456"]) {
      const refused = await api.step("/password", token, { password, confirmation: password });
      expect(refused.status, password).toBe(200);
      expect(refused.body.flow?.state, password).toBe("password");
      expect(refused.body.messages, password).toEqual([{ code: "SND-505", text: SPEC_505_EN }]);
    }
    const user = await t.composed.stores.users.findUserByUserId(BUDI.userId);
    if (user === null) throw new Error("Budi is gone");
    expect(await t.composed.stores.directory.verifyPassword(user, "Rahasia123")).toBe(false);
    const done = await api.step("/password", token, { password: PASSPHRASE, confirmation: PASSPHRASE });
    expect(done.body).toMatchObject({ flow: { state: "done" }, messages: [] });
    expect(await t.composed.stores.directory.verifyPassword(user, PASSPHRASE)).toBe(true);
  });

  it("says it in Indonesian, audits the refusal by code only, and names the rule up front", async () => {
    const api = createApiClient(t.app);
    const token = await atPasswordStep(t, api);
    const flow = await api.call("GET", "/reset/flow", { token });
    expect(flow.body.passwordRules?.map((rule) => rule.key)).toContain("password.rule_hint.not_common");
    const refused = await api.call("POST", "/reset/flow/password?lang=id", {
      token,
      body: { password: "Budi2024!", confirmation: "Budi2024!" },
    });
    expect(refused.body.messages).toEqual([
      {
        code: "SND-505",
        text: "Kata sandi ini mudah ditebak karena memuat kata, nama, atau pola yang umum. Coba frasa yang lebih panjang dan hanya bermakna bagi Anda.",
      },
    ]);
    const events = await t.composed.stores.db
      .selectFrom("audit_event")
      .select(["reason"])
      .where("reason", "like", "password_rejected:%")
      .execute();
    expect(events.map((event) => event.reason)).toEqual(["password_rejected:SND-505"]);
    expect(JSON.stringify(await t.composed.stores.db.selectFrom("audit_event").selectAll().execute())).not.toContain(
      "Budi2024",
    );
  });
});
