/** The whole reset journey through /api/v1: CAPTCHA, email code from the dev mailbox, new password, and the failures. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { BUDI, buildApiTestApp, codeFromMailbox, createApiClient, tokenOf } from "./api-client.js";

const NEW_PASSWORD = "Kopi-Tubruk-di-Pagi-Hari";

describe("the reset API", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildApiTestApp();
  });
  afterEach(async () => t.close());

  it("walks from a solved CAPTCHA to a new password that signs in, on the same service as the pages", async () => {
    const api = createApiClient(t.app);
    const started = await api.start(BUDI.userId);
    expect(started.status).toBe(201);
    expect(started.headers["content-type"]).toMatch(/^application\/json/);
    expect(started.headers["set-cookie"]).toBeUndefined();
    const token = tokenOf(started);
    expect(started.body.flow).toMatchObject({
      state: "gate_select",
      gate: 1,
      gatesShown: 1,
      // SPEC §3's defaults: passkey, app, text, email and recovery codes on (calls and questions off); the build has a
      // phone channel (the dev mailbox).
      methodsOffered: ["passkey", "totp", "sms", "email", "recovery_code"],
    });
    expect(started.body.flow?.supportCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(Object.keys(started.body.flow ?? {})).not.toContain("csrfToken");

    expect((await api.call("GET", "/reset/flow", { token })).body).toEqual(started.body.flow);
    const method = await api.step("/method", token, { method: "email" });
    expect(method.body.flow).toMatchObject({
      state: "gate_challenge",
      currentMethod: "email",
      gateStep: "enter_contact",
    });
    const contact = await api.step("/contact", token, { address: "  BUDI@Mail.Example " });
    expect(contact.status).toBe(200);
    expect(contact.body.flow?.gateStep).toBe("enter_code");
    expect(contact.raw).not.toContain("mail.example");

    const code = await codeFromMailbox(t, BUDI.verifiedEmail);
    const passed = await api.step("/code", token, { code });
    expect(passed.body.flow?.state).toBe("password");
    expect(passed.body.flow?.passwordRules[0]).toEqual({
      key: "password.rule_hint.length",
      text: "At least 8 characters (up to 256).",
    });
    const done = await api.step("/password", token, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ flow: { state: "done" }, messages: [] });

    const user = await t.composed.stores.users.findUserByUserId(BUDI.userId);
    if (user === null) throw new Error("Budi is gone");
    expect(await t.composed.stores.directory.verifyPassword(user, NEW_PASSWORD)).toBe(true);
    expect(await t.composed.stores.directory.verifyPassword(user, BUDI.password)).toBe(false);
    expect((await api.step("/password", token, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD })).status).toBe(
      409,
    );
    // Threat: secrets in the logs. The bearer token, the code and the password never reach a log line.
    const logs = t.logLines.join("\n");
    for (const secret of [token, token.split(".")[1] ?? token, code, NEW_PASSWORD]) expect(logs).not.toContain(secret);
  });

  it("answers wrong codes and broken password rules with one message each, in the request's language", async () => {
    const api = createApiClient(t.app);
    const token = tokenOf(await api.start(BUDI.userId));
    await api.step("/method", token, { method: "email" });
    await api.step("/contact", token, { address: BUDI.verifiedEmail });
    const wrong = await api.step("/code", token, { code: "00000000" });
    expect(wrong.status).toBe(200);
    expect(wrong.body.messages).toEqual([{ code: "SND-201", text: expect.any(String) }]);
    const malformed = await api.step("/code", token, { code: "12" }, { "accept-language": "id" });
    expect(malformed.body.messages).toHaveLength(1);
    expect(malformed.body.messages?.[0]?.code).toBe("code_invalid");
    const english = await api.step("/code", token, { code: "12" });
    expect(malformed.body.messages?.[0]?.text).not.toBe(english.body.messages?.[0]?.text);
    await api.step("/code", token, { code: await codeFromMailbox(t, BUDI.verifiedEmail) });
    const refused = await api.step("/password", token, { password: "budi1", confirmation: "budi2" });
    expect(refused.status).toBe(200);
    expect(refused.body.flow?.state).toBe("password");
    expect(refused.body.messages?.map((message) => message.code)).toEqual(
      expect.arrayContaining(["SND-501", "SND-507"]),
    );
    const indonesian = await api.call("POST", "/reset/flow/password?lang=id", {
      token,
      body: { password: "budi1", confirmation: "budi2" },
    });
    expect(indonesian.headers["set-cookie"]).toBeUndefined();
    expect(indonesian.body.messages?.[0]?.text).not.toBe(refused.body.messages?.[0]?.text);
  });

  it("maps each failure to its status: 422 method refused, 409 wrong step, 410 expired", async () => {
    const api = createApiClient(t.app);
    const token = tokenOf(await api.start(BUDI.userId));
    // Calls to the office phone are off by default (SPEC §3).
    const office = await api.step("/method", token, { method: "voice_office" });
    expect(office.status).toBe(422);
    expect(office.body).toEqual({ code: "SND-210", message: expect.any(String), requestId: expect.any(String) });
    const early = await api.step("/code", token, { code: "12345678" });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("action_not_allowed");
    t.clock.advanceSeconds(16 * 60);
    const expired = await api.call("GET", "/reset/flow", { token });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe("SND-212");
    expect((await api.step("/method", token, { method: "email" })).status).toBe(410);
  });

  it("answers a blocked account with 429 and Retry-After, the flow attached", async () => {
    const api = createApiClient(t.app);
    const token = tokenOf(await api.start(BUDI.userId));
    await api.step("/method", token, { method: "email" });
    await api.step("/contact", token, { address: BUDI.verifiedEmail });
    const answers = [];
    // The typed address counts as a provisional failure until its code passes, so the fourth wrong code is the fifth.
    for (let attempt = 0; attempt < 4; attempt += 1) answers.push(await api.step("/code", token, { code: "00000000" }));
    const blocked = answers.at(-1);
    expect(answers.slice(0, 3).map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(blocked?.status).toBe(429);
    expect(Number(blocked?.headers["retry-after"])).toBeGreaterThan(3600);
    expect(blocked?.body).toMatchObject({ code: "flow_blocked", flow: { state: "blocked" } });
    const again = await api.start(BUDI.userId);
    expect(again.status).toBe(429);
    expect(again.body.flowToken).toBeUndefined();
  });

  it("refuses a start without a CAPTCHA, with a bad one, or with a user ID that cannot be one", async () => {
    const api = createApiClient(t.app);
    const missing = await api.call("POST", "/reset/flows", { body: { userId: BUDI.userId } });
    expect([missing.status, missing.body.code]).toEqual([400, "SND-111"]);
    const bad = await api.call("POST", "/reset/flows", {
      body: { userId: BUDI.userId, captcha: "bm90IGEgc29sdXRpb24=" },
    });
    expect([bad.status, bad.body.code]).toEqual([400, "SND-112"]);
    const captcha = await api.solveCaptcha();
    expect((await api.call("POST", "/reset/flows", { body: { userId: "a b", captcha } })).body.code).toBe("SND-113");
    const replayed = await api.call("POST", "/reset/flows", { body: { userId: BUDI.userId, captcha } });
    expect(replayed.body.code).toBe("SND-112");
  });
});
