/** Threats: a browser (with its cookies) driving the API, a flow reached without its token, malformed input. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { BUDI, buildApiTestApp, createApiClient, tokenOf } from "./api-client.js";

const STEPS = ["/method", "/contact", "/code", "/resend", "/back", "/cancel", "/password"] as const;
const VALID_BODIES: Record<(typeof STEPS)[number], object> = {
  "/method": { method: "email" },
  "/contact": { address: "budi@mail.example" },
  "/code": { code: "12345678" },
  "/resend": {},
  "/back": {},
  "/cancel": {},
  "/password": { password: "Kopi-Tubruk-di-Pagi-Hari", confirmation: "Kopi-Tubruk-di-Pagi-Hari" },
};

describe("requests the API refuses", () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await buildApiTestApp();
    token = tokenOf(await createApiClient(t.app).start(BUDI.userId));
  });
  afterAll(async () => t.close());

  it("the API refuses requests that carry cookies or an Origin header", async () => {
    const api = createApiClient(t.app);
    const browserHeaders = [
      { cookie: "sandi-flow=whatever" },
      { cookie: "" },
      { origin: "http://localhost:8080" },
      { origin: "https://evil.example" },
    ];
    for (const headers of browserHeaders) {
      const answers = [
        await api.call("GET", "/captcha/challenge", { headers }),
        await api.call("POST", "/reset/flows", { body: { userId: BUDI.userId }, headers }),
        await api.call("GET", "/reset/flow", { token, headers }),
        ...(await Promise.all(STEPS.map((step) => api.step(step, token, VALID_BODIES[step], headers)))),
      ];
      for (const answer of answers) {
        expect(answer.status, JSON.stringify(headers)).toBe(400);
        expect(answer.body).toEqual({
          code: "browser_request_refused",
          message: expect.any(String),
          requestId: expect.any(String),
        });
      }
    }
    // Nothing moved: the flow is where it was.
    expect((await api.call("GET", "/reset/flow", { token })).body.state).toBe("gate_select");
  });

  it("a flow token is required: no token, a wrong token or another scheme gets 404", async () => {
    const api = createApiClient(t.app);
    const [id] = token.split(".");
    const wrongTokens = [undefined, "", "nonsense", `${id ?? ""}.AAAAAAAAAAAAAAAAAAAAAAAAAAA`, `${token}x`, "a.b"];
    for (const wrong of wrongTokens) {
      const answers = [
        await api.call("GET", "/reset/flow", wrong === undefined ? {} : { token: wrong }),
        ...(await Promise.all(
          STEPS.map((step) =>
            api.call("POST", `/reset/flow${step}`, {
              body: VALID_BODIES[step],
              ...(wrong === undefined ? {} : { token: wrong }),
            }),
          ),
        )),
      ];
      for (const answer of answers) {
        expect(answer.status, String(wrong)).toBe(404);
        expect(answer.body.code).toBe("flow_not_found");
      }
    }
    const basic = await api.call("GET", "/reset/flow", { headers: { authorization: `Basic ${token}` } });
    expect(basic.status).toBe(404);
    expect((await api.call("GET", "/reset/flow", { token })).status).toBe(200);
  });

  it("answers malformed bodies with 400 request_invalid in the user's language, big ones with 413", async () => {
    const api = createApiClient(t.app);
    const extra = await api.step("/method", token, { method: "email", csrf: "x" });
    expect(extra.status).toBe(400);
    expect(extra.body).toEqual({ code: "request_invalid", message: expect.any(String), requestId: expect.any(String) });
    expect((await api.step("/code", token, { code: 12345678 })).body.code).toBe("request_invalid");
    expect((await api.step("/method", token, { method: "carrier-pigeon" })).body.code).toBe("request_invalid");
    const english = await api.step("/contact", token, {});
    const indonesian = await api.step("/contact", token, {}, { "accept-language": "id-ID" });
    expect(indonesian.body.message).not.toBe(english.body.message);
    const notJson = await t.app.inject({
      method: "POST",
      url: "/api/v1/reset/flows",
      headers: { "content-type": "application/json" },
      payload: "{",
    });
    expect([notJson.statusCode, notJson.json<{ code: string }>().code]).toEqual([400, "request_invalid"]);
    const text = await t.app.inject({
      method: "POST",
      url: "/api/v1/reset/flows",
      headers: { "content-type": "text/plain" },
      payload: "hi",
    });
    expect([text.statusCode, text.json<{ code: string }>().code]).toEqual([415, "media_type_unsupported"]);
    const form = await t.app.inject({
      method: "POST",
      url: "/api/v1/reset/flows",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "userId=budi.santoso%40contoh.example",
    });
    expect([form.statusCode, form.json<{ code: string }>().code]).toEqual([415, "media_type_unsupported"]);
    const huge = await api.step("/contact", token, { address: "a".repeat(20_000) });
    expect([huge.status, huge.body.code]).toEqual([413, "body_too_large"]);
    expect((await api.call("GET", "/reset/flow", { token })).body.state).toBe("gate_select");
  });

  it("answers an unknown /api/v1 path with a JSON 404 and never shows a stack", async () => {
    const api = createApiClient(t.app);
    const unknown = await api.call("GET", "/reset/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "not_found", message: expect.any(String), requestId: expect.any(String) });
    expect((await api.call("POST", "/reset/flow", { body: {} })).body.code).toBe("not_found");
  });

  it("a body-less POST counts as an empty object", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/reset/flow/back",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ code: string }>().code).toBe("action_not_allowed");
  });
});
