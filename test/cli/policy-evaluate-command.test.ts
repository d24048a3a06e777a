/** `sandi policy evaluate start|status|stop|adopt` (issue 12 items 4 and 10): the portal's evaluation from the console. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../support/build-test-app.js";
import { consoleCommandsOn } from "../support/console-commands.js";
import { createPageClient } from "../support/page-client.js";
import { submitUserId } from "../support/reset-journey.js";
import { buildResetTestApp } from "../support/reset-test-app.js";

describe("sandi policy evaluate", () => {
  let t: TestApp;
  const sandi = consoleCommandsOn(() => t);
  beforeAll(async () => {
    t = await buildResetTestApp({
      users: [
        { userId: "budi@contoh.example", verifiedEmail: "budi@mail.example", groups: ["finance"] },
        { userId: "citra@contoh.example", verifiedEmail: "citra@mail.example", groups: ["sales"] },
      ],
    });
  });
  afterAll(async () => t.close());

  it("starts a draft, reports what flows recorded, refuses an unconfirmed loss, adopts with --confirm-loss", async () => {
    expect(await sandi("policy", "evaluate", "status")).toContain("No evaluation has been started.");
    const started = await sandi("policy", "evaluate", "start", "--days", "3", "scope=selected", "scopeGroups=finance");
    expect(started).toMatch(/Evaluation \S+ runs until .*Nothing is enforced\./);
    await submitUserId(createPageClient(t.app, { ip: "10.9.1.1" }), "citra@contoh.example");
    const status = await sandi("policy", "evaluate", "status");
    expect(status).toContain('scope: "all" -> "selected"');
    expect(status).toContain("1 decisions recorded; the draft decided otherwise in 1.");
    expect(status).toContain("identify: live goes on, draft SND-106: 1 (1 flows)");
    // Without --confirm-loss the command fails (the console runner expects success), and nothing is saved.
    await expect(sandi("policy", "evaluate", "adopt")).rejects.toThrow(/could not \(0 admins\)/);
    expect((await t.composed.stores.policy.current())?.policy.scope).toBe("all");
    expect(await sandi("policy", "evaluate", "adopt", "--confirm-loss")).toMatch(/Saved policy version \d+/);
    expect((await t.composed.stores.policy.current())?.policy.scope).toBe("selected");
    expect(await sandi("policy", "evaluate", "status")).toContain("ended (adopted)");
  });

  it("refuses a period outside 1–30 days and an invalid draft", async () => {
    await expect(sandi("policy", "evaluate", "start", "--days", "31", "unlockWithoutReset=no")).rejects.toThrow(
      /--days must be a whole number from 1 to 30/,
    );
    await expect(sandi("policy", "evaluate", "start", "scope=selected", "scopeGroups=")).rejects.toThrow(/V1/);
  });
});
