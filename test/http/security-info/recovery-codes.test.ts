/**
 * Recovery codes in My security info (SPEC §18): a set of 10 shown once with copy and download, "N codes left",
 * a warning at 2, a new set voids the old one. Threats: a recovery code works once; a wrong code burns an attempt
 * (A2) before the compare; no code is stored, logged or audited in the clear.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { hiddenValue, type PageClient, type PageResponse, submitSignIn } from "../../support/page-client.js";
import { auditTextOf, browser, enableAppAndCodes, PASSWORD, userRefOf } from "./totp-support.js";

const PATH = "/account/security-info/recovery-codes";
const CODE = /[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){4}/g;

/** The codes on the page that shows a new set. */
function codesOn(page: PageResponse): string[] {
  const list = /<ol class="recovery-codes"[^>]*>([\s\S]*?)<\/ol>/.exec(page.raw)?.[1] ?? "";
  return list.match(CODE) ?? [];
}

async function createSet(client: PageClient): Promise<PageResponse> {
  const intro = await client.get(PATH);
  expect(intro.status).toBe(200);
  return client.post(PATH, { csrf: hiddenValue(intro.body, "csrf") });
}

/** A step-up with a recovery code, from a session that needs one. */
async function stepUpWithCode(client: PageClient, code: string): Promise<PageResponse> {
  const verify = await client.get("/account/security-info/verify?next=%2Faccount%2Fsecurity-info");
  const form = await client.post(`${PATH}/step-up`, {
    csrf: hiddenValue(verify.body, "csrf"),
    method: hiddenValue(verify.body, "method"),
  });
  expect(form.status).toBe(200);
  return client.post(`${PATH}/step-up/code`, {
    csrf: hiddenValue(form.body, "csrf"),
    method: hiddenValue(form.body, "method"),
    code,
  });
}

describe("My security info: recovery codes", () => {
  let t: TestApp;
  const users = ["hana", "indra", "joko", "kartika", "lina"] as const;
  const userId = (name: (typeof users)[number]) => `${name}@contoh.example`;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await enableAppAndCodes(t);
    for (const name of users) await t.seed.user({ userId: userId(name), password: PASSWORD, verifiedEmail: null });
  });
  afterAll(async () => t.close());

  async function signedIn(name: (typeof users)[number]): Promise<PageClient> {
    const client = browser(t);
    await submitSignIn(client, { userId: userId(name), password: PASSWORD });
    return client;
  }

  it("shows a new set of 10 once, with a download, and stores only lookup ids and hashes", async () => {
    const client = await signedIn("hana");
    const shown = await createSet(client);
    expect(shown.status).toBe(200);
    expect(shown.headers["cache-control"]).toBe("no-store");
    const codes = codesOn(shown);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(shown.body).toContain("this is the only time they are shown");
    const download = /href="data:text\/plain;charset=utf-8,([^"]+)" download="recovery-codes.txt"/.exec(shown.raw);
    const text = decodeURIComponent(download?.[1] ?? "");
    expect(text).toContain("Contoh Nusantara: recovery codes");
    expect(text).toContain("User ID: hana@contoh.example");
    for (const code of codes) expect(text).toContain(code);
    expect(shown.raw).toContain('src="/static/recovery-codes.js"');
    const overview = await client.get("/account/security-info");
    expect(overview.body).toContain("10 codes left");
    for (const code of codes) expect(overview.body).not.toContain(code);
    const [method] = await t.composed.stores.methods.listForUser(await userRefOf(t, userId("hana")));
    expect(method?.method).toBe("recovery_code");
    expect(await t.composed.stores.recoveryCodes.countLeft(method?.id ?? "")).toBe(10);
    const row = await t.composed.stores.recoveryCodes.findUnspent(method?.userRef ?? "", codes[0]?.slice(0, 4) ?? "");
    expect(row?.secretHash).toHaveLength(32);
    const audit = await auditTextOf(t, userId("hana"));
    for (const code of codes) expect(audit).not.toContain(code.slice(5));
  });

  it("threat: a recovery code works once", async () => {
    const client = await signedIn("indra");
    const codes = codesOn(await createSet(client));
    t.clock.advanceSeconds(11 * 60);
    const first = codes[0] ?? "";
    const passed = await stepUpWithCode(client, first.toLowerCase().replace(/-/g, " "));
    expect(passed.status).toBe(303);
    expect(passed.location).toBe("/account/security-info");
    expect((await client.get("/account/security-info")).body).toContain("9 codes left");
    t.clock.advanceSeconds(11 * 60);
    const again = await stepUpWithCode(client, first);
    expect(again.status).toBe(400);
    expect(again.body).toContain("That code is not right, or it was used already.");
    expect((await stepUpWithCode(client, codes[1] ?? "")).status).toBe(303);
  });

  it("a new set voids the old one at once", async () => {
    const client = await signedIn("joko");
    const old = codesOn(await createSet(client));
    t.clock.advanceSeconds(11 * 60);
    expect((await stepUpWithCode(client, old[0] ?? "")).status).toBe(303);
    const intro = await client.get(PATH);
    expect(intro.body).toContain("A new set replaces it: the old codes stop working at once.");
    const renewed = codesOn(await client.post(PATH, { csrf: hiddenValue(intro.body, "csrf") }));
    expect(renewed).toHaveLength(10);
    t.clock.advanceSeconds(11 * 60);
    expect((await stepUpWithCode(client, old[1] ?? "")).status).toBe(400);
    expect((await stepUpWithCode(client, renewed[0] ?? "")).status).toBe(303);
    expect((await client.get("/account/security-info")).body).toContain("9 codes left");
  });

  it("warns on the overview and on its page when 2 codes are left", async () => {
    const client = await signedIn("kartika");
    const codes = codesOn(await createSet(client));
    const [method] = await t.composed.stores.methods.listForUser(await userRefOf(t, userId("kartika")));
    for (const code of codes.slice(0, 7))
      expect(await t.composed.stores.recoveryCodes.spend(method?.id ?? "", code.slice(0, 4), t.clock.now())).toBe(true);
    // The eighth proves the user, so the page of the set (a change) opens.
    t.clock.advanceSeconds(11 * 60);
    expect((await stepUpWithCode(client, codes[7] ?? "")).status).toBe(303);
    const overview = await client.get("/account/security-info");
    expect(overview.body).toContain("2 codes left");
    expect(overview.body).toContain("Only 2 recovery codes left. Create a new set before they run out.");
    const page = await client.get(PATH);
    expect(page.body).toContain("Only 2 recovery codes left.");
  });

  it("threat: a wrong code burns an attempt (A2) before the compare: after 4 wrong codes a right one is refused", async () => {
    const client = await signedIn("lina");
    const codes = codesOn(await createSet(client));
    t.clock.advanceSeconds(11 * 60);
    for (let attempt = 0; attempt < 4; attempt++)
      expect((await stepUpWithCode(client, "ABCD-EFGH-JKMN-PQRS-TUVW")).status).toBe(400);
    const fifth = await stepUpWithCode(client, codes[0] ?? "");
    expect(fifth.status).toBe(429);
    const [method] = await t.composed.stores.methods.listForUser(await userRefOf(t, userId("lina")));
    expect(await t.composed.stores.recoveryCodes.countLeft(method?.id ?? "")).toBe(10);
  });
});
