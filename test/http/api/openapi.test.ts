/** The served OpenAPI document is the committed one (`npm run openapi`), so every API change shows in review. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";

const COMMITTED = join(import.meta.dirname, "..", "..", "..", "docs", "api", "openapi.json");

interface Operation {
  operationId?: string;
  requestBody?: unknown;
  security?: unknown;
  responses: Record<string, unknown>;
}

describe("GET /api/v1/openapi.json", () => {
  let t: TestApp;
  let served: { openapi: string; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    t = await buildTestApp();
    served = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
  });
  afterAll(async () => t.close());

  it("equals docs/api/openapi.json (run `npm run openapi` after changing the API)", () => {
    expect(served).toEqual(JSON.parse(readFileSync(COMMITTED, "utf8")));
  });

  it("is OpenAPI 3 and covers the API only, every operation with its responses and every POST with its body", () => {
    expect(served.openapi).toMatch(/^3\./);
    const paths = Object.keys(served.paths);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    expect(paths.every((path) => path.startsWith("/api/v1/"))).toBe(true);
    for (const [path, operations] of Object.entries(served.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["400", "500"]));
        if (method === "post") expect(operation.requestBody, `${method} ${path}`).toBeDefined();
        if (path.startsWith("/api/v1/reset/flow/") || path === "/api/v1/reset/flow")
          expect(operation.security, path).toEqual([{ flowToken: [] }]);
      }
    }
  });

  it("types every admin operation's 200 body and names the admin token scheme and the 429 on each", () => {
    const admin = Object.entries(served.paths).filter(([path]) => path.startsWith("/api/v1/admin"));
    expect(admin.length).toBeGreaterThanOrEqual(30);
    for (const [path, operations] of admin)
      for (const [method, operation] of Object.entries(operations)) {
        const ok = operation.responses["200"] as { content?: Record<string, { schema?: Record<string, unknown> }> };
        const schema = ok.content?.["application/json"]?.schema ?? {};
        const typed = ["type", "$ref", "anyOf"].some((key) => key in schema);
        expect(typed, `200 of ${method} ${path}`).toBe(true);
        expect(operation.security, `${method} ${path}`).toEqual([{ adminToken: [] }]);
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain("429");
      }
  });

  it("names every operation with a unique operationId, and declares Retry-After on every 429 and 503", () => {
    const ids: string[] = [];
    for (const [path, operations] of Object.entries(served.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(operation.operationId ?? "");
        for (const status of ["429", "503"]) {
          const response = operation.responses[status] as { headers?: Record<string, unknown> } | undefined;
          if (response !== undefined)
            expect(Object.keys(response.headers ?? {}), `${status} of ${method} ${path}`).toContain("retry-after");
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
