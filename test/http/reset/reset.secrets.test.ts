/**
 * Threat: secrets leak through logs or the audit log. After whole journeys, no code, password, flow token or key
 * appears in any captured log line or audit row; and links in emails come from publicUrl, never from request headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";

const OLD_PASSWORD = "Old-Secret-Password-1";
const NEW_PASSWORD = "Fresh-Secret-Passphrase-42";
const WRONG_PASSWORD_TRIED = "Wrong-Guess-Password-7";

describe("secrets stay out of logs and the audit log", () => {
  let t: TestApp;
  const secrets: string[] = [OLD_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD_TRIED];
  beforeAll(async () => {
    t = await buildResetTestApp({
      users: [{ userId: "rina@contoh.example", verifiedEmail: "rina@mail.example", password: OLD_PASSWORD }],
    });
    const client = createPageClient(t.app);
    await submitUserId(client, "rina@contoh.example");
    await requestEmailCode(client, "rina@mail.example");
    const code = (await latestCodeFor(t.composed, "rina@mail.example")) ?? "";
    secrets.push(code, ...client.cookies.values());
    await submitCode(
      client,
      code.replace(/^./, (digit) => String((Number(digit) + 1) % 10)),
    );
    await submitCode(client, code);
    await submitNewPassword(client, "short", "other");
    await submitNewPassword(client, NEW_PASSWORD);
    await t.app.inject({
      method: "POST",
      url: "/signin",
      remoteAddress: "127.0.0.1",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
      payload: new URLSearchParams({ userId: "rina@contoh.example", password: WRONG_PASSWORD_TRIED }).toString(),
    });
    await t.deliverMail();
    const keys = await t.db.selectFrom("secret_key").select("key").execute();
    secrets.push(
      ...keys.map((row) => Buffer.from(row.key).toString("hex")),
      ...keys.map((row) => Buffer.from(row.key).toString("base64url")),
    );
  });
  afterAll(async () => t.close());

  it("no code, password, token or key appears in any log line", () => {
    expect(t.logLines.length).toBeGreaterThan(0);
    const logs = t.logLines.join("\n");
    for (const secret of secrets.filter((value) => value.length >= 6)) expect(logs).not.toContain(secret);
  });

  it("no code, password, token or key appears in any audit event, and addresses are masked", async () => {
    const rows = await t.db.selectFrom("audit_event").selectAll().execute();
    expect(rows.length).toBeGreaterThan(5);
    const audit = JSON.stringify(rows);
    for (const secret of secrets.filter((value) => value.length >= 6)) expect(audit).not.toContain(secret);
    expect(audit).not.toContain("rina@mail.example");
  });

  it("a sent message keeps no code in the outbox", async () => {
    const rows = await t.db.selectFrom("outbox_message").select(["status", "data"]).execute();
    expect(rows.every((row) => row.status === "sent" && row.data === null)).toBe(true);
  });
});

describe("links in emails", () => {
  it("a spoofed Host or X-Forwarded-Host does not change the links in emails (they come from publicUrl)", async () => {
    const t = await buildTestApp({ config: { publicUrl: "https://sandi.contoh.example" } });
    try {
      await t.seed.organisation();
      await t.seed.policy({ scope: "all" });
      await t.seed.user({ userId: "agus@contoh.example", verifiedEmail: "agus@mail.example" });
      const client = createPageClient(t.app, { origin: "https://sandi.contoh.example" });
      const evil = { host: "evil.example", "x-forwarded-host": "evil.example" };
      const page = await client.get("/reset", evil);
      const form = /name="form" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      await client.post("/reset", { form, userId: "agus@contoh.example", altcha: await client.solveCaptcha() }, evil);
      await requestEmailCode(client, "agus@mail.example");
      await submitCode(client, (await latestCodeFor(t.composed, "agus@mail.example")) ?? "");
      await submitNewPassword(client, "Kelapa-Muda-Segar-2026");
      await t.deliverMail();
      const notice = (await t.composed.stores.outbox.list(10)).find((mail) => /password was reset/.test(mail.subject));
      expect(notice?.text).toContain("https://sandi.contoh.example/signin");
      expect(JSON.stringify(notice)).not.toContain("evil.example");
    } finally {
      await t.close();
    }
  });
});
