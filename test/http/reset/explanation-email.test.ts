/**
 * The private explanation email (SPEC §6.4, last paragraph; §8.2 R3). An inert flow shows everyone the same pages;
 * only the owner of an address the account holds learns why, by email, for checks 6–9 and at most once a day.
 * Threats: the email revealing a reason for an unknown or disabled ID; a stranger flooding a mailbox with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, type PageResponse } from "../../support/page-client.js";
import { requestEmailCode, submitUserId } from "../../support/reset-journey.js";

let nextIp = 1;

/** Identifies as `userId` and types `address` at the email gate; returns the responses of both steps. */
async function typeAddress(t: TestApp, userId: string, address: string): Promise<PageResponse[]> {
  const client = createPageClient(t.app, { ip: `10.66.0.${String(nextIp++)}` });
  const identified = await submitUserId(client, userId);
  const typed = await requestEmailCode(client, address);
  return [identified, typed, await client.get("/reset/verify")];
}

/** The explanation emails delivered so far, newest first. */
async function explanations(t: TestApp) {
  await t.deliverMail();
  const mails = await t.composed.stores.outbox.list(100);
  return mails.filter((mail) => mail.subject.includes("can't reset your"));
}

function comparable(responses: PageResponse[]): object[] {
  return responses.map((response) => ({
    status: response.status,
    location: response.location,
    body: response.body
      .replace(/name="(csrf|form)" value="[^"]+"/g, "")
      .replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, "XXXX-XXXX"),
  }));
}

describe("the private explanation email", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ userId: "seed@contoh.example", groups: ["Pilot SSPR"] });
    await t.seed.policy({ scopeGroups: "Pilot SSPR", scope: "selected" });
    await t.seed.user({ userId: "outside@contoh.example", verifiedEmail: "outside@mail.example" });
    await t.seed.user({
      userId: "nomethods@contoh.example",
      directoryEmail: "NoMethods@Contoh.Example",
      groups: ["Pilot SSPR"],
    });
    await t.seed.user({
      userId: "off@contoh.example",
      verifiedEmail: "off@mail.example",
      groups: ["Pilot SSPR"],
      enabled: false,
    });
    await t.seed.user({ userId: "daily@contoh.example", verifiedEmail: "daily@mail.example" });
  });
  afterAll(async () => t.close());

  it("an out-of-scope user who types their registered address learns the real reason privately; the page is as for anyone", async () => {
    const pages = await typeAddress(t, "outside@contoh.example", "Outside@Mail.Example");
    const unknown = await typeAddress(t, "nobody@contoh.example", "outside@mail.example");
    expect(comparable(pages)).toEqual(comparable(unknown));
    const [mail] = await explanations(t);
    expect(mail?.recipient).toBe("outside@mail.example");
    expect(mail?.text).toContain("This account is not included in Contoh Nusantara's self-service password reset.");
    expect(mail?.text).toContain("(SND-106)");
    const supportCode = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(pages[2]?.body ?? "")?.[1];
    expect(mail?.text).toContain(`support code: ${supportCode ?? "?"}`);
    // Never a code in it: it explains, it does not let anyone in.
    expect(mail?.text).not.toMatch(/\b\d{6,8}\b/);
  });

  it("the directory's mail counts as an address the account holds (no usable method: SND-107, with the fix)", async () => {
    await typeAddress(t, "nomethods@contoh.example", "nomethods@contoh.example");
    const mail = (await explanations(t)).find((entry) => entry.recipient === "nomethods@contoh.example");
    expect(mail?.text).toContain("no verification method set up");
    expect(mail?.text).toContain("My security info");
    expect(mail?.text).toContain("/signin");
  });

  it("the private explanation email never reveals a reason for an unknown or disabled ID", async () => {
    const before = (await explanations(t)).length;
    await typeAddress(t, "off@contoh.example", "off@mail.example");
    await typeAddress(t, "ghost@contoh.example", "off@mail.example");
    expect(await explanations(t)).toHaveLength(before);
    const events = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("reason", "like", "explanation:%")
      .execute();
    expect(events.map((event) => event.reason).sort()).toEqual(["explanation:SND-106", "explanation:SND-107"]);
  });

  it("an address the account does not hold gets nothing", async () => {
    const before = (await explanations(t)).length;
    await typeAddress(t, "daily@contoh.example", "someone@else.example");
    expect(await explanations(t)).toHaveLength(before);
  });

  it("the private explanation email goes at most once per account per day (R3), however often it is asked for", async () => {
    const count = async () => (await explanations(t)).filter((mail) => mail.recipient === "daily@mail.example").length;
    await typeAddress(t, "daily@contoh.example", "daily@mail.example");
    await typeAddress(t, "daily@contoh.example", "daily@mail.example");
    expect(await count()).toBe(1);
    const dropped = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("activity", "=", "message.suppressed")
      .where("reason", "=", "SND-213:R3")
      .execute();
    expect(dropped).toHaveLength(1);
    t.clock.advanceSeconds(24 * 3600 + 1);
    await typeAddress(t, "daily@contoh.example", "daily@mail.example");
    expect(await count()).toBe(2);
  });
});
