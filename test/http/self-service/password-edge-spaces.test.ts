/**
 * SPEC §7.2: leading and trailing spaces are kept, with a warning. Threats: a space typed by mistake at the end of
 * a new password that the user never learns about (locked out by a character they cannot see), or a space silently
 * trimmed so the password set is not the one typed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOldHashes, seedFlows } from "../../../bench/seed-flows.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const OLD = "Laut-Biru-Tenang-2026";
const WITH_SPACE = "Kabut-Pagi-Lembah-37 ";
let nextIp = 1;

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.66.0.${String(nextIp++)}` });
}

describe("new passwords with a space at either end", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    // Password tests: the registration interrupt after sign-in is not their subject.
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    await t.seed.user({ userId: "dewi@contoh.example", password: OLD });
    await t.seed.user({ userId: "eka@contoh.example", password: OLD });
  });
  afterAll(async () => t.close());

  it("change password keeps a trailing space and My account warns about it, in the user's language", async () => {
    const client = browser(t);
    expect((await submitSignIn(client, { userId: "dewi@contoh.example", password: OLD })).location).toBe("/account");
    const csrf = hiddenValue((await client.get("/account/password?lang=id")).body, "csrf");
    const changed = await client.post("/account/password", {
      csrf,
      current: OLD,
      password: WITH_SPACE,
      confirmation: WITH_SPACE,
    });
    expect(changed.location).toBe("/account?changed=1&spaces=1");
    expect((await client.follow(changed)).body).toContain("diawali atau diakhiri dengan spasi");
    const trimmed = await submitSignIn(browser(t), { userId: "dewi@contoh.example", password: WITH_SPACE.trim() });
    expect(trimmed.status).toBe(401);
    const typed = await submitSignIn(browser(t), { userId: "dewi@contoh.example", password: WITH_SPACE });
    expect(typed.location).toBe("/account");
  });

  it("change password without edge spaces shows no warning", async () => {
    const client = browser(t);
    await submitSignIn(client, { userId: "eka@contoh.example", password: OLD });
    const csrf = hiddenValue((await client.get("/account/password")).body, "csrf");
    const password = WITH_SPACE.trim();
    const changed = await client.post("/account/password", { csrf, current: OLD, password, confirmation: password });
    expect(changed.location).toBe("/account?changed=1");
    expect((await client.follow(changed)).body).not.toContain("begins or ends with a space");
  });

  it("the reset's done page warns about a leading space, and the password keeps it", async () => {
    const [flow] = await seedFlows(t.composed, {
      prefix: "spaces",
      count: 1,
      at: "password",
      hashes: await createOldHashes(),
    });
    if (flow === undefined) throw new Error("no flow");
    const client = browser(t);
    client.cookies.set("sandi-flow", flow.handle);
    const password = ` ${WITH_SPACE.trim()}`;
    const done = await client.post("/reset/password", { csrf: flow.csrf, password, confirmation: password });
    expect(done.location).toBe("/reset/verify?spaces=1");
    expect((await client.follow(done)).body).toContain("begins or ends with a space");
    const typed = await submitSignIn(browser(t), { userId: "spaces-0@contoh.example", password });
    expect(typed.location).toBe("/account");
  });
});
