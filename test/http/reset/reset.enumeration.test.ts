/**
 * Threat: an attacker learns which accounts exist, or which are registered, by comparing Sandi's answers for
 * known and unknown user IDs. Every ID must walk the same pages, statuses, headers and cookies until a gate is passed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, type PageClient, type PageResponse } from "../../support/page-client.js";
import { currentCsrf, submitUserId } from "../../support/reset-journey.js";
import { comparablePage } from "../../support/comparable-page.js";

async function walk(client: PageClient, userId: string, address: string): Promise<object[]> {
  const steps: PageResponse[] = [];
  steps.push(await submitUserId(client, userId));
  steps.push(await client.get("/reset/verify"));
  steps.push(await client.post("/reset/method", { csrf: await currentCsrf(client), method: "email" }));
  steps.push(await client.get("/reset/verify"));
  steps.push(await client.post("/reset/contact", { csrf: await currentCsrf(client), address }));
  steps.push(await client.get("/reset/verify"));
  steps.push(await client.post("/reset/code", { csrf: await currentCsrf(client), code: "12345678" }));
  return steps.map(comparablePage);
}

describe("anti-enumeration", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ userId: "seed-group@contoh.example", groups: ["Pilot SSPR"] });
    await t.seed.policy({ scopeGroups: "Pilot SSPR", scope: "selected" });
    await t.seed.user({ userId: "real@contoh.example", verifiedEmail: "real@mail.example", groups: [] });
    await t.seed.addToGroup("Pilot SSPR", "real@contoh.example");
    await t.seed.user({ userId: "unregistered@contoh.example", groups: ["Pilot SSPR"] });
    await t.seed.user({
      userId: "disabled@contoh.example",
      verifiedEmail: "disabled@mail.example",
      groups: ["Pilot SSPR"],
      enabled: false,
    });
    await t.seed.user({ userId: "outside@contoh.example", verifiedEmail: "outside@mail.example" });
  });
  afterAll(async () => t.close());

  it("an unknown user ID gets the same status, headers, cookies and page as a known one at every step before the gate", async () => {
    // A wrong address for the real account: the gate is not passed, so nothing may differ.
    const known = await walk(
      createPageClient(t.app, { ip: "10.0.0.1" }),
      "real@contoh.example",
      "someone@else.example",
    );
    const unknown = await walk(
      createPageClient(t.app, { ip: "10.0.0.2" }),
      "nobody-here@contoh.example",
      "someone@else.example",
    );
    expect(unknown).toEqual(known);
  });

  it("a matching address on a real account still looks exactly like an unknown ID (the page never confirms a match)", async () => {
    const matching = await walk(
      createPageClient(t.app, { ip: "10.0.0.3" }),
      "real@contoh.example",
      "real@mail.example",
    );
    const unknown = await walk(
      createPageClient(t.app, { ip: "10.0.0.4" }),
      "nobody-else@contoh.example",
      "real@mail.example",
    );
    expect(matching).toEqual(unknown);
  });

  it("disabled, out-of-scope and unregistered accounts walk the same pages as unknown ones", async () => {
    const baseline = await walk(createPageClient(t.app, { ip: "10.0.0.5" }), "ghost@contoh.example", "x@mail.example");
    for (const [index, userId] of [
      "disabled@contoh.example",
      "outside@contoh.example",
      "unregistered@contoh.example",
    ].entries()) {
      const address = userId.replace("contoh.example", "mail.example");
      const other = await walk(createPageClient(t.app, { ip: `10.0.1.${String(index)}` }), userId, address);
      expect(other, userId).toEqual(baseline);
    }
  });

  it("an inert flow never sends a code, even to an address the account holds", async () => {
    await walk(createPageClient(t.app, { ip: "10.0.0.9" }), "disabled@contoh.example", "disabled@mail.example");
    await walk(createPageClient(t.app, { ip: "10.0.0.10" }), "outside@contoh.example", "outside@mail.example");
    await t.deliverMail();
    // Only codes: the out-of-scope owner may get the private explanation email (SPEC §6.4), which carries none.
    const codes = (await t.composed.stores.outbox.list(100)).filter((mail) => /\b\d{8}\b/.test(mail.text));
    expect(codes.filter((mail) => ["disabled@mail.example", "outside@mail.example"].includes(mail.recipient))).toEqual(
      [],
    );
  });

  it("the audit log records the real reason an inert flow was given, for the helpdesk", async () => {
    await submitUserId(createPageClient(t.app, { ip: "10.0.0.11" }), "outside@contoh.example");
    const rows = await t.db
      .selectFrom("audit_event")
      .select(["reason", "target_user_id"])
      .where("target_user_id", "=", "outside@contoh.example")
      .execute();
    expect(rows.map((row) => row.reason)).toContain("ineligible:SND-106");
  });
});
