/**
 * Threat: password spraying. One client tries a common password against many accounts, staying under every
 * account's lockout. SPEC §8.2's I3 counts failed sign-ins per IP across all accounts: past 50 in 10 minutes that
 * IP must solve the proof-of-work CAPTCHA for every sign-in, for an hour, before any password is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, type PageResponse } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const SPRAYED = "Summer2026!";
const I3_LIMIT = 50;
const WIDGET = "<altcha-widget";
const MISSING_EN = "Many sign-ins from your network have failed, so we must check that you're using a browser.";
const FAILED_EN = "We couldn't check that this sign-in came from a browser.";

async function postSignIn(browser: PageClient, fields: Record<string, string>): Promise<PageResponse> {
  const page = await browser.get("/signin");
  return browser.post("/signin", { form: hiddenValue(page.body, "form"), ...fields });
}

/** `count` failed sign-ins from `ip`, each against another account (unknown ones, and one real account). */
async function spray(t: TestApp, ip: string, count: number): Promise<PageResponse> {
  const browser = createPageClient(t.app, { ip });
  const form = hiddenValue((await browser.get("/signin")).body, "form");
  let last: PageResponse | null = null;
  for (let index = 0; index < count; index++) {
    const userId =
      index === 0 ? "bob@contoh.example" : `staff${String(index)}.${ip.replace(/[^0-9a-f]/g, "-")}@contoh.example`;
    last = await browser.post("/signin", { form, userId, password: SPRAYED });
    expect(last.status).toBe(401);
  }
  if (last === null) throw new Error("nothing sprayed");
  return last;
}

/** The page without what differs by design between two requests: the form token, the date and the cookies. */
function comparable(response: PageResponse): object {
  const headers: Record<string, unknown> = { ...response.headers };
  delete headers.date;
  delete headers["set-cookie"];
  delete headers["content-length"];
  const body = response.body
    .replace(/name="form" value="[^"]+"/g, 'name="form" value="…"')
    .replace(/value="[^"]*@contoh\.example"/g, 'value="…"');
  return { status: response.status, headers, body };
}

async function auditCount(t: TestApp, activity: string, filter: { ip?: string; userId?: string } = {}) {
  let query = t.db.selectFrom("audit_event").select("reason").where("activity", "=", activity);
  if (filter.ip !== undefined) query = query.where("ip", "=", filter.ip);
  if (filter.userId !== undefined) query = query.where("target_user_id", "=", filter.userId);
  return query.execute();
}

describe("I3: failed sign-ins per IP", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const name of ["alice", "bob", "carol", "dave"])
      await t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD });
  });
  afterAll(async () => t.close());

  it("password spraying from one IP across many accounts brings the CAPTCHA to the sign-in form for an hour", async () => {
    const ip = "10.3.1.1";
    await spray(t, ip, I3_LIMIT);
    const before = await createPageClient(t.app, { ip }).get("/signin");
    expect(before.body).not.toContain(WIDGET);
    expect(before.body).not.toContain("altcha-setup.js");

    const crossing = await spray(t, ip, 1);
    expect(crossing.body).toContain(WIDGET);
    const page = await createPageClient(t.app, { ip }).get("/signin");
    expect(page.body).toContain('<altcha-widget challenge="/altcha/challenge" name="altcha"');
    expect(page.body).toContain('<script src="/static/altcha-setup.js" type="module">');
    expect(page.body).toMatch(/<noscript><p class="errors">Many sign-ins from your network have failed/);
    expect(await auditCount(t, "signin.throttled", { ip })).toEqual([{ reason: "I3" }]);

    // A sprayer who solves the CAPTCHA still fails and still counts, but the crossing is audited once.
    const solver = createPageClient(t.app, { ip });
    const altcha = await solver.solveCaptcha();
    const solved = await postSignIn(solver, { userId: "nobody@contoh.example", password: SPRAYED, altcha });
    expect(solved.status).toBe(401);
    expect(await auditCount(t, "signin.throttled", { ip })).toHaveLength(1);

    t.clock.advanceSeconds(3599);
    expect((await createPageClient(t.app, { ip }).get("/signin")).body).toContain(WIDGET);
    t.clock.advanceSeconds(2);
    const after = await createPageClient(t.app, { ip }).get("/signin");
    expect(after.body).not.toContain(WIDGET);
    expect(after.body).not.toContain("altcha-setup.js");
  });

  it("while I3 holds, a sign-in without a solved CAPTCHA is refused before any password check", async () => {
    const ip = "10.3.2.1";
    await spray(t, ip, I3_LIMIT + 1);
    const known = await postSignIn(createPageClient(t.app, { ip }), {
      userId: "alice@contoh.example",
      password: PASSWORD,
    });
    const unknown = await postSignIn(createPageClient(t.app, { ip }), {
      userId: "ghost@contoh.example",
      password: PASSWORD,
    });
    expect(known.status).toBe(400);
    expect(known.body).toContain(MISSING_EN);
    expect(known.setCookies.some((line) => line.startsWith("sandi-session="))).toBe(false);
    expect(comparable(unknown)).toEqual(comparable(known));

    const forged = { password: PASSWORD, altcha: Buffer.from("{}").toString("base64") };
    const knownForged = await postSignIn(createPageClient(t.app, { ip }), {
      userId: "alice@contoh.example",
      ...forged,
    });
    const unknownForged = await postSignIn(createPageClient(t.app, { ip }), {
      userId: "ghost@contoh.example",
      ...forged,
    });
    expect(knownForged.status).toBe(400);
    expect(knownForged.body).toContain(FAILED_EN);
    expect(comparable(unknownForged)).toEqual(comparable(knownForged));

    // Operators see the refusals as throttle hits; nothing about either account was touched.
    const metrics = await t.composed.services.metrics.registry.getSingleMetricAsString("sandi_throttle_hits_total");
    expect(metrics).toContain('sandi_throttle_hits_total{counter="I3"} 4');
    expect(await auditCount(t, "signin.succeeded", { userId: "alice@contoh.example" })).toEqual([]);
    expect(await auditCount(t, "signin.failed", { userId: "alice@contoh.example" })).toEqual([]);
    expect(await auditCount(t, "signin.failed", { userId: "ghost@contoh.example" })).toEqual([]);
    const lockouts = await t.db.selectFrom("signin_lockout").select("key").execute();
    expect(lockouts.map((row) => row.key)).not.toContain("alice@contoh.example");
  });

  it("a solved sign-in CAPTCHA works once", async () => {
    const ip = "10.3.3.1";
    await spray(t, ip, I3_LIMIT + 1);
    const browser = createPageClient(t.app, { ip });
    const altcha = await browser.solveCaptcha();
    const first = await postSignIn(browser, { userId: "carol@contoh.example", password: PASSWORD, altcha });
    expect(first.status).toBe(303);
    expect(first.location).toBe("/account");

    const replay = await postSignIn(createPageClient(t.app, { ip }), {
      userId: "carol@contoh.example",
      password: PASSWORD,
      altcha,
    });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain(FAILED_EN);
  });

  it("I3 counts per IP: another IP signs in without a CAPTCHA", async () => {
    await spray(t, "10.3.4.1", I3_LIMIT + 1);
    const neighbour = createPageClient(t.app, { ip: "10.3.4.2" });
    expect((await neighbour.get("/signin")).body).not.toContain(WIDGET);
    const signedIn = await postSignIn(neighbour, { userId: "dave@contoh.example", password: PASSWORD });
    expect(signedIn.status).toBe(303);

    // IPv6 counts per /64: a neighbour in the same /64 is the same client, one in the next /64 is not.
    await spray(t, "2001:db8:5:1::1", I3_LIMIT + 1);
    expect((await createPageClient(t.app, { ip: "2001:db8:5:1::beef" }).get("/signin")).body).toContain(WIDGET);
    expect((await createPageClient(t.app, { ip: "2001:db8:5:2::1" }).get("/signin")).body).not.toContain(WIDGET);
  });

  it("the CAPTCHA page reads in Indonesian too", async () => {
    const ip = "10.3.5.1";
    await spray(t, ip, I3_LIMIT + 1);
    const browser = createPageClient(t.app, { ip });
    const page = await browser.get("/signin?lang=id");
    expect(page.body).toContain('language="id"');
    expect(page.body).toContain("Banyak upaya masuk dari jaringan Anda yang gagal");
    const refused = await postSignIn(browser, { userId: "nobody@contoh.example", password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("sehingga perlu dipastikan bahwa Anda menggunakan peramban");
  });
});
