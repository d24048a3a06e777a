/**
 * The daily password expiry reminder (SPEC §15.5), run by the composed housekeeper on a fake clock. Threats: users
 * locked out by an expiry nobody told them about; a reminder sent again and again (every housekeeping run, every
 * restart) until people ignore Sandi's mail; a reminder that ignores the per-recipient cap (R1); a mail that carries
 * a secret; a reminder in the wrong language.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendExpiryReminders } from "../../../src/domain/password-expiry/expiry-reminders.js";
import { createKyselyExpiryReminders } from "../../../src/store/repos/kysely-expiry-reminders.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";

const PASSWORD = "Layang-layang di atas sawah kakek";
const BUDI = { userId: "budi@contoh.example", verifiedEmail: "budi@mail.example", password: PASSWORD };
// Seeded at the fake clock's start, 2026-11-26 08:00 UTC (15:00 WIB): with 30 days it expires 26 December 15:00 WIB.
const ON = {
  scope: "all",
  "password.maxAgeDays": "30",
  "notify.expiryReminders": "on",
  "organisation.timeZone": "Asia/Jakarta",
};

/** 09:00 WIB on `date` (YYYY-MM-DD). */
function nineInJakarta(date: string): string {
  return `${date}T02:00:00Z`;
}

/** Every date from 27 November to 26 December 2026. */
function daysToExpiry(): string[] {
  const days: string[] = [];
  for (let time = Date.parse("2026-11-27T00:00:00Z"); time <= Date.parse("2026-12-26T00:00:00Z"); time += 86_400_000)
    days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}

async function mailbox(t: TestApp) {
  await t.deliverMail();
  return t.db.selectFrom("dev_mailbox").selectAll().orderBy("created_at").execute();
}

async function reminderRows(t: TestApp) {
  return t.db.selectFrom("outbox_message").selectAll().where("template", "=", "password-expiry-reminder").execute();
}

/** Runs the housekeeper twice at 09:00 WIB on `date` (the second run must send nothing). */
async function runOn(t: TestApp, date: string): Promise<void> {
  t.clock.set(nineInJakarta(date));
  await t.composed.housekeeper.runNow();
  t.clock.advanceSeconds(600);
  await t.composed.housekeeper.runNow();
}

describe("password expiry reminders", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
  });
  afterEach(async () => t.close());

  it("the job sends at 14, 7 and 1 days before expiry, once each, with a link to change the password", async () => {
    await t.seed.policy(ON);
    await t.seed.user(BUDI);
    const sentOn: string[] = [];
    for (const date of daysToExpiry()) {
      const before = (await mailbox(t)).length;
      t.clock.set(nineInJakarta(date));
      await t.composed.housekeeper.runNow();
      const after = await mailbox(t);
      if (after.length === before) continue;
      sentOn.push(`${date}:${String(after.length - before)}`);
      // Housekeeping runs again later that day: the reminder is not sent twice.
      t.clock.advanceSeconds(3600);
      await t.composed.housekeeper.runNow();
      expect(await mailbox(t)).toHaveLength(after.length);
    }
    expect(sentOn).toEqual(["2026-12-12:1", "2026-12-19:1", "2026-12-25:1"]);
    const mails = await mailbox(t);
    expect(mails.map((mail) => mail.recipient)).toEqual(Array<string>(3).fill(BUDI.verifiedEmail));
    expect(mails[0]?.subject).toBe("Your Contoh Nusantara password expires on 26 December 2026 at 15:00 GMT+7");
    expect(mails[0]?.text_body).toContain("Change your password: http");
    expect(mails[0]?.text_body).toContain("/account/password");
    const events = await t.db
      .selectFrom("audit_event")
      .select(["reason", "actor_type", "target_user_id"])
      .where("activity", "=", "password.expiry_reminded")
      .execute();
    expect(events.map((event) => event.reason)).toEqual([
      "days:14 recipients:1",
      "days:7 recipients:1",
      "days:1 recipients:1",
    ]);
    expect(events[0]).toMatchObject({ actor_type: "system", target_user_id: BUDI.userId });
  });

  it("does not send again after a restart on the same day, and starts over for a new password", async () => {
    await t.seed.policy(ON);
    await t.seed.user(BUDI);
    await runOn(t, "2026-12-12");
    expect(await reminderRows(t)).toHaveLength(1);
    // A new process (a restart, or a second instance) runs the job again that day: the record holds.
    const policy = (await t.composed.stores.policy.current())?.policy;
    if (policy === undefined) throw new Error("no policy");
    const deps = {
      clock: t.clock,
      unitOfWork: t.composed.stores.unitOfWork,
      reminders: createKyselyExpiryReminders(t.db),
      directoryKind: "builtin" as const,
      organisation: () => Promise.resolve({ name: "Contoh Nusantara", defaultLanguage: "en" as const }),
      changePasswordUrl: "https://sandi.contoh.example/account/password",
    };
    expect(await sendExpiryReminders(deps, policy)).toEqual({ reminded: 0, suppressed: 0 });
    expect(await reminderRows(t)).toHaveLength(1);
    // A new password set on 13 December expires 12 January: its own 14-day reminder comes on 29 December.
    t.clock.set("2026-12-13T02:00:00Z");
    const user = await t.composed.stores.users.findUserByUserId(BUDI.userId);
    if (user === null) throw new Error("seeded user missing");
    const written = await t.composed.stores.directory.setPassword(user, "Sepeda merah melaju ke pasar pagi", {
      historyDepth: 5,
      cause: "self_change",
      now: t.clock.now(),
    });
    expect(written.ok).toBe(true);
    await runOn(t, "2026-12-19");
    expect(await reminderRows(t)).toHaveLength(1);
    await runOn(t, "2026-12-29");
    expect(await reminderRows(t)).toHaveLength(2);
  });

  it("an Indonesian user gets the Indonesian mail", async () => {
    await t.seed.policy(ON);
    const ref = await t.seed.user(BUDI);
    await t.composed.stores.accounts.setPreferredLanguage(ref, "id");
    await runOn(t, "2026-12-12");
    const [mail] = await mailbox(t);
    expect(mail?.subject).toBe("Kata sandi Contoh Nusantara Anda kedaluwarsa pada 26 Desember 2026 pukul 15.00 WIB");
    expect(mail?.text_body).toContain("Ganti kata sandi Anda:");
    expect(mail?.html_body).toContain('<html lang="id-ID">');
  });

  it("off means none: reminders off, or passwords that never expire", async () => {
    await t.seed.user(BUDI);
    await t.seed.policy({ ...ON, "notify.expiryReminders": "off" });
    await runOn(t, "2026-12-12");
    await t.seed.policy({ ...ON, "password.maxAgeDays": "0" });
    await runOn(t, "2026-12-13");
    await t.seed.policy({ ...ON, "notify.expiryReminderDays": "none" });
    await runOn(t, "2026-12-19");
    expect(await reminderRows(t)).toHaveLength(0);
    expect(await mailbox(t)).toHaveLength(0);
  });

  it("the mail contains no secret and no password", async () => {
    await t.seed.policy(ON);
    await t.seed.user(BUDI);
    await runOn(t, "2026-12-12");
    const [row] = await reminderRows(t);
    expect(Object.keys(row?.data ?? {}).sort()).toEqual(["changeUrl", "expiresAt", "orgName", "userId"]);
    const hash = await t.db.selectFrom("directory_user").select("password_hash").executeTakeFirstOrThrow();
    const [mail] = await mailbox(t);
    const everything = JSON.stringify({ row, mail });
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(hash.password_hash ?? "no hash");
    // No "This wasn't me" link either: nothing happened to the account.
    expect(everything).not.toContain("/not-me/");
  });

  it("keeps to the per-recipient cap (R1): a capped address is skipped, audited, and tried the next day", async () => {
    await t.seed.policy(ON);
    await t.seed.user(BUDI);
    // Twenty mails to the address in the ten minutes before the run: R1's daily count is reached.
    t.clock.set("2026-12-12T01:50:00Z");
    for (let sent = 0; sent < 20; sent++)
      await t.composed.stores.throttles.hit("R1", `r:${BUDI.verifiedEmail}`, t.clock.now());
    t.clock.set(nineInJakarta("2026-12-12"));
    await t.composed.housekeeper.runNow();
    expect(await reminderRows(t)).toHaveLength(0);
    const suppressed = await t.db
      .selectFrom("audit_event")
      .select(["reason", "masked_target"])
      .where("activity", "=", "message.suppressed")
      .execute();
    expect(suppressed).toEqual([{ reason: "SND-213:R1", masked_target: expect.not.stringContaining("budi@") }]);
    await runOn(t, "2026-12-13");
    expect(await reminderRows(t)).toHaveLength(1);
  });
});
