/**
 * Threats at the phone gates (SPEC §8.1–8.2): SMS pumping to one number (R2) and to many (O1, with the Global admins
 * alerted at most hourly), numbers in countries no longer allowed (O2), guessing which number is on file (the page
 * and A2 never tell a match), and A2's block.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PhoneTestApp } from "../../support/phone-journey.js";
import {
  auditReasons,
  BUDI,
  buildPhoneGateApp,
  chooseMethod,
  deliveredTo,
  hitsOf,
  phoneGateClient,
  resend,
  seedBudi,
  typePhone,
} from "../../support/phone-gate-journey.js";
import type { PageClient } from "../../support/page-client.js";
import { currentCsrf, submitUserId } from "../../support/reset-journey.js";

async function textTo(app: PhoneTestApp, userId: string, typed: string, method = "sms"): Promise<PageClient> {
  const client = phoneGateClient(app.t);
  await submitUserId(client, userId);
  await chooseMethod(client, method);
  await typePhone(client, typed);
  return client;
}

describe("phone gate threats", () => {
  let app: PhoneTestApp;
  let budiRef: string;
  beforeEach(async () => {
    app = await buildPhoneGateApp();
    budiRef = await seedBudi(app.t);
  });
  afterEach(async () => app.close());

  it("SMS pumping to one number: R2 drops the fourth text within an hour across accounts, silently; calls count apart", async () => {
    await app.t.seed.user({ userId: "ani@contoh.example", verifiedMobile: BUDI.mobile.e164 });
    const first = await textTo(app, BUDI.userId, BUDI.mobile.typed);
    for (let again = 0; again < 2; again += 1) {
      app.t.clock.advanceSeconds(31);
      await resend(first);
    }
    expect(await deliveredTo(app, BUDI.mobile.e164)).toHaveLength(3);
    // Another account with the same number: the number's limit holds (R2 keys on the number, SPEC §8.2).
    const other = await textTo(app, "ani@contoh.example", BUDI.mobile.typed);
    expect((await other.get("/reset/verify")).body).toContain("we're sending a 6-digit code by text");
    expect(await deliveredTo(app, BUDI.mobile.e164)).toHaveLength(3);
    expect(await auditReasons(app.t, "message.suppressed")).toEqual(["SND-213:R2"]);
    // A call to the same number is counted apart from the texts.
    await other.post("/reset/back", { csrf: await currentCsrf(other) });
    await chooseMethod(other, "voice_mobile");
    await typePhone(other, BUDI.mobile.typed);
    expect(await deliveredTo(app, BUDI.mobile.e164)).toHaveLength(4);
  });

  it("SMS pumping to many numbers: O1 drops texts past the hourly budget and alerts the Global admins once an hour", async () => {
    await app.t.seed.policy({ "flood.phoneMessagesPerHour": "10" });
    await app.t.seed.user({
      userId: "ayu@contoh.example",
      roles: ["global_admin"],
      verifiedEmail: "ayu@mail.example",
      directoryEmail: "Ayu@Contoh.Example",
    });
    const numbers = Array.from({ length: 12 }, (_, index) => `+6281200001${String(index).padStart(3, "0")}`);
    for (const [index, e164] of numbers.entries()) {
      await app.t.seed.user({ userId: `pump${String(index)}@contoh.example`, verifiedMobile: e164 });
      await textTo(app, `pump${String(index)}@contoh.example`, e164);
    }
    await app.t.deliverMail();
    const texted = app.receiver.requests.filter((request) =>
      numbers.some((n) => JSON.stringify(request.body).includes(n)),
    );
    expect(texted).toHaveLength(10);
    expect(await auditReasons(app.t, "message.suppressed")).toEqual(["SND-213:O1", "SND-213:O1"]);
    const mails = await app.t.composed.stores.outbox.list(100);
    const alerts = mails.filter((mail) => mail.subject.includes("hourly budget reached"));
    // One alert, to each of the admin's addresses, for two dropped texts in the same hour.
    expect(alerts.map((mail) => mail.recipient).sort()).toEqual(["ayu@contoh.example", "ayu@mail.example"]);
    expect(alerts[0]?.text).toContain("its budget of 10 texts and calls per hour");
    expect(alerts[0]?.text).toContain("SMS pumping");
    // An hour later the budget and the alert start again.
    app.t.clock.advanceSeconds(3601);
    await app.t.seed.user({ userId: "late@contoh.example", verifiedMobile: "+6281200009999" });
    await textTo(app, "late@contoh.example", "+6281200009999");
    expect(await deliveredTo(app, "+6281200009999")).toHaveLength(1);
  });

  it("a number stored under an older policy, in a country no longer allowed, is never dialled (O2)", async () => {
    await app.t.seed.user({ userId: "joe@contoh.example", verifiedMobile: "+14155552671" });
    const client = await textTo(app, "joe@contoh.example", "+1 415 555 2671");
    expect((await client.get("/reset/verify")).body).toContain("we're sending a 6-digit code by text");
    expect(await deliveredTo(app, "+14155552671")).toEqual([]);
    expect(await auditReasons(app.t, "message.suppressed")).toEqual(["SND-214"]);
  });

  it("a number that does not match sends nothing, and every page looks as for the right one", async () => {
    const walk = async (typed: string) => {
      const client = phoneGateClient(app.t);
      await submitUserId(client, BUDI.userId);
      await chooseMethod(client, "sms");
      const posted = await typePhone(client, typed);
      const page = await client.get("/reset/verify");
      return [posted, page].map((response) => ({
        status: response.status,
        location: response.location,
        body: response.body.replace(/value="[^"]+"/g, "").replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, ""),
      }));
    };
    const wrong = await walk("+62 812 3456 7800");
    expect(await deliveredTo(app, BUDI.mobile.e164)).toEqual([]);
    expect(await deliveredTo(app, "+6281234567800")).toEqual([]);
    const right = await walk(BUDI.mobile.typed);
    expect(await deliveredTo(app, BUDI.mobile.e164)).toHaveLength(1);
    expect(wrong).toEqual(right);
  });

  it("A2 counts each typed number, matching or not, and each resend, so the count cannot tell a match", async () => {
    const stranger = await app.t.seed.user({ userId: "sri@contoh.example", verifiedMobile: "+6281311112222" });
    const matching = await textTo(app, BUDI.userId, BUDI.mobile.typed);
    const mismatching = await textTo(app, "sri@contoh.example", BUDI.mobile.typed);
    expect(await hitsOf(app.t, "A2", `u:${budiRef}`)).toBe(1);
    expect(await hitsOf(app.t, "A2", `u:${stranger}`)).toBe(1);
    app.t.clock.advanceSeconds(31);
    await resend(matching);
    await resend(mismatching);
    expect(await hitsOf(app.t, "A2", `u:${budiRef}`)).toBe(2);
    expect(await hitsOf(app.t, "A2", `u:${stranger}`)).toBe(2);
  });

  it("a fifth phone check within an hour (typed numbers and resends) blocks the account for 24 h: A2, SND-302", async () => {
    const first = await textTo(app, BUDI.userId, BUDI.mobile.typed);
    for (let again = 0; again < 2; again += 1) {
      app.t.clock.advanceSeconds(31);
      await resend(first);
    }
    const second = await textTo(app, BUDI.userId, BUDI.mobile.typed);
    app.t.clock.advanceSeconds(31);
    await resend(second);
    const page = await second.get("/reset/verify");
    expect(page.body).toContain("Too many attempts");
    expect(await auditReasons(app.t, "sspr.blocked")).toEqual(["blocked:SND-302"]);
    // A new flow of the same account is blocked at once.
    const third = phoneGateClient(app.t);
    await submitUserId(third, BUDI.userId);
    expect((await third.get("/reset/verify")).body).toContain("Too many attempts");
  });
});
