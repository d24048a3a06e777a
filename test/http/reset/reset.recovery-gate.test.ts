/**
 * A recovery code as a reset gate through the pages and the API (SPEC §18, ADR 0019). Threats: a spent recovery
 * code cannot pass again (in the same flow, another flow, or at gate 2 after gate 1); a sixth recovery-code check
 * within an hour is refused (A2, SND-302) and leaves the code unspent; enumeration (an unknown ID and a user without
 * codes walk the same pages and API answers as a user with a set, at every step, up to the same block).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey } from "../../../src/domain/policies/attempt-policy.js";
import { saveRecoveryCodes } from "../../support/app-gate-rows.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient, type PageResponse } from "../../support/page-client.js";
import {
  currentCsrf,
  requestEmailCode,
  latestCodeFor,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";
import { type ApiClient, type ApiResponse, createApiClient, tokenOf } from "../api/api-client.js";
import { comparablePage } from "../../support/comparable-page.js";

let nextIp = 1;
const browser = (t: TestApp): PageClient => createPageClient(t.app, { ip: `10.66.0.${String(nextIp++)}` });
const userId = (name: string) => `${name}@contoh.example`;
/** A code of the right shape that is no one's: its 16-character secret would have to match a stored hash. */
const NOT_THEIRS = "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ";

async function chooseRecoveryCode(client: PageClient): Promise<PageResponse> {
  return client.post("/reset/method", { csrf: await currentCsrf(client), method: "recovery_code" });
}

async function atRecoveryCode(t: TestApp, name: string, client = browser(t)): Promise<PageClient> {
  await submitUserId(client, userId(name));
  expect((await chooseRecoveryCode(client)).location).toBe("/reset/verify");
  return client;
}

async function refOf(t: TestApp, name: string): Promise<string> {
  return (await t.composed.stores.users.findUserByUserId(userId(name)))?.ref ?? "";
}

async function auditReasons(t: TestApp, name: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("audit_event")
    .select("reason")
    .where("target_user_id", "=", userId(name))
    .execute();
  return rows.map((row) => row.reason ?? "");
}

describe("a recovery code at the reset gate", () => {
  let t: TestApp;
  const sets = new Map<string, { methodId: string; codes: readonly string[] }>();
  beforeAll(async () => {
    t = await buildResetTestApp({ policy: { "methods.recoveryCodes": "on" } });
    for (const name of ["ayu", "bima", "citra"]) {
      await t.seed.user({ userId: userId(name), verifiedEmail: `${name}@mail.example` });
      sets.set(name, await saveRecoveryCodes(t, userId(name)));
    }
  });
  afterAll(async () => t.close());
  const codeOf = (name: string, index: number) => sets.get(name)?.codes[index] ?? "";

  it("resets with one code of the set, typed in lower case without dashes; the page reads as a recovery code's", async () => {
    const client = await atRecoveryCode(t, "ayu");
    const page = (await client.get("/reset/verify")).body;
    expect(page).toContain("Type one of your recovery codes.");
    expect(page).toContain('<label for="code">Recovery code</label>');
    expect(page).toContain('autocapitalize="characters"');
    expect(page).not.toContain('inputmode="numeric"');
    expect(page).not.toContain("/reset/resend");
    const typed = codeOf("ayu", 0).toLowerCase().replace(/-/g, "");
    expect((await submitCode(client, typed)).location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain("Choose a new password");
    await submitNewPassword(client, "Teh-Manis-di-Sore-Hari-2");
    expect((await client.get("/reset/verify")).body).toContain("Your password has been reset");
    const methodId = sets.get("ayu")?.methodId ?? "";
    expect(await t.composed.stores.recoveryCodes.countLeft(methodId)).toBe(9);
    const [row] = (await t.composed.stores.methods.listForUser(await refOf(t, "ayu"))).filter(
      (method) => method.method === "recovery_code",
    );
    expect(row?.lastUsedAt).toEqual(t.clock.now());
    expect(row?.counter).toBe(1);
  });

  it("threat: a spent recovery code cannot pass again, in any flow; the codes are in no audit event", async () => {
    const code = codeOf("bima", 0);
    const first = await atRecoveryCode(t, "bima");
    expect((await submitCode(first, code)).location).toBe("/reset/verify");
    const second = await atRecoveryCode(t, "bima");
    const replay = await submitCode(second, code);
    expect(replay.status).toBe(200);
    expect(replay.body).toContain("That recovery code is wrong or was used already.");
    expect(replay.body).toContain('aria-invalid="true"');
    expect((await second.get("/reset/verify")).body).not.toContain("Choose a new password");
    const reasons = await auditReasons(t, "bima");
    expect(reasons).toContain("method_failed:recovery_code:SND-216");
    const text = reasons.join(" ");
    for (const shown of sets.get("bima")?.codes ?? []) expect(text).not.toContain(shown.slice(5));
    // Another code of the set still works.
    expect((await submitCode(second, codeOf("bima", 1))).location).toBe("/reset/verify");
    expect((await second.get("/reset/verify")).body).toContain("Choose a new password");
  });

  it("threat: a sixth recovery-code check within an hour is refused: A2 blocks with SND-302 and the code stays unspent", async () => {
    const first = await atRecoveryCode(t, "citra");
    for (let wrong = 0; wrong < 3; wrong += 1) await submitCode(first, NOT_THEIRS);
    expect((await submitCode(first, codeOf("citra", 0))).location).toBe("/reset/verify");
    const second = await atRecoveryCode(t, "citra");
    expect((await submitCode(second, codeOf("citra", 1))).location).toBe("/reset/verify");
    const third = await atRecoveryCode(t, "citra");
    await submitCode(third, codeOf("citra", 2));
    const blocked = (await third.get("/reset/verify")).body;
    expect(blocked).toContain("Too many attempts. To protect this account, password reset is paused until");
    const reasons = await auditReasons(t, "citra");
    expect(reasons).toContain("blocked:SND-302");
    expect(reasons).not.toContain("blocked:SND-301");
    const key = accountKey(await refOf(t, "citra"), userId("citra"));
    expect(await t.composed.stores.throttles.count("A2", key, new Date(0))).toBe(6);
    expect(await t.composed.stores.recoveryCodes.countLeft(sets.get("citra")?.methodId ?? "")).toBe(8);
  });
});

describe("a recovery code at gate 2", () => {
  let t: TestApp;
  let codes: readonly string[] = [];
  beforeAll(async () => {
    t = await buildResetTestApp({
      policy: { methodsToRegister: "2", methodsToReset: "2", "methods.recoveryCodes": "on" },
      users: [{ userId: userId("dewi"), verifiedEmail: "dewi@mail.example" }],
    });
    codes = (await saveRecoveryCodes(t, userId("dewi"))).codes;
  });
  afterAll(async () => t.close());

  it("email at gate 1 and a recovery code at gate 2 reset the password", async () => {
    const client = browser(t);
    await submitUserId(client, userId("dewi"));
    await requestEmailCode(client, "dewi@mail.example");
    await submitCode(client, (await latestCodeFor(t.composed, "dewi@mail.example")) ?? "");
    expect((await client.get("/reset/verify")).body).toContain("step 2 of 2");
    expect((await chooseRecoveryCode(client)).location).toBe("/reset/verify");
    expect((await submitCode(client, codes[4] ?? "")).location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain("Choose a new password");
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

describe("enumeration at the recovery-code gate", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildResetTestApp({ policy: { "methods.recoveryCodes": "on" } });
    for (const name of ["eko", "fajar"]) {
      await t.seed.user({ userId: userId(name), verifiedEmail: `${name}@mail.example` });
      await saveRecoveryCodes(t, userId(name));
    }
    await t.seed.user({ userId: userId("gita"), verifiedEmail: "gita@mail.example" });
  });
  afterAll(async () => t.close());

  /** Every page step before the gate is passed: choose, text that is no code, wrong codes, back, again, the block. */
  async function walk(name: string, ip: string): Promise<object[]> {
    t.clock.set("2026-12-20T09:00:00Z");
    const client = createPageClient(t.app, { ip });
    const steps: PageResponse[] = [await submitUserId(client, userId(name)), await client.get("/reset/verify")];
    steps.push(await chooseRecoveryCode(client), await client.get("/reset/verify"));
    steps.push(await submitCode(client, "not a code"), await client.get("/reset/verify"));
    steps.push(await client.post("/reset/back", { csrf: await currentCsrf(client) }));
    steps.push(await chooseRecoveryCode(client), await client.get("/reset/verify"));
    // Four wrong codes more: the fifth failure of the day blocks (A1), and the block page follows.
    for (let attempt = 0; attempt < 4; attempt += 1) steps.push(await submitCode(client, NOT_THEIRS));
    steps.push(await client.get("/reset/verify"));
    return steps.map(comparablePage);
  }

  it("enumeration: an unknown ID and a user without codes walk the same pages as a user with a set, up to the same block", async () => {
    const known = await walk("eko", "10.67.0.1");
    expect(known.at(-1)).toMatchObject({ body: expect.stringContaining("Too many attempts") as unknown });
    for (const [index, name] of ["nobody-here", "gita"].entries())
      expect(await walk(name, `10.67.0.${String(index + 2)}`), name).toEqual(known);
  });

  async function probe(api: ApiClient, name: string): Promise<unknown[]> {
    t.clock.set("2026-12-20T10:00:00Z");
    const started = await api.start(userId(name));
    const token = tokenOf(started);
    const answers = [started, await api.call("GET", "/reset/flow", { token })];
    answers.push(await api.step("/method", token, { method: "recovery_code" }));
    answers.push(await api.step("/back", token));
    answers.push(await api.step("/method", token, { method: "recovery_code" }));
    for (let attempt = 0; attempt < 6; attempt += 1) answers.push(await api.step("/code", token, { code: NOT_THEIRS }));
    answers.push(await api.call("GET", "/reset/flow", { token }));
    return answers.map(observable);
  }

  it("enumeration: through the API too, every answer of the recovery-code gate is the same for an unknown ID", async () => {
    const api = createApiClient(t.app);
    const known = await probe(api, "fajar");
    expect(known.at(-1)).toMatchObject({ status: 429, body: { code: "flow_blocked" } });
    expect(await probe(api, "nobody-else")).toEqual(known);
  });
});
