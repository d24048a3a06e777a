/** The API's error handler: faults become a 500 with a code and the request id (never a stack), invariants their code. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InvariantError } from "../../../src/domain/invariants.js";
import { API_MESSAGE_KEYS } from "../../../src/http/api/v1/api-errors.js";
import { createTranslator, LANGUAGES } from "../../../src/i18n/i18n.js";
import type { TestApp } from "../../support/build-test-app.js";
import { BUDI, buildApiTestApp, createApiClient, tokenOf } from "./api-client.js";

describe("the API's error handling", () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await buildApiTestApp();
    token = tokenOf(await createApiClient(t.app).start(BUDI.userId));
  });
  afterAll(async () => t.close());

  it("answers a fault with 500, the code and the request id, and logs the error under that id", async () => {
    const spy = vi
      .spyOn(t.composed.services.reset, "chooseMethod")
      .mockRejectedValueOnce(new Error("connection refused at db.internal:5432"));
    const answer = await createApiClient(t.app).step("/method", token, { method: "email" });
    spy.mockRestore();
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ code: "internal", message: expect.any(String), requestId: expect.any(String) });
    expect(answer.raw).not.toMatch(/db\.internal|stack|at /);
    const logged = t.logLines.filter((line) => line.includes("unhandled failure"));
    expect(logged.some((line) => line.includes(answer.body.requestId ?? "?") && line.includes("db.internal"))).toBe(
      true,
    );
  });

  it("answers a broken invariant with its code and status", async () => {
    const spy = vi
      .spyOn(t.composed.services.reset, "back")
      .mockRejectedValueOnce(new InvariantError("action_not_allowed"));
    const answer = await createApiClient(t.app).step("/back", token);
    spy.mockRestore();
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe("action_not_allowed");
  });

  it("has a sentence for every code in both languages", () => {
    const translator = createTranslator();
    for (const lang of LANGUAGES)
      for (const key of Object.values(API_MESSAGE_KEYS))
        expect(translator.hasKey(lang, key), `${lang} ${key}`).toBe(true);
  });
});
