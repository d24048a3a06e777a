/**
 * Views are built only when a page or a reply renders them: a step answered by a 303 computes no view (and no form
 * token HMAC) for a page nobody sees; the step page and the API build exactly one.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ResetService } from "../../../src/domain/flows/reset/reset-service.js";
import { buildApp } from "../../../src/http/build-app.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { currentCsrf, submitUserId } from "../../support/reset-journey.js";

/** `reset` with every result's view counted when built. */
function countingViews(reset: ResetService, built: { count: number }): ResetService {
  const counted = <T>(result: T): T => {
    const outcome = result as { ok: boolean; value?: { view: () => unknown } };
    if (!outcome.ok || outcome.value === undefined) return result;
    const inner = outcome.value.view;
    return { ...outcome, value: { ...outcome.value, view: () => (built.count++, inner()) } } as T;
  };
  const wrapped: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(reset) as [string, (...args: unknown[]) => Promise<unknown>][])
    wrapped[name] = async (...args: unknown[]) => counted(await call(...args));
  return wrapped as unknown as ResetService;
}

describe("lazy flow views", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [{ userId: "budi@contoh.example", verifiedEmail: "budi@mail.example" }] });
  });
  afterEach(async () => t.close());

  it("a step answered by a 303 builds no view; the page that follows builds one", async () => {
    const built = { count: 0 };
    const app = await buildApp(
      { ...t.composed.services, reset: countingViews(t.composed.services.reset, built) },
      {
        mode: "development",
        publicUrl: new URL(t.config.publicUrl),
        trustedProxies: t.config.trustedProxies,
        logger: false,
        metricsToken: t.config.metrics.token,
        skipCaptcha: false,
      },
    );
    try {
      const client = createPageClient(app);
      expect((await submitUserId(client, "budi@contoh.example")).status).toBe(303);
      const csrf = await currentCsrf(client);
      built.count = 0;
      expect((await client.post("/reset/method", { csrf, method: "email" })).status).toBe(303);
      expect((await client.post("/reset/contact", { csrf, address: "budi@mail.example" })).status).toBe(303);
      expect(built.count).toBe(0);
      await client.get("/reset/verify");
      expect(built.count).toBe(1);
    } finally {
      await app.close();
    }
  });
});
