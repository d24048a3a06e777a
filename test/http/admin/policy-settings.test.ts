/**
 * The policy page's newer settings (SPEC §3): flood limits, audit retention, expiry reminders, maximum password age,
 * writeback, and the question pickers. Threats: a bad value saved (a limit of 0 would switch flood control off); an
 * admin believing a setting works when no feature reads it yet; a custom question's answers voided by a text edit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValuesOf } from "../../../src/http/admin/policy-form.js";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import type { PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const ADMIN = { userId: "ayu@contoh.example", email: "ayu@mail.example" };

describe("the policy page's settings beyond the first build", () => {
  let t: TestApp;
  let ga: { client: PageClient; csrf: string };
  async function form(changes: Record<string, string>): Promise<Record<string, string>> {
    const live = await t.composed.stores.policy.current();
    if (live === null) throw new Error("no policy");
    return { ...formValuesOf(live.policy), csrf: ga.csrf, ...changes };
  }
  const live = async () => (await t.composed.stores.policy.current())?.policy;
  const versionNow = async () => (await t.composed.stores.policy.current())?.version ?? 0;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({
      userId: ADMIN.userId,
      verifiedEmail: ADMIN.email,
      passkey: true,
      password: PASSWORD,
      roles: ["global_admin"],
    });
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    ga = await freshSession(t, { ...ADMIN, password: PASSWORD });
  });
  afterAll(async () => t.close());

  it("shows every new area and setting with its allowed values, and says which settings do nothing yet", async () => {
    const page = await ga.client.get("/admin/policy");
    expect(page.status).toBe(200);
    for (const text of [
      "Flood control",
      "Audit log",
      "Days audit events are kept",
      "Allowed: a whole number from 7 to 3650. Default: 30.",
      "Emails to one address per hour",
      "Days before a password expires (0 = never)",
      "Write passwords back to the directory (LDAP)",
      "Remind users before their password expires",
    ])
      expect(page.body).toContain(text);
    // Maximum age and the reminders work, for the built-in directory: the note says so, not "takes effect later".
    expect(page.body).toMatch(
      /id="f-password-maxAgeDays"[^>]*aria-describedby="f-password-maxAgeDays-hint f-password-maxAgeDays-scope"/,
    );
    expect(page.body).toContain("Applies to the built-in directory: an expired password must be changed");
    expect(page.body).not.toContain('id="f-password-maxAgeDays-pending"');
    expect(page.body).not.toContain('id="f-notify-expiryReminders-pending"');
    expect(page.body).not.toContain("Saved, but no reminders are sent yet");
    expect(page.body).toContain("Saved; takes effect when Sandi connects to an LDAP directory.");
    // Settings with a behaviour carry no such note.
    expect(page.body).not.toContain('id="f-audit-retentionDays-pending"');
    expect(page.body).not.toContain('id="f-flood-codesPerIpPerHour-pending"');
  });

  it("refuses out-of-range values at their fields, keeping what was typed", async () => {
    const before = await versionNow();
    const refused = await ga.client.post(
      "/admin/policy",
      await form({
        "audit.retentionDays": "3",
        "flood.codesPerIpPerHour": "0",
        "flood.emailsPerRecipientPerHour": "9",
        "flood.emailsPerRecipientPerDay": "4",
        "notify.expiryReminderDays": "14, 90",
        "password.maxAgeDays": "400",
      }),
    );
    expect(refused.status).toBe(400);
    for (const id of [
      "f-audit-retentionDays",
      "f-flood-codesPerIpPerHour",
      "f-flood-emailsPerRecipientPerDay",
      "f-notify-expiryReminderDays",
      "f-password-maxAgeDays",
    ])
      expect(refused.body).toContain(`id="${id}-error"`);
    expect(refused.body).toContain("The limit for the longer period must be at least the limit for the shorter one.");
    expect(refused.body).toMatch(/id="f-audit-retentionDays"[^>]*value="3"/);
    expect(refused.body).toMatch(/id="f-notify-expiryReminderDays"[^>]*value="14, 90"/);
    expect(await versionNow()).toBe(before);
  });

  it("saves good values typed as typed, and the version's diff names them", async () => {
    const saved = await ga.client.post(
      "/admin/policy",
      await form({
        "audit.retentionDays": "90",
        "flood.identifyPerIpPerHour": "60",
        "notify.expiryReminders": "on",
        "notify.expiryReminderDays": "3, 21, 7",
        "password.maxAgeDays": "180",
        "password.applySandiRulesToDirectoryUsers": "on",
        writeback: "off",
      }),
    );
    expect(saved.status).toBe(303);
    const policy = await live();
    expect(policy?.audit.retentionDays).toBe(90);
    expect(policy?.flood.identifyPerIpPerHour).toBe(60);
    expect(policy?.notify).toMatchObject({ expiryReminders: true, expiryReminderDays: [21, 7, 3] });
    expect(policy?.password).toMatchObject({ maxAgeDays: 180, applySandiRulesToDirectoryUsers: true });
    expect(policy?.writeback).toBe(false);
    const diff = await ga.client.get(`/admin/policy/versions/${String(await versionNow())}`);
    for (const label of [
      "Days audit events are kept",
      "User ID submissions per IP per hour before the IP is refused for an hour",
      "Days before expiry to send reminders",
      "Write passwords back to the directory (LDAP)",
    ])
      expect(diff.body).toContain(label);
    expect(diff.body).toMatch(/21, 7, 3/);
  });

  it("offers a checkbox per built-in question and keeps only the ticked ones", async () => {
    const page = await ga.client.get("/admin/policy");
    expect(page.body).toMatch(/id="f-questions-builtIn-1"[^>]*checked/);
    expect(page.body).toContain("What did you name your first pet?");
    // An unticked box is not posted at all.
    const values = Object.fromEntries(
      Object.entries(await form({})).filter(([key]) => !/^questions\.builtIn\.([4-9]|[1-3]\d)$/.test(key)),
    );
    const saved = await ga.client.post("/admin/policy", values);
    expect(saved.status).toBe(303);
    expect((await live())?.questions.builtIn).toEqual([1, 2, 3]);
  });

  it("adds custom questions from the rows, keeps a question's id when its text is edited, removes an emptied one", async () => {
    const added = await ga.client.post(
      "/admin/policy",
      await form({
        "questions.custom.0.en": "What was your first bicycle's colour?",
        "questions.custom.0.id_": "Apa warna sepeda pertama Anda?",
        "questions.custom.1.en": "Which river did you swim in first?",
      }),
    );
    expect(added.status).toBe(303);
    const custom = (await live())?.questions.custom ?? [];
    expect(custom.map((question) => question.en)).toEqual([
      "What was your first bicycle's colour?",
      "Which river did you swim in first?",
    ]);
    const firstId = custom[0]?.id ?? "";
    const page = await ga.client.get("/admin/policy");
    expect(page.body).toContain('id="f-questions-custom-3-en"');
    const edited = await ga.client.post(
      "/admin/policy",
      await form({ "questions.custom.0.en": "What colour was your first bicycle?", "questions.custom.1.en": "" }),
    );
    expect(edited.status).toBe(303);
    expect((await live())?.questions.custom).toEqual([
      { id: firstId, en: "What colour was your first bicycle?", id_: "Apa warna sepeda pertama Anda?" },
    ]);
  });

  it("refuses a custom question too short, at the pickers, keeping the rows as typed", async () => {
    const refused = await ga.client.post("/admin/policy", await form({ "questions.custom.1.en": "Hi" }));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="f-questions-custom-error"');
    expect(refused.body).toMatch(/id="f-questions-custom-1-en"[^>]*value="Hi"/);
  });

  it("shows the pickers and the notes in Indonesian", async () => {
    const page = await ga.client.get("/admin/policy?lang=id");
    expect(page.body).toContain("Apa nama hewan peliharaan pertama Anda?");
    expect(page.body).toContain("Pertanyaan khusus 1");
    expect(page.body).toContain("Hari penyimpanan peristiwa audit");
    expect(page.body).toContain("Disimpan; berlaku saat Sandi terhubung ke direktori LDAP.");
  });
});
