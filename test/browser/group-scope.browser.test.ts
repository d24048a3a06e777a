/**
 * A User admin limited to one group on the group pages, in Chromium (issue 12). Threats: a page that offers a scoped
 * admin forms they may not use (rename, delete, nesting, create), or lists users outside their scope; a refusal that
 * is not a readable page. Axe on the group page and the refusal; the member form is used from the keyboard.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../src/domain/admin/admin-actor.js";
import { expectNoSeriousAxeViolations } from "../support/axe.js";
import { adminSignsInTo, type BrowserAdmin, heading } from "./admin-journey.js";
import { BrowserPages, type ListeningSandi, startListeningSandi } from "./browser-harness.js";

const PASSWORD = "Ladang-Jagung-Sore-2026";
const SCOPED: BrowserAdmin = { userId: "ulfa@contoh.example", password: PASSWORD, verifiedEmail: "ulfa@mail.example" };

describe("the group pages for a User admin limited to one group, in Chromium", () => {
  let sandi: ListeningSandi;
  const pages = new BrowserPages();

  beforeAll(async () => {
    sandi = await startListeningSandi();
    const { seed, composed } = sandi.t;
    await seed.organisation();
    await seed.policy({ scope: "all" });
    for (const name of ["Branch", "Elsewhere", "Spare"])
      await composed.services.adminActions.addGroup(CONSOLE_ACTOR, { name, description: "" });
    await seed.user({ userId: "tina@contoh.example", password: PASSWORD, groups: ["Branch"] });
    await seed.user({ userId: "otto@contoh.example", password: PASSWORD, groups: ["Elsewhere"] });
    await seed.user({ ...SCOPED, passkey: true });
    await composed.services.adminActions.grantRole(CONSOLE_ACTOR, {
      userId: SCOPED.userId,
      role: "user_admin",
      group: "Branch",
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

  it("offers only their own users' memberships, adds one by keyboard, and refuses an outsider on a readable page", async () => {
    const page = await pages.open();
    await adminSignsInTo(sandi, page, { admin: SCOPED, path: "/admin/groups/Elsewhere" });
    await heading(page, "Group Elsewhere");
    expect(await page.locator("main").textContent()).not.toContain("otto@contoh.example");
    for (const link of ["Rename this group", "Delete this group"])
      expect(await page.getByRole("link", { name: link }).count(), link).toBe(0);
    expect(await page.getByRole("button", { name: "Add group" }).count()).toBe(0);
    await page.goto(`${sandi.origin}/admin/groups/Spare`);
    await page.getByLabel("User ID to add").fill("tina@contoh.example");
    await page.getByLabel("User ID to add").press("Enter");
    await page.waitForURL(/\/admin\/groups\/Spare\?done=member_added/);
    expect(await page.locator("main").textContent()).toContain("tina@contoh.example");
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${sandi.origin}/admin/groups/Branch`);
    await page.getByLabel("User ID to add").fill("otto@contoh.example");
    await page.getByRole("button", { name: "Add member" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("Your roles don't allow this for this user.");
    await expectNoSeriousAxeViolations(page);
  });
});
