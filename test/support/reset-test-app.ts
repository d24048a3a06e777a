/** The set-up most reset tests share: an app with the organisation, a policy for everyone and the test's people. */
import { buildTestApp, type TestApp, type TestAppOptions } from "./build-test-app.js";
import type { SeedUser } from "./seed.js";

/** What the reset tests seed: policy settings beside `scope: "all"` (which they may override), and the users. */
export interface ResetTestSetup {
  readonly policy?: Readonly<Record<string, string>>;
  readonly users?: readonly SeedUser[];
}

/**
 * Builds the app, then seeds the organisation, the policy (everyone in scope, plus `setup.policy`) and each user in
 * order; call `close()` when done.
 * @example
 * beforeEach(async () => { t = await buildResetTestApp({ users: [USER] }); });
 */
export async function buildResetTestApp(setup: ResetTestSetup = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const t = await buildTestApp(options);
  await t.seed.organisation();
  await t.seed.policy({ scope: "all", ...setup.policy });
  for (const user of setup.users ?? []) await t.seed.user(user);
  return t;
}
