/**
 * `GET /admin/diagnose` (SPEC §13.1). Threats: an ordinary user or a reports reader reading another user's security
 * state through the troubleshooter; the page leaking a registered address or number in full.
 */
import {} from "../../support/seed.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey } from "../../../src/domain/policies/attempt-policy.js";
import { sampleFlow } from "../../contracts/store-fixtures.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { signedInClient } from "../../support/admin-session.js";
import type { PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const ADMIN_METHODS = (local: string) => ({ verifiedEmail: `${local}@mail.example`, passkey: true });
const PEOPLE = {
  helpdesk: { userId: "hana@contoh.example", firstName: "Hana", lastName: "Wijaya", roles: ["helpdesk_admin"] },
  reports: { userId: "rudi@contoh.example", firstName: "Rudi", lastName: "Hartono", roles: ["reports_reader"] },
  user: { userId: "budi@contoh.example", firstName: "Budi", lastName: "Santoso", roles: [] },
  // The demo's Putri: registered nothing, so she cannot reset (SND-107).
  stranded: { userId: "putri.maharani@contoh.example", firstName: "Putri", lastName: "Maharani", roles: [] },
} as const;

/** Signs in; an admin also passes the second factor (SPEC §2). */
const signedIn = (t: TestApp, person: (typeof PEOPLE)[keyof typeof PEOPLE]): Promise<PageClient> =>
  signedInClient(t, { userId: person.userId, password: PASSWORD });

/** The markup of one check, from its heading to the next check's. */
function checkBlock(body: string, heading: string): string {
  const start = body.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const next = body.indexOf("<h3", start + 1);
  return body.slice(start, next === -1 ? undefined : next);
}

describe("Diagnose this user", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    for (const person of Object.values(PEOPLE)) {
      const methods = person.roles.length > 0 ? ADMIN_METHODS(person.firstName.toLowerCase()) : {};
      await t.seed.user({ ...person, ...methods, password: PASSWORD });
    }
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  });
  afterAll(async () => t.close());

  it("a helpdesk admin finds why a user cannot reset: methods fail with SND-107 and its fix", async () => {
    const client = await signedIn(t, PEOPLE.helpdesk);
    const response = await client.get(`/admin/diagnose?q=${encodeURIComponent(" Putri.Maharani@contoh.example ")}`);
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.body;
    expect(body).toContain("Checks for putri.maharani@contoh.example (Putri Maharani)");
    const methods = checkBlock(body, "6. Methods:");
    expect(methods).toContain('<span class="check-status">Fail</span>');
    expect(methods).toContain("Usable methods: 0; a reset needs 1.");
    expect(methods).toContain('<span class="code">SND-107</span>');
    expect(methods).toContain("Ask them to register more methods");
    expect(methods).toContain("Fix:</strong> Ask the user to register more methods");
    expect(methods).toContain("Send a registration reminder");
    expect(checkBlock(body, "1. Account found:")).toContain("Pass");
    expect(checkBlock(body, "10. Directory for this user:")).toContain("Not available");
    // The page works without script: a plain GET form with a labelled field.
    expect(body).toContain('<form method="get" action="/admin/diagnose" role="search">');
    expect(body).toContain('<label for="q">User ID or support code</label>');
    expect(body).not.toContain("<script");
  });

  it("says the same in Indonesian", async () => {
    const client = await signedIn(t, PEOPLE.helpdesk);
    const body = (await client.get("/admin/diagnose?q=putri.maharani@contoh.example&lang=id")).body;
    expect(body).toContain("Pemeriksaan untuk putri.maharani@contoh.example");
    expect(body).toContain("Metode yang dapat digunakan: 0; pengaturan ulang memerlukan 1.");
    expect(body).toContain('<span class="check-status">Gagal</span>');
  });

  it("an unknown user ID says no match, with SND-101", async () => {
    const client = await signedIn(t, PEOPLE.helpdesk);
    const body = (await client.get("/admin/diagnose?q=nobody@contoh.example")).body;
    const first = checkBlock(body, "1. Account found:");
    expect(first).toContain("Fail");
    expect(first).toContain("No account has the user ID “nobody@contoh.example”.");
    expect(first).toContain('<span class="code">SND-101</span>');
  });

  it("finds the user and the hidden reason by a support code typed in lower case", async () => {
    const row = await t.db
      .selectFrom("directory_user")
      .select("ref")
      .where("user_id", "=", PEOPLE.stranded.userId)
      .executeTakeFirstOrThrow();
    const ref = row.ref;
    const now = t.clock.now();
    const flow = sampleFlow({
      supportCode: "QW3E-R7TY",
      userRef: ref,
      typedUserId: PEOPLE.stranded.userId,
      inertReason: "SND-107",
      issuedAt: now,
      expiresAt: new Date(now.getTime() + 900_000),
    });
    await t.composed.stores.flows.create(flow);
    const client = await signedIn(t, PEOPLE.helpdesk);
    const body = (await client.get("/admin/diagnose?q=qw3er7ty")).body;
    expect(body).toContain("Support code QW3E-R7TY");
    expect(checkBlock(body, "13. Recent reset attempts:")).toContain('<span class="code">SND-107</span>');
  });

  it("an empty query asks for one", async () => {
    const client = await signedIn(t, PEOPLE.helpdesk);
    const body = (await client.get("/admin/diagnose?q=")).body;
    expect(body).toContain("Type a user ID or a support code.");
    expect(body).toContain('aria-invalid="true"');
  });

  it("a blocked user's fix links to the helpdesk action that clears the block", async () => {
    const budi = await t.composed.stores.users.findUserByUserId(PEOPLE.user.userId);
    if (budi === null) throw new Error("Budi is missing");
    const until = new Date(t.clock.now().getTime() + 3_600_000);
    await t.composed.stores.throttles.block("A1", accountKey(budi.ref, budi.userId), until);
    const client = await signedIn(t, PEOPLE.helpdesk);
    const body = (await client.get(`/admin/diagnose?q=${encodeURIComponent(PEOPLE.user.userId)}`)).body;
    expect(body).toContain(`href="/admin/users/${budi.ref}/clear-block"`);
    await t.composed.stores.throttles.clear(["A1"], accountKey(budi.ref, budi.userId));
  });

  it("an ordinary user gets 403", async () => {
    const client = await signedIn(t, PEOPLE.user);
    const response = await client.get("/admin/diagnose?q=putri.maharani@contoh.example");
    expect(response.status).toBe(403);
    expect(response.body).not.toContain("Maharani");
  });

  it("a reports reader cannot diagnose a user", async () => {
    const client = await signedIn(t, PEOPLE.reports);
    const response = await client.get("/admin/diagnose?q=putri.maharani@contoh.example");
    expect(response.status).toBe(403);
    // The admin context refuses before the route runs: the route's capability is troubleshoot.run.
    expect(response.body).toContain("Your roles don't allow this for this user.");
    expect(response.body).not.toContain("Maharani");
    const audited = await t.db
      .selectFrom("audit_event")
      .select("id")
      .where("activity", "=", "ops.user.diagnosed")
      .where("actor_user_id", "=", PEOPLE.reports.userId)
      .execute();
    expect(audited).toEqual([]);
  });
});
