/**
 * The walk behind `npm run screenshots`: sign-in, the whole email reset (errors included), the demo mailbox, My
 * account with two sessions, change password and the admin overview, each page shot at 1280 and 375 px wide.
 * Selectors are the forms' field names and actions, not their words, so the walk works in both languages.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";

const WIDTHS = [1280, 375] as const;
const USER = "budi.santoso@contoh.example";
const REGISTERED_ADDRESS = "budi.santoso@mail.contoh.example";
const ADMIN = "admin@contoh.example";
const ADMIN_PASSWORD = "Demo-Admin-2026!";
/** A new password per language (history refuses a reuse); both are long passphrases any banned list lets through. */
const NEW_PASSWORDS = { en: "violet harbour lantern 1987 drift", id: "perahu jingga menyeberang 2031 pelan" } as const;

type Lang = keyof typeof NEW_PASSWORDS;

class Shooter {
  private count = 0;
  readonly written: string[] = [];

  constructor(
    private readonly folder: string,
    private readonly lang: Lang,
  ) {}

  /** Shoots the page as it is at each width (full page), then returns to the wide viewport. */
  async shoot(page: Page, name: string): Promise<void> {
    this.count += 1;
    const prefix = `${this.lang}-${String(this.count).padStart(2, "0")}-${name}`;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      const path = join(this.folder, `${prefix}-${String(width)}.png`);
      await page.screenshot({ path, fullPage: true });
      this.written.push(path);
    }
    await page.setViewportSize({ width: WIDTHS[0], height: 800 });
  }
}

async function submit(page: Page, formAction: string): Promise<void> {
  await Promise.all([
    page.waitForLoadState("load"),
    page.locator(`form[action="${formAction}"] [type=submit]`).first().click(),
  ]);
}

async function signIn(page: Page, origin: string, userId: string, password: string): Promise<void> {
  await page.goto(`${origin}/signin`);
  await page.fill("#userId", userId);
  await page.fill("#password", password);
  await submit(page, "/signin");
}

/** Identify with the proof of work solved by the real widget. */
async function identify(page: Page, userId: string): Promise<void> {
  await page.fill("#userId", userId);
  // The widget solves on load and fills the hidden `altcha` field (BROWSER-LAB.md §4).
  for (let waited = 0; (await page.inputValue("input[name=altcha]")) === ""; waited += 1) {
    if (waited > 300) throw new Error("the proof of work was not solved in 30 s");
    await page.waitForTimeout(100);
  }
  await submit(page, "/reset");
}

/** Codes an earlier walk read: the next walk waits for a new one instead of taking the last language's. */
const seenCodes = new Set<string>();

/** The newest 8-digit code in the demo mailbox (the worker delivers within a second or two). */
async function readNewestCode(page: Page, origin: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const response = await page.request.get(`${origin}/dev/outbox`);
    const code = /\b(\d{8})\b/.exec(await response.text())?.[1];
    if (code !== undefined && !seenCodes.has(code)) {
      seenCodes.add(code);
      return code;
    }
    await page.waitForTimeout(500);
  }
  throw new Error("no code in /dev/outbox after 30 s");
}

async function resetJourney(page: Page, origin: string, shooter: Shooter, lang: Lang): Promise<void> {
  await page.goto(`${origin}/reset`);
  await shooter.shoot(page, "reset-identify");
  await identify(page, "not an id");
  await shooter.shoot(page, "reset-identify-error");
  await identify(page, USER);
  // The demo keeps SPEC §3's default, unlockWithoutReset on: the action choice (SPEC §6.5) comes first.
  await page.check("input[name=action][value=reset]");
  await submit(page, "/reset/action");
  await shooter.shoot(page, "reset-method");
  await page.check("input[name=method][value=email]");
  await submit(page, "/reset/method");
  await shooter.shoot(page, "reset-contact");
  await submit(page, "/reset/contact");
  await shooter.shoot(page, "reset-contact-error");
  await page.fill("#address", REGISTERED_ADDRESS);
  await submit(page, "/reset/contact");
  await shooter.shoot(page, "reset-code");
  await page.fill("#code", "00000000");
  await submit(page, "/reset/code");
  await shooter.shoot(page, "reset-code-error");
  const code = await readNewestCode(page, origin);
  await page.goto(`${origin}/dev/outbox`);
  await shooter.shoot(page, "dev-outbox");
  await page.goto(`${origin}/reset/verify`);
  await page.fill("#code", code);
  await submit(page, "/reset/code");
  await shooter.shoot(page, "reset-password");
  await page.fill("#password", "short");
  await page.fill("#confirmation", "other");
  await submit(page, "/reset/password");
  await shooter.shoot(page, "reset-password-error");
  await page.fill("#password", NEW_PASSWORDS[lang]);
  await page.fill("#confirmation", NEW_PASSWORDS[lang]);
  await submit(page, "/reset/password");
  await shooter.shoot(page, "reset-done");
}

async function accountPages(browser: Browser, page: Page, origin: string, shooter: Shooter, lang: Lang): Promise<void> {
  // A second browser signed in first, so the sessions list has a row to end.
  const other = await browser.newContext({ userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/140.0" });
  await signIn(await other.newPage(), origin, USER, NEW_PASSWORDS[lang]);
  await signIn(page, origin, USER, NEW_PASSWORDS[lang]);
  await shooter.shoot(page, "account");
  await page.goto(`${origin}/account/password`);
  await shooter.shoot(page, "change-password");
  await other.close();
}

/** One language's walk in a fresh browser context; returns the files written. */
async function walk(browser: Browser, origin: string, folder: string, lang: Lang): Promise<string[]> {
  const shooter = new Shooter(folder, lang);
  const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 800 } });
  const page = await context.newPage();
  await page.goto(`${origin}/signin?lang=${lang}`);
  await shooter.shoot(page, "signin");
  await page.fill("#userId", USER);
  await page.fill("#password", "wrong password");
  await submit(page, "/signin");
  await shooter.shoot(page, "signin-error");
  await resetJourney(page, origin, shooter, lang);
  await accountPages(browser, page, origin, shooter, lang);
  await context.clearCookies();
  await page.goto(`${origin}/signin?lang=${lang}`);
  await signIn(page, origin, ADMIN, ADMIN_PASSWORD);
  await page.goto(`${origin}/admin`);
  await shooter.shoot(page, "admin-overview");
  await context.close();
  return shooter.written;
}

/** Both languages, one after the other (they share the demo user, whose password each walk resets). */
export async function walkJourneys(browser: Browser, origin: string, folder: string): Promise<string[]> {
  const written: string[] = [];
  for (const lang of Object.keys(NEW_PASSWORDS) as Lang[]) written.push(...(await walk(browser, origin, folder, lang)));
  return written;
}
