/** The browser helpers work: Debian's chromium launches, and the axe check fails on a critical finding. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations } from "./axe.js";
import { launchChromium } from "./services/chromium.js";

const PAGE = (field: string) =>
  `<!doctype html><html lang="en"><head><title>Form</title></head><body><main><h1>Form</h1>${field}</main></body></html>`;

describe("expectNoSeriousAxeViolations", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("passes a page whose input has a label", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.setContent(PAGE(`<label for="u">User ID</label> <input id="u" name="user">`));
    await expectNoSeriousAxeViolations(page);
  });

  it("fails on an input without a label, naming the rule and the target", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.setContent(PAGE(`<input id="u" name="user">`));
    await expect(expectNoSeriousAxeViolations(page)).rejects.toThrow(/label \(critical\)[\s\S]*#u/);
  });
});
