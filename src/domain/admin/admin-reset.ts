/**
 * The admin reset (SPEC §10): a generated temporary password (the default) or one the admin typed, which must pass
 * the full policy; must-change on unless the admin turned it off; then SPEC §9.1's admin-reset row. The password is
 * handed back once to whoever asked and is never stored, logged, audited or emailed.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { checkNewPassword, type PasswordViolation } from "../policies/password-policy.js";
import type { PasswordWriteRefusal } from "../ports.js";
import { applySecurityEffects } from "../security-effects.js";
import type { UserAccount } from "../users.js";
import { eventsFor, noticeSettings, policyInForce } from "./access-actions.js";
import type { AdminActor } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";
import { generateAcceptedTemporaryPassword } from "./temporary-password.js";

export interface TemporaryPasswordSet {
  readonly user: AdminUserView;
  /** Shown once to whoever asked; never stored, logged, audited or emailed. */
  readonly temporaryPassword: string;
}

/** How the admin chose the password: generated (the default), or typed twice. */
export type AdminResetChoice =
  | { readonly kind: "generate" }
  | { readonly kind: "type"; readonly password: string; readonly confirmation: string };

export interface AdminResetOptions {
  readonly choice?: AdminResetChoice;
  /** Require a change at the next sign-in (SPEC §10: on by default). */
  readonly mustChange?: boolean;
}

/** A typed password the policy refuses, with the rules it breaks (no password in it). */
export interface TypedPasswordRefused {
  readonly ok: false;
  readonly reason: "policy";
  readonly violations: readonly PasswordViolation[];
}

type ResetRefusal = AdminRefusal | PasswordWriteRefusal["reason"];

/** The password to write: generated for this person, or the typed one when it passes every rule. */
async function chosenPassword(
  deps: AdminDeps,
  person: UserAccount,
  choice: AdminResetChoice,
): Promise<{ readonly ok: true; readonly value: string } | TypedPasswordRefused> {
  const accepted = (value: string) => ({ ok: true, value }) as const;
  const policy = await policyInForce(deps);
  const organisation = await deps.directoryAdmin.getOrganisation();
  const organisationName = organisation?.name ?? deps.configured.organisation.name;
  const bannedList = deps.bannedList();
  if (choice.kind === "generate")
    return accepted(
      generateAcceptedTemporaryPassword(deps.random, { policy: policy.password, person, organisationName, bannedList }),
    );
  const violations = checkNewPassword(choice.password, {
    policy: policy.password,
    userTerms: person,
    organisationName,
    bannedList,
    confirmation: choice.confirmation,
  });
  return violations.length === 0 ? accepted(choice.password) : { ok: false, reason: "policy", violations };
}

/**
 * Writes the password through the directory (outside any transaction, as every password write), then must-change
 * and SPEC §9.1's admin-reset row (sessions revoked, flows cancelled, locks cleared, notices) in one transaction.
 */
export async function setTemporaryPassword(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
  options: AdminResetOptions = {},
): Promise<Outcome<TemporaryPasswordSet, ResetRefusal> | TypedPasswordRefused> {
  const found = await targetFor(deps, actor, "password.reset", userId);
  if (!found.ok) return found;
  const user = found.value;
  const person = await deps.users.findUserByRef(user.ref);
  if (person === null) return fail("not_found");
  const chosen = await chosenPassword(deps, person, options.choice ?? { kind: "generate" });
  if (!chosen.ok) return chosen;
  const policy = await policyInForce(deps);
  const written = await deps.directory.setPassword(person, chosen.value, {
    historyDepth: policy.password.history,
    cause: "admin_set",
    now: deps.clock.now(),
  });
  if (!written.ok) return fail(written.reason);
  const notify = await noticeSettings(deps, actor, policy);
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.accounts.setMustChangePassword(user.ref, options.mustChange ?? true);
    // Unused, it stops signing in after 72 h (SPEC §10); the first sign-in with it lifts the mark.
    await stores.accounts.markTemporaryPassword(user.ref, now);
    // SPEC §9.4: the other admins are told which administrator (or the console) reset a privileged user.
    const actedBy =
      actor.type === "console"
        ? "console"
        : { userId: actor.type === "admin" ? actor.userId : `API token "${actor.name}"` };
    const effects = await applySecurityEffects(stores, { cause: "admin_reset", user, now, notify, actedBy });
    // Must-change off is the exception an auditor looks for; the default leaves the event as it always was.
    const changes = options.mustChange === false ? [{ field: "mustChangePassword", old: null, new: false }] : [];
    await stores.audit.append(
      eventsFor(actor, user, now, [
        { activity: "password.reset.admin", result: "success", ...(changes.length > 0 ? { changes } : {}) },
        { activity: "sessions.revoked", result: "success", reason: `admin_reset:${String(effects.sessionsEnded)}` },
      ]),
    );
  });
  return succeed({ user, temporaryPassword: chosen.value });
}
