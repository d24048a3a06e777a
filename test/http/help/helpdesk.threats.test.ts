/**
 * Threats to the helpdesk contact form (SPEC §6.9): a script floods the helpdesk, an attacker learns which user IDs
 * exist from the form's answers, or a page loses what the user typed when it refuses a message.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, type PageResponse } from "../../support/page-client.js";
import { deliveredRequests, FIELDS, seedAdmins, sendContactForm } from "./helpdesk-client.js";

/** What a caller can compare: status, location, headers without the date, cookie shapes, body length. */
function observable(response: PageResponse): object {
  const headers = { ...response.headers };
  delete headers.date;
  delete headers["set-cookie"];
  const cookieShapes = response.setCookies.map((line) =>
    line.replace(/=([^;]*)/, (_m, v: string) => `=<${String(v.length)}>`),
  );
  return { status: response.status, location: response.location, headers, cookieShapes, length: response.raw.length };
}

describe("the helpdesk contact form's threats", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await seedAdmins(t, ["helpdesk_admin"]);
    await t.seed.user({ userId: "budi@contoh.example", verifiedEmail: "budi@mail.example" });
  });
  afterEach(async () => t.close());

  it("the helpdesk form cannot be used to spam: 3 per IP per hour", async () => {
    const client = createPageClient(t.app, { ip: "203.0.113.5" });
    for (const n of [1, 2, 3])
      expect((await sendContactForm(client, { ...FIELDS, userId: `person${String(n)}@contoh.example` })).status).toBe(
        303,
      );
    const fourth = await sendContactForm(client, { ...FIELDS, userId: "person4@contoh.example" });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers["retry-after"])).toBeGreaterThan(3500);
    expect(fourth.body).toContain("The helpdesk form takes only a few messages an hour");
    expect(fourth.body).toContain("You can send another message after");
    expect(fourth.body).toContain("person4@contoh.example");
    expect(await deliveredRequests(t)).toHaveLength(3);
    t.clock.advanceSeconds(3601);
    expect((await sendContactForm(client, { ...FIELDS, userId: "person5@contoh.example" })).status).toBe(303);
  });

  it("the helpdesk form cannot be used to spam one person's helpdesk thread: 1 per typed ID per hour, across IPs", async () => {
    const first = createPageClient(t.app, { ip: "203.0.113.6" });
    const second = createPageClient(t.app, { ip: "198.51.100.7" });
    expect((await sendContactForm(first, FIELDS)).status).toBe(303);
    // The typed ID is normalised before it is counted: case and spaces do not make it another ID.
    const again = await sendContactForm(second, { ...FIELDS, userId: "  Budi@Contoh.EXAMPLE " });
    expect(again.status).toBe(429);
    expect(await deliveredRequests(t)).toHaveLength(1);
    t.clock.advanceSeconds(3601);
    expect((await sendContactForm(second, FIELDS)).status).toBe(303);
  });

  it("an unknown user ID gets the same response as a known one (status, headers, cookies, body length)", async () => {
    // The same length as the known ID, so even pages that show the typed ID back are byte for byte comparable.
    const unknownId = "bodi@contoh.example";
    expect(unknownId).toHaveLength(FIELDS.userId.length);
    const known = createPageClient(t.app, { ip: "203.0.113.8" });
    const unknown = createPageClient(t.app, { ip: "203.0.113.9" });
    // Both browsers hold their form cookie already, as a user who opened the page does.
    await known.get("/help/contact");
    await unknown.get("/help/contact");
    const knownSent = await sendContactForm(known, FIELDS);
    const unknownSent = await sendContactForm(unknown, { ...FIELDS, userId: unknownId });
    expect(knownSent.status).toBe(303);
    expect(observable(unknownSent)).toEqual(observable(knownSent));
    expect(observable(await unknown.follow(unknownSent))).toEqual(observable(await known.follow(knownSent)));
    // The per-ID limit answers alike too.
    const knownLimited = await sendContactForm(createPageClient(t.app, { ip: "192.0.2.1" }), FIELDS);
    const unknownLimited = await sendContactForm(createPageClient(t.app, { ip: "192.0.2.2" }), {
      ...FIELDS,
      userId: unknownId,
    });
    expect(knownLimited.status).toBe(429);
    expect(observable(unknownLimited)).toEqual(observable(knownLimited));
    // Only the helpdesk learns the difference.
    const texts = (await deliveredRequests(t)).map((mail) => mail.text);
    expect(texts.find((text) => text.includes(`User ID typed: ${unknownId}`))).toContain("No account has this user ID");
    expect(texts.find((text) => text.includes("User ID typed: budi@contoh.example"))).toContain(
      "This user ID belongs to an account.",
    );
  });

  it("the form without a solved CAPTCHA is refused with a clear message and loses nothing typed", async () => {
    const client = createPageClient(t.app, { ip: "203.0.113.10" });
    const fields = { ...FIELDS, supportCode: "K7QF-2M9D", message: "Line one\nLine <two> & three" };
    const missing = await sendContactForm(client, fields, { altcha: null });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain("This page needs cookies and JavaScript.");
    const forged = await sendContactForm(client, fields, { altcha: Buffer.from("{}").toString("base64") });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain("We couldn't check that this request came from a browser.");
    for (const page of [missing, forged]) {
      expect(page.raw).toContain('value="budi.personal@mail.example"');
      expect(page.raw).toContain('value="budi@contoh.example"');
      expect(page.raw).toContain('value="K7QF-2M9D"');
      expect(page.raw).toContain(">\nLine one\nLine &lt;two&gt; &amp; three</textarea>");
    }
    expect(await deliveredRequests(t)).toEqual([]);
  });

  it("a message over 1,000 characters gets a clear message and keeps the text; 1,000 exactly is taken", async () => {
    const client = createPageClient(t.app, { ip: "203.0.113.11" });
    const long = "é".repeat(1001);
    const refused = await sendContactForm(client, { ...FIELDS, message: long });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Your message has 1,001 characters. Shorten it to 1,000 characters or fewer");
    expect(refused.body).toContain(`>\n${long}</textarea>`);
    expect(refused.raw).toMatch(/<textarea id="message"[^>]*aria-invalid="true"/);
    expect(await deliveredRequests(t)).toEqual([]);
    expect((await sendContactForm(client, { ...FIELDS, message: "é".repeat(1000) })).status).toBe(303);
  });

  it("a refused field is named in the user's language and nothing is counted", async () => {
    const client = createPageClient(t.app, { ip: "203.0.113.12" });
    await client.get("/help/contact?lang=id");
    const refused = await sendContactForm(client, { replyTo: "not-an-address", userId: "budi", message: " " });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Masukkan alamat email, misalnya budi@mail.example.");
    expect(refused.body).toContain("Format ID pengguna tidak valid.");
    expect(refused.body).toContain("Tulis pesan untuk meja bantuan.");
    const counted = await t.db
      .selectFrom("throttle_hit")
      .select("counter")
      .where("counter", "in", ["H1", "H2"])
      .execute();
    expect(counted).toEqual([]);
  });
});
