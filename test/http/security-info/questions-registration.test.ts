/**
 * My security info with security questions (SPEC §4.6, issue 10): a user picks `toRegister` questions and answers
 * them, changes the set and deletes it. Threats: an answer shown back in a page or written to a log, the audit log
 * or the method history; a privileged user registering questions; a forged form; another user's set replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SsprPolicy } from "../../../src/domain/policies/sspr-policy.js";
import { storedAnswersOf } from "../../../src/domain/questions/question-set.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const PASSWORD = "Sawah-Hijau-Pagi-2026";
const PATH = "/account/security-info/questions";
const ANSWERS = ["Si Belang Oren", "Kota Bandung Lama", "Raden Ajeng", "Pak Hartono", "Vespa Sprint"];
let nextIp = 1;

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.78.0.${String(nextIp++)}` });
}

async function savePolicy(t: TestApp, change: (policy: SsprPolicy) => SsprPolicy): Promise<void> {
  const current = (await t.composed.stores.policy.current())?.policy;
  if (current === undefined) throw new Error("no policy");
  await t.composed.stores.policy.save(change(current), "test", t.clock.now());
}

function withQuestions(policy: SsprPolicy): SsprPolicy {
  return {
    ...policy,
    methods: { ...policy.methods, securityQuestions: true },
    questions: { ...policy.questions, custom: [{ id: "river", en: "Which river did you swim in first?", id_: null }] },
  };
}

/** A filled-in form: `questions[i]` with `answers[i]`. */
function form(csrf: string, questions: readonly string[], answers: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = { csrf };
  questions.forEach((question, index) => {
    fields[`question_${String(index + 1)}`] = question;
    fields[`answer_${String(index + 1)}`] = answers[index] ?? "";
  });
  return fields;
}

async function signedIn(t: TestApp, userId: string): Promise<PageClient> {
  const client = browser(t);
  await submitSignIn(client, { userId, password: PASSWORD });
  return client;
}

async function refOf(t: TestApp, userId: string): Promise<string> {
  return (await t.composed.stores.directory.findEntryByUserId(userId))?.entryId ?? "";
}

describe("My security info: security questions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    await savePolicy(t, withQuestions);
    for (const name of ["sari", "rini", "tono", "wati", "dewi"])
      await t.seed.user({ userId: `${name}@contoh.example`, password: PASSWORD, verifiedEmail: null });
    await t.seed.user({
      userId: "admin@contoh.example",
      password: PASSWORD,
      verifiedEmail: null,
      roles: ["helpdesk_admin"],
    });
  });
  afterAll(async () => t.close());

  it("a user picks five questions, answers them, and sees only a count; no answer is kept in the clear", async () => {
    const client = await signedIn(t, "sari@contoh.example");
    const page = await client.get(PATH);
    expect(page.status).toBe(200);
    expect(page.body.match(/<select /g)).toHaveLength(5);
    expect(page.body).toContain("What did you name your first pet?");
    expect(page.body).toContain('value="c-river"');
    const questions = ["b01", "b02", "b04", "b11", "c-river"];
    const saved = await client.post(PATH, form(hiddenValue(page.body, "csrf"), questions, ANSWERS));
    expect(saved.location).toBe("/account/security-info?notice=saved");
    const overview = await client.get("/account/security-info");
    expect(overview.body).toContain("5 questions set up");
    const [row, ...others] = await t.composed.stores.methods.listForUser(await refOf(t, "sari@contoh.example"));
    expect(others).toEqual([]);
    expect(row?.method).toBe("questions");
    expect(storedAnswersOf(row?.details).map((answer) => answer.questionId)).toEqual(questions);
    const everything = JSON.stringify({
      rows: row,
      audit: await t.composed.stores.db.selectFrom("audit_event").selectAll().execute(),
      history: await t.composed.stores.db.selectFrom("method_event").selectAll().execute(),
      outbox: await t.composed.stores.db.selectFrom("outbox_message").selectAll().execute(),
      logs: t.logLines,
      overview: overview.body,
    }).toLowerCase();
    for (const answer of ANSWERS) expect(everything).not.toContain(answer.toLowerCase());
  });

  it("refuses a question twice, equal answers and a short answer, keeps the questions chosen and never echoes an answer", async () => {
    const client = await signedIn(t, "rini@contoh.example");
    const page = await client.get(PATH);
    const answers = ["Kucing Manis", "kucing   MANIS", "ab", "Jalan Kenanga", "Bank Rakyat"];
    const refused = await client.post(
      PATH,
      form(hiddenValue(page.body, "csrf"), ["b01", "b01", "b03", "b05", "b35"], answers),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("You chose this question already. Pick a different one.");
    expect(refused.body).toContain("Give each question a different answer.");
    expect(refused.body).toContain("Use at least 3 characters.");
    expect(refused.body).toMatch(/<option value="b35" selected>/);
    for (const answer of ["Kucing Manis", "Jalan Kenanga", "Bank Rakyat"]) expect(refused.body).not.toContain(answer);
    expect(await t.composed.stores.methods.listForUser(await refOf(t, "rini@contoh.example"))).toEqual([]);
  });

  it("changes the set by replacing it, and deletes it", async () => {
    const client = await signedIn(t, "tono@contoh.example");
    const first = await client.get(PATH);
    await client.post(PATH, form(hiddenValue(first.body, "csrf"), ["b01", "b02", "b03", "b04", "b05"], ANSWERS));
    const ref = await refOf(t, "tono@contoh.example");
    const [old] = await t.composed.stores.methods.listForUser(ref);
    const again = await client.post(
      PATH,
      form(hiddenValue(first.body, "csrf"), ["b06", "b07", "b08", "b09", "b10"], ANSWERS),
    );
    expect(again.location).toBe("/account/security-info?notice=limit_reached");
    const change = await client.get(`${PATH}?replace=${old?.id ?? ""}`);
    expect(hiddenValue(change.body, "replace")).toBe(old?.id);
    const changed = await client.post(PATH, {
      ...form(hiddenValue(change.body, "csrf"), ["b06", "b07", "b08", "b09", "b10"], ANSWERS),
      replace: old?.id ?? "",
    });
    expect(changed.location).toBe("/account/security-info?notice=saved");
    const [current, ...rest] = await t.composed.stores.methods.listForUser(ref);
    expect(rest).toEqual([]);
    expect(storedAnswersOf(current?.details)[0]?.questionId).toBe("b06");
    const removed = await client.post("/account/security-info/remove", {
      csrf: hiddenValue(change.body, "csrf"),
      id: current?.id ?? "",
    });
    expect(removed.location).toBe("/account/security-info?notice=removed");
    expect(await t.composed.stores.methods.listForUser(ref)).toEqual([]);
  });

  it("another user's set cannot be replaced, and a forged form is refused", async () => {
    const [sarisSet] = await t.composed.stores.methods.listForUser(await refOf(t, "sari@contoh.example"));
    const client = await signedIn(t, "wati@contoh.example");
    const page = await client.get(PATH);
    const csrf = hiddenValue(page.body, "csrf");
    const questions = ["b01", "b02", "b03", "b04", "b05"];
    const stolen = await client.post(PATH, { ...form(csrf, questions, ANSWERS), replace: sarisSet?.id ?? "" });
    expect(stolen.location).toBe("/account/security-info?notice=not_found");
    const forged = await client.post(PATH, form("forged", questions, ANSWERS));
    expect(forged.status).toBe(403);
    expect(await t.composed.stores.methods.listForUser(await refOf(t, "wati@contoh.example"))).toEqual([]);
  });

  it("shows the questions in Indonesian, a custom question written only in English marked as English", async () => {
    const client = await signedIn(t, "dewi@contoh.example");
    const page = await client.get(PATH, { "accept-language": "id" });
    expect(page.body).toContain("Apa nama hewan peliharaan pertama Anda?");
    expect(page.body).toContain('<option value="c-river" lang="en">Which river did you swim in first?</option>');
    expect(page.body).toContain("Pertanyaan keamanan");
  });

  it("a privileged user is never offered questions, and the page is gone while the policy turns them off", async () => {
    const admin = await signedIn(t, "admin@contoh.example");
    expect((await admin.get(PATH)).location).toBe("/account/security-info");
    const posted = await admin.post(PATH, form("x", ["b01"], ["whatever"]));
    expect([303, 403]).toContain(posted.status);
    expect(await t.composed.stores.methods.listForUser(await refOf(t, "admin@contoh.example"))).toEqual([]);
    expect((await admin.get("/account/security-info")).body).not.toContain(PATH);
    await savePolicy(t, (policy) => ({ ...policy, methods: { ...policy.methods, securityQuestions: false } }));
    const client = await signedIn(t, "dewi@contoh.example");
    expect((await client.get(PATH)).location).toBe("/account/security-info");
    await savePolicy(t, withQuestions);
  });
});
