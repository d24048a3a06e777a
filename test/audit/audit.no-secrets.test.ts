/**
 * Threat: the audit log or the logs become a store of secrets. This run produces every audit event type Sandi has
 * (reset, blocks, throttles, sign-in and lockout, messages sent, failed, suppressed and abandoned, console
 * commands) and then scans every audit row and every log line for each password, code, token and key it used.
 */
import { FIELDS, seedAdmins, sendContactForm } from "../http/help/helpdesk-client.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIVITIES } from "../../src/domain/audit-events.js";
import { sendExpiryReminders } from "../../src/domain/password-expiry/expiry-reminders.js";
import { createKyselyExpiryReminders } from "../../src/store/repos/kysely-expiry-reminders.js";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { consoleCommandsOn } from "../support/console-commands.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../support/page-client.js";
import {
  currentCsrf,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../support/reset-journey.js";
import { type SMTPTestServer, startSMTPTestServer } from "../support/services/smtp-test-server.js";
import { chooseAction, lockBySignInFailures } from "../support/unlock-journey.js";

const PASSWORDS = [
  "Old-Password-Kunci-1",
  "New-Passphrase-Kunci-22",
  "Wrong-Guess-Kunci-333",
  "Another-Wrong-Kunci-4444",
  "Changed-Later-Kunci-55555",
  // In the global banned list: signing in with it is evidence of compromise (password.compromised).
  "Password123!",
];

describe("no secret in any audit event type", () => {
  let smtp: SMTPTestServer;
  let t: TestApp;
  const secrets: string[] = [...PASSWORDS];
  const taken = new Set<unknown>();

  const cli = consoleCommandsOn(() => t);

  function signIn(client: PageClient, userId: string, password: string) {
    return submitSignIn(client, { userId, password });
  }

  /** The newest code sent to `address` that no earlier call returned. */
  async function codeFromSMTP(address: string): Promise<string> {
    await t.deliverMail();
    const message = await smtp.waitForMessage(
      (mail) => mail.envelopeTo.includes(address) && /\b\d{8}\b/.test(mail.text) && !taken.has(mail),
      5000,
    );
    taken.add(message);
    const code = /\b(\d{8})\b/.exec(message.text)?.[1] ?? "";
    secrets.push(code);
    return code;
  }

  /**
   * Security info: the interrupt skipped, an address added (the first Registered), a step-up, a change, a
   * confirmation and a removal. The addresses and codes join the secrets no audit event may hold.
   */
  async function registerSecurityInfo(): Promise<void> {
    await t.seed.user({ userId: "enrol@contoh.example", verifiedEmail: null, password: PASSWORDS[0] ?? "" });
    const user = createPageClient(t.app, { ip: "10.5.0.7" });
    await signIn(user, "enrol@contoh.example", PASSWORDS[0] ?? "");
    await user.post("/account/security-info/register/skip", {
      csrf: hiddenValue((await user.get("/account/security-info/register")).body, "csrf"),
    });
    const verify = async (action: string, page: string, address: string) =>
      user.post(action, {
        csrf: hiddenValue(page, "csrf"),
        challenge: hiddenValue(page, "challenge"),
        code: await codeFromSMTP(address),
      });
    const add = async (address: string, replace: string | null) => {
      const form = await user.get(`/account/security-info/email${replace === null ? "" : `?replace=${replace}`}`);
      const fields = { csrf: hiddenValue(form.body, "csrf"), address, ...(replace === null ? {} : { replace }) };
      const sent = await user.post("/account/security-info/email", fields);
      await verify("/account/security-info/email/code", sent.body, address);
    };
    await add("enrol.one@mail.example", null);
    t.clock.advanceSeconds(11 * 60);
    const stepUp = await user.get("/account/security-info/verify?next=/account/security-info");
    const methodId = hiddenValue(stepUp.body, "method");
    const sent = await user.post("/account/security-info/email/step-up", {
      csrf: hiddenValue(stepUp.body, "csrf"),
      method: methodId,
    });
    await verify("/account/security-info/email/code", sent.body, "enrol.one@mail.example");
    await add("enrol.two@mail.example", methodId);
    const overview = await user.get("/account/security-info");
    const removeId = /remove\?id=([^"&]+)/.exec(overview.body)?.[1] ?? "";
    const removal = await user.get(`/account/security-info/remove?id=${removeId}`);
    await user.post("/account/security-info/register/confirm", { csrf: hiddenValue(removal.body, "csrf") });
    await user.post("/account/security-info/remove", { csrf: hiddenValue(removal.body, "csrf"), id: removeId });
    secrets.push("enrol.one@mail.example", "enrol.two@mail.example", ...user.cookies.values());
  }

  beforeAll(async () => {
    smtp = await startSMTPTestServer();
    t = await buildTestApp({
      config: { smtp: { host: smtp.host, port: smtp.port, security: "none", from: "sandi@contoh.example" } },
    });
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await t.seed.user({
      userId: "audit@contoh.example",
      verifiedEmail: "audit@mail.example",
      password: PASSWORDS[0] ?? "",
    });
    for (let index = 0; index < 6; index++)
      await t.seed.user({ userId: `flood${String(index)}@contoh.example`, verifiedEmail: "flooded@mail.example" });

    // Sign-in: success, sign-out, failures up to a lock.
    const browser = createPageClient(t.app, { ip: "10.5.0.1" });
    await signIn(browser, "audit@contoh.example", PASSWORDS[0] ?? "");
    const account = await browser.get("/account");
    await browser.post("/signout", { csrf: hiddenValue(account.body, "csrf") });
    for (let attempt = 0; attempt < 11; attempt++)
      await signIn(browser, "audit@contoh.example", `${PASSWORDS[2] ?? ""}${String(attempt)}`);
    await signIn(browser, "audit@contoh.example", PASSWORDS[3] ?? "");
    await t.seed.user({ userId: "common@contoh.example", password: PASSWORDS[5] ?? "" });
    await signIn(createPageClient(t.app, { ip: "10.5.0.6" }), "common@contoh.example", PASSWORDS[5] ?? "");
    // I3: more than 50 failed sign-ins from one IP, across accounts, bring the CAPTCHA to the sign-in form.
    const signInSprayer = createPageClient(t.app, { ip: "10.5.0.9" });
    const signInForm = hiddenValue((await signInSprayer.get("/signin")).body, "form");
    for (let attempt = 0; attempt < 51; attempt++) {
      const userId = `sprayed${String(attempt)}@contoh.example`;
      await signInSprayer.post("/signin", { form: signInForm, userId, password: PASSWORDS[2] ?? "" });
    }

    // A full reset with a code sent over SMTP (queued, sent), then sessions revoked and a notice.
    const resetter = createPageClient(t.app, { ip: "10.5.0.2" });
    await submitUserId(resetter, "audit@contoh.example");
    await requestEmailCode(resetter, "audit@mail.example");
    await submitCode(resetter, await codeFromSMTP("audit@mail.example"));
    await submitNewPassword(resetter, PASSWORDS[1] ?? "");
    secrets.push(...resetter.cookies.values(), ...browser.cookies.values());

    // Change password from My account: a wrong current password, a rule broken, then the change.
    const changer = createPageClient(t.app, { ip: "10.5.0.4" });
    await signIn(changer, "audit@contoh.example", PASSWORDS[1] ?? "");
    const changeCsrf = hiddenValue((await changer.get("/account/password")).body, "csrf");
    const change = (current: string, password: string) =>
      changer.post("/account/password", { csrf: changeCsrf, current, password, confirmation: password });
    await change(PASSWORDS[2] ?? "", PASSWORDS[4] ?? "");
    await change(PASSWORDS[1] ?? "", PASSWORDS[1] ?? "");
    await change(PASSWORDS[1] ?? "", PASSWORDS[4] ?? "");
    secrets.push(...changer.cookies.values());

    // Unlock only (SPEC §6.5): a sign-in lock lifted after the gate (account.unlock.self).
    await t.seed.policy({ unlockWithoutReset: "yes" });
    await lockBySignInFailures(t, "audit@contoh.example", "10.5.0.5", 10);
    const unlocker = createPageClient(t.app, { ip: "10.5.0.8" });
    await submitUserId(unlocker, "audit@contoh.example");
    await chooseAction(unlocker, "unlock");
    await requestEmailCode(unlocker, "audit@mail.example");
    await submitCode(unlocker, await codeFromSMTP("audit@mail.example"));
    secrets.push(...unlocker.cookies.values());
    await t.seed.policy({ unlockWithoutReset: "no" });

    await registerSecurityInfo();

    // SMTP down: a code message fails, then expires unsent (abandoned).
    await smtp.goDown();
    const failing = createPageClient(t.app, { ip: "10.5.0.3" });
    await submitUserId(failing, "flood0@contoh.example");
    await requestEmailCode(failing, "flooded@mail.example");
    await t.deliverMail();
    t.clock.advanceSeconds(400);
    await t.deliverMail();
    await smtp.comeBack();

    // Per-recipient limit: the sixth code to one address is suppressed.
    for (let index = 1; index < 6; index++) {
      const client = createPageClient(t.app, { ip: `10.5.1.${String(index)}` });
      await submitUserId(client, `flood${String(index)}@contoh.example`);
      await requestEmailCode(client, "flooded@mail.example");
    }
    await t.deliverMail();

    // An A1 block for an unknown ID, and an IP over I1 (SND-305).
    const guesser = createPageClient(t.app, { ip: "10.5.2.1" });
    await submitUserId(guesser, "nobody@contoh.example");
    await requestEmailCode(guesser, "nobody@mail.example");
    const csrf = await currentCsrf(guesser);
    for (let attempt = 0; attempt < 4; attempt++) await guesser.post("/reset/code", { csrf, code: "11111111" });
    const sprayer = createPageClient(t.app, { ip: "10.5.3.1" });
    const form = hiddenValue((await sprayer.get("/reset")).body, "form");
    for (let attempt = 0; attempt < 101; attempt++)
      await sprayer.post("/reset", { form, userId: `spray${String(attempt)}@contoh.example`, altcha: "x" });

    // Console commands: every directory and policy event, and a break-glass password printed once.
    await cli(
      "user",
      "add",
      "newbie@contoh.example",
      "--email",
      "newbie@contoh.example",
      "--first",
      "New",
      "--last",
      "Bie",
    );
    await cli("group", "add", "Auditors");
    await cli("admin", "grant", "newbie@contoh.example", "RR");
    await cli("admin", "grant", "newbie@contoh.example", "HA");
    await cli("admin", "revoke", "newbie@contoh.example", "HA");
    // An admin API token (token.created): the secret, printed once, joins the secrets.
    const created = await cli("token", "create", "--name", "Audit robot", "--role", "RR");
    const tokenSecrets = created.match(/sandi_at_[A-Za-z0-9_-]+/g) ?? [];
    secrets.push(...tokenSecrets);
    // A use beyond its role (token.used_denied: a reports reader may not unlock), then its revocation (token.revoked).
    await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/users/audit%40contoh.example/unlock",
      headers: { authorization: `Bearer ${tokenSecrets[0] ?? ""}` },
      payload: {},
    });
    const tokenId = /Created token (\S+)/.exec(created)?.[1] ?? "";
    await cli("token", "revoke", tokenId);
    await cli("user", "disable", "newbie@contoh.example");
    await cli("user", "enable", "newbie@contoh.example");
    // Evaluation mode (policy.evaluation): a draft started and stopped from the console.
    await cli("policy", "evaluate", "start", "--days", "1", "unlockWithoutReset=no");
    await cli("policy", "evaluate", "stop");
    await cli("policy", "set", "password.history", "6");
    const printed = await cli("user", "set-password", "audit@contoh.example");
    secrets.push(
      ...printed.split(/\s+/).filter((word) => word.length >= 12 && /[A-Za-z]/.test(word) && /\d/.test(word)),
    );
    await cli("user", "unlock", "audit@contoh.example");
    // Break-glass for the last Global admin (admin.recovered): its temporary password joins the secrets.
    await cli("admin", "grant", "newbie@contoh.example", "GA");
    const recovered = await cli("admin", "recover", "newbie@contoh.example");
    secrets.push(
      ...recovered.split(/\s+/).filter((word) => word.length >= 12 && /[A-Za-z]/.test(word) && /\d/.test(word)),
    );
    // "Diagnose this user" (ops.user.diagnosed): who looked at whom, never what the checks found.
    await cli("user", "diagnose", "audit@contoh.example");
    // Temporary access passes (SPEC §18): issued on the console, one used at /signin/pass, one left to expire;
    // then re-registration required. The passes join the secrets, with and without their dashes.
    const passOf = (printed: string) => /: ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})$/m.exec(printed)?.[1] ?? "";
    const usedPass = passOf(await cli("user", "tap", "newbie@contoh.example"));
    const passer = createPageClient(t.app, { ip: "10.5.6.1" });
    const passForm = hiddenValue((await passer.get("/signin/pass")).body, "form");
    await passer.post("/signin/pass", { form: passForm, userId: "newbie@contoh.example", pass: usedPass });
    const expiredPass = passOf(await cli("user", "tap", "newbie@contoh.example", "--minutes", "10"));
    t.clock.advanceSeconds(11 * 60);
    await passer.post("/signin/pass", { form: passForm, userId: "newbie@contoh.example", pass: expiredPass });
    await cli("user", "require-registration", "newbie@contoh.example");
    await cli("user", "remind", "newbie@contoh.example");
    // Verify caller (caller.verification_sent, caller.verified): the code, read from the outbox, joins the secrets.
    const ways = await cli("user", "verify-caller", "audit@contoh.example");
    const way = /--method (\S+) --via email/.exec(ways)?.[1] ?? "";
    const callerSent = await cli("user", "verify-caller", "audit@contoh.example", "--method", way);
    const callerChallenge = /--check (\S+) --code/.exec(callerSent)?.[1] ?? "";
    const callerRow = await t.db
      .selectFrom("outbox_message")
      .select("data")
      .where("template", "=", "caller-code")
      .executeTakeFirstOrThrow();
    const callerCode = (callerRow.data as Record<string, unknown> | null)?.["code"];
    expect(callerCode).toMatch(/^\d{8}$/);
    await cli(
      "user",
      "verify-caller",
      "audit@contoh.example",
      "--check",
      callerChallenge,
      "--code",
      String(callerCode),
    );
    secrets.push(String(callerCode));
    for (const pass of [usedPass, expiredPass]) secrets.push(pass, pass.replace(/-/g, ""));
    secrets.push(...passer.cookies.values());

    // "This wasn't me" pressed from a notice the SMTP server got: its token joins the secrets (account.security_hold).
    await t.deliverMail();
    const notice = await smtp.waitForMessage(
      (mail) => mail.envelopeTo.includes("audit@mail.example") && mail.text.includes("/not-me/"),
      5000,
    );
    const notMePath = /\/not-me\/[A-Za-z0-9_-]{43}/.exec(notice.text)?.[0] ?? "";
    const reporter = createPageClient(t.app, { ip: "10.5.4.1" });
    await reporter.post(notMePath, { form: hiddenValue((await reporter.get(notMePath)).body, "form") });
    secrets.push(notMePath.slice("/not-me/".length));

    // A message through the helpdesk form (helpdesk.contacted): its text is the user's, and stays out of the log.
    const helpMessage = "Please help, my phone fell in the river";
    await seedAdmins(t, ["helpdesk_admin"]);
    const sent = await sendContactForm(createPageClient(t.app, { ip: "10.5.5.1" }), {
      ...FIELDS,
      message: helpMessage,
    });
    expect(sent.status).toBe(303);
    secrets.push(helpMessage);

    // The daily expiry reminder (password.expiry_reminded), run on its own 16 days on with reminders on, so neither
    // the saved policy nor the clock changes for the rest of the run.
    await t.seed.user({
      userId: "expiring@contoh.example",
      verifiedEmail: "expiring@mail.example",
      password: PASSWORDS[0] ?? "",
    });
    const saved = (await t.composed.stores.policy.current())?.policy;
    if (saved === undefined) throw new Error("no policy");
    const later = { now: () => new Date(t.clock.now().getTime() + 16 * 86_400_000) };
    const reminded = await sendExpiryReminders(
      {
        clock: later,
        unitOfWork: t.composed.stores.unitOfWork,
        reminders: createKyselyExpiryReminders(t.db),
        directoryKind: "builtin",
        organisation: () => Promise.resolve({ name: "Contoh", defaultLanguage: "en" }),
        changePasswordUrl: "https://sandi.contoh.example/account/password",
      },
      {
        ...saved,
        password: { ...saved.password, maxAgeDays: 30 },
        notify: { ...saved.notify, expiryReminders: true, expiryReminderDays: [14] },
      },
    );
    expect(reminded.reminded).toBeGreaterThan(0);

    const keys = await t.db.selectFrom("secret_key").select("key").execute();
    secrets.push(
      ...keys.flatMap((row) => [Buffer.from(row.key).toString("hex"), Buffer.from(row.key).toString("base64url")]),
    );
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it("the run produced every audit event type", async () => {
    const rows = await t.db.selectFrom("audit_event").select("activity").distinct().execute();
    expect(rows.map((row) => row.activity).sort()).toEqual([...AUDIT_ACTIVITIES].sort());
  });

  it("no password, code, token, cookie or key appears in any audit event", async () => {
    const audit = JSON.stringify(await t.db.selectFrom("audit_event").selectAll().execute());
    for (const secret of secrets.filter((value) => value.length >= 8)) expect(audit).not.toContain(secret);
    for (const address of ["audit@mail.example", "flooded@mail.example", "enrol.one@mail.example"])
      expect(audit).not.toContain(address);
  });

  it("no password, code, token, cookie or key appears in any log line", () => {
    const logs = t.logLines.join("\n");
    for (const secret of secrets.filter((value) => value.length >= 8)) expect(logs).not.toContain(secret);
  });
});
