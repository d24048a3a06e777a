/**
 * The policy simulation and evaluation pages in Chromium (issue 12 item 4): a Global admin steps up, writes a draft
 * that narrows the scope, sees who would be stranded with their reasons, and reaches the evaluation report; axe on
 * each page, no CSP violation in the console.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const ADMIN = { userId: "ayu@contoh.example", verifiedEmail: "ayu.kantor@mail.example" };

describe("policy simulation, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    await sandi.t.seed.user({ ...ADMIN, password: PASSWORD, passkey: true, roles: ["global_admin"] });
    for (const [name, group] of [
      ["budi", "sales"],
      ["citra", "finance"],
    ] as const)
      await sandi.t.seed.user({
        userId: `${name}@contoh.example`,
        verifiedEmail: `${name}@mail.example`,
        groups: [group],
      });
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("a Global admin simulates narrowing the scope and sees the stranded user with SND-106", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/signin?lang=en`);
    await page.locator("#userId").fill(ADMIN.userId);
    await page.locator("#password").fill(PASSWORD);
    await page.locator("#password").press("Enter");
    await page.waitForURL(/\/account/);
    await page.goto(`${sandi.origin}/admin/policy/simulate`);
    // The admin pages ask for a second factor first (SPEC §2), then come back to the page; it is also the fresh
    // step-up the run needs (it reads every user's standing).
    await page.waitForURL(/\/verify\?next=/);
    await page.getByRole("button", { name: /@m\*\*\*\.example/ }).click();
    const mail = await sandi.smtp.waitForMessage((message) => message.envelopeTo.includes(ADMIN.verifiedEmail), 15_000);
    await page.locator("#code").fill(/\b(\d{8})\b/.exec(mail.text)?.[1] ?? "");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(/\/admin\/policy\/simulate$/);
    await expectNoSeriousAxeViolations(page);
    await page.locator("#draft").fill("scope = selected\nscopeGroups = finance");
    await page.getByRole("button", { name: "Simulate" }).click();
    await expect.poll(() => page.locator("#sim-heading").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole("alert").first().textContent()).toContain("would no longer be able to");
    const stranded = page.getByRole("row", { name: /budi@contoh\.example/ });
    expect(await stranded.textContent()).toContain("SND-106");
    await expectNoSeriousAxeViolations(page);

    await page.goto(`${sandi.origin}/admin/policy/evaluation`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Evaluate a draft policy");
    await expectNoSeriousAxeViolations(page);
  });
});
