/**
 * A completed reset cancels the user's other open flows (SPEC §9.1 step 4, end reason `superseded`). Someone still
 * on one of them, in another window or on another device, must learn that the password was changed, and be told
 * to call the helpdesk if it wasn't them, instead of reading "You cancelled", which they never did.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient } from "../../support/page-client.js";
import {
  currentCsrf,
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";
import { createApiClient, tokenOf } from "../api/api-client.js";

const USER = { userId: "sari@contoh.example", verifiedEmail: "sari@mail.example", password: "Old-Password-2026" };
const SUPERSEDED_EN =
  "This reset was closed because the password was changed in another window or on another device. " +
  "If that wasn't you, contact your helpdesk.";
const SUPERSEDED_ID =
  "Pengaturan ulang ini ditutup karena kata sandi telah diubah di jendela atau perangkat lain. " +
  "Jika bukan Anda yang mengubahnya, hubungi meja bantuan.";

describe("a flow closed by a reset elsewhere", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [USER] });
  });
  afterEach(async () => t.close());

  async function completeReset(): Promise<void> {
    const client = createPageClient(t.app, { ip: "10.7.0.9" });
    await submitUserId(client, USER.userId);
    await requestEmailCode(client, USER.verifiedEmail);
    await submitCode(client, (await latestCodeFor(t.composed, USER.verifiedEmail)) ?? "");
    const done = await submitNewPassword(client, "First-New-Password-1");
    expect(done.location).toBe("/reset/verify");
  }

  it("a flow superseded by a reset in another browser says so, not 'you cancelled'", async () => {
    const other: PageClient = createPageClient(t.app, { ip: "10.7.0.1" });
    await submitUserId(other, USER.userId);
    const otherCsrf = await currentCsrf(other);
    await completeReset();

    const page = await other.get("/reset/verify");
    expect(page.body).toContain("<h1>Reset closed</h1>");
    expect(page.body).toContain(SUPERSEDED_EN);
    expect(page.body).not.toContain("You cancelled");
    expect(page.body).toContain('href="/reset"');
    // A step posted from the stale page lands on the same explanation.
    const stale = await other.post("/reset/method", { csrf: otherCsrf, method: "email" });
    expect((await other.follow(stale)).body).toContain(SUPERSEDED_EN);
    const indonesian = await other.get("/reset/verify?lang=id");
    expect(indonesian.body).toContain("<h1>Pengaturan ulang ditutup</h1>");
    expect(indonesian.body).toContain(SUPERSEDED_ID);
  });

  it("the API reports a superseded flow with its own cancel reason", async () => {
    const api = createApiClient(t.app);
    const token = tokenOf(await api.start(USER.userId));
    await completeReset();
    const flow = await api.call("GET", "/reset/flow", { token });
    expect(flow.status).toBe(200);
    expect(flow.body).toMatchObject({ state: "cancelled", cancelReason: "superseded" });
  });

  it("a flow closed by anything else (the helpdesk's break-glass reset) is closed, never 'you cancelled'", async () => {
    const client = createPageClient(t.app, { ip: "10.7.0.3" });
    await submitUserId(client, USER.userId);
    const user = await t.composed.stores.users.findUserByUserId(USER.userId);
    if (user === null) throw new Error("user vanished");
    // What `sandi user set-password` does to the user's open flows.
    await t.composed.stores.flows.cancelOpenFlowsOfUser(user.ref, null, "admin_reset", t.clock.now());
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("<h1>Reset closed</h1>");
    expect(page.body).toContain("This reset was closed before it finished.");
    expect(page.body).not.toContain("You cancelled");
    expect(page.body).not.toContain("another window");
  });

  it("a flow the user cancelled still says they cancelled it, and the API says `user`", async () => {
    const client = createPageClient(t.app, { ip: "10.7.0.2" });
    await submitUserId(client, USER.userId);
    await client.post("/reset/cancel", { csrf: await currentCsrf(client) });
    const page = await client.get("/reset/verify");
    expect(page.body).toContain("<h1>Reset cancelled</h1>");
    expect(page.body).toContain("You cancelled the password reset. Nothing was changed.");

    const api = createApiClient(t.app);
    const token = tokenOf(await api.start(USER.userId));
    expect((await api.step("/cancel", token)).body.flow).toMatchObject({ state: "cancelled", cancelReason: "user" });
    const open = await api.call("GET", "/reset/flow", { token: tokenOf(await api.start(USER.userId)) });
    expect(open.body.cancelReason).toBeNull();
  });
});
