/**
 * "Verify caller" in the admin portal (SPEC §10): choose a masked method, send, type the read-back, see the result.
 * Threats: the code leaking into the audit log or the server's log; a forged form (no CSRF token); a password admin
 * verifying a caller above their rank; the code checked from another session than the one that sent it; a caller
 * guessing codes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { hiddenValue, type PageClient } from "../../support/page-client.js";
import { latestCodeFor } from "../../support/reset-journey.js";

const PASSWORD = "Right-Password-1";
const HELPDESK = { userId: "hadi@contoh.example", email: "hadi@mail.example", roles: ["helpdesk_admin"] as const };
const PASSWORD_ADMIN = {
  userId: "dewi@contoh.example",
  email: "dewi@mail.example",
  roles: ["password_admin"] as const,
};
const USER_ADMIN = { userId: "sari@contoh.example", email: "sari@mail.example", roles: ["user_admin"] as const };
const BUDI = { userId: "budi@contoh.example", email: "budi.santoso@gmail.com" };

describe("verify caller in the admin portal", () => {
  let t: TestApp;
  let budiPath = "";
  let sariPath = "";

  async function session(admin: { userId: string; email: string }): Promise<{ client: PageClient; csrf: string }> {
    // An hour apart, so the admins' step-up codes stay under the per-recipient email limit.
    t.clock.advanceSeconds(3600);
    return freshSession(t, { userId: admin.userId, password: PASSWORD });
  }

  /** Sends a code to Budi's email from `client`'s session; returns the read-back page's path and the code. */
  async function sendToBudi(client: PageClient): Promise<{ codePath: string; code: string }> {
    const choose = await client.get(`${budiPath}/verify-caller`);
    expect(choose.status).toBe(200);
    const route = /name="route" value="([^"]+)"/.exec(choose.raw)?.[1] ?? "";
    const sent = await client.post(`${budiPath}/verify-caller`, { csrf: hiddenValue(choose.body, "csrf"), route });
    expect(sent.status).toBe(303);
    const code = (await latestCodeFor(t.composed, BUDI.email)) ?? "";
    return { codePath: sent.location ?? "", code };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const admin of [HELPDESK, PASSWORD_ADMIN, USER_ADMIN])
      await t.seed.user({ ...admin, password: PASSWORD, verifiedEmail: admin.email, passkey: true });
    budiPath = `/admin/users/${await t.seed.user({ userId: BUDI.userId, password: PASSWORD, verifiedEmail: BUDI.email })}`;
    sariPath = `/admin/users/${(await t.db.selectFrom("directory_user").select("ref").where("user_id", "=", USER_ADMIN.userId).executeTakeFirstOrThrow()).ref}`;
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("a helpdesk admin sends a code to the masked email, the caller reads it back, and the caller is verified", async () => {
    const { client } = await session(HELPDESK);
    const userPage = await client.get(budiPath);
    expect(userPage.raw).toContain(`href="${budiPath}/verify-caller"`);
    const choose = await client.get(`${budiPath}/verify-caller`);
    expect(choose.body).toContain("b***@g***.com");
    expect(choose.raw).not.toContain(BUDI.email);
    const { codePath, code } = await sendToBudi(client);
    expect(code).toMatch(/^\d{8}$/);
    const mails = await t.composed.stores.outbox.list(50);
    expect(mails.find((mail) => mail.text.includes(code))?.text).toContain("Read this code to them");
    const page = await client.get(codePath);
    expect(page.status).toBe(200);
    expect(page.body).toContain("We sent a code to b***@g***.com");
    const wrong = code.startsWith("1") ? `2${code.slice(1)}` : `1${code.slice(1)}`;
    const missed = await client.post(codePath, { csrf: hiddenValue(page.body, "csrf"), code: wrong });
    expect(missed.status).toBe(400);
    expect(missed.body).toContain("The code did not match. Tries left on this code: 2.");
    const spaced = `${code.slice(0, 4)} ${code.slice(4)}`;
    const verified = await client.post(codePath, { csrf: hiddenValue(page.body, "csrf"), code: spaced });
    expect(verified.status).toBe(200);
    expect(verified.body).toContain("The caller read back the right code");
    const events = await t.composed.stores.auditReader.recent({ limit: 50, userId: BUDI.userId });
    const results = events.filter((event) => event.activity === "caller.verified").map((event) => event.reason);
    expect(results).toEqual(expect.arrayContaining(["caller_wrong_code", "caller_verified"]));
    expect(events.find((event) => event.activity === "caller.verification_sent")?.actor).toMatchObject({
      type: "admin",
      userId: HELPDESK.userId,
    });
  });

  it("the verification code never appears in the audit log or the server's log", async () => {
    const { client } = await session(HELPDESK);
    const { codePath, code } = await sendToBudi(client);
    const page = await client.get(codePath);
    await client.post(codePath, { csrf: hiddenValue(page.body, "csrf"), code });
    const events = await t.db.selectFrom("audit_event").selectAll().execute();
    expect(JSON.stringify(events)).not.toContain(code);
    expect(t.logLines.join("\n")).not.toContain(code);
  });

  it("a forged form (no token, or another session's) sends nothing and checks nothing", async () => {
    const { client } = await session(HELPDESK);
    const { codePath, code } = await sendToBudi(client);
    const before = (await t.composed.stores.outbox.list(200)).length;
    expect((await client.post(`${budiPath}/verify-caller`, { route: "x.email" })).status).toBe(403);
    expect((await client.post(codePath, { code })).status).toBe(403);
    expect((await client.post(codePath, { code, csrf: "forged" })).status).toBe(403);
    expect((await t.composed.stores.outbox.list(200)).length).toBe(before);
    // The code still works for the session that sent it: the forged posts did not spend it.
    const page = await client.get(codePath);
    const verified = await client.post(codePath, { csrf: hiddenValue(page.body, "csrf"), code });
    expect(verified.body).toContain("The caller read back the right code");
  });

  it("a code sent from one session cannot be checked from another session of the same admin", async () => {
    const first = await session(HELPDESK);
    const { codePath, code } = await sendToBudi(first.client);
    const second = await session(HELPDESK);
    const elsewhere = await second.client.get(codePath);
    expect(elsewhere.status).toBe(410);
    const posted = await second.client.post(codePath, { csrf: second.csrf, code });
    expect(posted.status).toBe(410);
    expect(posted.body).toContain("This code expired or was replaced");
  });

  it("a caller who guesses three times voids the code; the helpdesk is told to send a new one", async () => {
    const { client } = await session(HELPDESK);
    const { codePath, code } = await sendToBudi(client);
    const page = await client.get(codePath);
    const csrf = hiddenValue(page.body, "csrf");
    const wrong = code.startsWith("1") ? `2${code.slice(1)}` : `1${code.slice(1)}`;
    expect((await client.post(codePath, { csrf, code: wrong })).status).toBe(400);
    expect((await client.post(codePath, { csrf, code: wrong })).status).toBe(400);
    const last = await client.post(codePath, { csrf, code: wrong });
    expect(last.status).toBe(200);
    expect(last.body).toContain("this code cannot be tried again");
    expect((await client.post(codePath, { csrf, code })).status).toBe(410);
  });

  it("an empty read-back is a clear message, not an error page", async () => {
    const { client } = await session(HELPDESK);
    const { codePath } = await sendToBudi(client);
    const page = await client.get(codePath);
    const empty = await client.post(codePath, { csrf: hiddenValue(page.body, "csrf"), code: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain("Type the code the caller reads to you.");
  });

  it("a password admin may verify an ordinary user's caller, but not a user admin's (rank)", async () => {
    const { client, csrf } = await session(PASSWORD_ADMIN);
    expect((await client.get(`${budiPath}/verify-caller`)).status).toBe(200);
    expect((await client.get(sariPath)).raw).not.toContain("/verify-caller");
    expect((await client.get(`${sariPath}/verify-caller`)).status).toBe(403);
    expect((await client.post(`${sariPath}/verify-caller`, { csrf, route: "x.email" })).status).toBe(403);
  });

  it("the pages read in Indonesian", async () => {
    const { client } = await session(HELPDESK);
    const choose = await client.get(`${budiPath}/verify-caller`, { "accept-language": "id" });
    expect(choose.body).toContain("Asal kode");
  });
});
