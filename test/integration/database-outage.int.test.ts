/** With the database unreachable, users get a clear error page (no stack, a request id) and nothing is half-written. */
import { describe, expect, it } from "vitest";
import { buildTestApp } from "../support/build-test-app.js";
import { createPageClient, hiddenValue } from "../support/page-client.js";
import { connectPostgres } from "../../src/store/connect.js";
import { openPostgresDatabase } from "../support/test-databases.js";

describe("database outage", () => {
  it("shows a clear error page with a request id and no stack trace when the database is gone", async () => {
    const database = await openPostgresDatabase();
    const handle = connectPostgres(database.url, { maxConnections: 2 });
    const t = await buildTestApp({ database: { ...handle, drop: () => Promise.resolve() }, dropDatabase: false });
    try {
      await t.seed.organisation();
      await t.seed.policy({ scope: "all" });
      const client = createPageClient(t.app);
      const page = await client.get("/reset");
      expect(page.status).toBe(200);
      const form = hiddenValue(page.body, "form");
      const altcha = await client.solveCaptcha();
      const flowsBefore = await t.db.selectFrom("reset_flow").select("id").execute();
      await handle.close(); // the pool is gone: every query now fails
      const response = await client.post("/reset", { form, userId: "ani@contoh.example", altcha });
      expect(response.status).toBe(500);
      expect(response.body).toContain("Something went wrong on our side. Nothing was changed.");
      expect(response.body).toMatch(/request ID:\s*<span class="code">[A-Za-z0-9_-]{8,}<\/span>/);
      expect(response.body).not.toMatch(/at .*\.ts:\d+|Error:/);
      const ready = await t.app.inject({ method: "GET", url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      // Nothing half-written: a fresh connection sees no new flow.
      const check = connectPostgres(database.url, { maxConnections: 1 });
      expect(await check.db.selectFrom("reset_flow").select("id").execute()).toEqual(flowsBefore);
      await check.close();
    } finally {
      await t.close().catch(() => undefined);
      await database.drop();
    }
  });
});
