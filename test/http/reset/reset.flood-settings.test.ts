/**
 * Threat: an admin tightens the flood limits (SPEC §8.2, "limits settable") during an attack, and Sandi goes on
 * counting against SPEC's defaults, so the mailbox flood or the identify storm carries on. Each limit the policy
 * sets is the one the throttle applies: I1 (identify per IP), I2 (codes per IP) and R1 (codes per address).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { identifyRepeatedly, identifyFrom, TRUSTED_PROXY } from "../../support/identify-traffic.js";
import { createPageClient } from "../../support/page-client.js";
import { requestEmailCode, submitUserId } from "../../support/reset-journey.js";

describe("the policy's flood limits are the ones applied", () => {
  let t: TestApp;
  afterEach(async () => t.close());

  async function mailsTo(prefix: string): Promise<number> {
    await t.deliverMail();
    await t.deliverMail();
    return (await t.composed.stores.outbox.list(200)).filter((mail) => mail.recipient.startsWith(prefix)).length;
  }

  it("I1: with 12 identify submissions an hour set, the 13th from one IP is refused (SND-305)", async () => {
    t = await buildResetTestApp(
      { policy: { "flood.identifyPerIpPer10Minutes": "10", "flood.identifyPerIpPerHour": "12" } },
      { config: { trustedProxies: [TRUSTED_PROXY] } },
    );
    const answers = await identifyRepeatedly(t, "203.0.113.40", 12);
    expect(answers.every((answer) => answer.status !== 429)).toBe(true);
    expect(await identifyFrom(t, "203.0.113.40")).toMatchObject({ status: 429, code: "SND-305" });
  });

  it("R1: with 2 codes an hour per address set, the third to one address is dropped", async () => {
    t = await buildResetTestApp({ policy: { "flood.emailsPerRecipientPerHour": "2" } });
    for (let index = 0; index < 3; index++)
      await t.seed.user({ userId: `user${String(index)}@contoh.example`, verifiedEmail: "victim@mail.example" });
    for (let index = 0; index < 3; index++) {
      const client = createPageClient(t.app, { ip: `10.1.0.${String(index)}` });
      await submitUserId(client, `user${String(index)}@contoh.example`);
      await requestEmailCode(client, "victim@mail.example");
    }
    expect(await mailsTo("victim@")).toBe(2);
    const suppressed = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "message.suppressed")
      .execute();
    expect(suppressed.map((row) => row.reason)).toEqual(["SND-213:R1"]);
  });

  it("I2: with 5 codes an hour per IP set, one IP gets 5 codes sent whatever the recipients", async () => {
    t = await buildResetTestApp({ policy: { "flood.codesPerIpPerHour": "5" } });
    for (let index = 0; index < 7; index++)
      await t.seed.user({
        userId: `bulk${String(index)}@contoh.example`,
        verifiedEmail: `bulk${String(index)}@mail.example`,
      });
    for (let index = 0; index < 7; index++) {
      const client = createPageClient(t.app, { ip: "10.2.0.1" });
      await submitUserId(client, `bulk${String(index)}@contoh.example`);
      await requestEmailCode(client, `bulk${String(index)}@mail.example`);
    }
    expect(await mailsTo("bulk")).toBe(5);
  });
});
