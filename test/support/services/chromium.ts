/** Launches Debian's chromium through playwright-core: no browser is ever downloaded (BROWSER-LAB.md §1). */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Where Debian puts chromium: its wrapper script, then the real binary. */
export const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"] as const;

/** Flags that keep chromium quiet and off the network; `headless: true` adds `--headless` itself. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Chromium preloads its address bar's suggestion popup (two WebUI pages) even headless: a renderer that took about a
  // tenth of a browser test's CPU, for a UI no test has.
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
] as const;

/** The installed chromium, or null. */
export function findChromium(): string | null {
  return CHROMIUM_PATHS.find((path) => existsSync(path)) ?? null;
}

/**
 * A headless chromium with a fresh temporary profile; close it in `afterAll`. Throws when chromium is missing,
 * so a browser test fails instead of skipping.
 * @example
 * const browser = await launchChromium();
 * const page = await (await browser.newContext()).newPage(); // axe needs a page of its own context
 * await page.goto(`http://localhost:${port}/reset`);
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === null)
    throw new Error(
      `Chromium is not installed (looked for ${CHROMIUM_PATHS.join(" and ")}). ` +
        "Run `npm test` as root, which installs it, or `apt-get install -y chromium`.",
    );
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
}
