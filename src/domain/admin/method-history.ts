/**
 * A user's method history for the admin user page (issue 12 item 5): each method registered, changed, removed or
 * used, newest first, its value only masked as SPEC §4.2 says (the history stores nothing else).
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { MethodEvent } from "../registration/registration-ports.js";
import { type AdminActor, actorMay } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";

export const METHOD_HISTORY_SHOWN = 30;

export async function methodHistory(
  deps: AdminDeps,
  actor: AdminActor,
  ref: string,
): Promise<Outcome<MethodEvent[], "forbidden">> {
  if (!actorMay(actor, "methods.view")) return fail("forbidden");
  // The history store is one of the transaction's stores; a read-only transaction keeps AdminDeps as it is.
  const events = await deps.unitOfWork.inTransaction((stores) =>
    stores.methodHistory.listForUser(ref, METHOD_HISTORY_SHOWN),
  );
  return succeed(events);
}
