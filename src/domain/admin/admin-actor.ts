/**
 * Who runs an admin action: a signed-in admin (the portal), an API token (the admin API) or the host's console
 * (`sandi …`, SPEC §2's break-glass, audited as "system (console)"). Every action asks `actorMay` and `actorMayOn`
 * before it writes. An admin's or a token's role may be limited to the members of one group (like Entra's
 * administrative units): such an assignment grants only the per-user capabilities, and only on that group's members.
 */
import type { AuditEvent } from "../audit-events.js";
import type { AdminRole } from "../users.js";
import { type Capability, may, mayActOn, SCOPED_CAPABILITIES } from "./admin-permissions.js";

/** One role held, unscoped (null) or limited to the members of `scopeGroup` (nested membership counts). */
export interface RoleAssignment {
  readonly role: AdminRole;
  readonly scopeGroup: string | null;
}

/** Whom an action aims at: their roles decide the rank, `memberOf` (every group, nested ones too) the scope. */
export interface ActTarget {
  readonly ref: string;
  readonly roles: readonly AdminRole[];
  readonly memberOf: readonly string[];
}

export type AdminActor =
  | { readonly type: "console" }
  | {
      readonly type: "admin";
      readonly ref: string;
      readonly userId: string;
      /** Every role held, whatever its scope. */
      readonly roles: readonly AdminRole[];
      /** The roles with their scopes; absent means every role in `roles` is unscoped. */
      readonly assignments?: readonly RoleAssignment[];
      readonly ip: string;
      readonly client: string;
    }
  | {
      readonly type: "token";
      readonly tokenId: string;
      readonly name: string;
      /** The account of the global admin who created the token: it never acts on that account (SPEC §2). */
      readonly ownerRef: string | null;
      /** That admin's user ID, which the audit names as the actor beside the token's id (null: a console token). */
      readonly ownerUserId?: string | null;
      readonly assignment: RoleAssignment;
      readonly ip: string;
      readonly client: string;
    };

/** The console: whoever has a shell on the host already holds every key, so it may do everything. */
export const CONSOLE_ACTOR: AdminActor = { type: "console" };

/** The actor's role assignments (the console has none: it is above them). */
export function assignmentsOf(actor: AdminActor): readonly RoleAssignment[] {
  if (actor.type === "console") return [];
  if (actor.type === "token") return [actor.assignment];
  return actor.assignments ?? actor.roles.map((role) => ({ role, scopeGroup: null }));
}

/** True when `assignment` grants `capability` somewhere: a scoped one only the per-user capabilities. */
function grants(assignment: RoleAssignment, capability: Capability): boolean {
  if (!may([assignment.role], capability)) return false;
  return assignment.scopeGroup === null || SCOPED_CAPABILITIES.includes(capability);
}

/** True when the actor's roles grant `capability` (for a scoped role: on some user of its group). */
export function actorMay(actor: AdminActor, capability: Capability): boolean {
  return actor.type === "console" || assignmentsOf(actor).some((assignment) => grants(assignment, capability));
}

/** The account the actor stands for, which no admin action may target (SPEC §2: no admin reset of oneself). */
function ownRefOf(actor: AdminActor): string | null {
  if (actor.type === "admin") return actor.ref;
  if (actor.type === "token") return actor.ownerRef;
  return null;
}

function inScope(assignment: RoleAssignment, target: ActTarget): boolean {
  return assignment.scopeGroup === null || target.memberOf.includes(assignment.scopeGroup);
}

/**
 * True when the actor may use `capability` on `target`: one assignment grants the capability, outranks or equals
 * the target (SPEC §2 note 1) and, when scoped, has the target inside its group. Never on the actor's own account.
 */
export function actorMayOn(actor: AdminActor, capability: Capability, target: ActTarget): boolean {
  if (actor.type === "console") return true;
  if (ownRefOf(actor) === target.ref) return false;
  return assignmentsOf(actor).some(
    (assignment) =>
      grants(assignment, capability) && mayActOn([assignment.role], target.roles) && inScope(assignment, target),
  );
}

/** True when the actor may act on `target` at all (rank and scope, any capability); never on their own account. */
export function actorMayActOn(actor: AdminActor, target: ActTarget): boolean {
  if (actor.type === "console") return true;
  if (ownRefOf(actor) === target.ref) return false;
  return assignmentsOf(actor).some(
    (assignment) => mayActOn([assignment.role], target.roles) && inScope(assignment, target),
  );
}

/**
 * Which users a look-up by this actor may return: null for everyone (an unscoped role grants one of
 * `capabilities`), else the groups whose members it may see (empty: nobody).
 */
export function lookUpScopeOf(actor: AdminActor, capabilities: readonly Capability[]): readonly string[] | null {
  if (actor.type === "console") return null;
  const granting = assignmentsOf(actor).filter((assignment) =>
    capabilities.some((capability) => grants(assignment, capability)),
  );
  if (granting.some((assignment) => assignment.scopeGroup === null)) return null;
  return [...new Set(granting.map((assignment) => assignment.scopeGroup ?? ""))];
}

/** The audit fields naming the actor; a token's role travels in `client` (the log has no role column). */
export function auditActorOf(actor: AdminActor): Pick<AuditEvent, "actor" | "ip" | "client"> {
  if (actor.type === "console") return { actor: { type: "system", id: "console" } };
  if (actor.type === "token") {
    // The token acts for the global admin who created it: the audit names both (the owner as actor_user_id).
    const owner = actor.ownerUserId ?? null;
    const named =
      owner === null
        ? { type: "token" as const, id: actor.tokenId }
        : { type: "token" as const, id: actor.tokenId, userId: owner };
    return { actor: named, ip: actor.ip, client: tokenClient(actor) };
  }
  return { actor: { type: "admin", id: actor.ref, userId: actor.userId }, ip: actor.ip, client: actor.client };
}

function tokenClient(actor: Extract<AdminActor, { type: "token" }>): string {
  const { role, scopeGroup } = actor.assignment;
  const scope = scopeGroup === null ? "" : ` in ${scopeGroup}`;
  return `API token "${actor.name}" (${role}${scope}); ${actor.client}`;
}

/** The actor as a record names them: "console", `admin:<ref>` or `token:<id>`. */
export function actorLabelOf(actor: AdminActor): string {
  if (actor.type === "console") return "console";
  return actor.type === "token" ? `token:${actor.tokenId}` : `admin:${actor.ref}`;
}

/** Where a notice about the action says it came from. */
export function noticeOriginOf(actor: AdminActor, host: string): { ip: string; client: string } {
  if (actor.type === "console") return { ip: host, client: "Sandi console (system)" };
  if (actor.type === "token") return { ip: actor.ip, client: tokenClient(actor) };
  return { ip: actor.ip, client: actor.client };
}
