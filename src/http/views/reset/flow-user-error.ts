/** Which explanation (SPEC §13.3) a reset flow's failure page gets: a block and when it ends, or a reason shown after a gate. */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import { isUserErrorCode, type UserErrorCode } from "../../../domain/user-errors.js";
import { formatDateTime } from "../format-time.js";
import type { UserErrorModel } from "../user-error.js";

/**
 * The explanation for a blocked flow (known and unknown IDs alike: their counters block alike) or a flow that failed
 * with a reason it may show; null for every other state.
 */
export function flowUserError(view: FlowView, lang: "en" | "id", timeZone: string): UserErrorModel | null {
  const id = flowUserErrorCode(view);
  if (id === null) return null;
  if (view.state !== "blocked") return { id };
  return { id, values: { time: view.blockedUntil ? formatDateTime(view.blockedUntil, lang, timeZone) : "" } };
}

/** The code a failure page of this flow explains, or null when the state is no such failure. */
export function flowUserErrorCode(view: FlowView): UserErrorCode | null {
  const shown = view.shownReason !== null && isUserErrorCode(view.shownReason) ? view.shownReason : null;
  if (view.state === "blocked") return shown ?? "SND-301";
  return view.state === "failed" ? shown : null;
}
