/**
 * Every security notice carries a working "This wasn't me" link (SPEC §9.2, §9.3), and a privileged user's reset
 * reaches the other admins (§9.4). Threats: a notice whose reader can only "contact the helpdesk" while a thief
 * keeps the account; one link shared by every mailbox, spent by whichever mailbox a thief reads; an admin account
 * taken over by a reset that no other admin hears of.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { draftSecurityNotices } from "../../../src/domain/registration/security-notice.js";
import type { DevMailboxEmail } from "../../../src/domain/ports.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, submitSignIn } from "../../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";
import { pathOf } from "./not-me-support.js";

const BUDI = {
  userId: "budi@contoh.example",
  verifiedEmail: "budi@mail.example",
  directoryEmail: "budi@contoh.example",
  password: "Old-Password-2026",
  firstName: "Budi",
};
const NEW_PASSWORD = "Kopi-Tubruk-di-Pagi-Hari";

let t: TestApp;

async function mailTo(recipient: string, subject: string): Promise<DevMailboxEmail> {
  await t.deliverMail();
  const found = (await t.composed.stores.outbox.list(50)).find(
    (mail) => mail.recipient === recipient && mail.subject === subject,
  );
  if (found === undefined) throw new Error(`no "${subject}" to ${recipient}`);
  return found;
}

/** The link in both parts of a notice: the same address in the text and the HTML. */
function linkOf(mail: DevMailboxEmail): string {
  const inText = pathOf(mail.text);
  expect(mail.html).toContain(`href="http://localhost:8080${inText.path}?lang=`);
  return inText.path;
}

async function confirmPageOf(path: string): Promise<string> {
  const page = await createPageClient(t.app, { ip: "10.7.0.1" }).get(path);
  expect(page.status).toBe(200);
  return page.body;
}

beforeEach(async () => {
  t = await buildTestApp();
  await t.seed.organisation();
  await t.seed.policy({ scope: "all" });
});
afterEach(async () => t.close());

describe("the link in every notice", () => {
  it("a self-service reset's notice links to a page saying the password was reset; each address has its own link", async () => {
    await t.seed.user(BUDI);
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    await submitCode(client, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
    expect((await submitNewPassword(client, NEW_PASSWORD)).status).toBe(303);
    const subject = "Your Contoh Nusantara password was reset";
    const verified = linkOf(await mailTo(BUDI.verifiedEmail, subject));
    const directory = linkOf(await mailTo(BUDI.directoryEmail, subject));
    expect(verified).not.toBe(directory);
    expect(await confirmPageOf(verified)).toContain("Your password was reset on");
    // One mailbox's link used leaves the other's working.
    const browser = createPageClient(t.app, { ip: "10.7.0.2" });
    const form = hiddenValue((await browser.get(verified)).body, "form");
    expect((await browser.post(verified, { form })).status).toBe(200);
    expect((await createPageClient(t.app).get(directory)).status).toBe(200);
  });

  it("a change of password from My account carries the link, in the notice's language", async () => {
    await t.seed.user(BUDI);
    const client = createPageClient(t.app, { ip: "10.7.1.1" });
    await submitSignIn(client, { userId: BUDI.userId, password: BUDI.password });
    const csrf = hiddenValue((await client.get("/account/password?lang=id")).body, "csrf");
    const changed = await client.post("/account/password", {
      csrf,
      current: BUDI.password,
      password: NEW_PASSWORD,
      confirmation: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    const mail = await mailTo(BUDI.verifiedEmail, "Kata sandi Contoh Nusantara Anda telah diubah");
    expect(mail.text).toContain("Ini bukan saya: kunci akun saya");
    expect(mail.html).toContain("?lang=id");
    const page = await createPageClient(t.app).get(`${linkOf(mail)}?lang=id`);
    expect(page.body).toContain("Kata sandi Anda diubah pada");
  });

  it("an admin's reset carries the link", async () => {
    await t.seed.user(BUDI);
    const reset = await t.composed.commandServices.admin.setTemporaryPassword(CONSOLE_ACTOR, BUDI.userId);
    expect(reset.ok).toBe(true);
    const mail = await mailTo(BUDI.verifiedEmail, "Your Contoh Nusantara password was reset by your helpdesk");
    expect(await confirmPageOf(linkOf(mail))).toContain("Your password was reset by your helpdesk on");
  });

  it("a security-info notice carries a link to each address, the removed one included", async () => {
    const ref = await t.seed.user(BUDI);
    const method = (value: string) => ({
      id: value,
      userRef: ref,
      method: "email" as const,
      value,
      label: null,
      createdAt: t.clock.now(),
      lastUsedAt: null,
    });
    const drafts = await t.composed.stores.unitOfWork.inTransaction((stores) =>
      draftSecurityNotices(stores, {
        user: { ref, userId: BUDI.userId, email: BUDI.directoryEmail },
        before: [method("old@mail.example")],
        after: [method("new@mail.example")],
        change: "changed",
        method: "email",
        masked: "n***@m***.example",
        caller: { ip: "203.0.113.9", client: "Firefox 140 on Linux", lang: "en" },
        organisation: { name: "Contoh Nusantara", signInUrl: t.config.publicUrl, helpdesk: "" },
        now: t.clock.now(),
      }),
    );
    expect(drafts.map((draft) => draft.recipient).sort()).toEqual(
      ["budi@contoh.example", "new@mail.example", "old@mail.example"].sort(),
    );
    const paths = drafts.map((draft) => pathOf(String(draft.data.notMeUrl)).path);
    expect(new Set(paths).size).toBe(3);
    expect(await confirmPageOf(paths[0] ?? "")).toContain("A method to verify you was changed on your account on");
  });
});

describe("SPEC §9.4 through an admin reset", () => {
  it("a Global admin resetting a Helpdesk admin tells the other admins, in their language, who acted and from where", async () => {
    await t.seed.user({ userId: "ayu@contoh.example", verifiedEmail: "ayu@mail.example", roles: ["global_admin"] });
    await t.seed.user({ userId: "eko@contoh.example", verifiedEmail: "eko@mail.example", roles: ["helpdesk_admin"] });
    const reader = await t.seed.user({
      userId: "rini@contoh.example",
      verifiedEmail: "rini@mail.example",
      roles: ["reports_reader"],
    });
    await t.composed.stores.accounts.setPreferredLanguage(reader, "id");
    const ga = await t.composed.stores.users.findUserByUserId("ayu@contoh.example");
    const actor = {
      type: "admin" as const,
      ref: ga?.ref ?? "",
      userId: "ayu@contoh.example",
      roles: ["global_admin" as const],
      ip: "198.51.100.4",
      client: "Firefox 140 on Windows",
    };
    expect((await t.composed.commandServices.admin.setTemporaryPassword(actor, "eko@contoh.example")).ok).toBe(true);
    const english = await mailTo(
      "ayu@mail.example",
      "Contoh Nusantara: the password of administrator eko@contoh.example was reset",
    );
    expect(english.text).toContain("was reset by the administrator ayu@contoh.example");
    expect(english.text).toContain("IP address: 198.51.100.4");
    await mailTo(
      "rini@mail.example",
      "Contoh Nusantara: kata sandi administrator eko@contoh.example telah diatur ulang",
    );
    const toTarget = (await t.composed.stores.outbox.list(50)).filter(
      (mail) => mail.recipient === "eko@mail.example" && mail.subject.includes("administrator"),
    );
    expect(toTarget).toEqual([]);
  });
});
