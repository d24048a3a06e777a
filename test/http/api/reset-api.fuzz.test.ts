/** Fuzz: thousands of random bodies against every POST of the reset API never make a 5xx, and every answer is JSON. */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { METHOD_IDS } from "../../../src/domain/methods.js";
import { type ApiClient, buildApiTestApp, codeFromMailbox, createApiClient, tokenOf } from "./api-client.js";

type Stage = "none" | "gate_select" | "enter_contact" | "enter_code" | "password";

/** Each POST, the fields its body has, and the step its flow is at when the fuzzing starts. */
const ROUTES: readonly { path: string; fields: readonly string[]; stage: Stage }[] = [
  { path: "/reset/flows", fields: ["userId", "captcha"], stage: "none" },
  { path: "/reset/flow/method", fields: ["method"], stage: "gate_select" },
  { path: "/reset/flow/contact", fields: ["address"], stage: "enter_contact" },
  { path: "/reset/flow/code", fields: ["code"], stage: "enter_code" },
  { path: "/reset/flow/resend", fields: [], stage: "enter_code" },
  { path: "/reset/flow/back", fields: [], stage: "enter_code" },
  { path: "/reset/flow/cancel", fields: [], stage: "enter_code" },
  { path: "/reset/flow/password", fields: ["password", "confirmation"], stage: "password" },
];
const RUNS_PER_ROUTE = 400;
/** Codes the HTTP layer answers before any service runs. */
const TRANSPORT_CODES = new Set(["request_invalid", "body_too_large", "media_type_unsupported"]);
const FIELD_NAMES = ["userId", "captcha", "method", "address", "code", "password", "confirmation", "csrf"] as const;

/** A string a field might plausibly hold, or not. */
const fieldString = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.constantFrom(...METHOD_IDS, "fuzz-2@mail.example", "fuzz@contoh.example", "Kopi-Tubruk-di-Pagi-Hari"),
  fc.stringMatching(/^[0-9 -]{6,11}$/),
);

/** Any value at all where a field is expected. */
const fieldValue = fc.oneof(fieldString, fc.anything());

/** Up to 20 KB of one character, ASCII or not: past 16 KiB the answer must be 413. */
const hugeString = fc
  .tuple(fc.integer({ min: 8_000, max: 20_480 }), fc.constantFrom("a", "é", "😀", "\u0000"))
  .map(([length, character]) => character.repeat(Math.ceil(length / character.length)));

/** A body as text: the right fields with odd strings, arbitrary JSON, wrong types, huge fields, or not JSON. */
function bodyText(fields: readonly string[]): fc.Arbitrary<string> {
  const shaped = fc.record(Object.fromEntries(fields.map((field) => [field, fieldString])));
  const anyField = fc.constantFrom(...FIELD_NAMES);
  return fc.oneof(
    { arbitrary: shaped.map((value) => JSON.stringify(value)), weight: 4 },
    { arbitrary: fc.anything().map((value) => (JSON.stringify(value) as string | undefined) ?? "null"), weight: 2 },
    { arbitrary: fc.dictionary(anyField, fieldValue, { maxKeys: 4 }).map((value) => JSON.stringify(value)), weight: 2 },
    { arbitrary: fc.tuple(anyField, hugeString).map(([name, value]) => JSON.stringify({ [name]: value })), weight: 1 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  );
}

const contentType = fc.oneof(
  { arbitrary: fc.constant("application/json"), weight: 6 },
  {
    arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"),
    weight: 1,
  },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/** A fresh user and a flow of theirs at `stage`; its token, or undefined for the start route. */
async function flowAt(t: TestApp, api: ApiClient, index: number, stage: Stage): Promise<string | undefined> {
  if (stage === "none") return undefined;
  const user = { userId: `fuzz-${String(index)}@contoh.example`, verifiedEmail: `fuzz-${String(index)}@mail.example` };
  await t.seed.user(user);
  const token = tokenOf(await api.start(user.userId));
  if (stage === "gate_select") return token;
  await api.step("/method", token, { method: "email" });
  if (stage === "enter_contact") return token;
  await api.step("/contact", token, { address: user.verifiedEmail });
  if (stage === "enter_code") return token;
  await api.step("/code", token, { code: await codeFromMailbox(t, user.verifiedEmail) });
  return token;
}

describe("fuzzing the reset API", () => {
  let t: TestApp;
  const tokens: (string | undefined)[] = [];
  beforeAll(async () => {
    t = await buildApiTestApp();
    // Every flow first: the fuzzing itself trips the per-IP send limit, after which no code would arrive.
    for (const [index, route] of ROUTES.entries())
      tokens.push(await flowAt(t, createApiClient(t.app), index, route.stage));
  });
  afterAll(async () => t.close());

  for (const [index, route] of ROUTES.entries()) {
    it(`POST ${route.path}: ${String(RUNS_PER_ROUTE)} random bodies, never a 5xx, always JSON with a code on failure`, async () => {
      const token = tokens[index];
      let reachedService = 0;
      const bearer = fc.oneof(
        { arbitrary: fc.constant(token), weight: 4 },
        fc.constantFrom(undefined, "garbage.token"),
      );
      const property = fc.asyncProperty(
        bodyText(route.fields),
        contentType,
        bearer,
        async (payload, type, flowToken) => {
          const headers: Record<string, string> = {};
          if (type !== undefined) headers["content-type"] = type;
          if (flowToken !== undefined) headers.authorization = `Bearer ${flowToken}`;
          const response = await t.app.inject({ method: "POST", url: `/api/v1${route.path}`, headers, payload });
          expect(response.statusCode).toBeLessThan(500);
          expect(response.headers["content-type"]).toMatch(/^application\/json/);
          const body = response.json<Record<string, unknown>>();
          if (!TRANSPORT_CODES.has(String(body.code))) reachedService += 1;
          if (response.statusCode >= 400) {
            expect(typeof body.code).toBe("string");
            expect(typeof body.requestId).toBe("string");
          } else expect(typeof body.flow).toBe("object");
          if (Buffer.byteLength(payload) > 16 * 1024 && type?.startsWith("application/json"))
            expect(response.statusCode).toBe(413);
        },
      );
      await fc.assert(property, { numRuns: RUNS_PER_ROUTE });
      // The fuzzing went past the schemas into the service, not only into the validator.
      expect(reachedService).toBeGreaterThan(0);
    }, 180_000);
  }

  it("left no unhandled failure in the log", () => {
    expect(t.logLines.filter((line) => line.includes("unhandled failure"))).toEqual([]);
  });
});
