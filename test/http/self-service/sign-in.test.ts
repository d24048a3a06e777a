/**
 * Sign-in, My account and sign-out through the whole app. Threats: a forged cross-site sign-in or sign-out, a
 * session cookie that scripts can read or other sites can send, a session that outlives sign-out or idleness, and a
 * lockout page that tells a locked account, a right password or a real account apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import {
  createPageClient,
  hiddenValue,
  type PageClient,
  type PageResponse,
  submitSignIn,
} from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
let nextIp = 1;
const client = (app: TestApp): PageClient => createPageClient(app.app, { ip: `10.1.0.${String(nextIp++)}` });

function signIn(browser: PageClient, userId: string, password: string): Promise<PageResponse> {
  return submitSignIn(browser, { userId, password });
}

/** The page without what differs by design: the form token and the date. */
function comparable(response: PageResponse): object {
  const headers: Record<string, unknown> = { ...response.headers };
  delete headers.date;
  delete headers["set-cookie"];
  delete headers["content-length"];
  const body = response.body.replace(/name="form" value="[^"]+"/g, 'name="form" value="…"');
  return { status: response.status, headers, body };
}

describe("sign-in pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const name of ["alice", "bob", "carol", "dave", "erin"])
      await t.seed.user({
        userId: `${name}@contoh.example`,
        password: PASSWORD,
        firstName: name,
        lastName: "Santoso",
        directoryEmail: `${name}@mail.example`,
      });
  });
  afterAll(async () => t.close());

  it("shows a labelled form that works without script and links to the reset journey", async () => {
    const page = await client(t).get("/signin?reset=done");
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<label for="userId">[^<]+<\/label>/);
    expect(page.body).toMatch(/<label for="password">[^<]+<\/label>/);
    expect(page.body).toContain('autocomplete="username"');
    expect(page.body).toContain('autocomplete="current-password"');
    expect(page.body).toContain('href="/reset"');
    expect(page.body).toContain('role="status"');
    // The password form needs no script: password-help.js only adds the show/hide toggle, rendered hidden for it;
    // the other scripts belong to "Sign in with a passkey" (on by default), which needs them (SPEC §4.5).
    const scripts = page.body.match(/<script[^>]*>/g) ?? [];
    expect(scripts).toContain('<script src="/static/password-help.js" defer>');
    expect(scripts.filter((tag) => !/password-help|passkey|simplewebauthn/.test(tag))).toEqual([]);
    expect(page.body).toMatch(
      /<button type="button" class="password-toggle secondary" data-password-toggle[^>]* hidden>/,
    );
    const indonesian = await client(t).get("/signin?lang=id");
    expect(indonesian.body).toContain("Kata sandi");
  });

  it("signs in, shows My account with the email masked, and sends a signed-out browser to /signin", async () => {
    const browser = client(t);
    const response = await signIn(browser, "Alice@Contoh.example", PASSWORD);
    expect(response.status).toBe(303);
    expect(response.location).toBe("/account");
    const account = await browser.follow(response);
    expect(account.status).toBe(200);
    expect(account.body).toContain("alice Santoso");
    expect(account.body).toContain("alice@contoh.example");
    expect(account.body).toContain("a***@m***.example");
    expect(account.body).not.toContain("alice@mail.example");
    expect((await browser.get("/signin")).location).toBe("/account");
    const stranger = await client(t).get("/account");
    expect(stranger.status).toBe(303);
    expect(stranger.location).toBe("/signin");
  });

  it("a session cookie is HttpOnly, SameSite=Lax, for the whole site, and ends with the browser", async () => {
    const response = await signIn(client(t), "bob@contoh.example", PASSWORD);
    const cookie = response.setCookies.find((line) => line.startsWith("sandi-session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Max-Age|Expires|Secure/i);
  });

  it("sign-in with a cross-site origin is refused", async () => {
    const browser = client(t);
    const page = await browser.get("/signin");
    const form = { form: hiddenValue(page.body, "form"), userId: "carol@contoh.example", password: PASSWORD };
    const crossSite = await browser.post("/signin", form, {
      "sec-fetch-site": "cross-site",
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.setCookies.some((line) => line.includes("session"))).toBe(false);
    const noFetchMetadata = await t.app.inject({
      method: "POST",
      url: "/signin",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      payload: new URLSearchParams(form).toString(),
    });
    expect(noFetchMetadata.statusCode).toBe(403);
  });

  it("refuses a sign-in form without its form token", async () => {
    const response = await client(t).post("/signin", { userId: "carol@contoh.example", password: PASSWORD });
    expect(response.status).toBe(400);
    expect(response.setCookies.some((line) => line.startsWith("sandi-session="))).toBe(false);
  });

  it("sign-out ends the session on the server", async () => {
    const browser = client(t);
    await signIn(browser, "dave@contoh.example", PASSWORD);
    const stolenCookie = browser.cookies.get("sandi-session") ?? "";
    const account = await browser.get("/account");
    const response = await browser.post("/signout", { csrf: hiddenValue(account.body, "csrf") });
    expect(response.status).toBe(303);
    expect(response.location).toBe("/signin");
    expect(response.headers["clear-site-data"]).toBe('"cache", "storage"');
    expect(browser.cookies.has("sandi-session")).toBe(false);
    const replayed = await t.app.inject({
      method: "GET",
      url: "/account",
      headers: { cookie: `sandi-session=${stolenCookie}` },
    });
    expect(replayed.statusCode).toBe(303);
    expect(replayed.headers.location).toBe("/signin");
  });

  it("refuses a sign-out without the session's own token", async () => {
    const browser = client(t);
    await signIn(browser, "erin@contoh.example", PASSWORD);
    const forged = await browser.post("/signout", { csrf: "forged" });
    expect(forged.status).toBe(403);
    expect((await browser.get("/account")).status).toBe(200);
  });

  it("an idle session expires after 30 minutes", async () => {
    const browser = client(t);
    await signIn(browser, "alice@contoh.example", PASSWORD);
    t.clock.advanceSeconds(29 * 60);
    expect((await browser.get("/account")).status).toBe(200);
    t.clock.advanceSeconds(30 * 60 + 1);
    const expired = await browser.get("/account");
    expect(expired.status).toBe(303);
    expect(expired.location).toBe("/signin");
  });
});

describe("sign-in lockout pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ userId: "budi@contoh.example", password: PASSWORD });
  });
  afterAll(async () => t.close());

  it("a locked account and a wrong password get the same page", async () => {
    const browser = client(t);
    const failures: PageResponse[] = [];
    for (let index = 0; index < 10; index++)
      failures.push(await signIn(browser, "budi@contoh.example", `wrong-${String(index)}`));
    const firstWrong = failures[0]!;
    expect(firstWrong.status).toBe(401);
    expect(firstWrong.body).toContain("wait 1 min");
    const rightWhileLocked = await signIn(browser, "budi@contoh.example", PASSWORD);
    const wrongWhileLocked = await signIn(browser, "budi@contoh.example", "still-wrong");
    expect(comparable(rightWhileLocked)).toEqual(comparable(firstWrong));
    expect(comparable(wrongWhileLocked)).toEqual(comparable(firstWrong));
    expect(rightWhileLocked.setCookies.some((line) => line.startsWith("sandi-session="))).toBe(false);
  });

  it("an unknown user ID is locked exactly like a known one", async () => {
    const pages = async (userId: string): Promise<object[]> => {
      const browser = client(t);
      const answers: object[] = [];
      for (let index = 0; index < 11; index++) {
        const answer = comparable(await signIn(browser, userId, `guess-${String(index)}`));
        answers.push(JSON.parse(JSON.stringify(answer).replaceAll(userId, "<id>")) as object);
      }
      return answers;
    };
    await t.seed.user({ userId: "known@contoh.example", password: PASSWORD });
    expect(await pages("nobody@contoh.example")).toEqual(await pages("known@contoh.example"));
  });

  it("100 consecutive failures lock the account itself until an admin unlocks it", async () => {
    const ref = await t.seed.user({ userId: "hard@contoh.example", password: PASSWORD });
    const browser = client(t);
    for (let index = 0; index < 100; index++) {
      await signIn(browser, "hard@contoh.example", `attack-${String(index)}`);
      t.clock.advanceSeconds(3600);
    }
    const row = await t.db
      .selectFrom("account")
      .select("admin_locked_at")
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row.admin_locked_at).not.toBeNull();
    await t.db.deleteFrom("signin_lockout").where("key", "=", "hard@contoh.example").execute();
    const right = await signIn(browser, "hard@contoh.example", PASSWORD);
    expect(right.status).toBe(401);
    const events = await t.db
      .selectFrom("audit_event")
      .select(["reason"])
      .where("activity", "=", "signin.locked")
      .where("target_ref", "=", ref)
      .execute();
    expect(events.filter((event) => event.reason === "SND-411")).toHaveLength(1);
  });
});

describe("sign-in over https", () => {
  it("a session cookie is Secure with a __Host- name when the public URL is https", async () => {
    const t = await buildTestApp({ config: { publicUrl: "https://sandi.contoh.example" } });
    try {
      await t.seed.organisation();
      await t.seed.user({ userId: "sari@contoh.example", password: PASSWORD });
      const browser = createPageClient(t.app, { origin: "https://sandi.contoh.example" });
      const response = await signIn(browser, "sari@contoh.example", PASSWORD);
      expect(response.status).toBe(303);
      const cookie = response.setCookies.find((line) => line.startsWith("__Host-sandi-session="));
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//i);
    } finally {
      await t.close();
    }
  });
});
