/**
 * The reset flow's live password check (SPEC §6.7). Threats: a page elsewhere (or a flow still at its gate) using
 * the check as an oracle for the user's names or the banned list; unlimited calls turning it into a free guessing
 * or CPU-burning service; a check that says more than the submit would, or something different from it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checklistOf } from "../../../src/domain/password-live-check.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient, type PageResponse } from "../../support/page-client.js";
import {
  currentCsrf,
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const BUDI = {
  userId: "budi.santoso@contoh.example",
  verifiedEmail: "budi@mail.example",
  password: "Old-Password-2026",
  firstName: "Budi",
  lastName: "Santoso",
};
const GOOD = "Kopi-Tubruk-di-Pagi-Hari";

async function atPasswordStep(t: TestApp, client: PageClient): Promise<void> {
  await submitUserId(client, BUDI.userId);
  await requestEmailCode(client, BUDI.verifiedEmail);
  await submitCode(client, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
  expect((await client.get("/reset/verify")).body).toContain('data-password-check="/reset/password/check"');
}

async function check(client: PageClient, password: string, confirmation = password, csrf?: string) {
  return client.post("/reset/password/check", {
    csrf: csrf ?? (await currentCsrf(client)),
    password,
    confirmation,
  });
}

function json(response: PageResponse): Record<string, unknown> {
  return JSON.parse(response.raw) as Record<string, unknown>;
}

describe("the reset flow's live password check", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [{ ...BUDI, directoryEmail: BUDI.userId }] });
  });
  afterEach(async () => t.close());

  it("answers which checklist items pass, with the advisory strength, and nothing else", async () => {
    const client = createPageClient(t.app);
    await atPasswordStep(t, client);
    const response = await check(client, "budi", "other");
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = json(response);
    expect(Object.keys(body).sort()).toEqual(["acceptable", "items", "strength"]);
    expect(body.items).toEqual({ length: false, characters: true, banned: false, match: false });
    expect(body.acceptable).toBe(false);
    // Never the matched term, the user's names, or the password itself.
    expect(response.raw.toLowerCase()).not.toMatch(/budi|santoso|other/);
    const auditedBefore = await t.db.selectFrom("audit_event").select("id").execute();
    const good = json(await check(client, GOOD));
    expect(good.items).toEqual({ length: true, characters: true, banned: true, match: true });
    expect(good.acceptable).toBe(true);
    // A check is not an event: nothing audited, and the password never reaches a log line.
    expect(await t.db.selectFrom("audit_event").select("id").execute()).toHaveLength(auditedBefore.length);
    expect(t.logLines.join("\n")).not.toContain("Tubruk");
  });

  it("is refused before the gate is passed, without the flow's cookie, and with another form's token", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, BUDI.userId);
    await requestEmailCode(client, BUDI.verifiedEmail);
    // At GATE_CHALLENGE: the check must not become a way to test the user's names before proving anything.
    expect((await check(client, "budisantoso")).status).toBe(409);
    await submitCode(client, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
    expect((await check(client, GOOD, GOOD, "forged-token")).status).toBe(403);
    const stranger = createPageClient(t.app);
    expect(
      (await stranger.post("/reset/password/check", { csrf: "x", password: GOOD, confirmation: GOOD })).status,
    ).toBe(404);
    expect((await check(client, GOOD)).status).toBe(200);
  });

  it("the 31st check within a minute answers 429 with Retry-After, and checks resume a minute later", async () => {
    const client = createPageClient(t.app);
    await atPasswordStep(t, client);
    const csrf = await currentCsrf(client);
    for (let call = 1; call <= 30; call++)
      expect((await check(client, `${GOOD}${String(call)}`, "", csrf)).status).toBe(200);
    const limited = await check(client, GOOD, GOOD, csrf);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(json(limited)).toEqual({ error: "limited", retryAfter: 60 });
    // Another flow is not affected: the limit is per flow.
    const other = createPageClient(t.app, { ip: "10.9.0.2" });
    await atPasswordStep(t, other);
    expect((await check(other, GOOD)).status).toBe(200);
    t.clock.advanceSeconds(61);
    expect((await check(client, GOOD, GOOD, csrf)).status).toBe(200);
  });

  it("gives the same verdict as the submit for the same input, and checking submits nothing", async () => {
    const client = createPageClient(t.app);
    await atPasswordStep(t, client);
    const policy = await t.composed.services.account.passwordPolicy();
    const inputs: [string, string][] = [
      ["short", "short"],
      ["BudiSantoso1", "BudiSantoso1"],
      [`${GOOD}\u0007`, `${GOOD}\u0007`],
      [GOOD, "something else"],
      ["x".repeat(300), "x".repeat(300)],
    ];
    for (const [password, confirmation] of inputs) {
      const checked = json(await check(client, password, confirmation));
      const before = new Date(t.clock.now().getTime());
      t.clock.advanceSeconds(1);
      const submitted = await submitNewPassword(client, password, confirmation);
      expect(submitted.status).toBe(200);
      const reasons = await t.db
        .selectFrom("audit_event")
        .select("reason")
        .where("reason", "like", "password_rejected:%")
        .where("time", ">", before)
        .execute();
      const codes = reasons.map((row) => ({ code: (row.reason ?? "").slice("password_rejected:".length) }));
      expect(codes.length, `the submit refused ${password}`).toBeGreaterThan(0);
      expect(checked.items, `for ${JSON.stringify([password, confirmation])}`).toEqual(checklistOf(codes, policy));
      expect(checked.acceptable).toBe(false);
    }
    // Five checks and five refusals later the flow is still in PASSWORD, and the good password goes through.
    expect(json(await check(client, GOOD)).acceptable).toBe(true);
    expect((await submitNewPassword(client, GOOD)).status).toBe(303);
    expect((await client.get("/reset/verify")).body).toContain("Your password has been reset");
  });
});
