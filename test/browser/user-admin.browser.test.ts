/**
 * Issue 12 item 5 in Chromium: a user admin steps up, pastes a CSV with a bad row, the check shows the row's error
 * and keeps the text, the fixed file imports and the progress page (no script) reaches "Finished". Axe on every
 * new page: the user list, the create form, the groups, a group page, the import form and its job page.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
type Admin = { readonly userId: string; readonly verifiedEmail: string };
const USER_ADMIN: Admin = { userId: "sari@contoh.example", verifiedEmail: "sari.wulan@mail.example" };
/** A second admin for the second test: the mailbox keeps the first one's step-up code. */
const GLOBAL_ADMIN: Admin = { userId: "ayu@contoh.example", verifiedEmail: "ayu.lestari@mail.example" };

async function codeSentTo(sandi: ListeningSandi, address: string): Promise<string> {
  const mail = await sandi.smtp.waitForMessage((message) => message.envelopeTo.includes(address), 15_000);
  return /\b(\d{8})\b/.exec(mail.text)?.[1] ?? "";
}

async function signInAndStepUp(sandi: ListeningSandi, page: Page, admin: Admin, next: string): Promise<void> {
  await page.goto(`${sandi.origin}/signin?lang=en`);
  await page.locator("#userId").fill(admin.userId);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#password").press("Enter");
  await page.waitForURL(/\/account/);
  await page.goto(`${sandi.origin}${next}`);
  await page.waitForURL(/\/verify\?next=/);
  await page.getByRole("button", { name: /@m\*\*\*\.example/ }).click();
  await page.locator("#code").fill(await codeSentTo(sandi, admin.verifiedEmail));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${sandi.origin}${next}`);
}

describe("users and groups in the admin portal, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.user({ ...USER_ADMIN, password: PASSWORD, passkey: true, roles: ["user_admin"] });
    await sandi.t.seed.user({ ...GLOBAL_ADMIN, password: PASSWORD, passkey: true, roles: ["global_admin"] });
    await sandi.t.seed.user({ userId: "eka@contoh.example", password: PASSWORD });
    await sandi.t.composed.services.adminActions.createGroup(
      { type: "console" },
      { name: "staff", description: "Everyone" },
    );
    await pages.launch();
  });
  afterAll(async () => {
    await pages.shutdown();
    await sandi.close();
  });
  afterEach(async () => {
    expect(await pages.closePage(), "the console reported CSP violations").toEqual([]);
  });

  it("a CSV import with a bad row shows the row's error, then the fixed file imports with a progress page", async () => {
    const page = await pages.open();
    await signInAndStepUp(sandi, page, USER_ADMIN, "/admin/users/import");
    await expectNoSeriousAxeViolations(page);
    const bad = [
      "userId,email,firstName,lastName,groups",
      "lina@contoh.example,lina@mail.example,Lina,Marlina,staff",
      "joko@contoh.example,not-an-email,Joko,Susilo,",
    ].join("\n");
    await page.getByLabel("CSV file content").fill(bad);
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect
      .poll(() => page.locator("#error-summary").textContent(), { timeout: 15_000 })
      .toContain("Row 2, email");
    expect(await page.getByLabel("CSV file content").inputValue()).toBe(bad);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("CSV file content").fill(bad.replace("not-an-email", "joko@mail.example"));
    await page.getByRole("button", { name: "Import users" }).click();
    await page.waitForURL(/\/admin\/users\/import\/[^/]+$/);
    await expect
      .poll(() => page.locator("[role=status]").first().textContent(), { timeout: 15_000 })
      .toBe("Finished: 2 of 2 users created.");
    expect(await page.locator("progress").getAttribute("value")).toBe("2");
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${sandi.origin}/admin/users?group=staff`);
    expect(await page.locator("table").textContent()).toContain("lina@contoh.example");
    await expectNoSeriousAxeViolations(page);
  });

  it("the create form, the groups, a group page and its rename form pass axe; a renamed group keeps its member", async () => {
    const page = await pages.open();
    await signInAndStepUp(sandi, page, GLOBAL_ADMIN, "/admin/users/new");
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${sandi.origin}/admin/groups`);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Name", { exact: true }).fill("branch-office");
    await page.getByRole("button", { name: "Create group" }).click();
    await page.waitForURL(/\/admin\/groups\/branch-office\?done=created/);
    await page.getByLabel("User ID to add").fill("eka@contoh.example");
    await page.getByRole("button", { name: "Add member" }).click();
    await page.waitForURL(/done=member_added/);
    expect(await page.locator("body").textContent()).toContain("eka@contoh.example");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("link", { name: "Rename this group" }).click();
    await page.waitForURL(/\/rename$/);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("New name").fill("Branch Office Surabaya");
    await page.getByRole("button", { name: "Rename group" }).click();
    await page.waitForURL(/Branch%20Office%20Surabaya\?done=renamed/);
    expect(await page.locator("body").textContent()).toContain("eka@contoh.example");
  });
});
