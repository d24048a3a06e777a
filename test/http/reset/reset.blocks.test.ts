/** SSPR blocks (SPEC §8.1): a block stops the flows opened before it, and A4 blocks after five resets in an hour. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blockReasonOf } from "../../../src/domain/policies/attempt-policy.js";
import type { TestApp } from "../../support/build-test-app.js";
import { BUDI, buildApiTestApp, codeFromMailbox, createApiClient, tokenOf } from "../api/api-client.js";

describe("SSPR blocks", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildApiTestApp();
  });
  afterEach(async () => t.close());

  async function auditReasons(activity: string): Promise<string[]> {
    const rows = await t.db.selectFrom("audit_event").select("reason").where("activity", "=", activity).execute();
    return rows.map((row) => row.reason ?? "");
  }

  async function messageCount(): Promise<number> {
    return (await t.db.selectFrom("outbox_message").select("id").execute()).length;
  }

  // Threat: an attacker holding a second, earlier flow goes on guessing, resending or resetting after the account
  // was blocked in another flow, and the reset clears the block.
  it("a block stops flows opened before it: no code compared, none sent, no password written, the block kept", async () => {
    const api = createApiClient(t.app);
    const atCode = async (): Promise<string> => {
      const token = tokenOf(await api.start(BUDI.userId));
      await api.step("/method", token, { method: "email" });
      await api.step("/contact", token, { address: BUDI.verifiedEmail });
      return token;
    };
    const atPassword = await atCode();
    expect((await api.step("/code", atPassword, { code: await codeFromMailbox(t, BUDI.verifiedEmail) })).status).toBe(
      200,
    );
    const withRightCode = await atCode();
    const rightCode = await codeFromMailbox(t, BUDI.verifiedEmail);
    const waitingToResend = await atCode();
    // A1: the two typed addresses above (2), this one (3), two wrong codes (5): blocked.
    const guessing = await atCode();
    await api.step("/code", guessing, { code: "00000000" });
    const blocked = await api.step("/code", guessing, { code: "00000001" });
    expect(blocked.body.flow?.state).toBe("blocked");
    const sentBefore = await messageCount();

    expect((await api.step("/code", withRightCode, { code: rightCode })).status).toBe(409);
    t.clock.advanceSeconds(31);
    expect((await api.step("/resend", waitingToResend)).status).toBe(409);
    const password = "Kopi-Luwak-Setelah-Blokir";
    expect((await api.step("/password", atPassword, { password, confirmation: password })).status).toBe(409);

    for (const token of [withRightCode, waitingToResend, atPassword]) {
      const { body } = await api.call("GET", "/reset/flow", { token });
      expect(body).toMatchObject({ code: "flow_blocked", flow: { state: "blocked", reason: "SND-301" } });
      expect(body.flow?.blockedUntil).toEqual(expect.any(String));
    }
    expect(await messageCount()).toBe(sentBefore);
    const user = await t.composed.stores.users.findUserByUserId(BUDI.userId);
    if (user === null) throw new Error("Budi is gone");
    expect(await t.composed.stores.directory.verifyPassword(user, BUDI.password)).toBe(true);
    expect((await api.start(BUDI.userId)).body.flow?.state).toBe("blocked");
    expect(await auditReasons("sspr.blocked")).toEqual(["blocked:SND-301"]);
    const stopped = (await auditReasons("sspr.flow.progress")).filter((reason) => reason.startsWith("stopped_by"));
    expect(stopped).toEqual(Array(3).fill("stopped_by_block:SND-301"));
  });

  // Threat: someone who controls the mailbox resets the password over and over (SPEC §8.1 A4: 5 an hour).
  it("A4: five completed resets in an hour block the sixth with SND-304, audited once", async () => {
    const api = createApiClient(t.app);
    for (let reset = 1; reset <= 5; reset += 1) {
      const token = tokenOf(await api.start(BUDI.userId));
      await api.step("/method", token, { method: "email" });
      await api.step("/contact", token, { address: BUDI.verifiedEmail });
      await api.step("/code", token, { code: await codeFromMailbox(t, BUDI.verifiedEmail) });
      const password = `Teh-Manis-Nomor-${String(reset)}-Hangat`;
      const done = await api.step("/password", token, { password, confirmation: password });
      expect(done.body.flow?.state).toBe("done");
      t.clock.advanceSeconds(60);
    }
    const sixth = await api.start(BUDI.userId);
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ code: "flow_blocked", flow: { state: "blocked" } });
    // The start page names no reason (SPEC §6.4); the block behind it is A4's, whose reason is SND-304.
    const user = await t.composed.stores.users.findUserByUserId(BUDI.userId);
    const block = await t.composed.stores.throttles.activeBlock([`u:${user?.ref ?? ""}`], t.clock.now());
    expect(blockReasonOf(block?.counter ?? "A1")).toBe("SND-304");
    expect(await auditReasons("sspr.blocked")).toEqual(["blocked:SND-304"]);
  });
});
