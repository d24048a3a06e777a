/**
 * The simulation page `/admin/policy/simulate` (SPEC §3 "Policy simulation", §2 roles). Threats: a role below Global
 * admin reading every user's standing through a draft; a forged or stale form running it; bad input answered with a
 * 500 or a lost draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { signedInClient, stepUp } from "../../support/admin-session.js";
import { hiddenValue, type PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const PEOPLE = {
  global: { userId: "ayu@contoh.example", firstName: "Ayu", lastName: "Lestari", roles: ["global_admin"] },
  reader: { userId: "rina@contoh.example", firstName: "Rina", lastName: "Putri", roles: ["reports_reader"] },
  helpdesk: { userId: "hadi@contoh.example", firstName: "Hadi", lastName: "Pratama", roles: ["helpdesk_admin"] },
  budi: { userId: "budi@contoh.example", firstName: "Budi", lastName: "Santoso", roles: [], groups: ["sales"] },
  citra: { userId: "citra@contoh.example", firstName: "Citra", lastName: "Dewi", roles: [], groups: ["finance"] },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];
const emailOf = (person: Person): string => `${person.firstName.toLowerCase()}@mail.example`;
const PATH = "/admin/policy/simulate";

/** Signs in; an admin also passes the second factor (SPEC §2). */
const signedIn = (person: Person, t: TestApp): Promise<PageClient> =>
  signedInClient(t, { userId: person.userId, password: PASSWORD });

describe("the policy simulation page", () => {
  let t: TestApp;
  let ga: PageClient;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const person of Object.values(PEOPLE)) {
      const methods = { verifiedEmail: emailOf(person), ...(person.roles.length > 0 ? { passkey: true } : {}) };
      await t.seed.user({ ...person, ...methods, password: PASSWORD });
    }
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    ga = await signedIn(PEOPLE.global, t);
    await stepUp(t, ga, PEOPLE.global.userId, PATH);
  });
  afterAll(async () => t.close());

  it("a Global admin narrows the scope to one group and sees who would be stranded, with SND-106", async () => {
    const form = await ga.get(PATH);
    expect(form.status).toBe(200);
    const result = await ga.post(PATH, {
      csrf: hiddenValue(form.body, "csrf"),
      draft: "scope = selected\nscopeGroups = finance",
    });
    expect(result.status).toBe(200);
    expect(result.body).toContain("would no longer be able to");
    expect(result.body).toContain("budi@contoh.example");
    expect(result.body).toContain("SND-106");
    expect(result.body).not.toContain(">citra@contoh.example<");
    // The draft stays in the box for the next try.
    expect(result.body).toContain("scopeGroups = finance");
  });

  it("pages the affected people", async () => {
    const form = await ga.get(PATH);
    const csrf = hiddenValue(form.body, "csrf");
    const first = await ga.post(PATH, { csrf, draft: "scope = none" });
    expect(first.body).toMatch(/Affected people 1–\d+ of 5/);
    const later = await ga.post(PATH, { csrf, draft: "scope = none", offset: "3" });
    expect(later.body).toContain("Affected people 4–5 of 5");
  });

  it("a line that is not KEY = VALUE is refused with 400 and the typed draft kept", async () => {
    const form = await ga.get(PATH);
    const bad = await ga.post(PATH, { csrf: hiddenValue(form.body, "csrf"), draft: "scope selected" });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Line 1 is not KEY = VALUE");
    expect(bad.body).toContain("scope selected</textarea>");
    const invalid = await ga.post(PATH, { csrf: hiddenValue(form.body, "csrf"), draft: "scope = selected" });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain("V1");
  });

  it("a forged form (no CSRF token) runs nothing", async () => {
    const forged = await ga.post(PATH, { draft: "scope = none" });
    expect(forged.status).toBe(403);
    expect(forged.body).not.toContain("budi@contoh.example");
  });

  it("a reports reader and a helpdesk admin cannot see or run a simulation", async () => {
    for (const person of [PEOPLE.reader, PEOPLE.helpdesk]) {
      const client = await signedIn(person, t);
      expect((await client.get(PATH)).status).toBe(403);
      const csrf = hiddenValue((await client.get("/account")).body, "csrf");
      const run = await client.post(PATH, { csrf, draft: "scope = none" });
      expect(run.status).toBe(403);
      expect(run.body).not.toContain("budi@contoh.example");
    }
  });

  it("evaluation: a Global admin starts a draft; a reports reader sees the report but no form; a helpdesk admin gets 403", async () => {
    const EVAL = "/admin/policy/evaluation";
    const page = await ga.get(EVAL);
    expect(page.status).toBe(200);
    expect(page.body).toContain("No evaluation has been started.");
    const csrf = hiddenValue(page.body, "csrf");
    const badDays = await ga.post(`${EVAL}/start`, {
      csrf,
      draft: "scope = selected\nscopeGroups = finance",
      days: "45",
    });
    expect(badDays.status).toBe(400);
    expect(badDays.body).toContain("scopeGroups = finance</textarea>");
    const started = await ga.post(`${EVAL}/start`, {
      csrf,
      draft: "scope = selected\nscopeGroups = finance",
      days: "3",
    });
    expect(started.location).toBe(`${EVAL}?notice=started`);
    expect((await ga.get(`${EVAL}?notice=started`)).body).toContain("The evaluation has started.");

    const reader = await signedIn(PEOPLE.reader, t);
    const seen = await reader.get(EVAL);
    expect(seen.status).toBe(200);
    expect(seen.body).toContain("Running since");
    expect(seen.body).not.toContain(`action="${EVAL}/stop"`);
    const readerCsrf = hiddenValue((await reader.get("/account")).body, "csrf");
    expect((await reader.post(`${EVAL}/stop`, { csrf: readerCsrf })).status).toBe(403);
    const helpdesk = await signedIn(PEOPLE.helpdesk, t);
    expect((await helpdesk.get(EVAL)).status).toBe(403);

    // Adopting strands budi: the page asks for the loss to be confirmed first, with the simulation.
    const refused = await ga.post(`${EVAL}/adopt`, { csrf });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Confirm the loss before adopting the draft.");
    expect(refused.body).toContain("budi@contoh.example");
    expect((await t.composed.stores.policy.current())?.policy.scope).toBe("all");
    const adopted = await ga.post(`${EVAL}/adopt`, { csrf, confirmLoss: "yes" });
    expect(adopted.location).toBe(`${EVAL}?notice=adopted`);
    expect((await t.composed.stores.policy.current())?.policy.scopeGroups).toEqual(["finance"]);
    expect((await ga.get(EVAL)).body).toContain("adopted as the policy");
  });
});
