/**
 * Issues a gate's code: a real one only to a verified matching target, within the account counter (A3 for email, A2
 * for texts and calls), I2, R1 or R2, O1 and O2; the page never differs.
 */
import type { IpNetwork } from "../../../lib/cidr.js";
import { fail, type Outcome, succeed } from "../../../lib/outcome.js";
import type { AuditEvent } from "../../audit-events.js";
import { blockReasonOf, ipLimitsFor } from "../../policies/attempt-policy.js";
import { emailRecipientWindows } from "../../policies/flood-limits.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { CodeDelivery, VerificationMethod } from "../../methods/method-port.js";
import { type MessageChannel, maskRecipient } from "../../messages.js";
import { alertPhoneBudgetReached } from "../../phone-budget-alert.js";
import { isAllowedCountry } from "../../phone-number.js";
import { decideSend } from "../../registration/registration-throttles.js";
import type { TransactionStores, VerifiedMethod } from "../../ports.js";
import { type StepResult, stepResult } from "./flow-view.js";
import { countCodeSent, hitAccountCounter, sendLimitReached } from "./gate-throttles.js";
import type { FlowCaller, FlowFailure, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { transition } from "./reset-transition.js";

class FlowChangedError extends Error {}

interface IssueInput {
  readonly flow: ResetFlow;
  readonly policy: SsprPolicy;
  readonly caller: FlowCaller;
  readonly target: VerifiedMethod | null;
  /** `submit_proof` when the user just typed the contact value (it counts as an identity check), else `resend`. */
  readonly action: "submit_proof" | "resend";
}

interface Decision {
  readonly sendTo: VerifiedMethod | null;
  readonly blockedUntil: Date | null;
  readonly blockedBy: "A1" | "A2" | "A3" | null;
  readonly events: AuditEvent[];
}

interface DecideContext {
  readonly now: Date;
  readonly channel: MessageChannel;
  readonly sendCounter: CodeDelivery["sendCounter"];
  readonly corporateEgressNetworks: readonly IpNetwork[];
}

/**
 * Why a text or call to `target` must be dropped (O2: a country the policy no longer allows is never dialled; I2,
 * R2 texts and calls apart, O1), or null after counting it in I2, R2 and O1. O1's drop alerts the Global admins.
 */
async function phoneSendDropped(
  stores: TransactionStores,
  input: IssueInput & { target: VerifiedMethod },
  context: DecideContext,
): Promise<{ reason: string; events: AuditEvent[] } | null> {
  const { now } = context;
  if (!isAllowedCountry(input.target.value, input.policy.allowedPhoneCountries))
    return { reason: "SND-214", events: [] };
  const dropped = await decideSend(stores.throttles, {
    ip: input.caller.ip,
    ipLimit: ipLimitsFor(input.caller.ip, context.corporateEgressNetworks, input.policy.flood).codes,
    channel: context.channel,
    target: input.target.value,
    flood: input.policy.flood,
    now,
  });
  if (dropped === null) return null;
  const events =
    dropped === "O1"
      ? await alertPhoneBudgetReached(stores, { now, limitPerHour: input.policy.flood.phoneMessagesPerHour })
      : [];
  return { reason: `SND-213:${dropped}`, events };
}

/** Why an email code to `target` must be dropped (I2, R1), or null; countCodeSent counts it once it is queued. */
async function emailSendDropped(
  stores: TransactionStores,
  input: IssueInput & { target: VerifiedMethod },
  context: DecideContext,
): Promise<{ reason: string; events: AuditEvent[] } | null> {
  const dropped = await sendLimitReached(stores.throttles, {
    ip: input.caller.ip,
    recipient: input.target.value,
    now: context.now,
    ipLimit: ipLimitsFor(input.caller.ip, context.corporateEgressNetworks, input.policy.flood).codes,
    recipientWindows: emailRecipientWindows(input.policy.flood),
  });
  return dropped === null ? null : { reason: `SND-213:${dropped}`, events: [] };
}

async function decide(
  stores: TransactionStores,
  input: IssueInput,
  method: VerificationMethod,
  context: DecideContext,
): Promise<Decision> {
  const { flow, target } = input;
  const { now, channel } = context;
  const events: AuditEvent[] = [];
  if (input.action === "submit_proof") {
    // Every typed contact value counts in A1 at once, matching or not, so counting requests until the block
    // cannot tell a right address from a wrong one. Passing the gate takes the provisional failure back.
    if (target === null)
      events.push(flowProgressEvent(flow, `method_failed:${method.id}:SND-204`, "failure", now, { method: method.id }));
    const blocked = await hitAccountCounter(stores.throttles, "A1", flow, now);
    if (blocked)
      return { sendTo: null, blockedUntil: blocked.until, blockedBy: "A1", events: [...events, ...blocked.events] };
  }
  if (context.sendCounter === "A2") {
    // SPEC §8.1 A2: every typed number checked and every resend counts, matching or not, so the count tells nothing.
    const checkBlocked = await hitAccountCounter(stores.throttles, "A2", flow, now);
    if (checkBlocked)
      return {
        sendTo: null,
        blockedUntil: checkBlocked.until,
        blockedBy: "A2",
        events: [...events, ...checkBlocked.events],
      };
  }
  if (target === null) return { sendTo: null, blockedUntil: null, blockedBy: null, events };
  const sendable = { ...input, target };
  const dropped =
    channel === "email"
      ? await emailSendDropped(stores, sendable, context)
      : await phoneSendDropped(stores, sendable, context);
  if (dropped !== null) {
    events.push(messageEvent("message.suppressed", { flow, target, channel }, now, dropped.reason), ...dropped.events);
    return { sendTo: null, blockedUntil: null, blockedBy: null, events };
  }
  if (context.sendCounter !== "A3") return { sendTo: target, blockedUntil: null, blockedBy: null, events };
  // SPEC §8.1: email codes count in A3 when one goes out.
  const sendBlocked = await hitAccountCounter(stores.throttles, context.sendCounter, flow, now);
  if (sendBlocked)
    return {
      sendTo: null,
      blockedUntil: sendBlocked.until,
      blockedBy: context.sendCounter,
      events: [...events, ...sendBlocked.events],
    };
  return { sendTo: target, blockedUntil: null, blockedBy: null, events };
}

function messageEvent(
  activity: "message.queued" | "message.suppressed",
  about: { flow: ResetFlow; target: VerifiedMethod; channel: MessageChannel },
  time: Date,
  reason: string,
): AuditEvent {
  const { flow, target, channel } = about;
  return {
    activity,
    result: activity === "message.queued" ? "success" : "failure",
    reason,
    actor: { type: "system" },
    ...(flow.userRef === null ? {} : { target: { ref: flow.userRef, userId: flow.typedUserId } }),
    flowId: flow.id,
    supportCode: flow.supportCode,
    method: target.method,
    maskedTarget: maskRecipient(channel, target.value),
    time,
  };
}

function nextFlow(input: IssueInput, delivery: CodeDelivery, decision: Decision, now: Date): ResetFlow {
  const { flow, action } = input;
  if (decision.blockedUntil !== null)
    return transition(flow, action, "blocked", { endedAt: now, endReason: "blocked" });
  return transition(flow, action, "gate_challenge", { gateStep: delivery.stepAfterSend });
}

/** Writes the challenge (real or unmeetable), the message and the counters in one transaction. */
export async function issueCodeToTarget(deps: ResetDeps, input: IssueInput): Promise<Outcome<StepResult, FlowFailure>> {
  const { flow, policy } = input;
  const method = deps.registry.get(flow.currentMethod);
  const delivery = method?.delivery;
  if (method === undefined || delivery === undefined) return fail("action_not_allowed");
  const now = deps.clock.now();
  const organisation = await deps.organisation();
  try {
    const decision = await deps.unitOfWork.inTransaction(async (stores) => {
      const decided = await decide(stores, input, method, {
        now,
        channel: delivery.channel,
        sendCounter: delivery.sendCounter,
        corporateEgressNetworks: deps.corporateEgressNetworks,
      });
      const next = nextFlow(input, delivery, decided, now);
      if (!(await stores.flows.saveIfVersion(next, flow.version))) throw new FlowChangedError();
      const gate = currentGate(flow);
      const issued = delivery.issue({ flowId: flow.id, gate, target: decided.sendTo, policy, now });
      await stores.challenges.voidForGate(flow.id, gate, now);
      await stores.challenges.create(issued.challenge);
      if (decided.sendTo !== null && issued.code !== null) {
        const draftInput = { target: decided.sendTo, code: issued.code, flow, client: input.caller.client, now };
        await stores.outbox.enqueue([delivery.draftCodeMessage({ ...draftInput, orgName: organisation.name })], now);
        // Texts and calls were counted in I2, R2 and O1 as they were decided (decideSend).
        if (delivery.channel === "email")
          await countCodeSent(stores.throttles, input.caller.ip, decided.sendTo.value, now);
        decided.events.push(
          messageEvent(
            "message.queued",
            { flow, target: decided.sendTo, channel: delivery.channel },
            now,
            `code:${method.id}`,
          ),
        );
      }
      await stores.audit.append(decided.events);
      return { ...decided, next };
    });
    const shownReason = decision.blockedBy === null ? null : blockReasonOf(decision.blockedBy);
    const saved = { ...decision.next, version: flow.version + 1 };
    return succeed(stepResult(deps, saved, policy, { blockedUntil: decision.blockedUntil, shownReason }));
  } catch (error) {
    if (error instanceof FlowChangedError) return fail("flow_changed");
    throw error;
  }
}
