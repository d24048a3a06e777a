/**
 * Threat: an attacker spreads guesses over several Sandi instances behind a load balancer to dodge the counters.
 * Two app instances on one PostgreSQL database behave as one: a flow started on one continues on the other, and the
 * A1 block counts failures from both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres } from "../../src/store/connect.js";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { createFakeClock } from "../support/fake-clock.js";
import { createPageClient, hiddenValue, type PageClient } from "../support/page-client.js";
import { openPostgresDatabase } from "../support/test-databases.js";

describe("two instances on one PostgreSQL", () => {
  let database: { url: string; drop(): Promise<void> };
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    database = await openPostgresDatabase({ schema: "empty" });
    const clock = createFakeClock();
    const open = () => ({ ...connectPostgres(database.url, { maxConnections: 4 }), drop: () => Promise.resolve() });
    // Both start on the empty database at once: migrations and key generation must agree.
    [first, second] = await Promise.all([
      buildTestApp({ clock, database: open(), dropDatabase: false }),
      buildTestApp({ clock, database: open(), dropDatabase: false }),
    ]);
    await first.seed.organisation();
    await first.seed.policy({ scope: "all" });
    await first.seed.user({ userId: "wayan@contoh.example", verifiedEmail: "wayan@mail.example" });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.drop();
  });

  async function csrfOn(client: PageClient): Promise<string> {
    return hiddenValue((await client.get("/reset/verify")).body, "csrf");
  }

  it("a throttle holds across both: wrong codes on either instance add up to one A1 block", async () => {
    const onFirst = createPageClient(first.app);
    const page = await onFirst.get("/reset");
    const form = hiddenValue(page.body, "form");
    expect(
      (await onFirst.post("/reset", { form, userId: "wayan@contoh.example", altcha: await onFirst.solveCaptcha() }))
        .status,
    ).toBe(303);
    // The same browser now talks to the second instance: its cookies and tokens work there too.
    const onSecond = createPageClient(second.app);
    for (const [name, value] of onFirst.cookies) onSecond.cookies.set(name, value);
    await onSecond.post("/reset/method", { csrf: await csrfOn(onSecond), method: "email" });
    await onFirst.post("/reset/contact", { csrf: await csrfOn(onFirst), address: "wayan@mail.example" });
    const csrf = await csrfOn(onFirst);
    // A1: the typed address (1), two wrong codes on different instances (3)...
    const clients = [onFirst, onSecond];
    for (const client of clients) await client.post("/reset/code", { csrf, code: "00000000" });
    // A new flow for the same account, on the other instance: the counter is the account's, not the flow's.
    const another = createPageClient(second.app);
    const anotherPage = await another.get("/reset");
    await another.post("/reset", {
      form: hiddenValue(anotherPage.body, "form"),
      userId: "wayan@contoh.example",
      altcha: await another.solveCaptcha(),
    });
    await another.post("/reset/method", { csrf: await csrfOn(another), method: "email" });
    await another.post("/reset/contact", { csrf: await csrfOn(another), address: "wayan@mail.example" });
    // ...then a new flow on the second instance: its address (4) and one wrong code (5) → blocked.
    await another.post("/reset/code", { csrf: await csrfOn(another), code: "00000000" });
    expect((await another.get("/reset/verify")).body).toContain("Too many attempts");
    // And the first instance sees the block for a fresh flow too.
    const late = createPageClient(first.app);
    const latePage = await late.get("/reset");
    await late.post("/reset", {
      form: hiddenValue(latePage.body, "form"),
      userId: "wayan@contoh.example",
      altcha: await late.solveCaptcha(),
    });
    expect((await late.get("/reset/verify")).body).toContain("password reset is paused until");
  });

  it("a CAPTCHA solution spent on one instance is refused on the other", async () => {
    const client = createPageClient(first.app);
    const altcha = await client.solveCaptcha();
    const firstPage = await client.get("/reset");
    const ok = await client.post("/reset", {
      form: hiddenValue(firstPage.body, "form"),
      userId: "someone@contoh.example",
      altcha,
    });
    expect(ok.status).toBe(303);
    const elsewhere = createPageClient(second.app);
    const secondPage = await elsewhere.get("/reset");
    const replay = await elsewhere.post("/reset", {
      form: hiddenValue(secondPage.body, "form"),
      userId: "someone@contoh.example",
      altcha,
    });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain("We couldn't check that this request came from a browser");
  });
});
