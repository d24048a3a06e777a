/** IDENTIFY → ACTION, GATE_SELECT or BLOCKED (SPEC §6.2–6.5): every ID, known or not, walks the same path. */
import { createSplitToken } from "../../../lib/crypto/split-token.js";
import { succeed } from "../../../lib/outcome.js";
import { randomSupportCode } from "../../../lib/random.js";
import { secondsAfter } from "../../../lib/time.js";
import type { AuditEvent } from "../../audit-events.js";
import { accountKey } from "../../policies/attempt-policy.js";
import { checkEligibility } from "../../policies/eligibility.js";
import { kindsServedBy } from "../../methods.js";
import { checkPolicy, type SsprPolicy } from "../../policies/sspr-policy.js";
import { isUserIdSyntaxValid, normaliseUserId } from "../../user-id.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import { FLOW_LIFETIME_SECONDS, type ResetFlow } from "./reset-flow.js";
import { flowProgressEvent } from "./reset-events.js";
import { type StepResult, stepResult } from "./flow-view.js";
import { newFlow, transition } from "./reset-transition.js";
import { countIdentifySubmission } from "./identify-throttles.js";
import type { EvaluationCheck } from "../../policies/evaluation/evaluation-recorder.js";

/** A ref no account has (refs are UUIDv7), looked up for unknown IDs so they cost what known ones cost. */
const NO_ACCOUNT_REF = "00000000-0000-0000-0000-000000000000";

export type StartFailure = "SND-104" | "SND-105" | "SND-111" | "SND-112" | "SND-113" | "SND-305";

/** A refused start; SND-305 carries when the IP's block ends, for Retry-After. */
export type StartRefusal =
  | { ok: false; reason: Exclude<StartFailure, "SND-305"> }
  | { ok: false; reason: "SND-305"; blockedUntil: Date };

export type StartOutcome = { ok: true; value: StepResult & { handle: string } } | StartRefusal;

function refuse(reason: Exclude<StartFailure, "SND-305">): StartRefusal {
  return { ok: false, reason };
}

export type IdentifyCaller = Omit<FlowCaller, "handle" | "csrf">;

/** Organisation-wide checks 0a–0b: shown to everyone alike. */
function organisationReason(deps: ResetDeps, policy: SsprPolicy): "SND-104" | "SND-105" | null {
  if (policy.scope === "none") return "SND-104";
  return checkPolicy(policy, deps.policyMethods ?? deps.registry.ids).length > 0 ? "SND-105" : null;
}

/**
 * The request's own checks (CAPTCHA, ID syntax), made before the I1 count so that the count and the new flow share
 * one transaction. The IP's block still answers first: a refused IP learns nothing of its CAPTCHA or ID.
 */
async function requestRefusal(
  deps: ResetDeps,
  input: { typedUserId: string; captcha: string | undefined },
): Promise<StartRefusal | null> {
  const captcha = await deps.humanCheck.verify(input.captcha);
  if (captcha === "missing") return refuse("SND-111");
  if (captcha !== "ok") return refuse("SND-112");
  return isUserIdSyntaxValid(normaliseUserId(input.typedUserId)) ? null : refuse("SND-113");
}

/** Submits a user ID: creates the flow (real or inert) and answers after the response floor. */
export async function startResetFlow(
  deps: ResetDeps,
  input: { typedUserId: string; captcha: string | undefined; caller: IdentifyCaller },
): Promise<StartOutcome> {
  const policy = await deps.currentPolicy();
  const organisation = organisationReason(deps, policy);
  const outcome = organisation ? refuse(organisation) : await countAndOpen(deps, input, policy);
  await deps.floor.waitUntil(input.caller.startedAt, "identify");
  return outcome;
}

/**
 * Counts the submission against I1 (every one counts, refused or not) and, when the IP may go on and the request
 * passed its checks, creates the flow in the same transaction: one BEGIN/COMMIT for the step instead of two.
 */
async function countAndOpen(
  deps: ResetDeps,
  input: { typedUserId: string; captcha: string | undefined; caller: IdentifyCaller },
  policy: SsprPolicy,
): Promise<StartOutcome> {
  const refused = await requestRefusal(deps, input);
  const opened =
    refused === null ? await prepareFlow(deps, normaliseUserId(input.typedUserId), input.caller, policy) : null;
  const counted = {
    ip: input.caller.ip,
    now: deps.clock.now(),
    corporateEgressNetworks: deps.corporateEgressNetworks,
    flood: policy.flood,
  };
  const blockedUntil = await deps.unitOfWork.inTransaction(async (stores) => {
    const until = await countIdentifySubmission(stores, counted);
    if (until === null && opened !== null) {
      await stores.flows.create(opened.flow);
      await stores.audit.append(opened.events);
    }
    return until;
  });
  if (blockedUntil !== null) return { ok: false, reason: "SND-305", blockedUntil };
  if (opened === null) return refused ?? refuse("SND-113");
  await deps.evaluation?.recordCheck({ flowId: opened.flow.id, step: "identify", ...opened.check });
  const shown = stepResult(deps, opened.flow, policy, { blockedUntil: opened.blockedUntil });
  return succeed({ handle: opened.handle, ...shown });
}

/** The new flow (real or inert) and its events, not yet saved: the caller saves them with the I1 count. */
async function prepareFlow(
  deps: ResetDeps,
  typedUserId: string,
  caller: IdentifyCaller,
  policy: SsprPolicy,
): Promise<{
  flow: ResetFlow;
  events: AuditEvent[];
  handle: string;
  blockedUntil: Date | null;
  check: Omit<EvaluationCheck, "flowId" | "step">;
}> {
  const now = deps.clock.now();
  const user = await deps.users.findUserByUserId(typedUserId);
  // Equal work (SPEC §6.4): an unknown ID runs the same method lookup, for a ref no account has.
  const verified = await deps.methods.listForUser(user?.ref ?? NO_ACCOUNT_REF);
  const gateKinds = kindsServedBy(deps.registry.ids);
  const eligibility = checkEligibility(user, verified, policy, gateKinds);
  const keys = [accountKey(null, typedUserId), accountKey(user?.ref ?? null, typedUserId)];
  const block = await deps.throttles.activeBlock(keys, now);
  const token = createSplitToken(deps.random);
  const opened = newFlow({
    id: token.id,
    secretHash: token.secretHash,
    supportCode: randomSupportCode(deps.random),
    action: "reset",
    typedUserId,
    userRef: user?.ref ?? null,
    inertReason: eligibility.inert ? eligibility.reason : null,
    methodsPassed: [],
    currentMethod: null,
    gateStep: null,
    passwordSubmissions: 0,
    issuedAt: now,
    expiresAt: secondsAfter(now, FLOW_LIFETIME_SECONDS),
    endedAt: null,
    endReason: null,
    lang: caller.lang,
    ip: caller.ip,
    version: 0,
  });
  // SPEC §6.5: the action choice comes first when the policy offers unlock-only, for every ID alike.
  const flow: ResetFlow = block
    ? transition(opened, "submit_user_id", "blocked", { endedAt: now, endReason: `blocked:${block.counter}` })
    : transition(opened, "submit_user_id", policy.unlockWithoutReset ? "action" : "gate_select");
  const events: AuditEvent[] = [
    flowProgressEvent(flow, "user_id_submitted", "success", now, { client: caller.client }),
  ];
  if (flow.inertReason) events.push(flowProgressEvent(flow, `ineligible:${flow.inertReason}`, "failure", now));
  // The methods are presented here, or after the action choice (choose-action-step.ts).
  if (block) events.push(flowProgressEvent(flow, `blocked:${block.counter}`, "success", now));
  else if (flow.state === "gate_select") events.push(flowProgressEvent(flow, "options_presented", "success", now));
  const check = { user, verified, live: eligibility, gateKinds };
  return { flow, events, handle: token.token, blockedUntil: block?.until ?? null, check };
}
