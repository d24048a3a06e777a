/**
 * Issue 10's first promise: on an organisation with nobody registered, a user created with `sandi user add` signs
 * in, replaces the temporary password, meets the registration interrupt, registers an email address proven by a
 * code, and can then reset their password by email. Before issue 10 such a user walked an inert reset flow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { consoleCommandsOn } from "../support/console-commands.js";
import { createPageClient, hiddenValue, submitSignIn } from "../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../support/reset-journey.js";

const CHOSEN = "Kebun-Teh-Puncak-2026";
const RESET_TO = "Danau-Toba-Pagi-2027";

describe("a user added on an empty organisation registers and then resets by email", () => {
  let t: TestApp;
  const sandi = consoleCommandsOn(() => t);

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
  });
  afterAll(async () => t.close());

  it("sandi user add → sign in → new password → interrupt → email registered → reset by email", async () => {
    await sandi("policy", "set", "scope", "all");
    const printed = await sandi(
      "user",
      "add",
      "nadia@contoh.example",
      "--email",
      "nadia@contoh.example",
      "--first",
      "Nadia",
      "--last",
      "Putri",
    );
    const temporary =
      printed
        .split("\n")
        .find((line) => line.startsWith("Temporary password"))
        ?.split(": ")
        .at(-1) ?? "";
    expect(temporary).toHaveLength(16);

    const user = createPageClient(t.app, { ip: "10.88.0.1" });
    expect((await submitSignIn(user, { userId: "nadia@contoh.example", password: temporary })).location).toBe(
      "/account/password",
    );
    const change = await user.get("/account/password");
    const changed = await user.post("/account/password", {
      csrf: hiddenValue(change.body, "csrf"),
      current: temporary,
      password: CHOSEN,
      confirmation: CHOSEN,
    });
    expect(changed.status).toBe(303);

    // The interrupt comes at the next sign-in.
    const again = createPageClient(t.app, { ip: "10.88.0.2" });
    expect((await submitSignIn(again, { userId: "nadia@contoh.example", password: CHOSEN })).location).toBe(
      "/account/security-info/register",
    );
    const form = await again.get("/account/security-info/email");
    const sent = await again.post("/account/security-info/email", {
      csrf: hiddenValue(form.body, "csrf"),
      address: "nadia.putri@mail.example",
    });
    const code = (await latestCodeFor(t.composed, "nadia.putri@mail.example")) ?? "";
    const saved = await again.post("/account/security-info/email/code", {
      csrf: hiddenValue(sent.body, "csrf"),
      challenge: hiddenValue(sent.body, "challenge"),
      code,
    });
    expect(saved.location).toBe("/account/security-info?notice=saved");

    const resetter = createPageClient(t.app, { ip: "10.88.0.3" });
    await submitUserId(resetter, "nadia@contoh.example");
    await requestEmailCode(resetter, "nadia.putri@mail.example");
    await submitCode(resetter, (await latestCodeFor(t.composed, "nadia.putri@mail.example")) ?? "");
    const done = await submitNewPassword(resetter, RESET_TO);
    expect(done.status).toBe(303);
    expect((await resetter.get(done.location ?? "/reset/verify")).body).toMatch(
      /password (has been|was) (reset|changed)/i,
    );
    expect(
      (
        await submitSignIn(createPageClient(t.app, { ip: "10.88.0.4" }), {
          userId: "nadia@contoh.example",
          password: RESET_TO,
        })
      ).location,
    ).toBe("/account");
  });
});
