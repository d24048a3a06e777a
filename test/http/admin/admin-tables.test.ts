/**
 * The admin tables page and sort (issue 12 item 9) through one helper. Threats: an edited link (`?page=abc`,
 * `?sort=drop`) answered with a 500 or a 400 instead of the list; a page size a link can raise; a sort a screen reader
 * cannot hear (`aria-sort`); times in UTC or the server's zone instead of the organisation's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import type { PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
const GA = { userId: "ayu@contoh.example", password: PASSWORD };
const GROUPS = 52;
const groupName = (index: number) => `team-${String(index).padStart(2, "0")}`;

/** The first cell's text of each body row (the group names, the token names). */
function firstColumn(body: string): string[] {
  const rows = /<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? "";
  return [...rows.matchAll(/<tr><td data-label="[^"]*">(?:<a [^>]*>)?([^<]*)/g)].map((match) => match[1] ?? "");
}

describe("the admin tables", () => {
  let t: TestApp;
  let client: PageClient;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.user({ ...GA, verifiedEmail: "ayu@mail.example", passkey: true, roles: ["global_admin"] });
    await t.seed.policy({
      scope: "all",
      "registration.requiredAtSignIn": "off",
      "organisation.timeZone": "Asia/Jakarta",
    });
    for (let index = 1; index <= GROUPS; index++)
      await t.composed.services.adminActions.createGroup(CONSOLE_ACTOR, { name: groupName(index), description: "" });
    for (const userId of ["eka@contoh.example", "fajar@contoh.example"]) {
      await t.seed.user({ userId, password: PASSWORD });
      await t.seed.addToGroup(groupName(7), userId);
    }
    for (const name of ["Nightly sync", "Audit export"])
      await t.composed.services.adminActions.createApiToken(CONSOLE_ACTOR, {
        name,
        role: "reports_reader",
        expiresInDays: 30,
      });
    ({ client } = await freshSession(t, GA));
  });
  afterAll(async () => t.close());

  it("the group list pages 50 at a time by name, with aria-sort on the sorted header and links that keep the order", async () => {
    const first = await client.get("/admin/groups");
    expect(firstColumn(first.body)).toHaveLength(50);
    expect(firstColumn(first.body)[0]).toBe("team-01");
    expect(first.body).toMatch(
      /<th scope="col" aria-sort="ascending"><a href="\/admin\/groups\?sort=name&amp;dir=desc">/,
    );
    expect(first.body).toContain('href="/admin/groups?sort=name&amp;dir=asc&amp;page=2" rel="next"');
    const second = await client.get("/admin/groups?sort=name&dir=asc&page=2");
    expect(firstColumn(second.body)).toEqual([groupName(51), groupName(52)]);
    const descending = await client.get("/admin/groups?sort=name&dir=desc");
    expect(firstColumn(descending.body)[0]).toBe(groupName(52));
    expect(descending.body).toContain('aria-sort="descending"');
    const byMembers = await client.get("/admin/groups?sort=members&dir=desc");
    expect(firstColumn(byMembers.body)[0]).toBe(groupName(7));
    expect(byMembers.body.match(/aria-sort=/g)).toHaveLength(1);
  });

  it("edited links fall back to the defaults on every list, never a 400 or a 500", async () => {
    const odd = "page=abc&sort=drop%20table&dir=sideways";
    for (const path of ["/admin/groups", "/admin/tokens", "/admin/policy/versions", "/admin/users"]) {
      const page = await client.get(`${path}?${odd}&state=bogus&locked=maybe`);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain("aria-sort=");
    }
    const groups = await client.get(`/admin/groups?${odd}`);
    expect(firstColumn(groups.body)[0]).toBe("team-01");
    // A page past the end shows the last page; the page size is the list's own, whatever the link says.
    const far = await client.get("/admin/groups?page=99999&size=1000");
    expect(firstColumn(far.body)).toEqual([groupName(51), groupName(52)]);
  });

  it("API tokens sort by name and show their times in the organisation's zone, not UTC", async () => {
    const tokens = await client.get("/admin/tokens?sort=name&dir=asc");
    expect(firstColumn(tokens.body)).toEqual(["Audit export", "Nightly sync"]);
    expect(tokens.body).toContain("GMT+7");
    expect(tokens.body).not.toMatch(/\d{2}:\d{2} UTC/);
    const reversed = await client.get("/admin/tokens?sort=name&dir=desc");
    expect(firstColumn(reversed.body)).toEqual(["Nightly sync", "Audit export"]);
  });

  it("policy versions list newest first and sort by who saved them", async () => {
    const versions = await client.get("/admin/policy/versions");
    expect(versions.status).toBe(200);
    expect(versions.body).toMatch(
      /<th scope="col" aria-sort="descending"><a href="\/admin\/policy\/versions\?sort=version&amp;dir=asc">/,
    );
    expect((await client.get("/admin/policy/versions?sort=who&dir=asc")).body).toMatch(
      /aria-sort="ascending"><a href="\/admin\/policy\/versions\?sort=who/,
    );
  });

  it("a user page leads a reader of the whole log to every audit event about the user", async () => {
    const ref = (await t.composed.stores.users.findUserByUserId("eka@contoh.example"))?.ref ?? "";
    const page = await client.get(`/admin/users/${encodeURIComponent(ref)}`);
    expect(page.body).toContain('href="/admin/audit?target=eka%40contoh.example"');
    expect((await client.get("/admin/audit?target=eka%40contoh.example")).status).toBe(200);
  });

  it("the user list sorts by its headers too", async () => {
    const users = await client.get("/admin/users?sort=user_id&dir=desc");
    expect(firstColumn(users.body)).toEqual(["fajar@contoh.example", "eka@contoh.example", "ayu@contoh.example"]);
    expect(users.body).toMatch(
      /<th scope="col" aria-sort="descending"><a href="\/admin\/users\?[^"]*sort=user_id&amp;dir=asc/,
    );
  });
});
