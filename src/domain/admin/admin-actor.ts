/**
 * Who runs an admin action: a signed-in admin (the portal, later) or the host's console (`sandi …`, SPEC §2's
 * break-glass, audited as "system (console)"). Every action asks `actorMay` and `actorMayActOn` before it writes.
 */
import type { AuditEvent } from "../audit-events.js";
import type { AdminRole } from "../users.js";
import { type Capability, may, mayActOn } from "./admin-permissions.js";

export type AdminActor =
  | { readonly type: "console" }
  | {
      readonly type: "admin";
      readonly ref: string;
      readonly userId: string;
      readonly roles: readonly AdminRole[];
      readonly ip: string;
      readonly client: string;
    };

/** The console: whoever has a shell on the host already holds every key, so it may do everything. */
export const CONSOLE_ACTOR: AdminActor = { type: "console" };

/** True when the actor's roles grant `capability`. */
export function actorMay(actor: AdminActor, capability: Capability): boolean {
  return actor.type === "console" || may(actor.roles, capability);
}

/**
 * True when the actor may act on a user holding `targetRoles` (SPEC §2 note 1). An admin never acts on their own
 * account through admin actions: they use change password or SSPR like everyone else.
 */
export function actorMayActOn(actor: AdminActor, target: { ref: string; roles: readonly AdminRole[] }): boolean {
  if (actor.type === "console") return true;
  return actor.ref !== target.ref && mayActOn(actor.roles, target.roles);
}

/** The audit fields naming the actor. */
export function auditActorOf(actor: AdminActor): Pick<AuditEvent, "actor" | "ip" | "client"> {
  if (actor.type === "console") return { actor: { type: "system", id: "console" } };
  return { actor: { type: "admin", id: actor.ref, userId: actor.userId }, ip: actor.ip, client: actor.client };
}

/** Where a notice about the action says it came from. */
export function noticeOriginOf(actor: AdminActor, host: string): { ip: string; client: string } {
  return actor.type === "console"
    ? { ip: host, client: "Sandi console (system)" }
    : { ip: actor.ip, client: actor.client };
}
