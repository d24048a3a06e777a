/**
 * A user's method history for the admin user page and the admin API (issue 12 item 5): each method registered,
 * changed, removed or used, newest first, its value only masked as SPEC §4.2 says (the history stores nothing else).
 * Read like the user page: `methods.view`, and for a group-scoped admin only a user inside their scope.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { MethodEvent } from "../registration/registration-ports.js";
import { type AdminActor, actorMay } from "./admin-actor.js";
import type { AdminDeps, AdminRefusal } from "./admin-deps.js";
import { isInLookUpScope } from "./user-overview.js";

export const METHOD_HISTORY_SHOWN = 30;

export async function methodHistory(
  deps: AdminDeps,
  actor: AdminActor,
  ref: string,
): Promise<Outcome<MethodEvent[], AdminRefusal>> {
  if (!actorMay(actor, "methods.view")) return fail("forbidden");
  const user = await deps.directoryAdmin.findUserByRef(ref);
  if (user === null) return fail("not_found");
  // The same scope check as the user page: a scoped admin reads the history of their group's members only.
  if (!isInLookUpScope(actor, user)) return fail("forbidden");
  // The history store is one of the transaction's stores; a read-only transaction keeps AdminDeps as it is.
  const events = await deps.unitOfWork.inTransaction((stores) =>
    stores.methodHistory.listForUser(user.ref, METHOD_HISTORY_SHOWN),
  );
  return succeed(events);
}
