/** The whole reset journey by email through the pages: code, new password, and everything SPEC §9.1 does after. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const BUDI = {
  userId: "budi.santoso@contoh.example",
  verifiedEmail: "budi@mail.example",
  password: "Old-Password-2026",
};

describe("reset by email", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({
      policy: { "helpdesk.mode": "email", "helpdesk.target": "helpdesk@contoh.example" },
      users: [{ ...BUDI, firstName: "Budi", lastName: "Santoso", directoryEmail: "budi.santoso@contoh.example" }],
    });
  });
  afterEach(async () => t.close());

  it("walks from the user ID to a new password that signs in, and the old one no longer does", async () => {
    const client = createPageClient(t.app);
    const identified = await submitUserId(client, BUDI.userId);
    expect(identified.status).toBe(303);
    expect(identified.location).toBe("/reset/verify");
    const gatePage = await client.get("/reset/verify");
    expect(gatePage.body).toContain("step 1 of 1");
    expect(gatePage.body).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/); // support code on every flow page
    expect(gatePage.body).toContain("mailto:helpdesk@contoh.example");
    const contact = await requestEmailCode(client, "  BUDI@Mail.Example ");
    expect(contact.status).toBe(303);
    expect((await client.get("/reset/verify")).body).toContain("a code of 8 digits");
    const code = await latestCodeFor(t.composed, BUDI.verifiedEmail);
    expect(code).toMatch(/^\d{8}$/);
    const passed = await submitCode(client, code ?? "");
    expect(passed.status).toBe(303);
    const passwordPage = await client.get("/reset/verify");
    expect(passwordPage.body).toContain("At least 8 characters");
    const done = await submitNewPassword(client, "Kopi-Tubruk-di-Pagi-Hari");
    expect(done.status).toBe(303);
    expect((await client.get("/reset/verify")).body).toContain("Your password has been reset");

    const user = await t.composed.stores.users.findUserByUserId(BUDI.userId);
    expect(user).not.toBeNull();
    if (user === null) return;
    expect(await t.composed.stores.directory.verifyPassword(user, "Kopi-Tubruk-di-Pagi-Hari")).toBe(true);
    expect(await t.composed.stores.directory.verifyPassword(user, BUDI.password)).toBe(false);
  });

  it("sends the 'password changed' notice to the verified and the directory address, with a sign-in link from publicUrl", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    await submitCode(client, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
    await submitNewPassword(client, "Kopi-Tubruk-di-Pagi-Hari", "Kopi-Tubruk-di-Pagi-Hari");
    await t.deliverMail();
    const mails = await t.composed.stores.outbox.list(20);
    const notices = mails.filter((mail) => /password was reset/.test(mail.subject));
    expect(notices.map((mail) => mail.recipient).sort()).toEqual([BUDI.userId, BUDI.verifiedEmail].sort());
    expect(notices[0]?.text).toContain("http://localhost:8080/signin");
  });

  it("refuses a password that breaks the rules with one message per rule, and keeps the user on the page", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    await submitCode(client, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
    const refused = await submitNewPassword(client, "budi1", "budi2");
    expect(refused.status).toBe(200);
    expect(refused.body).toContain("Use at least 8 characters.");
    expect(refused.body).toContain("The two passwords don't match.");
    const reused = await submitNewPassword(client, BUDI.password);
    expect(reused.body).toContain("Your new password must differ from your current one.");
    // The user's name counts inside the banned-password score (SPEC §7.3): with 3 characters besides, too easy.
    const named = await submitNewPassword(client, "Santoso#26");
    expect(named.body).toContain("This password is easy to guess: it contains common words, names or patterns.");
    expect(named.body).not.toContain("Leave out your name and user name.");
  });

  it("shows the journey in Indonesian with ?lang=id and remembers it", async () => {
    const client = createPageClient(t.app);
    const page = await client.get("/reset?lang=id");
    expect(page.body).toContain('<html lang="id">');
    expect(page.body).toContain("Tidak dapat mengakses akun Anda?");
    await submitUserId(client, BUDI.userId);
    expect((await client.get("/reset/verify")).body).toContain("Verifikasi identitas Anda");
  });
});
