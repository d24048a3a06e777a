/**
 * Issue 12 item 9 at 375 px (a phone held upright): the main admin pages fit the screen. Threat: an admin on a phone
 * cannot reach a column or a button because the page scrolls sideways (WCAG 1.4.10 Reflow). Tables may scroll inside
 * their own focusable, labelled region; the page itself must not. Axe runs on every page.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { adminSignsInTo, type BrowserAdmin } from "./admin-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const ADMIN: BrowserAdmin = {
  userId: "ayu.lestari.kusumawardhani@contoh.example",
  password: PASSWORD,
  verifiedEmail: "ayu.lestari@mail.example",
};
const USER_ID = "bambang.wicaksono.hadiprojo@contoh.example";

interface NarrowLayout {
  readonly scrollWidth: number;
  /** The outermost elements past the window's right edge, named for the failure message. */
  readonly wide: readonly string[];
  readonly regions: readonly { readonly label: string; readonly focusable: boolean }[];
}

/** Run in the page (a string: the tests are typed without the DOM library, as the other browser tests are). */
const MEASURE_LAYOUT = `(() => {
  const edge = window.innerWidth + 0.5;
  const wide = [...document.body.querySelectorAll("*")]
    .filter((element) => element.getBoundingClientRect().right > edge)
    .filter((element) => !element.parentElement || element.parentElement.getBoundingClientRect().right <= edge)
    .filter((element) => element.closest(".table-scroll") === null || element.classList.contains("table-scroll"))
    .map((element) => element.tagName.toLowerCase() + "." + element.className + " " + JSON.stringify((element.textContent || "").slice(0, 60)));
  const regions = [...document.querySelectorAll(".table-scroll")].map((region) => ({
    label: region.getAttribute("aria-labelledby") || region.getAttribute("aria-label") || "",
    focusable: region.getAttribute("tabindex") === "0",
  }));
  return { scrollWidth: document.documentElement.scrollWidth, wide, regions };
})()`;

function layoutOf(page: Page): Promise<NarrowLayout> {
  return page.evaluate<NarrowLayout>(MEASURE_LAYOUT);
}

async function expectFitsNarrowScreen(page: Page, path: string): Promise<void> {
  const layout = await layoutOf(page);
  expect(layout.scrollWidth, `${path} is wider than 375 px: ${layout.wide.join(", ")}`).toBeLessThanOrEqual(375);
  const unreachable = layout.regions.filter((region) => region.label === "" || !region.focusable);
  expect(unreachable, `${path}: a table region without a name or keyboard focus`).toEqual([]);
  await expectNoSeriousAxeViolations(page);
}

describe("the admin pages at 375 px", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    await sandi.t.seed.organisation();
    await sandi.t.seed.policy({ scope: "all" });
    await sandi.t.seed.user({ ...ADMIN, passkey: true, roles: ["global_admin"] });
    await sandi.t.seed.user({ userId: USER_ID, password: PASSWORD, verifiedEmail: "bambang@mail.example" });
    await sandi.t.composed.services.adminActions.createGroup(
      { type: "console" },
      { name: "Kantor-Cabang-Surabaya-Timur", description: "Everyone who works at the eastern Surabaya branch office" },
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

  it("overview, users, a user page, groups, policy, audit and diagnose fit without sideways scrolling", async () => {
    const page = await pages.open();
    await page.setViewportSize({ width: 375, height: 800 });
    await adminSignsInTo(sandi, page, { admin: ADMIN, path: "/admin" });
    await expectFitsNarrowScreen(page, "/admin");
    const ref = (await sandi.t.composed.stores.users.findUserByUserId(USER_ID))?.ref ?? "";
    const paths = [
      "/admin/users",
      `/admin/users/${encodeURIComponent(ref)}`,
      "/admin/groups",
      "/admin/policy",
      "/admin/audit",
      `/admin/audit?actor=${encodeURIComponent(ADMIN.userId)}`,
      `/admin/diagnose?q=${encodeURIComponent(USER_ID)}`,
      "/admin/tokens",
    ];
    for (const path of paths) {
      await page.goto(`${sandi.origin}${path}`);
      await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
      await expectFitsNarrowScreen(page, path);
    }
  });
});
