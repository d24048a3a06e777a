/** Where a flow goes once its last gate is passed (SPEC §6.6 item 4), and how an unlock-only flow may end. */
import type { ResetFlow } from "./reset-flow.js";

/** PASSWORD for a reset, UNLOCKING for "unlock only" (SPEC §6.5). */
export function stateAfterGates(flow: Pick<ResetFlow, "action">): "password" | "unlocking" {
  return flow.action === "unlock" ? "unlocking" : "password";
}

/** The end reason of a flow whose user chose "Finish" on NOT_LOCKED: they ended it themselves, nothing changed. */
export const FINISHED_NOT_LOCKED = "finished_not_locked";
