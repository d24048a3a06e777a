/**
 * The reset flow's live password check (SPEC §6.7): bound to the flow like a submit (cookie handle, CSRF token, the
 * PASSWORD state, the account still eligible), limited per flow, and answered from the submit's own rules. It moves
 * no state and counts no submission: only the submit decides.
 */
import {
  admitLiveCheck,
  checkCandidatePassword,
  type LiveCheckInput,
  type LiveCheckReport,
} from "../../password-live-check.js";
import { currentEligibility } from "./flow-eligibility.js";
import { loadForSubmission } from "./flow-guard.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";

/** The check's answer: a report, a refusal of the caller or state, or the limit with its Retry-After seconds. */
export type ResetPasswordCheck =
  | { readonly ok: true; readonly report: LiveCheckReport }
  | { readonly ok: false; readonly reason: FlowFailure | "not_eligible" }
  | { readonly ok: false; readonly reason: "limited"; readonly retryAfterSeconds: number };

/** Checks a candidate password for the flow in PASSWORD, as `submitPassword` would, without submitting it. */
export async function checkPasswordLive(
  deps: ResetDeps,
  caller: FlowCaller,
  input: LiveCheckInput,
): Promise<ResetPasswordCheck> {
  const loaded = await loadForSubmission(deps, caller, "submit_password");
  if (!loaded.ok) return loaded;
  const { flow, policy } = loaded.value;
  // Counted before any further work, so a caller past the limit costs one count.
  const admission = await admitLiveCheck(deps, `flow:${flow.id}`, deps.clock.now());
  if (!admission.admitted) return { ok: false, reason: "limited", retryAfterSeconds: admission.retryAfterSeconds };
  const { user, eligibility } = await currentEligibility(deps, flow, policy);
  // The submit would end such a flow; the check only refuses and leaves the ending to the submit.
  if (user === null || eligibility.reason !== null || flow.methodsPassed.length < eligibility.gatesRequired)
    return { ok: false, reason: "not_eligible" };
  const organisation = await deps.organisation();
  const report = await checkCandidatePassword(input, {
    policy: policy.password,
    person: user,
    organisationName: organisation.name,
    bannedList: deps.bannedList,
  });
  return { ok: true, report };
}
