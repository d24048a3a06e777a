/** Threat: the API tells whether an account exists. An unknown user ID must look like a known one before the gate. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { type ApiClient, type ApiResponse, BUDI, buildApiTestApp, createApiClient, tokenOf } from "./api-client.js";

const UNKNOWN = { userId: "nobody.here@contoh.example", address: "nobody@mail.example" };
const VARYING_FIELDS = new Set(["flowId", "supportCode", "flowToken", "expiresAt", "requestId"]);

/** The body with per-flow values blanked, so only shape and wording remain. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).map(([key, field]) => [
    key,
    VARYING_FIELDS.has(key) ? `<${key}>` : normalise(field),
  ]);
  return Object.fromEntries(entries);
}

/** What a client can observe of one response. */
function observable(response: ApiResponse): unknown {
  const headers = { ...response.headers };
  delete headers.date;
  return { status: response.status, headers, body: normalise(response.body) };
}

/** Every step before the gate is passed, as an attacker probing `userId` would call them. */
async function probe(api: ApiClient, t: TestApp, userId: string, address: string): Promise<unknown[]> {
  t.clock.set("2026-11-26T09:00:00Z"); // each probe at the same instants, so block times compare too
  const started = await api.start(userId);
  const token = tokenOf(started);
  const answers = [started, await api.call("GET", "/reset/flow", { token })];
  answers.push(await api.step("/method", token, { method: "email" }));
  answers.push(await api.step("/back", token));
  answers.push(await api.step("/method", token, { method: "email" }));
  answers.push(await api.step("/contact", token, { address: "not an address" }));
  answers.push(await api.step("/contact", token, { address }));
  answers.push(await api.step("/resend", token));
  t.clock.advanceSeconds(31);
  answers.push(await api.step("/resend", token));
  for (let attempt = 0; attempt < 5; attempt += 1) answers.push(await api.step("/code", token, { code: "00000000" }));
  answers.push(await api.call("GET", "/reset/flow", { token }));
  return answers.map(observable);
}

describe("an unknown user ID through the API", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildApiTestApp();
  });
  afterEach(async () => t.close());

  it("gets the same status, body shape and headers as a known one at every step before the gate", async () => {
    const api = createApiClient(t.app);
    // The prober does not know the registered address: a guess, as for the unknown ID.
    const known = await probe(api, t, BUDI.userId, UNKNOWN.address);
    const unknown = await probe(api, t, UNKNOWN.userId, UNKNOWN.address);
    expect(unknown).toEqual(known);
    // The probe reached the block, so the comparison covered it too.
    expect(known.at(-1)).toMatchObject({ status: 429, body: { code: "flow_blocked" } });
  });

  it("gets the same answers as a known one whose registered address was typed, up to the first wrong code", async () => {
    const api = createApiClient(t.app);
    const matching = await probe(api, t, BUDI.userId, BUDI.verifiedEmail);
    const unknown = await probe(api, t, UNKNOWN.userId, BUDI.verifiedEmail);
    // Not further: a mismatching address counts towards A1 and a matching one does not, so the block comes one
    // wrong code earlier for an unknown ID (a domain matter, reported; the page walk stops before it too).
    expect(unknown.slice(0, 10)).toEqual(matching.slice(0, 10));
  });

  it("gets the same answer for a disabled account and for a user without a verified method", async () => {
    await t.seed.user({ userId: "dewi@contoh.example", verifiedEmail: "dewi@mail.example", enabled: false });
    await t.seed.user({ userId: "eko@contoh.example" });
    const api = createApiClient(t.app);
    const known = (await probe(api, t, BUDI.userId, BUDI.verifiedEmail)).slice(0, 7);
    expect((await probe(api, t, "dewi@contoh.example", "dewi@mail.example")).slice(0, 7)).toEqual(known);
    expect((await probe(api, t, "eko@contoh.example", "eko@mail.example")).slice(0, 7)).toEqual(known);
  });
});
