/**
 * SPEC §13.3: every failure page says what happened, what to do next and how to reach the helpdesk, with the reason
 * code small for the helpdesk; in English and Indonesian. A code SPEC §6.4 keeps from the user never appears.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, submitSignIn } from "../../support/page-client.js";
import { currentCsrf, latestCodeFor, requestEmailCode, submitCode, submitUserId } from "../../support/reset-journey.js";

const CODE_LINE = /Code for the helpdesk: <span class="code">(SND-\d{3})<\/span>/;

describe("failure pages", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user({
      userId: "budi@contoh.example",
      verifiedEmail: "budi@mail.example",
      password: "Kopi-Pagi-2026",
    });
  });
  afterEach(async () => t.close());

  it("a blocked reset says until when, what to do, links the helpdesk with the support code and the FAQ, and shows SND-301", async () => {
    const until = new Date(t.clock.now().getTime() + 3 * 3600 * 1000);
    await t.composed.stores.throttles.block("A1", "t:budi@contoh.example", until);
    const client = createPageClient(t.app);
    await submitUserId(client, "budi@contoh.example");
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("Too many attempts. To protect this account, password reset is paused until");
    expect(page.body).toContain("Wait until then, or contact the helpdesk: they can help sooner.");
    expect(page.raw).toContain('<a href="/help#blocked">Why this happens</a>');
    const supportCode = /<strong class="code">([A-Z0-9-]{9})<\/strong>/.exec(page.raw)?.[1] ?? "";
    expect(page.raw).toContain(
      `Need more help? <a href="/help/contact?support=${supportCode}">Contact the helpdesk</a>`,
    );
    expect(CODE_LINE.exec(page.raw)?.[1]).toBe("SND-301");
    const indonesian = await client.get("/reset/verify?lang=id");
    expect(indonesian.body).toContain("pengaturan ulang kata sandi dihentikan sementara hingga");
    expect(indonesian.raw).toContain('Kode untuk meja bantuan: <span class="code">SND-301</span>');
    expect(indonesian.raw).toContain(">Hubungi meja bantuan</a>");
  });

  it("an unknown ID's blocked page is the same page with the same code", async () => {
    const until = new Date(t.clock.now().getTime() + 3600 * 1000);
    await t.composed.stores.throttles.block("A1", "t:budi@contoh.example", until);
    await t.composed.stores.throttles.block("A1", "t:bodi@contoh.example", until);
    const pages = [];
    for (const userId of ["budi@contoh.example", "bodi@contoh.example"]) {
      const client = createPageClient(t.app);
      await submitUserId(client, userId);
      pages.push((await client.get("/reset/verify")).raw.replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, "XXXX-XXXX"));
    }
    expect(pages[1]).toBe(pages[0]);
  });

  it("an IP over its limit (SND-305) and an organisation without self-service reset (SND-104) are explained", async () => {
    await t.composed.stores.throttles.block("I1", "ip:10.9.9.9", new Date(t.clock.now().getTime() + 3600 * 1000));
    const limited = await submitUserId(createPageClient(t.app, { ip: "10.9.9.9" }), "budi@contoh.example");
    expect(limited.status).toBe(429);
    expect(limited.body).toContain("Too many requests came from your network.");
    expect(limited.body).toContain("Try again after");
    expect(CODE_LINE.exec(limited.raw)?.[1]).toBe("SND-305");
    await t.seed.policy({ scope: "none" });
    const off = await submitUserId(createPageClient(t.app), "budi@contoh.example");
    expect(off.status).toBe(503);
    expect(off.body).toContain("Self-service password reset isn't available for Contoh Nusantara right now.");
    expect(off.body).toContain("Contact the helpdesk: they can reset your password for you.");
    expect(CODE_LINE.exec(off.raw)?.[1]).toBe("SND-104");
  });

  it("a reason shown after a gate (SND-107) is explained, with the FAQ on adding a method", async () => {
    await t.seed.policy({ methodsToRegister: "2", methodsToReset: "2" });
    const client = createPageClient(t.app);
    await submitUserId(client, "budi@contoh.example");
    await requestEmailCode(client, "budi@mail.example");
    await submitCode(client, (await latestCodeFor(t.composed, "budi@mail.example")) ?? "");
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("You've verified one method, but Contoh Nusantara needs two");
    expect(page.raw).toContain('<a href="/help#change-methods">Why this happens</a>');
    expect(CODE_LINE.exec(page.raw)?.[1]).toBe("SND-107");
  });

  it("a wrong code on an inert flow shows no reason code: the page must not tell why the flow is inert", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, "nobody@contoh.example");
    await requestEmailCode(client, "nobody@mail.example");
    const wrong = await client.post("/reset/code", { csrf: await currentCsrf(client), code: "12345678" });
    expect(wrong.raw).not.toMatch(/SND-\d{3}/);
  });

  it("sign-in on an account on hold explains the hold after the right password, with SND-306", async () => {
    const budi = await t.composed.stores.users.findUserByUserId("budi@contoh.example");
    await t.composed.stores.accounts.setSecurityHold(budi?.ref ?? "", true, t.clock.now());
    const page = await submitSignIn(createPageClient(t.app), {
      userId: "budi@contoh.example",
      password: "Kopi-Pagi-2026",
    });
    expect(page.body).toContain("This account is on hold after a security report.");
    expect(page.body).toContain("Call the helpdesk: only they can release the hold.");
    expect(CODE_LINE.exec(page.raw)?.[1]).toBe("SND-306");
    const wrong = await submitSignIn(createPageClient(t.app), { userId: "budi@contoh.example", password: "wrong" });
    expect(wrong.raw).not.toMatch(/SND-\d{3}/);
  });

  it("the 'Didn't get it?' box links to the FAQ's answer on codes that don't arrive", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, "budi@contoh.example");
    await requestEmailCode(client, "budi@mail.example");
    expect((await client.get("/reset/verify")).raw).toContain('<a href="/help#no-code">');
  });
});
