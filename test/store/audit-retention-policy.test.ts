/**
 * SPEC §11.4: the policy's `audit.retentionDays` decides how long audit events are kept. Threat: the setting is shown
 * and saved but the purge keeps its own number, so the organisation's retention rule is silently broken (events kept
 * past it, or purged before it). The composed housekeeper reads the policy in force at each run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKyselyAuditLog } from "../../src/store/repos/kysely-audit-log.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";

const DAY_MILLISECONDS = 86_400_000;

describe("the housekeeper purges audit events by the policy's retention", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
  });
  afterAll(async () => t.close());

  async function appendAged(reason: string, ageDays: number): Promise<void> {
    const audit = createKyselyAuditLog(t.db, { instance: "test", random: createSecureRandom() });
    const time = new Date(t.clock.now().getTime() - ageDays * DAY_MILLISECONDS);
    await audit.append([
      { activity: "sspr.flow.progress", result: "success", reason, actor: { type: "anonymous" }, time },
    ]);
  }

  async function agedReasons(): Promise<string[]> {
    const rows = await t.db.selectFrom("audit_event").select("reason").where("reason", "like", "aged-%").execute();
    return rows.map((row) => row.reason ?? "").sort();
  }

  it("keeps 30 days by default, then what the admin set, purging once a day", async () => {
    await appendAged("aged-8", 8);
    await appendAged("aged-31", 31);
    await t.composed.housekeeper.runNow();
    expect(await agedReasons()).toEqual(["aged-8"]);

    await t.seed.policy({ "audit.retentionDays": "7" });
    await t.composed.housekeeper.runNow();
    // Once a day: the same organisation day does not purge again.
    expect(await agedReasons()).toEqual(["aged-8"]);
    t.clock.advanceSeconds(86_400);
    await t.composed.housekeeper.runNow();
    expect(await agedReasons()).toEqual([]);
  });
});
