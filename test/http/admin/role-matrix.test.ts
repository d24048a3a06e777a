/**
 * The generated role matrix (issue 12): every admin page and admin API operation, collected as the app adds them,
 * against every role and scope, must answer allowed or 403 exactly as CAPABILITIES and mayActOn say. Threats: a new
 * route without a declared capability; a role acting beyond its capabilities, above its rank, or outside its group.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import {
  ACTING_CAPABILITIES,
  type Capability,
  CAPABILITIES,
  may,
  mayActOn,
  SCOPED_CAPABILITIES,
} from "../../../src/domain/admin/admin-permissions.js";
import type { AdminRole } from "../../../src/domain/users.js";
import { freshSession } from "../../support/admin-session.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import type { PageClient } from "../../support/page-client.js";

const PASSWORD = "Right-Password-1";
type Scope = "unscoped" | "in" | "out";
interface ActorCase {
  readonly name: string;
  readonly role: AdminRole | "none";
  readonly scope: Scope;
}
const UNSCOPED: readonly (AdminRole | "none")[] = [
  "global_admin",
  "user_admin",
  "helpdesk_admin",
  "password_admin",
  "reports_reader",
  "none",
];
const SCOPABLE: readonly AdminRole[] = ["user_admin", "helpdesk_admin", "password_admin"];
const CASES: readonly ActorCase[] = [
  ...UNSCOPED.map((role) => ({ name: role, role, scope: "unscoped" as const })),
  ...SCOPABLE.flatMap((role) =>
    (["in", "out"] as const).map((scope) => ({ name: `${role} scoped ${scope}`, role, scope })),
  ),
];
/** Both targets are in "Branch Desk", which is inside "Branch": scope "in" is Branch (nested), "out" is Elsewhere. */
const TARGETS = [
  { userId: "tina@contoh.example", roles: [] as AdminRole[] },
  { userId: "umar@contoh.example", roles: ["user_admin"] as AdminRole[] },
];
type Target = (typeof TARGETS)[number] & { ref: string };

interface AdminRoute {
  readonly method: string;
  readonly url: string;
  readonly capability: Capability | undefined;
}

/** What the table says: the role has the capability; a scoped role only the per-user ones, on its group's members; acting on a user needs the rank. */
function expectedAllowed(actor: ActorCase, capability: Capability, target: Target | null): boolean {
  if (actor.role === "none" || !may([actor.role], capability)) return false;
  if (actor.scope !== "unscoped" && !SCOPED_CAPABILITIES.includes(capability)) return false;
  if (target === null) return true;
  if (actor.scope === "out") return false;
  return !ACTING_CAPABILITIES.includes(capability) || mayActOn([actor.role], target.roles);
}

const isTargeted = (url: string) => url.includes(":ref") || url.includes(":userId") || url.endsWith("/diagnose");
const emailOf = (name: string) => `${name.replaceAll(" ", ".")}@mail.example`;
const userIdOf = (name: string) => `${name.replaceAll(" ", ".")}@contoh.example`;

function formFor(url: string): Record<string, string> {
  if (url.endsWith("/reset")) return { choice: "generate", mustChange: "on" };
  if (url.endsWith("/release-hold")) return { note: "Checked with the user by phone." };
  return {};
}

function jsonFor(url: string): Record<string, unknown> {
  if (url.endsWith("/release-hold")) return { note: "Checked with the user by phone." };
  if (url === "/api/v1/admin/policy" || url.endsWith("/policy/simulate")) return { settings: { methodsToReset: "1" } };
  if (url.endsWith("/policy/validate") || url.endsWith("/policy/settings"))
    return { key: "methodsToReset", value: "1" };
  return {};
}

describe("the generated role matrix", () => {
  let t: TestApp;
  const routes: AdminRoute[] = [];
  const targets: Target[] = [];
  const sessions = new Map<string, { client: PageClient; csrf: string }>();
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await buildTestApp({
      onRoute: (route) => {
        const url = route.url;
        if (!url.startsWith("/admin") && !url.startsWith("/api/v1/admin")) return;
        const capability = (route.config as { capability?: Capability } | undefined)?.capability;
        for (const method of [route.method].flat()) if (method !== "HEAD") routes.push({ method, url, capability });
      },
    });
    await t.seed.organisation();
    const admin = t.composed.services.adminActions;
    for (const group of ["Branch", "Branch Desk", "Elsewhere"])
      await admin.addGroup(CONSOLE_ACTOR, { name: group, description: "" });
    await admin.addSubgroup(CONSOLE_ACTOR, { parent: "Branch", child: "Branch Desk" });
    for (const target of TARGETS) {
      const ref = await t.seed.user({ ...target, password: PASSWORD, groups: ["Branch Desk"] });
      targets.push({ ...target, ref });
    }
    for (const actor of CASES) {
      const userId = userIdOf(actor.name);
      const unscoped = actor.role !== "none" && actor.scope === "unscoped" ? [actor.role] : [];
      await t.seed.user({
        userId,
        password: PASSWORD,
        verifiedEmail: emailOf(actor.name),
        passkey: true,
        roles: unscoped,
      });
      const group = actor.scope === "in" ? "Branch" : "Elsewhere";
      if (actor.role !== "none" && actor.scope !== "unscoped") {
        const granted = await admin.grantRole(CONSOLE_ACTOR, { userId, role: actor.role, group });
        expect(granted.ok).toBe(true);
      }
      sessions.set(actor.name, await freshSession(t, { userId, password: PASSWORD }));
      if (actor.role === "none") continue;
      const created = await admin.createApiToken(CONSOLE_ACTOR, {
        name: actor.name,
        role: actor.role,
        ...(actor.scope === "unscoped" ? {} : { group }),
        expiresInDays: 30,
      });
      if (!created.ok) throw new Error(created.reason);
      tokens.set(actor.name, created.value.secret);
    }
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
  }, 300_000);
  afterAll(async () => t.close());

  it("collects the admin pages and the admin API, and every one of them declares a known capability", () => {
    expect(routes.filter((route) => route.url.startsWith("/admin")).length).toBeGreaterThanOrEqual(14);
    expect(routes.filter((route) => route.url.startsWith("/api/v1/admin")).length).toBeGreaterThanOrEqual(16);
    const undeclared = routes.filter((route) => route.capability === undefined || !(route.capability in CAPABILITIES));
    expect(undeclared, "routes under /admin or /api/v1/admin without config.capability").toEqual([]);
  });

  it("creating, renaming, deleting and nesting groups declare groups.manage, which no group-scoped role grants", () => {
    expect(SCOPED_CAPABILITIES).not.toContain("groups.manage");
    const groupChanges = routes.filter(
      (route) =>
        route.method !== "GET" &&
        /\/groups(\/:name(\/(rename|delete|subgroups(\/:child)?))?)?$/.test(route.url) &&
        !route.url.includes("/members"),
    );
    // Portal: create, rename, delete, subgroups; API: create, delete, subgroup in and out.
    expect(groupChanges.map((route) => `${route.method} ${route.url}`).sort()).toEqual([
      "DELETE /api/v1/admin/groups/:name",
      "DELETE /api/v1/admin/groups/:name/subgroups/:child",
      "POST /admin/groups",
      "POST /admin/groups/:name/delete",
      "POST /admin/groups/:name/rename",
      "POST /admin/groups/:name/subgroups",
      "POST /api/v1/admin/groups",
      "PUT /api/v1/admin/groups/:name/subgroups/:child",
    ]);
    expect(groupChanges.filter((route) => route.capability !== "groups.manage")).toEqual([]);
  });

  /** Puts both targets on security hold, so "release hold" has something to release for whoever may. */
  async function holdTargets(): Promise<void> {
    await t.db.updateTable("account").set({ security_hold_at: t.clock.now() }).execute();
    await t.db
      .updateTable("account")
      .set({ security_hold_at: null })
      .where(
        "ref",
        "not in",
        targets.map((target) => target.ref),
      )
      .execute();
  }

  /**
   * The user a request acts on: the target itself, or for a delete a fresh user just like it (same roles, same group),
   * so an allowed delete never takes the target away from the routes and roles checked after it.
   */
  async function refFor(route: AdminRoute, target: Target): Promise<string> {
    if (route.method !== "POST" || !route.url.endsWith("/delete")) return target.ref;
    return (await lookAlike(target)).ref;
  }

  /** A fresh user just like the target (same roles, same group). */
  async function lookAlike(target: Target): Promise<{ ref: string; userId: string }> {
    const userId = `${String(Date.now())}.${String(Math.random()).slice(2, 8)}.${target.userId}`;
    const ref = await t.seed.user({ userId, password: PASSWORD, groups: ["Branch Desk"], roles: target.roles });
    return { ref, userId };
  }

  /** The user ID an API request names: a look-alike for a delete of the user, as on the portal. */
  async function apiUserIdFor(route: AdminRoute, target: Target): Promise<string> {
    if (route.method !== "DELETE" || route.url !== "/api/v1/admin/users/:userId") return target.userId;
    return (await lookAlike(target)).userId;
  }

  async function portalStatus(actor: ActorCase, route: AdminRoute, target: Target | null): Promise<number> {
    const session = sessions.get(actor.name);
    if (session === undefined) throw new Error(actor.name);
    const ref = target === null ? null : await refFor(route, target);
    const path =
      target === null || ref === null
        ? route.url
        : route.url.replace(":ref", ref) + (route.url.endsWith("/diagnose") ? `?q=${target.userId}` : "");
    if (route.method === "GET") return (await session.client.get(path)).status;
    await holdTargets();
    return (await session.client.post(path, { csrf: session.csrf, ...formFor(route.url) })).status;
  }

  async function apiStatus(actor: ActorCase, route: AdminRoute, target: Target | null): Promise<number> {
    const token = tokens.get(actor.name);
    const userId = target === null ? null : await apiUserIdFor(route, target);
    let url = userId === null ? route.url : route.url.replace(":userId", encodeURIComponent(userId));
    if (route.url.endsWith("/diagnose")) url += `?q=${encodeURIComponent(target?.userId ?? "")}`;
    if (route.method !== "GET") await holdTargets();
    const response = await t.app.inject({
      method: route.method as "GET",
      url,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      ...(route.method === "GET" ? {} : { payload: jsonFor(route.url) }),
    });
    return response.statusCode;
  }

  for (const actor of CASES)
    it(`${actor.name}: every admin route answers allowed or 403 as the table says`, async () => {
      const wrong: string[] = [];
      for (const route of routes) {
        const capability = route.capability as Capability;
        for (const target of isTargeted(route.url) ? targets : [null]) {
          const allowed = expectedAllowed(actor, capability, target);
          const isApi = route.url.startsWith("/api/");
          const status = isApi ? await apiStatus(actor, route, target) : await portalStatus(actor, route, target);
          const refusal = isApi && actor.role === "none" ? 401 : 403;
          const right = allowed ? status !== refusal && status !== 401 && status < 500 : status === refusal;
          if (!right)
            wrong.push(
              `${route.method} ${route.url} on ${target?.userId ?? "-"}: ${status}, expected ${allowed ? "allowed" : refusal}`,
            );
        }
      }
      expect(wrong).toEqual([]);
    }, 120_000);

  it("every admin form refuses a post without this session's CSRF token, or from another origin (a global admin)", async () => {
    const session = sessions.get("global_admin");
    if (session === undefined) throw new Error("no session");
    const posts = routes.filter((route) => route.method === "POST" && route.url.startsWith("/admin"));
    expect(posts.length).toBeGreaterThanOrEqual(5);
    const target = targets[0] as Target;
    for (const route of posts) {
      const path = route.url.replace(":ref", target.ref);
      const form = formFor(route.url);
      expect((await session.client.post(path, form)).status, `${path} without a token`).toBe(403);
      expect((await session.client.post(path, { ...form, csrf: `${session.csrf}x` })).status, path).toBe(403);
      const crossSite = await session.client.post(
        path,
        { ...form, csrf: session.csrf },
        { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      );
      expect(crossSite.status, `${path} from another origin`).toBe(403);
    }
  });

  it("the admin API refuses a request that carries only a global admin's session cookie", async () => {
    const session = sessions.get("global_admin");
    if (session === undefined) throw new Error("no session");
    const cookie = [...session.client.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const target = targets[0] as Target;
    for (const url of ["/api/v1/admin/policy", `/api/v1/admin/users/${target.userId}/revoke-sessions`]) {
      const response = await t.app.inject({
        method: url.endsWith("policy") ? "GET" : "POST",
        url,
        headers: { cookie },
        ...(url.endsWith("policy") ? {} : { payload: {} }),
      });
      expect([400, 401], url).toContain(response.statusCode);
    }
    // With a valid token beside the cookie it is still a browser's request: refused.
    const withToken = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/policy",
      headers: { cookie, authorization: `Bearer ${tokens.get("global_admin") ?? ""}` },
    });
    expect(withToken.statusCode).toBe(400);
  });
});
