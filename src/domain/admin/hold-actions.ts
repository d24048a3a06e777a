/**
 * "Release security hold" (SPEC §10, GA and HA): the hold "This wasn't me" set (SPEC §9.3) is lifted with a note of
 * at most 500 characters saying why, audited with the admin as actor. Locks stay: "Unlock" is its own action.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { eventsFor } from "./access-actions.js";
import type { AdminActor } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";

export const HOLD_NOTE_MAX_LENGTH = 500;

export async function releaseSecurityHold(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
  note: string,
): Promise<Outcome<{ user: AdminUserView }, AdminRefusal | "note_required" | "note_too_long" | "not_on_hold">> {
  const trimmed = note.trim();
  if (trimmed === "") return fail("note_required");
  // UTF-16 units, as the textarea's maxlength counts them.
  if (trimmed.length > HOLD_NOTE_MAX_LENGTH) return fail("note_too_long");
  const found = await targetFor(deps, actor, "hold.release", userId);
  if (!found.ok) return found;
  const user = found.value;
  if (user.securityHoldAt === null) return fail("not_on_hold");
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.accounts.setSecurityHold(user.ref, false, now);
    // The note is the admin's own words on why the hold could go: it belongs in the audit trail.
    const changes = [
      { field: "securityHold", old: true, new: false },
      { field: "note", old: null, new: trimmed },
    ];
    const released = {
      activity: "directory.user.changed",
      result: "success",
      reason: "hold_released",
      changes,
    } as const;
    await stores.audit.append(eventsFor(actor, user, now, [released]));
  });
  return succeed({ user });
}
