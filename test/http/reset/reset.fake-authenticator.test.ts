/**
 * Journeys through a method of another kind than email (the test-only fake authenticator, registered through the
 * method registry): no contact step, a code the user's device makes. Threats: its wrong codes cost nothing (they
 * must count in A1), its inert flow differs from a real one, and its gate can be skipped or met without the method.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountKey } from "../../../src/domain/policies/attempt-policy.js";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { FAKE_AUTHENTICATOR_CODE } from "../../support/fake-authenticator.js";
import { createPageClient, type PageClient, type PageResponse } from "../../support/page-client.js";
import { currentCsrf, submitCode, submitNewPassword, submitUserId } from "../../support/reset-journey.js";

const SITI = { userId: "siti@contoh.example", password: "Old-Password-2026", authenticator: true };
const NO_APP = { userId: "noapp@contoh.example", verifiedEmail: "noapp@mail.example" };

/** Removes what differs by design: flow-bound tokens, support codes, cookie values, dates. */
function comparable(response: PageResponse): object {
  const headers = { ...response.headers };
  delete headers.date;
  delete headers["set-cookie"];
  const cookieShapes = response.setCookies.map((line) =>
    line.replace(/=([^;]*)/, (_m, v: string) => `=<${String(v.length)}>`),
  );
  const body = response.body
    .replace(/name="(csrf|form)" value="[^"]+"/g, 'name="$1" value="…"')
    .replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, "XXXX-XXXX");
  return { status: response.status, location: response.location, headers, cookieShapes, body };
}

async function chooseAuthenticator(client: PageClient): Promise<PageResponse> {
  return client.post("/reset/method", { csrf: await currentCsrf(client), method: "totp" });
}

async function passwordIs(t: TestApp, userId: string, password: string): Promise<boolean> {
  const user = await t.composed.stores.users.findUserByUserId(userId);
  if (user === null) throw new Error(`no user ${userId}`);
  return t.composed.stores.directory.verifyPassword(user, password);
}

describe("reset through a method without a contact step (fake authenticator)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [SITI, NO_APP] }, { methods: "email+fake-authenticator" });
  });
  afterEach(async () => t.close());

  it("opens on the code step, accepts the device's code and sets the new password, sending no code anywhere", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, SITI.userId);
    expect((await client.get("/reset/verify")).body).toContain('value="totp"');
    expect((await chooseAuthenticator(client)).location).toBe("/reset/verify");
    const codePage = (await client.get("/reset/verify")).body;
    expect(codePage).toContain("code your authenticator app shows");
    expect(codePage).not.toContain('name="address"');
    expect(codePage).not.toContain("/reset/resend");
    expect((await submitCode(client, FAKE_AUTHENTICATOR_CODE)).location).toBe("/reset/verify");
    expect((await client.get("/reset/verify")).body).toContain("At least 8 characters");
    await submitNewPassword(client, "Teh-Manis-di-Sore-Hari");
    expect((await client.get("/reset/verify")).body).toContain("Your password has been reset");
    expect(await passwordIs(t, SITI.userId, "Teh-Manis-di-Sore-Hari")).toBe(true);
    await t.deliverMail();
    expect((await t.composed.stores.outbox.list(50)).filter((mail) => /\b\d{6}\b/.test(mail.text))).toEqual([]);
  });

  it("counts a wrong code in A1 and records the failure by method, never the code", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, SITI.userId);
    await chooseAuthenticator(client);
    const malformed = await submitCode(client, "12");
    expect(malformed.body).toContain("code your authenticator app shows, numbers only");
    const wrong = await submitCode(client, "135791");
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain('aria-invalid="true"');
    const user = await t.composed.stores.users.findUserByUserId(SITI.userId);
    const key = accountKey(user?.ref ?? null, SITI.userId);
    expect(await t.composed.stores.throttles.count("A1", key, new Date(0))).toBe(1);
    const reasons = (await t.db.selectFrom("audit_event").select("reason").execute()).map((row) => row.reason);
    expect(reasons).toContain("method_failed:totp:SND-201");
    expect(reasons.join(" ")).not.toContain("135791");
  });

  it("an unknown ID and an account without the method walk the same pages as a real one up to a wrong code", async () => {
    const walk = async (userId: string, ip: string): Promise<object[]> => {
      const client = createPageClient(t.app, { ip });
      const steps = [await submitUserId(client, userId), await client.get("/reset/verify")];
      steps.push(await chooseAuthenticator(client), await client.get("/reset/verify"));
      steps.push(await submitCode(client, "135791"));
      return steps.map(comparable);
    };
    const real = await walk(SITI.userId, "10.0.2.1");
    expect(await walk("nobody@contoh.example", "10.0.2.2")).toEqual(real);
    expect(await walk(NO_APP.userId, "10.0.2.3")).toEqual(real);
  });

  it("the device's code does not open the gate of an account without the method, nor of an unknown ID", async () => {
    for (const [index, userId] of [NO_APP.userId, "nobody@contoh.example"].entries()) {
      const client = createPageClient(t.app, { ip: `10.0.3.${String(index)}` });
      await submitUserId(client, userId);
      await chooseAuthenticator(client);
      await submitCode(client, FAKE_AUTHENTICATOR_CODE);
      expect((await client.get("/reset/verify")).body, userId).not.toContain("At least 8 characters");
    }
  });

  it("cannot be skipped: no password before the code, no contact step to post to, and no resend", async () => {
    const client = createPageClient(t.app);
    await submitUserId(client, SITI.userId);
    await chooseAuthenticator(client);
    const csrf = await currentCsrf(client);
    const early = await client.post("/reset/password", {
      csrf,
      password: "Brand-New-Pass-99",
      confirmation: "Brand-New-Pass-99",
    });
    expect(early.location).toBe("/reset/verify");
    expect((await client.post("/reset/contact", { csrf, address: "siti@mail.example" })).location).toBe(
      "/reset/verify",
    );
    expect((await client.post("/reset/resend", { csrf })).location).toBe("/reset/verify");
    const page = (await client.get("/reset/verify")).body;
    expect(page).toContain("code your authenticator app shows");
    expect(await passwordIs(t, SITI.userId, SITI.password)).toBe(true);
  });

  it("the API shows the method's step and takes it at POST /reset/flow/step", async () => {
    const started = await t.app.inject({
      method: "POST",
      url: "/api/v1/reset/flows",
      payload: { userId: SITI.userId, captcha: await createPageClient(t.app).solveCaptcha() },
    });
    const token = started.json<{ flowToken: string }>().flowToken;
    const call = (url: string, payload: object) =>
      t.app.inject({ method: "POST", url, payload, headers: { authorization: `Bearer ${token}` } });
    const chosen = (await call("/api/v1/reset/flow/method", { method: "totp" })).json<{
      flow: Record<string, unknown>;
    }>();
    expect(chosen.flow.gateStep).toBe("enter_code");
    expect(chosen.flow.step).toEqual({
      method: "totp",
      step: "enter_code",
      fields: [{ name: "code", input: "one_time_code", maxLength: 16 }],
      maskedTarget: null,
      codeLength: 6,
      codeSource: "device",
      assets: [],
      ceremony: null,
    });
    const passed = await call("/api/v1/reset/flow/step", {
      step: "enter_code",
      fields: { code: FAKE_AUTHENTICATOR_CODE },
    });
    expect(passed.json<{ flow: { state: string } }>().flow.state).toBe("password");
  });
});
