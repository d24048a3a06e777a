/**
 * The authenticator app as a reset gate through the pages and the API (SPEC §4.4, §6.4 item 4, §8.1 A2). Threats:
 * a TOTP replay across gates (the code of one gate, of another flow, or of a registration in My security info, never
 * passes twice); a sixth app check within an hour (A2 blocks with SND-302, the right code included); enumeration
 * (an unknown ID, a disabled account and a user without an app walk the same pages and API answers as a user with
 * one, at every step of the gate, up to the same block).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey } from "../../../src/domain/policies/attempt-policy.js";
import { totpStep } from "../../../src/lib/crypto/totp.js";
import { appCode, saveApp, wrongAppCode } from "../../support/app-gate-rows.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import {
  createPageClient,
  hiddenValue,
  type PageClient,
  type PageResponse,
  submitSignIn,
} from "../../support/page-client.js";
import {
  currentCsrf,
  latestCodeFor,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";
import { type ApiClient, type ApiResponse, createApiClient, tokenOf } from "../api/api-client.js";
import { comparablePage } from "../../support/comparable-page.js";

const PASSWORD = "Sawah-Hijau-Pagi-2026";
let nextIp = 1;
const browser = (t: TestApp): PageClient => createPageClient(t.app, { ip: `10.64.0.${String(nextIp++)}` });
const userId = (name: string) => `${name}@contoh.example`;

async function chooseApp(client: PageClient): Promise<PageResponse> {
  return client.post("/reset/method", { csrf: await currentCsrf(client), method: "totp" });
}

/** A new flow for `name` at the app's code step. */
async function atAppCode(t: TestApp, name: string, client = browser(t)): Promise<PageClient> {
  await submitUserId(client, userId(name));
  expect((await chooseApp(client)).location).toBe("/reset/verify");
  return client;
}

async function auditReasons(t: TestApp, name: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("audit_event")
    .select("reason")
    .where("target_user_id", "=", userId(name))
    .orderBy("id")
    .execute();
  return rows.map((row) => row.reason ?? "");
}

describe("the authenticator app at the reset gate", () => {
  let t: TestApp;
  const apps = new Map<string, Uint8Array>();
  beforeAll(async () => {
    t = await buildResetTestApp({ policy: { "methods.authenticatorApp": "on" } });
    for (const name of ["ayu", "bima", "citra", "dewi"]) {
      await t.seed.user({ userId: userId(name), password: PASSWORD, verifiedEmail: `${name}@mail.example` });
      apps.set(name, (await saveApp(t, userId(name))).secret);
    }
    await t.seed.user({ userId: userId("eko"), password: PASSWORD, verifiedEmail: null });
  });
  afterAll(async () => t.close());
  const secretOf = (name: string) => apps.get(name) ?? new Uint8Array(20);

  it("resets with the app's current code: no message sent, the app marked used and its step spent", async () => {
    const client = await atAppCode(t, "ayu");
    const page = (await client.get("/reset/verify")).body;
    expect(page).toContain("Enter the 6-digit code your authenticator app shows now.");
    expect(page).toContain('inputmode="numeric"');
    expect(page).not.toContain("/reset/resend");
    const passed = await submitCode(client, appCode(secretOf("ayu"), t.clock.now()));
    expect(passed.location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain("Choose a new password");
    await submitNewPassword(client, "Teh-Manis-di-Sore-Hari-1");
    expect((await client.get("/reset/verify")).body).toContain("Your password has been reset");
    const [row] = await t.composed.stores.methods
      .listForUser((await t.composed.stores.users.findUserByUserId(userId("ayu")))?.ref ?? "")
      .then((rows) => rows.filter((method) => method.method === "totp"));
    expect(row?.counter).toBe(totpStep(t.clock.now()));
    expect(row?.lastUsedAt).toEqual(t.clock.now());
    expect(await auditReasons(t, "ayu")).toContain("method_passed:totp");
  });

  it("a wrong app code says so and counts in A1 and A2; the code is in no audit event", async () => {
    const client = await atAppCode(t, "bima");
    const wrong = wrongAppCode(secretOf("bima"), t.clock.now());
    const answer = await submitCode(client, wrong);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("That code is wrong. Type the code your authenticator app shows now.");
    expect(answer.body).toContain('aria-invalid="true"');
    const user = await t.composed.stores.users.findUserByUserId(userId("bima"));
    const key = accountKey(user?.ref ?? null, userId("bima"));
    expect(await t.composed.stores.throttles.count("A1", key, new Date(0))).toBe(1);
    expect(await t.composed.stores.throttles.count("A2", key, new Date(0))).toBe(1);
    const reasons = await auditReasons(t, "bima");
    expect(reasons).toContain("method_failed:totp:SND-206");
    expect(reasons.join(" ")).not.toContain(wrong);
  });

  it("threat: a TOTP replay across gates: the code that passed one flow's gate is refused in another (SND-207)", async () => {
    const code = appCode(secretOf("citra"), t.clock.now());
    const first = await atAppCode(t, "citra");
    expect((await submitCode(first, code)).location).toBe("/reset/verify");
    const second = await atAppCode(t, "citra");
    const replay = await submitCode(second, code);
    expect(replay.status).toBe(200);
    expect(replay.body).toContain("That code was used already.");
    expect((await second.get("/reset/verify")).body).not.toContain("Choose a new password");
    expect(await auditReasons(t, "citra")).toContain("method_failed:totp:SND-207");
    // The app's next code is fine.
    t.clock.advanceSeconds(30);
    expect((await submitCode(second, appCode(secretOf("citra"), t.clock.now()))).location).toBe("/reset/verify");
    expect((await second.get("/reset/verify")).body).toContain("Choose a new password");
  });

  it("threat: a TOTP replay across gates: the code that saved an app in My security info cannot pass a reset gate", async () => {
    await t.seed.policy({ "methods.recoveryCodes": "on" });
    const account = browser(t);
    await submitSignIn(account, { userId: userId("eko"), password: PASSWORD });
    const form = await account.get("/account/security-info/authenticator-app");
    const scan = await account.post("/account/security-info/authenticator-app", {
      csrf: hiddenValue(form.body, "csrf"),
      label: "Phone",
    });
    const key = /id="setup-key">([A-Z2-7 ]+)</.exec(scan.body)?.[1]?.replace(/ /g, "") ?? "";
    const { ScureBase32Plugin } = await import("otplib");
    const secret = new ScureBase32Plugin().decode(key);
    const code = appCode(secret, t.clock.now());
    const saved = await account.post("/account/security-info/authenticator-app/verify", {
      csrf: hiddenValue(scan.body, "csrf"),
      challenge: hiddenValue(scan.body, "challenge"),
      code,
    });
    expect(saved.location).toContain("notice=saved");
    const reset = await atAppCode(t, "eko");
    expect((await submitCode(reset, code)).body).toContain("That code was used already.");
  });

  it("threat: a sixth authenticator check within an hour is refused: A2 blocks with SND-302, even with the right code", async () => {
    const secret = secretOf("dewi");
    // Three wrong codes and a right one (4 checks; A1 keeps the 3 failures only), then a right one in a new flow.
    const first = await atAppCode(t, "dewi");
    for (let wrong = 0; wrong < 3; wrong += 1) await submitCode(first, wrongAppCode(secret, t.clock.now()));
    expect((await submitCode(first, appCode(secret, t.clock.now()))).location).toBe("/reset/verify");
    t.clock.advanceSeconds(31);
    const second = await atAppCode(t, "dewi");
    expect((await submitCode(second, appCode(secret, t.clock.now()))).location).toBe("/reset/verify");
    t.clock.advanceSeconds(31);
    const third = await atAppCode(t, "dewi");
    await submitCode(third, appCode(secret, t.clock.now()));
    const blocked = (await third.get("/reset/verify")).body;
    expect(blocked).toContain("Too many attempts. To protect this account, password reset is paused until");
    expect(blocked).not.toContain("Choose a new password");
    const reasons = await auditReasons(t, "dewi");
    expect(reasons).toContain("blocked:SND-302");
    expect(reasons).not.toContain("blocked:SND-301");
    // The sixth code was never compared: the app's last accepted step is still the second flow's.
    const user = await t.composed.stores.users.findUserByUserId(userId("dewi"));
    const [row] = (await t.composed.stores.methods.listForUser(user?.ref ?? "")).filter((m) => m.method === "totp");
    expect(row?.counter).toBe(totpStep(t.clock.now()) - 1);
  });
});

describe("a two-gate reset with the authenticator app", () => {
  let t: TestApp;
  let secret: Uint8Array;
  beforeAll(async () => {
    t = await buildResetTestApp({
      policy: { methodsToRegister: "2", methodsToReset: "2", "methods.authenticatorApp": "on" },
      users: [{ userId: userId("fajar"), password: PASSWORD, verifiedEmail: "fajar@mail.example" }],
    });
    secret = (await saveApp(t, userId("fajar"))).secret;
  });
  afterAll(async () => t.close());

  it("threat: gate 2 cannot take the app again, and the code of gate 1 passes no gate of a new flow", async () => {
    const code = appCode(secret, t.clock.now());
    const client = await atAppCode(t, "fajar");
    expect((await submitCode(client, code)).location).toBe("/reset/verify");
    const gate2 = (await client.get("/reset/verify")).body;
    expect(gate2).toContain("step 2 of 2");
    // Choosing the app again is refused (SND-211): the page stays on the method list.
    await chooseApp(client);
    const refused = (await client.get("/reset/verify")).body;
    expect(refused).toContain("step 2 of 2");
    expect(refused).not.toContain('name="code"');
    // Email at gate 2 sends to the masked address without typing.
    await client.post("/reset/method", { csrf: await currentCsrf(client), method: "email" });
    await client.post("/reset/step", { csrf: await currentCsrf(client), step: "confirm_send" });
    await submitCode(client, (await latestCodeFor(t.composed, "fajar@mail.example")) ?? "");
    expect((await client.get("/reset/verify")).body).toContain("Choose a new password");
    const other = await atAppCode(t, "fajar");
    expect((await submitCode(other, code)).body).toContain("That code was used already.");
  });
});

const VARYING_FIELDS = new Set(["flowId", "supportCode", "flowToken", "expiresAt", "requestId"]);
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, VARYING_FIELDS.has(key) ? `<${key}>` : normalise(field)]),
  );
}
function observable(response: ApiResponse): unknown {
  const headers = { ...response.headers };
  delete headers.date;
  return { status: response.status, headers, body: normalise(response.body) };
}

describe("enumeration at the app gate", () => {
  let t: TestApp;
  let secret: Uint8Array;
  beforeAll(async () => {
    t = await buildResetTestApp({ policy: { "methods.authenticatorApp": "on" } });
    for (const name of ["gita", "hadi"]) {
      await t.seed.user({ userId: userId(name), verifiedEmail: `${name}@mail.example` });
      secret = (await saveApp(t, userId(name))).secret;
    }
    await t.seed.user({ userId: userId("indah"), verifiedEmail: "indah@mail.example" });
    await t.seed.user({ userId: userId("joko"), verifiedEmail: "joko@mail.example", enabled: false });
    await saveApp(t, userId("joko"));
  });
  afterAll(async () => t.close());

  /** Every page step of the app gate before it is passed: choose, a malformed code, wrong codes, back, again. */
  async function walk(name: string, ip: string): Promise<object[]> {
    t.clock.set("2026-12-20T09:00:00Z");
    const client = createPageClient(t.app, { ip });
    const wrong = wrongAppCode(secret, t.clock.now());
    const steps: PageResponse[] = [await submitUserId(client, userId(name)), await client.get("/reset/verify")];
    steps.push(await chooseApp(client), await client.get("/reset/verify"));
    steps.push(await submitCode(client, "12"));
    steps.push(await submitCode(client, wrong), await client.get("/reset/verify"));
    steps.push(await client.post("/reset/back", { csrf: await currentCsrf(client) }));
    steps.push(await chooseApp(client), await client.get("/reset/verify"));
    // Four more wrong codes: the fifth failure of the day blocks the account (A1), and the block page follows.
    for (let attempt = 0; attempt < 4; attempt += 1) steps.push(await submitCode(client, wrong));
    steps.push(await client.get("/reset/verify"));
    return steps.map(comparablePage);
  }

  it("enumeration: an unknown ID, a disabled account and a user without an app walk the same pages as a user with one, up to the same block", async () => {
    const known = await walk("gita", "10.65.0.1");
    expect(known.at(-1)).toMatchObject({ body: expect.stringContaining("Too many attempts") as unknown });
    for (const [index, name] of ["nobody-here", "indah", "joko"].entries())
      expect(await walk(name, `10.65.0.${String(index + 2)}`), name).toEqual(known);
  });

  async function probe(api: ApiClient, name: string): Promise<unknown[]> {
    t.clock.set("2026-12-20T10:00:00Z");
    const wrong = wrongAppCode(secret, t.clock.now());
    const started = await api.start(userId(name));
    const token = tokenOf(started);
    const answers = [started, await api.call("GET", "/reset/flow", { token })];
    answers.push(await api.step("/method", token, { method: "totp" }));
    answers.push(await api.step("/back", token));
    answers.push(await api.step("/method", token, { method: "totp" }));
    answers.push(await api.step("/code", token, { code: "12" }));
    for (let attempt = 0; attempt < 6; attempt += 1) answers.push(await api.step("/code", token, { code: wrong }));
    answers.push(await api.call("GET", "/reset/flow", { token }));
    return answers.map(observable);
  }

  it("enumeration: through the API too, every answer of the app gate is the same for an unknown ID and a user with an app", async () => {
    const api = createApiClient(t.app);
    const known = await probe(api, "hadi");
    expect(known.at(-1)).toMatchObject({ status: 429, body: { code: "flow_blocked" } });
    expect(await probe(api, "nobody-else")).toEqual(known);
  });
});
