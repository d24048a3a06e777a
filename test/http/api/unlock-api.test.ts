/**
 * The action choice and unlock only through /api/v1 (SPEC §6.5): POST /reset/flow/action, then the gates, then the
 * unlock runs by itself; NOT_LOCKED answers /reset-instead and /finish; a step out of turn is a 409.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { canSignIn, lockBySignInFailures, UNLOCK_TEST_CONFIG } from "../../support/unlock-journey.js";
import { BUDI, codeFromMailbox, createApiClient, tokenOf } from "./api-client.js";

describe("unlock only (API v1)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ config: UNLOCK_TEST_CONFIG });
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", unlockWithoutReset: "yes" });
    await t.seed.user(BUDI);
  });
  afterEach(async () => t.close());

  /** Starts a flow, chooses `action`, and passes gate 1 by email; returns the token and the code step's answer. */
  async function passGateFor(action: "reset" | "unlock") {
    const api = createApiClient(t.app);
    const started = await api.start(BUDI.userId);
    expect(started.body.flow?.state).toBe("action");
    const token = tokenOf(started);
    const chosen = await api.step("/action", token, { action });
    expect(chosen.body.flow).toMatchObject({
      state: "gate_select",
      methodsOffered: ["passkey", "totp", "sms", "email", "recovery_code"],
    });
    await api.step("/method", token, { method: "email" });
    await api.step("/contact", token, { address: BUDI.verifiedEmail });
    return {
      api,
      token,
      passed: await api.step("/code", token, { code: await codeFromMailbox(t, BUDI.verifiedEmail) }),
    };
  }

  it("walks from the choice through the gate to done_unlock, and the user signs in with the current password", async () => {
    await lockBySignInFailures(t, BUDI.userId, "10.9.0.9");
    const { passed } = await passGateFor("unlock");
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ flow: { state: "done_unlock", reason: null }, messages: [] });
    expect(await canSignIn(t, BUDI.userId, BUDI.password, "10.9.0.8")).toBe(true);
  });

  it("answers not_locked, then /reset-instead leads to the password with no new gate", async () => {
    const { api, token, passed } = await passGateFor("unlock");
    expect(passed.body.flow?.state).toBe("not_locked");
    const instead = await api.step("/reset-instead", token);
    expect(instead.body.flow?.state).toBe("password");
    const done = await api.step("/password", token, {
      password: "Kopi-Tubruk-di-Pagi-Hari",
      confirmation: "Kopi-Tubruk-di-Pagi-Hari",
    });
    expect(done.body.flow?.state).toBe("done");
  });

  it("/finish ends a not_locked flow as the user's own end", async () => {
    const { api, token } = await passGateFor("unlock");
    const finished = await api.step("/finish", token);
    expect(finished.body.flow).toMatchObject({ state: "cancelled", cancelReason: "user" });
    expect((await api.step("/reset-instead", token)).status).toBe(409);
  });

  it("a client cannot skip a gate: /unlock, /reset-instead and /finish before the gates are 409 action_not_allowed", async () => {
    await lockBySignInFailures(t, BUDI.userId, "10.9.1.9");
    const api = createApiClient(t.app);
    const token = tokenOf(await api.start(BUDI.userId));
    await api.step("/action", token, { action: "unlock" });
    for (const path of ["/unlock", "/reset-instead", "/finish"]) {
      const refused = await api.step(path, token);
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({
        path,
        status: 409,
        code: "action_not_allowed",
      });
    }
    expect((await api.call("GET", "/reset/flow", { token })).body.state).toBe("gate_select");
    expect(await canSignIn(t, BUDI.userId, BUDI.password, "10.9.1.8")).toBe(false);
  });

  it("refuses an action that is neither reset nor unlock as a malformed body", async () => {
    const api = createApiClient(t.app);
    const token = tokenOf(await api.start(BUDI.userId));
    const refused = await api.step("/action", token, { action: "delete" });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: "request_invalid" });
    expect((await api.step("/action", token, { action: "reset" })).body.flow?.state).toBe("gate_select");
  });
});
