/**
 * Issue 12's policy journey in Chromium: a global admin steps up, scopes the policy to a group and requires two
 * methods, sees the warning with the number of users who would lose reset, confirms and saves; then reads the new
 * version's changes. Axe on each policy page.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const ADMIN = { userId: "ayu@contoh.example", verifiedEmail: "ayu.pribadi@mail.example" };

async function codeSentTo(sandi: ListeningSandi, address: string): Promise<string> {
  const mail = await sandi.smtp.waitForMessage((message) => message.envelopeTo.includes(address), 15_000);
  return /\b(\d{8})\b/.exec(mail.text)?.[1] ?? "";
}

async function arriveAt(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  await expectNoSeriousAxeViolations(page);
}

describe("the policy pages in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    await sandi.t.seed.user({ ...ADMIN, password: PASSWORD, passkey: true, roles: ["global_admin"] });
    // All three can reset today: Ayu (an admin) and Eka fall out of scope; Fajar, in the group, has one method.
    await sandi.t.seed.user({ userId: "eka@contoh.example", verifiedEmail: "eka@mail.example", password: PASSWORD });
    await sandi.t.seed.user({
      userId: "fajar@contoh.example",
      verifiedEmail: "fajar@mail.example",
      password: PASSWORD,
      groups: ["Pilot SSPR"],
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

  it("an admin scopes the policy to a group and requires two methods, confirms the loss and saves", async () => {
    const page = await pages.open();
    await page.goto(`${sandi.origin}/signin?lang=en`);
    await page.locator("#userId").fill(ADMIN.userId);
    await page.locator("#password").fill(PASSWORD);
    await page.locator("#password").press("Enter");
    await page.waitForURL(/\/account/);
    await page.goto(`${sandi.origin}/admin/policy`);
    // The editor steps up before the form.
    await page.waitForURL(/\/verify\?next=/);
    await page.getByRole("button", { name: /@m\*\*\*\.example/ }).click();
    await page.locator("#code").fill(await codeSentTo(sandi, ADMIN.verifiedEmail));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(/\/admin\/policy$/);
    await arriveAt(page, "SSPR policy");

    await page.locator("#f-scope").selectOption("selected");
    await page.locator("#f-scopeGroups").fill("Pilot SSPR");
    await page.getByLabel("Methods needed to reset").selectOption("2");
    await page.getByLabel("Methods needed to register").selectOption("2");
    await page.getByRole("button", { name: "Save policy" }).click();

    await arriveAt(page, "SSPR policy");
    const warnings = page.locator("#policy-warnings");
    expect(await warnings.textContent()).toContain(
      "3 users who can reset today would lose that ability (1 of them admins).",
    );
    // What was typed is still there.
    expect(await page.locator("#f-scopeGroups").inputValue()).toBe("Pilot SSPR");
    await page.getByLabel("I have read the warnings and want to save anyway").check();
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.waitForURL(/\/admin\/policy\?saved=\d+$/);
    await arriveAt(page, "SSPR policy");
    expect(await page.getByRole("status").first().textContent()).toMatch(/Saved as version \d+/);

    const live = await sandi.t.composed.stores.policy.current();
    expect(live?.policy).toMatchObject({ scope: "selected", scopeGroups: ["Pilot SSPR"], methodsToReset: 2 });

    await page.getByRole("link", { name: "Versions" }).click();
    await arriveAt(page, "Policy versions");
    await page.getByRole("link", { name: `Version ${String(live?.version ?? 0)}` }).click();
    await arriveAt(page, `Policy version ${String(live?.version ?? 0)}`);
    const table = (await page.locator("table").textContent()) ?? "";
    expect(table).toContain("Who may use SSPR");
    expect(table).toContain("Members of the selected groups");
    expect(table).toContain("Methods needed to reset");
  });
});
