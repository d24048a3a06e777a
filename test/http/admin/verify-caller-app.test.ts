/**
 * "Verify caller" by authenticator app in the admin portal (SPEC §10), and two tabs of one admin session. Threats: a
 * caller guessing the app's code (counted, 3 tries); a code the app showed before read again (replay); one tab's
 * pending check voiding the other tab's, so a helpdesk verifies the wrong caller or none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSession } from "../../support/admin-session.js";
import { appCode, saveApp, wrongAppCode } from "../../support/app-gate-rows.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { hiddenValue, type PageClient } from "../../support/page-client.js";
import { latestCodeFor } from "../../support/reset-journey.js";

const PASSWORD = "Right-Password-1";
const HELPDESK = { userId: "hadi@contoh.example", email: "hadi@mail.example", roles: ["helpdesk_admin"] as const };
const BUDI = { userId: "budi@contoh.example", email: "budi.santoso@gmail.com" };
const CITRA = { userId: "citra@contoh.example", email: "citra@mail.example" };

describe("verify caller by authenticator app, in the admin portal", () => {
  let t: TestApp;
  let budiPath = "";
  let citraPath = "";
  let citraApp: { methodId: string; secret: Uint8Array };

  async function session(): Promise<PageClient> {
    // An hour apart, so the per-user cap (C1) and the per-recipient email limit never carry over between tests.
    t.clock.advanceSeconds(3600);
    return (await freshSession(t, { userId: HELPDESK.userId, password: PASSWORD })).client;
  }

  /** Chooses `route` (a value of the choose page's radio buttons) for the user at `userPath`; the code page's path. */
  async function begin(client: PageClient, userPath: string, route: (values: string[]) => string): Promise<string> {
    const choose = await client.get(`${userPath}/verify-caller`);
    expect(choose.status).toBe(200);
    const values = [...choose.raw.matchAll(/name="route" value="([^"]+)"/g)].map((match) => match[1] ?? "");
    const sent = await client.post(`${userPath}/verify-caller`, {
      csrf: hiddenValue(choose.body, "csrf"),
      route: route(values),
    });
    expect(sent.status).toBe(303);
    return sent.location ?? "";
  }

  const appRoute = (values: string[]) => values.find((value) => value.endsWith(".app")) ?? "";

  async function readBack(client: PageClient, codePath: string, code: string) {
    const page = await client.get(codePath);
    return client.post(codePath, { csrf: hiddenValue(page.body, "csrf"), code });
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ ...HELPDESK, password: PASSWORD, verifiedEmail: HELPDESK.email, passkey: true });
    budiPath = `/admin/users/${await t.seed.user({ userId: BUDI.userId, password: PASSWORD, verifiedEmail: BUDI.email })}`;
    citraPath = `/admin/users/${await t.seed.user({ userId: CITRA.userId, password: PASSWORD, verifiedEmail: CITRA.email })}`;
    citraApp = await saveApp(t, CITRA.userId, "Work phone");
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("offers the app by its label; nothing is sent; a wrong code is refused and counted, the right one verifies", async () => {
    const client = await session();
    const choose = await client.get(`${citraPath}/verify-caller`);
    expect(choose.body).toContain("Ask for the code their authenticator app “Work phone” shows (nothing is sent)");
    const before = (await t.composed.stores.outbox.list(500)).length;
    const codePath = await begin(client, citraPath, appRoute);
    expect((await t.composed.stores.outbox.list(500)).length).toBe(before);
    const page = await client.get(codePath);
    expect(page.body).toContain("Nothing was sent. Ask the caller to open their authenticator app “Work phone”");
    const wrong = await readBack(client, codePath, wrongAppCode(citraApp.secret, t.clock.now()));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain("The code did not match. Tries left on this code: 2.");
    const right = await readBack(client, codePath, appCode(citraApp.secret, t.clock.now()));
    expect(right.status).toBe(200);
    expect(right.body).toContain("The caller read back the right code");
    const events = await t.composed.stores.auditReader.recent({ limit: 50, userId: CITRA.userId });
    const reasons = events.filter((event) => event.activity.startsWith("caller.")).map((event) => event.reason);
    expect(reasons).toEqual(expect.arrayContaining(["caller_code_asked:totp", "caller_wrong_code", "caller_verified"]));
  });

  it("a replayed app code is refused, and the app's next code still passes", async () => {
    const client = await session();
    const code = appCode(citraApp.secret, t.clock.now());
    const first = await begin(client, citraPath, appRoute);
    expect((await readBack(client, first, code)).body).toContain("The caller read back the right code");
    t.clock.advanceSeconds(10);
    const second = await begin(client, citraPath, appRoute);
    const replayed = await readBack(client, second, code);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain("That code was used already.");
    t.clock.advanceSeconds(30);
    const next = await readBack(client, second, appCode(citraApp.secret, t.clock.now()));
    expect(next.body).toContain("The caller read back the right code");
  });

  it("two tabs of one session: caller A's emailed code and caller B's app code both work", async () => {
    const client = await session();
    const forBudi = await begin(client, budiPath, (values) => values.find((value) => value.endsWith(".email")) ?? "");
    const budiCode = (await latestCodeFor(t.composed, BUDI.email)) ?? "";
    // The second tab, before the first is checked: the first tab's code must survive it.
    const forCitra = await begin(client, citraPath, appRoute);
    expect((await readBack(client, forBudi, budiCode)).body).toContain("The caller read back the right code");
    const citra = await readBack(client, forCitra, appCode(citraApp.secret, t.clock.now()));
    expect(citra.body).toContain("The caller read back the right code");
  });

  it("a new check for the same user in another tab replaces the first", async () => {
    const client = await session();
    const first = await begin(client, citraPath, appRoute);
    const second = await begin(client, citraPath, appRoute);
    expect((await client.get(first)).status).toBe(410);
    expect((await client.get(second)).status).toBe(200);
  });

  it("the app's words read in Indonesian", async () => {
    const client = await session();
    const choose = await client.get(`${citraPath}/verify-caller`, { "accept-language": "id" });
    expect(choose.body).toContain("Minta kode yang ditampilkan aplikasi autentikator “Work phone”");
  });
});
