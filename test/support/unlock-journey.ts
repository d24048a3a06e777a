/** Steps of the action choice and of unlock only, through the pages, for tests. */
import type { TestApp } from "./build-test-app.js";
import { createPageClient, type PageClient, type PageResponse, submitSignIn } from "./page-client.js";
import { currentCsrf, latestCodeFor, requestEmailCode, submitCode, submitUserId } from "./reset-journey.js";

/**
 * Configuration for unlock tests: the sign-in lock (SPEC §8.3) starts at its lowest settable threshold, so locking an
 * account costs 3 password checks instead of 10, and lasts an hour, so a slow run cannot outlive it.
 */
export const UNLOCK_TEST_CONFIG = { signIn: { lockoutThreshold: 3, firstLockoutSeconds: 3600 } } as const;

/** Fails sign-in `times` times from a client of its own, enough to start the lock under UNLOCK_TEST_CONFIG. */
export async function lockBySignInFailures(t: TestApp, userId: string, ip: string, times = 3): Promise<void> {
  const attacker = createPageClient(t.app, { ip });
  for (let attempt = 0; attempt < times; attempt++)
    await submitSignIn(attacker, { userId, password: `not-the-password-${String(attempt)}` });
}

/** True when the right password signs `userId` in now (from a fresh client at `ip`). */
export async function canSignIn(t: TestApp, userId: string, password: string, ip: string): Promise<boolean> {
  const response = await submitSignIn(createPageClient(t.app, { ip }), { userId, password });
  return response.location === "/account";
}

/** Chooses "reset" or "unlock" on the ACTION page. */
export async function chooseAction(client: PageClient, action: "reset" | "unlock"): Promise<PageResponse> {
  return client.post("/reset/action", { csrf: await currentCsrf(client), action });
}

/**
 * Identify, choose unlock, and pass gate 1 by email with the code the dev mailbox received; returns the code POST's
 * response (a 303 to the flow's page).
 */
export async function unlockByEmail(
  t: TestApp,
  client: PageClient,
  person: { userId: string; verifiedEmail: string },
): Promise<PageResponse> {
  await submitUserId(client, person.userId);
  await chooseAction(client, "unlock");
  await requestEmailCode(client, person.verifiedEmail);
  return submitCode(client, (await latestCodeFor(t.composed, person.verifiedEmail)) ?? "");
}

/** The flow's page title (its <h1>), to tell the state a page shows. */
export function headingOf(page: PageResponse): string {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(page.body)?.[1]?.trim() ?? "";
}
