/** Issues a gate's code: a real one only to a verified matching target, within A3, I2 and R1; the page never differs. */
import type { IpNetwork } from "../../../lib/cidr.js";
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { AuditEvent } from "../../audit-events.js";
import { maskEmailAddress } from "../../email-address.js";
import { blockReasonOf, ipLimitsFor } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { TransactionStores, VerifiedMethod } from "../../ports.js";
import { type StepResult, toFlowView } from "./flow-view.js";
import { countCodeSent, hitAccountCounter, sendLimitReached } from "./gate-throttles.js";
import type { CodeMethod, FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";

class FlowChangedError extends Error {}

interface IssueInput {
  readonly flow: ResetFlow;
  readonly policy: SsprPolicy;
  readonly caller: FlowCaller;
  readonly target: VerifiedMethod | null;
  /** True when the user just typed the contact value (not a resend): it counts as an identity check. */
  readonly contactTyped: boolean;
}

interface Decision {
  readonly sendTo: VerifiedMethod | null;
  readonly blockedUntil: Date | null;
  readonly blockedBy: "A1" | "A3" | null;
  readonly events: AuditEvent[];
}

async function decide(
  stores: TransactionStores,
  input: IssueInput,
  method: CodeMethod,
  context: { now: Date; corporateEgressNetworks: readonly IpNetwork[] },
): Promise<Decision> {
  const { flow, target } = input;
  const { now } = context;
  const events: AuditEvent[] = [];
  if (input.contactTyped) {
    // Every typed contact value counts in A1 at once, matching or not, so counting requests until the block
    // cannot tell a right address from a wrong one. Passing the gate takes the provisional failure back.
    if (target === null)
      events.push(flowProgressEvent(flow, `method_failed:${method.id}:SND-204`, "failure", now, { method: method.id }));
    const blocked = await hitAccountCounter(stores.throttles, "A1", flow, now);
    if (blocked)
      return { sendTo: null, blockedUntil: blocked.until, blockedBy: "A1", events: [...events, ...blocked.events] };
  }
  if (target === null) return { sendTo: null, blockedUntil: null, blockedBy: null, events };
  const ipLimit = ipLimitsFor(input.caller.ip, context.corporateEgressNetworks).codes;
  const dropped = await sendLimitReached(stores.throttles, {
    ip: input.caller.ip,
    recipient: target.value,
    now,
    ipLimit,
  });
  if (dropped !== null) {
    events.push(messageEvent("message.suppressed", flow, target, now, `SND-213:${dropped}`));
    return { sendTo: null, blockedUntil: null, blockedBy: null, events };
  }
  const a3Blocked = await hitAccountCounter(stores.throttles, "A3", flow, now);
  if (a3Blocked)
    return { sendTo: null, blockedUntil: a3Blocked.until, blockedBy: "A3", events: [...events, ...a3Blocked.events] };
  return { sendTo: target, blockedUntil: null, blockedBy: null, events };
}

function messageEvent(
  activity: "message.queued" | "message.suppressed",
  flow: ResetFlow,
  target: VerifiedMethod,
  time: Date,
  reason: string,
): AuditEvent {
  return {
    activity,
    result: activity === "message.queued" ? "success" : "failure",
    reason,
    actor: { type: "system" },
    ...(flow.userRef === null ? {} : { target: { ref: flow.userRef, userId: flow.typedUserId } }),
    flowId: flow.id,
    supportCode: flow.supportCode,
    method: target.method,
    maskedTarget: maskEmailAddress(target.value),
    time,
  };
}

function nextFlow(flow: ResetFlow, decision: Decision, now: Date): ResetFlow {
  if (decision.blockedUntil === null) return { ...flow, gateStep: "enter_code" };
  return { ...flow, state: "blocked", endedAt: now, endReason: "blocked" };
}

/** Writes the challenge (real or unmeetable), the message and the counters in one transaction. */
export async function issueCodeToTarget(deps: ResetDeps, input: IssueInput): Promise<Outcome<StepResult, FlowFailure>> {
  const { flow, policy } = input;
  const method = flow.currentMethod === null ? undefined : deps.codeMethods[flow.currentMethod];
  if (method === undefined) return fail("action_not_allowed");
  const now = deps.clock.now();
  const organisation = await deps.organisation();
  try {
    const decision = await deps.unitOfWork.inTransaction(async (stores) => {
      const decided = await decide(stores, input, method, {
        now,
        corporateEgressNetworks: deps.corporateEgressNetworks,
      });
      const next = nextFlow(flow, decided, now);
      if (!(await stores.flows.saveIfVersion(next, flow.version))) throw new FlowChangedError();
      const gate = currentGate(flow);
      const issued = method.issueChallenge({
        flowId: flow.id,
        gate,
        target: decided.sendTo,
        codeLength: method.codeLength(policy),
        now,
      });
      await stores.challenges.voidForGate(flow.id, gate, now);
      await stores.challenges.create(issued.challenge);
      if (decided.sendTo !== null && issued.code !== null) {
        const draftInput = { target: decided.sendTo, code: issued.code, flow, client: input.caller.client, now };
        await stores.outbox.enqueue([method.draftCodeMessage({ ...draftInput, orgName: organisation.name })], now);
        await countCodeSent(stores.throttles, input.caller.ip, decided.sendTo.value, now);
        decided.events.push(messageEvent("message.queued", flow, decided.sendTo, now, `code:${method.id}`));
      }
      await stores.audit.append(decided.events);
      return { ...decided, next };
    });
    const shownReason = decision.blockedBy === null ? null : blockReasonOf(decision.blockedBy);
    const view = toFlowView(deps, { ...decision.next, version: flow.version + 1 }, policy, {
      blockedUntil: decision.blockedUntil,
      shownReason,
    });
    return succeed({ view, notices: [] });
  } catch (error) {
    if (error instanceof FlowChangedError) return fail("flow_changed");
    throw error;
  }
}
