/**
 * The admin API reads and sets the SPEC §3 settings added after the first build, as the portal and the CLI do: the
 * policy model is serialised whole, and `PUT /policy/settings` takes the keys `sandi policy set` takes. Threat: a
 * tool that cannot see or change a setting the portal shows (flood limits during an attack), or that saves a bad one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import type { SsprPolicy } from "../../../src/domain/policies/sspr-policy.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";

describe("the admin API and the later policy settings", () => {
  let t: TestApp;
  let secret: string;

  function call(method: "GET" | "PUT", url: string, payload?: object) {
    return t.app.inject({
      method,
      url: `/api/v1/admin${url}`,
      headers: { authorization: `Bearer ${secret}` },
      ...(payload === undefined ? {} : { payload }),
    });
  }
  const policyRead = async () => (await call("GET", "/policy")).json<{ policy: SsprPolicy }>().policy;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    const created = await t.composed.services.adminActions.createApiToken(CONSOLE_ACTOR, {
      name: "policy tool",
      role: "global_admin",
      expiresInDays: 30,
    });
    if (!created.ok) throw new Error(created.reason);
    secret = created.value.secret;
  });
  afterAll(async () => t.close());

  it("reads every new setting with its value", async () => {
    const policy = await policyRead();
    expect(policy.flood).toMatchObject({ codesPerIpPerHour: 20, emailsPerRecipientPerHour: 5 });
    expect(policy).toMatchObject({ writeback: true, audit: { retentionDays: 30 } });
    expect(policy.notify).toMatchObject({ expiryReminders: false, expiryReminderDays: [14, 7, 1] });
    expect(policy.password).toMatchObject({ maxAgeDays: 0, applySandiRulesToDirectoryUsers: false });
  });

  it("sets them and reads back what was set; a value out of range is refused with its rule", async () => {
    for (const [key, value] of [
      ["flood.emailsPerRecipientPerHour", "3"],
      ["audit.retentionDays", "400"],
      ["notify.expiryReminderDays", "10, 2"],
    ]) {
      const set = await call("PUT", "/policy/settings", { key, value });
      expect(set.statusCode, key).toBe(200);
    }
    const policy = await policyRead();
    expect(policy.flood.emailsPerRecipientPerHour).toBe(3);
    expect(policy.audit.retentionDays).toBe(400);
    expect(policy.notify.expiryReminderDays).toEqual([10, 2]);
    const refused = await call("PUT", "/policy/settings", { key: "audit.retentionDays", value: "2" });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("audit.retentionDays");
    expect((await policyRead()).audit.retentionDays).toBe(400);
  });
});
