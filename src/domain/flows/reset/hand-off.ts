/**
 * "Lost a method" (issue 11): a user who has just passed the gates and finished a reset or an unlock may go on to My
 * security info in the same browser without signing in again, to replace what they lost. It is an explicit step (a
 * button on the done page, posting the flow's form token), single use, only within the flow's 15 minutes, and the
 * session it opens counts as freshly stepped up: the gates were the proof. A reset itself never signs anyone in.
 */
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import { notEnabledReason } from "../../policies/enablement.js";
import { newSession } from "../sign-in/session-lifecycle.js";
import { findFlowByHandle, isCsrfValid } from "./flow-guard.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import { isExpired, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";

/** Why a hand-off is refused: no such flow or a wrong form token, or not (or no longer) one that may hand off. */
export type HandOffRefusal = "flow_not_found" | "csrf_invalid" | "not_available";

const HANDED_OFF = "handedOff";

/** True when `flow` ended in a reset or an unlock of a real account and has not handed off yet (the page's offer). */
export function mayHandOff(flow: ResetFlow): boolean {
  const finished = flow.state === "done" || flow.state === "done_unlock";
  return finished && flow.userRef !== null && flow.inertReason === null && !handedOff(flow);
}

function handedOff(flow: ResetFlow): boolean {
  return flow.stepData?.[HANDED_OFF] === true;
}

/** Opens a session for the flow's user and returns its cookie token; once per flow. */
export async function handOffToAccount(
  deps: ResetDeps,
  caller: FlowCaller,
): Promise<Outcome<{ sessionToken: string }, HandOffRefusal>> {
  const flow = await findFlowByHandle(deps, caller.handle);
  if (flow === null) return fail("flow_not_found");
  // The API has no browser session to hand off to.
  if (caller.csrf === "api" || !isCsrfValid(deps, flow, caller.csrf.token)) return fail("csrf_invalid");
  const now = deps.clock.now();
  if (!mayHandOff(flow) || isExpired(flow, now) || flow.userRef === null) return fail("not_available");
  // The account may have changed since the flow ended (a hold from "This wasn't me", a disabled account).
  const [user, policy] = await Promise.all([deps.users.findUserByRef(flow.userRef), deps.currentPolicy()]);
  if (user === null || user.adminLocked || user.securityHold || notEnabledReason(user, policy) !== null)
    return fail("not_available");
  const { token, session } = newSession(deps.random, {
    userRef: user.ref,
    signedInWith: "password",
    caller,
    now,
    steppedUpAt: now,
  });
  // Saved as a mark on the ended flow (not a state change: DONE stays DONE), conditional on its version, so a
  // double submit opens one session.
  const marked: ResetFlow = { ...flow, stepData: { ...(flow.stepData ?? {}), [HANDED_OFF]: true } };
  const opened = await deps.unitOfWork.inTransaction(async (stores) => {
    if (!(await stores.flows.saveIfVersion(marked, flow.version))) return false;
    await stores.sessions.create(session);
    await stores.audit.append([
      { ...flowProgressEvent(flow, "signed_in_after_gates", "success", now), activity: "signin.succeeded" },
    ]);
    return true;
  });
  return opened ? succeed({ sessionToken: token }) : fail("not_available");
}
