/** Threat: Sandi is used to flood someone's mailbox. Per-IP (I2) and per-recipient (R1) limits drop sends silently. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageResponse } from "../../support/page-client.js";
import { requestEmailCode, submitUserId } from "../../support/reset-journey.js";

function withoutTokens(response: PageResponse): string {
  return response.body.replace(/value="[^"]+"/g, 'value="…"').replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, "XXXX-XXXX");
}

describe("flood control", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp();
    for (let index = 0; index < 8; index++)
      await t.seed.user({ userId: `user${String(index)}@contoh.example`, verifiedEmail: "victim@mail.example" });
  });
  afterEach(async () => t.close());

  async function countMailsTo(address: string): Promise<number> {
    await t.deliverMail();
    return (await t.composed.stores.outbox.list(200)).filter((mail) => mail.recipient === address).length;
  }

  it("per-recipient limit: a sixth code to one address within an hour is dropped, and the page does not change", async () => {
    const pages: string[] = [];
    for (let index = 0; index < 7; index++) {
      const client = createPageClient(t.app, { ip: `10.1.0.${String(index)}` });
      await submitUserId(client, `user${String(index)}@contoh.example`);
      await requestEmailCode(client, "victim@mail.example");
      pages.push(withoutTokens(await client.get("/reset/verify")));
    }
    expect(await countMailsTo("victim@mail.example")).toBe(5);
    expect(new Set(pages).size).toBe(1);
    const suppressed = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "message.suppressed")
      .execute();
    expect(suppressed.map((row) => row.reason)).toEqual(["SND-213:R1", "SND-213:R1"]);
  });

  it("per-IP limit: one address sends at most 20 codes an hour, whatever the recipients", async () => {
    await t.seed.policy({ scope: "all" });
    for (let index = 0; index < 22; index++)
      await t.seed.user({
        userId: `bulk${String(index)}@contoh.example`,
        verifiedEmail: `bulk${String(index)}@mail.example`,
      });
    for (let index = 0; index < 22; index++) {
      const client = createPageClient(t.app, { ip: "10.2.0.1" });
      await submitUserId(client, `bulk${String(index)}@contoh.example`);
      await requestEmailCode(client, `bulk${String(index)}@mail.example`);
    }
    await t.deliverMail();
    await t.deliverMail();
    const sent = (await t.composed.stores.outbox.list(200)).filter((mail) => mail.recipient.startsWith("bulk"));
    expect(sent).toHaveLength(20);
  });
});
