/** Threat: someone sets a new password without passing the gate — by posting to the step directly, or reusing a dead flow. */
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

const USER = { userId: "sari@contoh.example", verifiedEmail: "sari@mail.example", password: "Old-Password-2026" };

describe("the new-password step cannot be reached without passing the gate", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [USER] });
  });
  afterEach(async () => t.close());

  async function passwordStillOld(): Promise<void> {
    const user = await t.composed.stores.users.findUserByUserId(USER.userId);
    if (user === null) throw new Error("user vanished");
    expect(await t.composed.stores.directory.verifyPassword(user, USER.password)).toBe(true);
  }

  async function reachPasswordStep(client: PageClient): Promise<void> {
    await submitUserId(client, USER.userId);
    await requestEmailCode(client, USER.verifiedEmail);
    await submitCode(client, (await latestCodeFor(t.composed, USER.verifiedEmail)) ?? "");
  }

  it("posting to the password step before any gate does nothing", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, USER.userId);
    const csrf = await currentCsrf(client);
    const response = await client.post("/reset/password", {
      csrf,
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(response.status).toBe(303);
    expect(response.location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain("step 1 of 1");
    await passwordStillOld();
  });

  it("posting to the password step with no flow at all sends the browser to a fresh start", async () => {
    const client = createPageClient(t.app);
    const response = await client.post("/reset/password", {
      csrf: "x",
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(response.location).toBe("/reset");
    await passwordStillOld();
  });

  it("a flow started in another browser cannot be driven from this one", async () => {
    const owner = createPageClient(t.app);
    await reachPasswordStep(owner);
    const csrf = await currentCsrf(owner);
    const stranger = createPageClient(t.app);
    const response = await stranger.post("/reset/password", {
      csrf,
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(response.location).toBe("/reset");
    await passwordStillOld();
  });

  it("a forged CSRF token is refused even with the right flow cookie", async () => {
    const client = createPageClient(t.app);
    await reachPasswordStep(client);
    const response = await client.post("/reset/password", {
      csrf: "A".repeat(43),
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(response.status).toBe(403);
    await passwordStillOld();
  });

  it("an expired flow cannot set a password (15 minutes, absolute)", async () => {
    const client = createPageClient(t.app);
    await reachPasswordStep(client);
    const csrf = await currentCsrf(client);
    t.clock.advanceSeconds(15 * 60 + 1);
    const response = await client.post("/reset/password", {
      csrf,
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(response.location).toBe("/reset?expired=1");
    expect((await client.follow(response)).body).toContain("longer than 15 minutes");
    await passwordStillOld();
  });

  it("a cancelled flow cannot set a password", async () => {
    const client = createPageClient(t.app);
    await reachPasswordStep(client);
    const csrf = await currentCsrf(client);
    await client.post("/reset/cancel", { csrf });
    const response = await client.post("/reset/password", {
      csrf,
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(response.location).toBe("/reset/verify");
    await passwordStillOld();
  });

  it("a completed flow cannot set a second password", async () => {
    const client = createPageClient(t.app);
    await reachPasswordStep(client);
    const csrf = await currentCsrf(client);
    await submitNewPassword(client, "First-New-Password-1");
    await client.post("/reset/password", {
      csrf,
      password: "Second-New-Password-2",
      confirmation: "Second-New-Password-2",
    });
    const user = await t.composed.stores.users.findUserByUserId(USER.userId);
    if (user === null) throw new Error("user vanished");
    expect(await t.composed.stores.directory.verifyPassword(user, "First-New-Password-1")).toBe(true);
  });

  it("a completed reset cancels the user's other open flows", async () => {
    const other = createPageClient(t.app);
    await reachPasswordStep(other);
    const otherCsrf = await currentCsrf(other);
    const client = createPageClient(t.app);
    await reachPasswordStep(client);
    await submitNewPassword(client, "First-New-Password-1");
    await other.post("/reset/password", {
      csrf: otherCsrf,
      password: "Second-New-Password-2",
      confirmation: "Second-New-Password-2",
    });
    expect((await other.get("/reset/verify")).body).toContain("the password was changed in another window");
    const user = await t.composed.stores.users.findUserByUserId(USER.userId);
    if (user === null) throw new Error("user vanished");
    expect(await t.composed.stores.directory.verifyPassword(user, "First-New-Password-1")).toBe(true);
  });
});
