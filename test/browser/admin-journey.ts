/** Steps the admin browser journeys share: the mailed code, a page's heading with axe, the admin's way in. */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import type { ListeningSandi } from "./browser-harness.js";

/** The 8-digit code in the first message to `address` the SMTP server took after message number `after`. */
export async function codeSentTo(sandi: ListeningSandi, address: string, after = 0): Promise<string> {
  const mail = await sandi.smtp.waitForMessage(
    (message) => message.envelopeTo.includes(address) && sandi.smtp.messages.indexOf(message) >= after,
    15_000,
  );
  return /\b(\d{8})\b/.exec(mail.text)?.[1] ?? "";
}

/** Waits for the page's first heading to read `title`, then runs axe on the page. */
export async function heading(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
  await expectNoSeriousAxeViolations(page);
}

export interface BrowserAdmin {
  readonly userId: string;
  readonly password: string;
  readonly verifiedEmail: string;
}

/**
 * The admin signs in and opens `path` under /admin, passing the second factor the admin pages ask for first
 * (SPEC §2) with the code mailed to their verified address; passing it is also the step-up an action needs.
 * `verify` is the button's words on the second-factor page (the masked address, in the page's language).
 */
export async function adminSignsInTo(
  sandi: ListeningSandi,
  page: Page,
  input: { admin: BrowserAdmin; path: string; verify?: string },
): Promise<void> {
  const { admin, path } = input;
  await page.goto(`${sandi.origin}/signin`);
  await page.locator("#userId").fill(admin.userId);
  await page.locator("#password").fill(admin.password);
  await page.locator("#password").press("Enter");
  await page.waitForURL(/\/account/);
  const before = sandi.smtp.messages.length;
  await page.goto(`${sandi.origin}${path}`);
  await page.waitForURL(/\/verify\?next=/);
  await page.getByRole("button", { name: /@m\*\*\*\.example/ }).click();
  await page.locator("#code").fill(await codeSentTo(sandi, admin.verifiedEmail, before));
  await page.getByRole("button", { name: input.verify ?? "Verify" }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
}

/** The admin signs in, finds the user in the list, opens their page and follows `link` to an action's page. */
export async function adminOpens(
  sandi: ListeningSandi,
  page: Page,
  input: { admin: BrowserAdmin; userId: string; link: string; verify?: string },
): Promise<void> {
  const path = `/admin/users?q=${encodeURIComponent(input.userId)}`;
  await adminSignsInTo(sandi, page, { admin: input.admin, path, ...(input.verify ? { verify: input.verify } : {}) });
  await page.getByRole("link", { name: input.userId }).click();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("link", { name: input.link }).click();
  await page.waitForURL(/\/admin\/users\/[^/]+\/[a-z-]+/);
}
