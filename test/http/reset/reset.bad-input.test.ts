/** Bad input gets a clear message in the user's language and loses nothing; never a stack trace, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { currentCsrf, requestEmailCode, submitUserId } from "../../support/reset-journey.js";

describe("bad input on the reset pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildResetTestApp();
  });
  afterAll(async () => t.close());

  it("a malformed user ID is refused with the example, and what was typed stays in the field", async () => {
    const client = createPageClient(t.app);
    const response = await submitUserId(client, "budi santoso");
    expect(response.status).toBe(400);
    expect(response.body).toContain("That doesn't look like a user ID. Example: budi@contoh.example");
    expect(response.body).toContain('value="budi santoso"');
  });

  it("the same refusal in Indonesian", async () => {
    const client = createPageClient(t.app);
    await client.get("/reset?lang=id");
    const response = await submitUserId(client, "@@@");
    expect(response.body).toContain("Format ID pengguna tidak valid");
  });

  it("a malformed address and a malformed code get field messages, not a failure count", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, "someone@contoh.example");
    await client.post("/reset/method", { csrf: await currentCsrf(client), method: "email" });
    const address = await client.post("/reset/contact", { csrf: await currentCsrf(client), address: "not an address" });
    expect(address.body).toContain("Enter an email address such as budi@example.com.");
    await requestEmailCode(client, "someone@mail.example");
    const code = await client.post("/reset/code", { csrf: await currentCsrf(client), code: "12ab" });
    expect(code.body).toContain("numbers only");
    const failures = await t.db
      .selectFrom("audit_event")
      .select("reason")
      .where("reason", "like", "method_failed%")
      .execute();
    expect(failures.map((row) => row.reason)).toEqual(["method_failed:email:SND-204"]);
  });

  it("a body over 16 KiB gets 413 and a page in the user's language", async () => {
    const client = createPageClient(t.app);
    await client.get("/reset?lang=id");
    const response = await client.post("/reset", { form: "x", userId: "a".repeat(20_000) });
    expect(response.status).toBe(413);
    expect(response.body).toContain("Isian terlalu panjang");
  });

  it("a field of the wrong shape gets 400 and a clear page, never a stack", async () => {
    const client = createPageClient(t.app);
    const response = await client.post("/reset", { form: "x", userId: "b".repeat(300) });
    expect(response.status).toBe(400);
    expect(response.body).toContain("Something in that form wasn't right");
    expect(response.body).not.toMatch(/at .+\.ts:\d+/);
  });
});
