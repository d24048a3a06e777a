/** Accessibility check for browser tests: axe-core over WCAG 2.1 A and AA, failing on serious and critical findings. */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

type AxeViolation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"];
const FAILING_IMPACTS: readonly (string | null | undefined)[] = ["serious", "critical"];

function describeViolation(violation: AxeViolation): string {
  const targets = violation.nodes.map((node) => JSON.stringify(node.target)).join(", ");
  return `- ${violation.id} (${violation.impact ?? "unknown"}): ${violation.help}\n    at ${targets}`;
}

/**
 * Runs axe on the page as it is now and throws, listing rule ids and targets, when any finding is serious or critical.
 * AxeBuilder injects axe without `bypassCSP`, so Sandi's strict CSP stays on (BROWSER-LAB.md §2). Legacy mode runs
 * axe in the page itself: the default opens a helper page per run to merge frames' results, which Sandi's pages (no
 * iframes) do not need and which doubled the cost of every check (about 550 against 250 ms a page).
 * @example
 * const page = await (await browser.newContext()).newPage();
 * await page.goto(`http://localhost:${port}/reset`);
 * await expectNoSeriousAxeViolations(page);
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.includes(violation.impact));
  if (failing.length === 0) return;
  throw new Error(
    `axe found ${failing.length} serious or critical accessibility problem(s) on ${page.url()}:\n` +
      failing.map(describeViolation).join("\n"),
  );
}
