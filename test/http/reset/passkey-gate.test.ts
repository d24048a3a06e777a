/**
 * The passkey as a reset gate (SPEC §4.5, §6.4 item 4), over HTTP with a software authenticator: the step opens on
 * a ceremony with an empty allowCredentials, the user's passkey passes it and its counter moves on. Threats: another
 * user's passkey, a replayed answer, a counter that went back (refused and flagged), a sixth check within an hour
 * (A2), a skipped gate, a flow from another browser, and enumeration at every step.
 */
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey } from "../../../src/domain/policies/attempt-policy.js";
import { createSoftAuthenticator } from "../../methods/passkey-soft-authenticator.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient, type PageResponse } from "../../support/page-client.js";
import {
  answerCeremony,
  ceremonyOf,
  choosePasskey,
  registerPasskey,
  submitPasskey,
} from "../../support/passkey-gate-journey.js";
import { currentCsrf, submitUserId } from "../../support/reset-journey.js";

const REFUSED = "We couldn't verify that passkey.";
const NEW_PASSWORD_PAGE = "At least 8 characters";
let nextIp = 1;

function browser(t: TestApp, ip = `10.79.0.${String(nextIp++)}`): PageClient {
  return createPageClient(t.app, { ip });
}

async function refOf(t: TestApp, userId: string): Promise<string> {
  return (await t.composed.stores.users.findUserByUserId(userId))?.ref ?? "";
}

async function passkeyRow(t: TestApp, userId: string) {
  const rows = await t.composed.stores.methods.listForUser(await refOf(t, userId));
  return rows.find((row) => row.method === "passkey");
}

async function auditReasons(t: TestApp): Promise<string[]> {
  const rows = await t.db.selectFrom("audit_event").select("reason").orderBy("seq").execute();
  return rows.map((row) => row.reason ?? "");
}

/** A fresh browser (from its own IP) at `userId`'s passkey step. */
async function atPasskeyStep(t: TestApp, userId: string) {
  const ip = `10.79.1.${String(nextIp++)}`;
  const client = browser(t, ip);
  await submitUserId(client, userId);
  return { client, ip, page: await choosePasskey(client) };
}

/** What may differ between two walks by design: tokens, support codes, cookie values, dates, the challenge. */
function comparable(response: PageResponse): object {
  const headers = { ...response.headers };
  delete headers.date;
  delete headers["set-cookie"];
  const cookieShapes = response.setCookies.map((line) =>
    line.replace(/=([^;]*)/, (_m, value: string) => `=<${String(value.length)}>`),
  );
  const options = ceremonyOf(response);
  const body = response.raw
    .replace(/data-options="[^"]*"/, () =>
      options === null ? "" : JSON.stringify({ ...options, challenge: options.challenge.length }),
    )
    .replace(/name="(csrf|form)" value="[^"]+"/g, 'name="$1" value="…"')
    .replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, "XXXX-XXXX");
  return { status: response.status, location: response.location, headers, cookieShapes, body };
}

describe("the passkey gate", () => {
  let t: TestApp;
  const authenticators = {
    ayu: createSoftAuthenticator(),
    bayu: createSoftAuthenticator(),
    citra: createSoftAuthenticator(),
    dewi: createSoftAuthenticator(),
    eko: createSoftAuthenticator(),
    fajar: createSoftAuthenticator(),
    gita: createSoftAuthenticator(),
    hana: createSoftAuthenticator(),
    indah: createSoftAuthenticator(),
    joko: createSoftAuthenticator(),
  };
  const userId = (name: string) => `${name}@contoh.example`;
  beforeAll(async () => {
    t = await buildResetTestApp({ policy: { "methods.passkey": "on" } });
    for (const [name, authenticator] of Object.entries(authenticators)) {
      await t.seed.user({ userId: userId(name), verifiedEmail: `${name}@mail.example` });
      await registerPasskey(t, userId(name), authenticator);
    }
    for (const name of ["nopasskey", "ika"])
      await t.seed.user({ userId: userId(name), verifiedEmail: `${name}@mail.example` });
  });
  afterAll(async () => t.close());

  it("opens on a ceremony naming no credential, passes with the user's passkey and moves its counter on", async () => {
    const { client, page } = await atPasskeyStep(t, userId("ayu"));
    const options = ceremonyOf(page);
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "required", timeout: 300_000 });
    expect(options?.allowCredentials ?? []).toEqual([]);
    expect(Buffer.from(options?.challenge ?? "", "base64url")).toHaveLength(32);
    expect(page.body).toContain('<script src="/vendor/simplewebauthn/index.umd.min.js" defer></script>');
    expect(page.body).toContain('<script src="/static/passkey-gate.js" defer></script>');
    expect(page.body).toContain("Use one of your passkeys for this site.");
    const { response } = await answerCeremony(client, page, authenticators.ayu);
    expect(response.location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain(NEW_PASSWORD_PAGE);
    const row = await passkeyRow(t, userId("ayu"));
    expect(row?.counter).toBe(authenticators.ayu.counter);
    expect(row?.lastUsedAt).not.toBeNull();
    expect(await auditReasons(t)).toContain("method_passed:passkey");
  });

  it("a passkey of another user cannot open the gate: it fails as a wrong one does, and its counter stays", async () => {
    const before = await passkeyRow(t, userId("citra"));
    const { client, page } = await atPasskeyStep(t, userId("bayu"));
    const { response } = await answerCeremony(client, page, authenticators.citra);
    expect(response.status).toBe(200);
    expect(response.body).toContain(REFUSED);
    expect(response.body).not.toContain(NEW_PASSWORD_PAGE);
    // A fresh ceremony replaces the spent one.
    expect(ceremonyOf(response)?.challenge).not.toBe(ceremonyOf(page)?.challenge);
    const wrongSignature = await answerCeremony(client, response, authenticators.bayu, { foreignKey: true });
    const shape = (body: string) => body.replace(/data-options="[^"]*"/, "").replace(/value="[^"]+"/g, "");
    expect(shape(wrongSignature.response.raw)).toBe(shape(response.raw));
    expect((await passkeyRow(t, userId("citra")))?.counter).toBe(before?.counter);
    const key = accountKey(await refOf(t, userId("bayu")), userId("bayu"));
    expect(await t.composed.stores.throttles.count("A1", key, new Date(0))).toBe(2);
    expect(await auditReasons(t)).toContain("method_failed:passkey:SND-209");
    // The user's own passkey still passes after both.
    await answerCeremony(client, wrongSignature.response, authenticators.bayu);
    expect((await client.get("/reset/verify")).body).toContain(NEW_PASSWORD_PAGE);
  });

  it("a replayed assertion cannot pass: not in another flow, nor after its ceremony was replaced", async () => {
    const first = await atPasskeyStep(t, userId("dewi"));
    const { credential } = await answerCeremony(first.client, first.page, authenticators.dewi);
    expect((await first.client.get("/reset/verify")).body).toContain(NEW_PASSWORD_PAGE);
    // After the pass the flow has moved on: the same answer again is not a step of it.
    expect((await submitPasskey(first.client, credential)).location).toBe("/reset/verify");
    const second = await atPasskeyStep(t, userId("dewi"));
    const replayed = await submitPasskey(second.client, credential);
    expect(replayed.body).toContain(REFUSED);
    // An answer to the ceremony a failure replaced is refused too, though its signature is genuine.
    const stale = authenticators.dewi.get(ceremonyOf(second.page) ?? { challenge: "" }, "http://localhost:8080");
    expect((await submitPasskey(second.client, stale)).body).toContain(REFUSED);
    const history = await t.composed.stores.methodHistory.listForUser(await refOf(t, userId("dewi")), 10);
    expect(history.map((event) => event.action)).not.toContain("flagged");
  });

  it("a cloned passkey (its counter gone back) is refused and flagged in the history and the audit log", async () => {
    const { client, page } = await atPasskeyStep(t, userId("eko"));
    await answerCeremony(client, page, authenticators.eko);
    const stored = (await passkeyRow(t, userId("eko")))?.counter ?? 0;
    expect(stored).toBeGreaterThan(0);
    const copy = await atPasskeyStep(t, userId("eko"));
    const { ip } = copy;
    const { response } = await answerCeremony(copy.client, copy.page, authenticators.eko, { counter: stored });
    expect(response.body).toContain(REFUSED);
    expect((await passkeyRow(t, userId("eko")))?.counter).toBe(stored);
    const history = await t.composed.stores.methodHistory.listForUser(await refOf(t, userId("eko")), 10);
    expect(history[0]).toMatchObject({ action: "flagged", method: "passkey", masked: "Laptop", ip });
    const events = await t.db
      .selectFrom("audit_event")
      .select(["activity", "reason", "ip", "flow_id"])
      .where("reason", "=", "passkey_cloned")
      .execute();
    expect(events).toEqual([
      { activity: "sspr.flow.progress", reason: "passkey_cloned", ip, flow_id: expect.any(String) },
    ]);
  });

  it("a sixth passkey check within an hour is refused: A2 blocks with SND-302, passes counted too", async () => {
    for (let pass = 0; pass < 5; pass++) {
      const { client, page } = await atPasskeyStep(t, userId("fajar"));
      await answerCeremony(client, page, authenticators.fajar);
      expect((await client.get("/reset/verify")).body).toContain(NEW_PASSWORD_PAGE);
    }
    const { client, page } = await atPasskeyStep(t, userId("fajar"));
    await answerCeremony(client, page, authenticators.fajar);
    const blocked = (await client.get("/reset/verify")).body;
    expect(blocked).toContain("Too many attempts");
    expect(blocked).not.toContain(NEW_PASSWORD_PAGE);
    expect(await auditReasons(t)).toContain("blocked:SND-302");
  });

  it("cannot be skipped, reused for gate 2, or driven from another browser", async () => {
    await t.seed.policy({ methodsToRegister: "2", methodsToReset: "2" });
    try {
      const { client, page } = await atPasskeyStep(t, userId("gita"));
      const csrf = await currentCsrf(client);
      const password = "Brand-New-Pass-99";
      const early = await client.post("/reset/password", { csrf, password, confirmation: password });
      expect(early.location).toBe("/reset/verify");
      const stranger = browser(t);
      const credential = authenticators.gita.get(ceremonyOf(page) ?? { challenge: "" }, "http://localhost:8080");
      const elsewhere = await stranger.post("/reset/step", { csrf, step: "use_passkey", credential });
      expect(elsewhere.location).toBe("/reset");
      const { response } = await answerCeremony(client, page, authenticators.gita);
      expect(response.location).toBe("/reset/verify");
      const gate2 = await client.get("/reset/verify");
      expect(gate2.body).toContain("step 2 of 2");
      // Gate 2 takes another kind: choosing the passkey again opens nothing.
      await client.post("/reset/method", { csrf: await currentCsrf(client), method: "passkey" });
      expect((await client.get("/reset/verify")).body).not.toContain("data-passkey-gate");
    } finally {
      await t.seed.policy({ methodsToReset: "1", methodsToRegister: "1" });
    }
  });

  it("an answer to a ceremony older than 300 s is refused, and the fresh ceremony that replaces it passes", async () => {
    const { client, page } = await atPasskeyStep(t, userId("indah"));
    t.clock.advanceSeconds(300);
    const late = await answerCeremony(client, page, authenticators.indah);
    expect(late.response.body).toContain(REFUSED);
    const before = (await passkeyRow(t, userId("indah")))?.counter;
    expect(before).toBe(0);
    await answerCeremony(client, late.response, authenticators.indah);
    expect((await client.get("/reset/verify")).body).toContain(NEW_PASSWORD_PAGE);
  });

  it("the API describes the step with its ceremony and takes the answer at POST /reset/flow/step", async () => {
    const started = await t.app.inject({
      method: "POST",
      url: "/api/v1/reset/flows",
      payload: { userId: userId("joko"), captcha: await browser(t).solveCaptcha() },
      remoteAddress: "10.79.2.1",
    });
    const token = started.json<{ flowToken: string }>().flowToken;
    const call = (url: string, payload: object) =>
      t.app.inject({
        method: "POST",
        url,
        payload,
        headers: { authorization: `Bearer ${token}` },
        remoteAddress: "10.79.2.1",
      });
    type FlowBody = { flow: { state: string; step: { ceremony: string | null } & Record<string, unknown> } };
    const chosen = (await call("/api/v1/reset/flow/method", { method: "passkey" })).json<FlowBody>();
    expect(chosen.flow.step).toMatchObject({
      method: "passkey",
      step: "use_passkey",
      fields: [{ name: "credential", input: "passkey", maxLength: 8192 }],
      maskedTarget: null,
      codeLength: null,
      codeSource: null,
      assets: ["/vendor/simplewebauthn/index.umd.min.js", "/static/passkey-gate.js"],
    });
    const options = JSON.parse(chosen.flow.step.ceremony ?? "null") as PublicKeyCredentialRequestOptionsJSON;
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "required", timeout: 300_000 });
    const credential = authenticators.joko.get(options, "http://localhost:8080");
    const passed = await call("/api/v1/reset/flow/step", { step: "use_passkey", fields: { credential } });
    expect(passed.json<FlowBody>().flow.state).toBe("password");
    for (const asset of chosen.flow.step["assets"] as string[])
      expect((await t.app.inject({ method: "GET", url: asset })).statusCode, asset).toBe(200);
  });

  it("refuses an answer that is not a passkey answer without counting it, and says so in the user's words", async () => {
    const { client } = await atPasskeyStep(t, userId("nopasskey"));
    for (const credential of ["", "{}", "not json"]) {
      const refused = await submitPasskey(client, credential);
      expect(refused.status).toBe(200);
      expect(refused.body).toContain("We didn't receive an answer from your passkey.");
    }
    const tooLong = await submitPasskey(client, "x".repeat(8193));
    expect(tooLong.status).toBeLessThan(500);
    const key = accountKey(await refOf(t, userId("nopasskey")), userId("nopasskey"));
    expect(await t.composed.stores.throttles.count("A1", key, new Date(0))).toBe(0);
  });

  it("without JavaScript the page says a passkey needs it and offers only another method", async () => {
    const { page } = await atPasskeyStep(t, userId("nopasskey"));
    expect(page.body).toContain('<noscript><p class="errors">Passkeys need JavaScript.');
    expect(page.body).toMatch(/<button type="submit" data-passkey-start hidden>Use a passkey<\/button>/);
    expect(page.body).toContain('form="back-form">Choose another method</button>');
  });

  it("an unknown ID and a user without a passkey walk the same pages, with the same ceremony, as a user with one", async () => {
    const stranger = createSoftAuthenticator();
    const walk = async (who: string): Promise<object[]> => {
      const client = browser(t);
      const steps = [await submitUserId(client, who), await client.get("/reset/verify")];
      steps.push(await client.post("/reset/method", { csrf: await currentCsrf(client), method: "passkey" }));
      const page = await client.get("/reset/verify");
      const options = ceremonyOf(page);
      steps.push(
        page,
        await submitPasskey(client, stranger.get(options ?? { challenge: "" }, "http://localhost:8080")),
      );
      // Then another user's passkey: wrong for every one of them, the user with a passkey included.
      const { response } = await answerCeremony(client, steps[4] ?? page, authenticators.ayu);
      steps.push(response, await client.get("/reset/verify"));
      return steps.map(comparable);
    };
    const real = await walk(userId("hana"));
    expect(await walk("nobody@contoh.example")).toEqual(real);
    expect(await walk(userId("ika"))).toEqual(real);
  });
});
