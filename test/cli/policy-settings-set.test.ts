/**
 * `sandi policy set` for the SPEC §3 settings added after the first build: flood limits, audit retention, expiry
 * reminders, maximum password age, the directory switches. Threats: a value outside SPEC's range saved (a flood limit
 * of 0, a retention of a day), and a policy saved before these settings existed loading without them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import type { SsprPolicy } from "../../src/domain/policies/sspr-policy.js";
import { inMemoryCli, openMemoryDatabase, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
});
afterAll(async () => {
  await handle.close();
});

async function shown(): Promise<SsprPolicy> {
  return (JSON.parse((await sandi("policy", "show")).out.join("\n")) as { policy: SsprPolicy }).policy;
}

describe("policy set for the later SPEC §3 settings", () => {
  it("a policy stored before these settings existed loads with SPEC's defaults", async () => {
    const old = {
      scope: "all",
      methods: { email: true },
      notify: { userOnReset: false },
      flood: { phoneMessagesPerHour: 50 },
    };
    await handle.db
      .insertInto("sspr_policy")
      .values({ version: 1, document: JSON.stringify(old), created_by: "test", created_at: new Date() })
      .execute();
    const policy = await shown();
    expect(policy.notify).toMatchObject({ userOnReset: false, expiryReminders: false, expiryReminderDays: [14, 7, 1] });
    expect(policy.flood).toMatchObject({
      phoneMessagesPerHour: 50,
      identifyPerIpPerHour: 100,
      emailsPerRecipientPerDay: 20,
    });
    expect(policy.password).toMatchObject({ maxAgeDays: 0, applySandiRulesToDirectoryUsers: false });
    expect(policy).toMatchObject({ writeback: true, audit: { retentionDays: 30 } });
  });

  it("sets each, as typed", async () => {
    const settings: [string, string][] = [
      ["audit.retentionDays", "365"],
      ["flood.codesPerIpPerHour", "40"],
      ["flood.signInFailuresPerIpPer10Minutes", "25"],
      ["notify.expiryReminders", "on"],
      ["notify.expiryReminderDays", "1,30"],
      ["password.maxAgeDays", "90"],
      ["password.applySandiRulesToDirectoryUsers", "yes"],
      ["writeback", "off"],
    ];
    for (const [key, value] of settings) expect((await sandi("policy", "set", key, value)).code, key).toBe(0);
    const policy = await shown();
    expect(policy.audit.retentionDays).toBe(365);
    expect(policy.flood).toMatchObject({ codesPerIpPerHour: 40, signInFailuresPerIpPer10Minutes: 25 });
    expect(policy.notify).toMatchObject({ expiryReminders: true, expiryReminderDays: [30, 1] });
    expect(policy.password).toMatchObject({ maxAgeDays: 90, applySandiRulesToDirectoryUsers: true });
    expect(policy.writeback).toBe(false);
  });

  it("refuses values outside SPEC's ranges with a message, and keeps the saved value", async () => {
    const refusals: [string, string, string][] = [
      ["audit.retentionDays", "6", "must be 7–3650"],
      ["audit.retentionDays", "3651", "must be 7–3650"],
      ["password.maxAgeDays", "366", "must be 0–365"],
      ["notify.expiryReminderDays", "1,2,3,4,5,6", "up to 5 values, each 1–60"],
      ["notify.expiryReminderDays", "61", "up to 5 values, each 1–60"],
      ["notify.expiryReminderDays", "soon", "invalid value"],
      ["flood.codesPerIpPerHour", "0", "must be 5–1000"],
      ["flood.phoneMessagesPerHour", "10001", "must be 10–10000"],
      ["flood.emailsPerRecipientPerDay", "2", "must be at least flood.emailsPerRecipientPerHour"],
      ["writeback", "maybe", "invalid value"],
    ];
    for (const [key, value, message] of refusals) {
      const result = await sandi("policy", "set", key, value);
      expect(result.code, `${key}=${value}`).toBe(1);
      expect(result.err.join("\n"), `${key}=${value}`).toContain(message);
    }
    const policy = await shown();
    expect(policy.audit.retentionDays).toBe(365);
    expect(policy.flood.codesPerIpPerHour).toBe(40);
    expect(policy.writeback).toBe(false);
  });
});
