/** Shared set-up of the admin API tests: a Global admin, tokens made by them or the console, and a JSON caller. */
import type { LightMyRequestResponse } from "fastify";
import { type AdminActor, CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import type { NewApiToken } from "../../../src/domain/admin/api-tokens.js";
import type { TestApp } from "../../support/build-test-app.js";

export const PASSWORD = "Right-Password-1";
export const GA = { userId: "ayu@contoh.example", roles: ["global_admin"] as const };

/** Seeds the Global admin and returns them as the portal's actor (their tokens name them as owner). */
export async function seedGlobalAdmin(t: TestApp): Promise<AdminActor> {
  const ref = await t.seed.user({ ...GA, password: PASSWORD, verifiedEmail: "ayu@mail.example", passkey: true });
  return { type: "admin", ref, userId: GA.userId, roles: ["global_admin"], ip: "10.1.1.1", client: "test" };
}

/** A token's secret and id; created by `actor` (the console when not given). */
export async function tokenFor(
  t: TestApp,
  input: Partial<NewApiToken> & Pick<NewApiToken, "role">,
  actor: AdminActor = CONSOLE_ACTOR,
): Promise<{ id: string; secret: string }> {
  const created = await t.composed.services.adminActions.createApiToken(actor, {
    name: "test",
    expiresInDays: 30,
    ...input,
  });
  if (!created.ok) throw new Error(created.reason);
  return { id: created.value.token.id, secret: created.value.secret };
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Calls /api/v1/admin`url` with the token; a non-GET sends `payload` as JSON ({} when not given). */
export function callWith(t: TestApp) {
  return (token: string, method: Method, url: string, payload?: object): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url: `/api/v1/admin${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(method === "GET" ? {} : { payload: payload ?? {} }),
    });
}

/** Audit events of `activity`, oldest first. */
export function eventsOf(t: TestApp, activity: string) {
  return t.db.selectFrom("audit_event").selectAll().where("activity", "=", activity).orderBy("seq").execute();
}
