/**
 * What a helpdesk request does (SPEC §6.9): whom it reaches, what the email says, what the audit log keeps, how the
 * form is prefilled from the page the user came from, and what URL and email modes show instead of the form.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { submitUserId } from "../../support/reset-journey.js";
import { consoleCommandsOn } from "../../support/console-commands.js";
import { deliveredRequests, FIELDS, seedAdmins, sendContactForm } from "./helpdesk-client.js";

describe("a helpdesk request", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user({ userId: "budi@contoh.example", verifiedEmail: "budi@mail.example" });
  });
  afterEach(async () => t.close());

  it("reaches the Helpdesk and Password admins, each in their language, and no other admin", async () => {
    await seedAdmins(t, ["helpdesk_admin", "password_admin", "user_admin", "global_admin"]);
    const dewi = await t.composed.stores.users.findUserByUserId("helpdesk@contoh.example");
    await t.composed.stores.accounts.setPreferredLanguage(dewi?.ref ?? "", "id");
    expect((await sendContactForm(createPageClient(t.app), FIELDS)).status).toBe(303);
    const mails = await deliveredRequests(t);
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(["helpdesk@contoh.example", "password@contoh.example"]);
    expect(mails.find((mail) => mail.recipient === "helpdesk@contoh.example")?.subject).toBe(
      "Permintaan bantuan dari budi@contoh.example",
    );
    expect(mails.find((mail) => mail.recipient === "password@contoh.example")?.subject).toBe(
      "Helpdesk request from budi@contoh.example",
    );
  });

  it("falls back to User admins, then Global admins, then the policy's fallback address, then says nobody can hear", async () => {
    await seedAdmins(t, ["user_admin", "global_admin"]);
    await sendContactForm(createPageClient(t.app, { ip: "10.1.0.1" }), { ...FIELDS, userId: "a@contoh.example" });
    expect((await deliveredRequests(t)).map((mail) => mail.recipient)).toEqual(["user@contoh.example"]);
    const userAdmin = await t.composed.stores.users.findUserByUserId("user@contoh.example");
    await t.composed.stores.directoryAdmin.setEnabled(userAdmin?.ref ?? "", false);
    await sendContactForm(createPageClient(t.app, { ip: "10.1.0.2" }), { ...FIELDS, userId: "b@contoh.example" });
    expect((await deliveredRequests(t)).map((mail) => mail.recipient)).toContain("global@contoh.example");
    const globalAdmin = await t.composed.stores.users.findUserByUserId("global@contoh.example");
    await t.composed.stores.directoryAdmin.setEnabled(globalAdmin?.ref ?? "", false);
    await t.seed.policy({ "helpdesk.target": "it-help@contoh.example" });
    await sendContactForm(createPageClient(t.app, { ip: "10.1.0.3" }), { ...FIELDS, userId: "c@contoh.example" });
    expect((await deliveredRequests(t)).map((mail) => mail.recipient)).toContain("it-help@contoh.example");
    await t.seed.policy({ "helpdesk.target": "none" });
    const nobody = await sendContactForm(createPageClient(t.app, { ip: "10.1.0.4" }), {
      ...FIELDS,
      userId: "d@contoh.example",
    });
    expect(nobody.status).toBe(503);
    expect(nobody.body).toContain("The helpdesk can't receive messages through this form right now.");
    expect(nobody.body).toContain(FIELDS.message);
  });

  it("says who wrote, whether the ID is known, the support code, the message escaped, the IP and the browser", async () => {
    await seedAdmins(t, ["helpdesk_admin"]);
    const client = createPageClient(t.app, { ip: "203.0.113.44" });
    const message = 'Please help <img src=x onerror="alert(1)"> & thanks';
    await sendContactForm(client, { ...FIELDS, supportCode: "k7qf2m9d", message });
    const [mail] = await deliveredRequests(t);
    expect(mail?.text).toContain("Reply to: budi.personal@mail.example");
    expect(mail?.text).toContain("User ID typed: budi@contoh.example");
    expect(mail?.text).toContain("This user ID belongs to an account.");
    expect(mail?.text).toContain("Support code: K7QF-2M9D");
    expect(mail?.text).toContain(message);
    expect(mail?.text).toContain("IP address: 203.0.113.44");
    expect(mail?.text).toContain("Browser: ");
    expect(mail?.text).toContain("Sandi did not check who wrote this.");
    expect(mail?.html).toContain("Please help &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; thanks");
    expect(mail?.html).not.toContain("<img");
  });

  it("is audited as helpdesk.contacted with the message's length, never its text", async () => {
    await seedAdmins(t, ["helpdesk_admin"]);
    await sendContactForm(createPageClient(t.app, { ip: "10.2.0.1" }), { ...FIELDS, message: "secret-looking words" });
    await sendContactForm(createPageClient(t.app, { ip: "10.2.0.2" }), {
      ...FIELDS,
      userId: "ghost@contoh.example",
      message: "secret-looking words",
    });
    await sendContactForm(createPageClient(t.app, { ip: "10.2.0.3" }), { ...FIELDS, message: "secret-looking words" });
    const rows = await t.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "helpdesk.contacted")
      .orderBy("seq")
      .execute();
    expect(rows.map((row) => [row.result, row.reason, row.target_user_id])).toEqual([
      ["success", "contacted_helpdesk:20", "budi@contoh.example"],
      ["success", "contacted_helpdesk:SND-101:20", "ghost@contoh.example"],
      ["failure", "blocked:H2", "budi@contoh.example"],
    ]);
    expect(JSON.stringify(rows)).not.toContain("secret-looking");
  });

  it("is prefilled with the user ID and support code of the reset the user came from", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, "budi@contoh.example");
    const flowPage = await client.get("/reset/verify");
    const supportCode = /([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/.exec(flowPage.body)?.[1] ?? "";
    expect(flowPage.raw).toContain(`href="/help/contact?support=${supportCode}"`);
    const form = await client.get(`/help/contact?support=${supportCode}`);
    expect(form.raw).toContain('id="userId" name="userId" value="budi@contoh.example"');
    expect(form.raw).toContain(`id="supportCode" name="supportCode" value="${supportCode}"`);
    const linked = await createPageClient(t.app).get("/help/contact?user=siti%40contoh.example&support=ABCD-EFGH");
    expect(linked.raw).toContain('name="userId" value="siti@contoh.example"');
    expect(linked.raw).toContain('name="supportCode" value="ABCD-EFGH"');
  });

  it("in URL and email mode the link leads to the helpdesk's page or address, and the form takes nothing", async () => {
    await t.seed.policy({ "helpdesk.mode": "url", "helpdesk.target": "https://help.contoh.example/ask" });
    const client = createPageClient(t.app);
    const signIn = await client.get("/signin");
    expect(signIn.raw).toContain('href="https://help.contoh.example/ask" target="_blank" rel="noopener noreferrer"');
    const page = await client.get("/help/contact");
    expect(page.raw).toContain('href="https://help.contoh.example/ask"');
    expect(page.raw).not.toContain('name="message"');
    await t.seed.policy({ "helpdesk.target": "none", "helpdesk.mode": "email" });
    await t.seed.policy({ "helpdesk.target": "it-help@contoh.example" });
    expect((await client.get("/signin")).raw).toContain('href="mailto:it-help@contoh.example"');
    const posted = await client.post("/help/contact", {
      replyTo: "a@b.example",
      userId: "a@contoh.example",
      message: "x",
    });
    expect(posted.status).toBe(404);
    expect(await deliveredRequests(t)).toEqual([]);
  });

  it("`sandi policy set helpdesk.mode form` turns the form on, and every page's link with it", async () => {
    await t.seed.policy({ "helpdesk.target": "none", "helpdesk.mode": "email" });
    await t.seed.policy({ "helpdesk.target": "it-help@contoh.example" });
    const client = createPageClient(t.app);
    expect((await client.get("/signin")).raw).toContain('href="mailto:it-help@contoh.example"');
    const printed = await consoleCommandsOn(() => t)("policy", "set", "helpdesk.mode", "form");
    expect(printed).not.toMatch(/error|invalid/i);
    const signIn = await client.get("/signin");
    expect(signIn.raw).toContain('<a href="/help/contact">Contact the helpdesk</a>');
    // The old address stays as the form's fallback, shown nowhere.
    expect(signIn.raw).not.toContain("it-help@contoh.example");
  });
});
