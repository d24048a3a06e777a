/**
 * Threat: a stolen session, a log reader or an audit reader harvests phone numbers for SIM swaps (SPEC §4.2, §5.1).
 * After registration the full number never appears in a page, an email, a log line, an audit event or the method
 * history: only `+62 ••• 12`, and at a gate "ending in 12".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hiddenValue } from "../../support/page-client.js";
import {
  buildPhoneTestApp,
  JAKARTA_OFFICE,
  PASSWORD,
  type PhoneTestApp,
  registerPhone,
  signedInClient,
  stepUpByText,
  stepUpMethodId,
  submitPhoneCode,
} from "../../support/phone-journey.js";

const MOBILE = { typed: "0812 3456 7812", e164: "+6281234567812" } as const;
let app: PhoneTestApp;

/** The national digits of a number, allowing a separator or two between any two (`0812-3456-7812`, `+62 812 3456…`). */
function numberPattern(e164: string, callingCode: string): RegExp {
  const national = e164.slice(callingCode.length + 1);
  return new RegExp(national.split("").join("\\D{0,2}"));
}

const FORBIDDEN = [numberPattern(MOBILE.e164, "62"), numberPattern(JAKARTA_OFFICE.e164, "62")];

function leaks(text: string): string[] {
  return FORBIDDEN.flatMap((pattern) => (pattern.test(text) ? [pattern.source] : []));
}

beforeAll(async () => {
  app = await buildPhoneTestApp();
  await app.t.seed.user({ userId: "tari@contoh.example", password: PASSWORD, verifiedEmail: "tari@mail.example" });
});
afterAll(async () => app.close());

describe("the full phone number after registration", () => {
  it("appears in no page, email, log line, audit event or history entry", async () => {
    let client = await signedInClient(app.t, "tari@contoh.example");
    await stepUpByEmail(client);
    const mobile = await registerPhone(app, client, "mobile", { number: MOBILE.typed, e164: MOBILE.e164 });
    expect(mobile.location).toBe("/account/security-info?notice=saved");
    const logStart = app.t.logLines.length;
    // Each phase stays under A2's 5 phone validations in a rolling hour (SPEC §8.1), in a new session each.
    app.t.clock.advanceSeconds(61 * 60);
    client = await signedInClient(app.t, "tari@contoh.example");
    await stepUpByText(app, client, "/account/security-info/office");
    const office = await registerPhone(app, client, "office", {
      number: JAKARTA_OFFICE.typed,
      e164: JAKARTA_OFFICE.e164,
      extension: "77",
    });
    expect(office.location).toBe("/account/security-info?notice=saved");

    const pages: string[] = [];
    const overview = await client.get("/account/security-info");
    pages.push(
      overview.body,
      (await client.get("/account")).body,
      (await client.get("/account/security-info/register")).body,
    );
    expect(overview.body).toContain("+62 ••• 12");
    expect(overview.body).toContain("+62 ••• 34");
    const methodIds = [...overview.body.matchAll(/replace=([\w-]+)/g)].map((match) => match[1] ?? "");
    for (const id of methodIds) {
      pages.push((await client.get(`/account/security-info/mobile?replace=${id}`)).body);
      pages.push((await client.get(`/account/security-info/remove?id=${id}`)).body);
    }
    app.t.clock.advanceSeconds(61 * 60);
    client = await signedInClient(app.t, "tari@contoh.example");
    const verify = await client.follow(await client.get("/account/security-info/mobile"));
    pages.push(verify.body);
    const call = await client.post("/account/security-info/office/step-up", {
      csrf: hiddenValue(verify.body, "csrf"),
      method: stepUpMethodId(verify.body, "office"),
    });
    pages.push(call.body);
    expect(call.body).toContain("+62 ••• 34");
    await app.t.deliverMail();
    const passed = await submitPhoneCode(client, "office", call, await app.receiver.waitForCode(JAKARTA_OFFICE.e164));
    pages.push((await client.follow(passed)).body);

    // The scan itself: it finds a number however it was typed or shown.
    expect(["+62 81234567812", "0812-3456-7812", "(021) 5790 1234"].flatMap(leaks)).toHaveLength(3);
    expect(pages.flatMap(leaks)).toEqual([]);
    const emails = await app.t.composed.stores.outbox.list(50);
    expect(emails.filter((email) => email.recipient === "tari@mail.example").length).toBeGreaterThan(0);
    expect(emails.flatMap((email) => leaks(`${email.subject}\n${email.text}\n${email.html}`))).toEqual([]);
    expect(app.t.logLines.length).toBeGreaterThan(logStart);
    expect(app.t.logLines.flatMap(leaks)).toEqual([]);
    const audit = await app.t.db.selectFrom("audit_event").selectAll().execute();
    expect(audit.flatMap((row) => leaks(JSON.stringify(row)))).toEqual([]);
    const history = await app.t.db.selectFrom("method_event").selectAll().execute();
    expect(history.length).toBeGreaterThan(0);
    expect(history.flatMap((row) => leaks(JSON.stringify(row)))).toEqual([]);
  });
});

/** Tari has a verified address, so her first change needs a code to it (SPEC §5.1). */
async function stepUpByEmail(client: Awaited<ReturnType<typeof signedInClient>>): Promise<void> {
  const stale = await client.get("/account/security-info/mobile");
  if (stale.status === 200) return;
  const verify = await client.get(stale.location ?? "");
  const sent = await client.post("/account/security-info/email/step-up", {
    csrf: hiddenValue(verify.body, "csrf"),
    method: stepUpMethodId(verify.body, "email"),
  });
  await app.t.deliverMail();
  const mail = (await app.t.composed.stores.outbox.list(10)).find((m) => m.recipient === "tari@mail.example");
  const code = /\b(\d{8})\b/.exec(mail?.text ?? "")?.[1] ?? "";
  const passed = await client.post("/account/security-info/email/code", {
    csrf: hiddenValue(sent.body, "csrf"),
    challenge: hiddenValue(sent.body, "challenge"),
    code,
  });
  expect(passed.location).toBe("/account/security-info/mobile");
}
