/**
 * Evaluation mode (issue 12 item 4): a Global admin (`policy.edit`) starts a draft beside the live policy for 1–30
 * days, stops it, or adopts it; adopting is a policy save (a new version, "policy.updated") and, like every save, a
 * loss of people who could reset must be confirmed (SPEC §3). The report may be read by whoever reads reports
 * (`reports.read`: GA, UA, RR, SPEC §12): it holds counts of reason codes, never a person. Each start, stop and
 * adoption is audited as "policy.evaluation".
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { AuditEvent } from "../audit-events.js";
import {
  type DecisionCount,
  EVALUATION_MAX_DAYS,
  EVALUATION_MIN_DAYS,
  type EvaluationStore,
  isRunning,
  type PolicyEvaluation,
} from "../policies/evaluation/evaluation-ports.js";
import { diffPolicies, type PolicyChange } from "../policies/policy-seed.js";
import { lossRequiresConfirmation, type SimulationReport } from "../policies/simulation/simulation-report.js";
import { checkPolicy, type SsprPolicy } from "../policies/sspr-policy.js";
import type { PolicyVersion } from "../ports.js";
import { type AdminActor, actorMay, auditActorOf } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";
import { type PolicyInvalid, policyAuthorOf } from "./policy-actions.js";
import { livePolicy, simulatePolicyChange } from "./simulate-policy.js";

const DAY_MILLISECONDS = 24 * 3600 * 1000;

export type EvaluationDeps = Pick<
  AdminDeps,
  "clock" | "random" | "policy" | "unitOfWork" | "availableMethods" | "gateMethods" | "population"
> & { readonly evaluations: EvaluationStore };

export interface EvaluationReport {
  /** The newest evaluation, or null when none was ever started. */
  readonly evaluation: PolicyEvaluation | null;
  readonly running: boolean;
  /** What the draft changes against the live policy of now. */
  readonly changes: readonly PolicyChange[];
  readonly counts: readonly DecisionCount[];
  /** Decisions, and those where the draft said otherwise than the live policy. */
  readonly decisions: number;
  readonly differing: number;
}

function event(actor: AdminActor, reason: string, now: Date, changes?: readonly PolicyChange[]): AuditEvent {
  return {
    activity: "policy.evaluation",
    result: "success",
    reason,
    ...auditActorOf(actor),
    ...(changes === undefined ? {} : { changes }),
    time: now,
  };
}

async function append(deps: EvaluationDeps, events: AuditEvent[]): Promise<void> {
  await deps.unitOfWork.inTransaction((stores) => stores.audit.append(events));
}

/** The open evaluation, closed as expired first when its period is over. */
async function openEvaluation(deps: EvaluationDeps, now: Date): Promise<PolicyEvaluation | null> {
  const open = await deps.evaluations.open();
  if (open === null || isRunning(open, now)) return open;
  await deps.evaluations.close(open.id, { by: "system:expiry", at: open.endsAt, reason: "expired" });
  return null;
}

/** Starts evaluating `draft` for `days` (1–30); "running" while another evaluation runs. */
export async function startEvaluation(
  deps: EvaluationDeps,
  actor: AdminActor,
  input: { draft: SsprPolicy; days: number },
): Promise<Outcome<PolicyEvaluation, "forbidden" | "running" | "invalid_days"> | PolicyInvalid> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  if (!Number.isInteger(input.days) || input.days < EVALUATION_MIN_DAYS || input.days > EVALUATION_MAX_DAYS)
    return fail("invalid_days");
  const violations = checkPolicy(input.draft, deps.availableMethods);
  if (violations.length > 0) return { ok: false, reason: "invalid", violations };
  const now = deps.clock.now();
  if ((await openEvaluation(deps, now)) !== null) return fail("running");
  const evaluation: PolicyEvaluation = {
    id: uuidv7(now, deps.random),
    draft: input.draft,
    startedBy: policyAuthorOf(actor),
    startedAt: now,
    endsAt: new Date(now.getTime() + input.days * DAY_MILLISECONDS),
    stoppedBy: null,
    stoppedAt: null,
    endReason: null,
  };
  if ((await deps.evaluations.start(evaluation)) === "running") return fail("running");
  await append(deps, [event(actor, "evaluation_started", now, diffPolicies(await livePolicy(deps), input.draft))]);
  return succeed(evaluation);
}

/** The newest evaluation and what its flows recorded. */
export async function evaluationStatus(
  deps: EvaluationDeps,
  actor: AdminActor,
): Promise<Outcome<EvaluationReport, "forbidden">> {
  if (!actorMay(actor, "reports.read") && !actorMay(actor, "policy.edit")) return fail("forbidden");
  const now = deps.clock.now();
  await openEvaluation(deps, now);
  const evaluation = await deps.evaluations.latest();
  const counts = evaluation === null ? [] : await deps.evaluations.countDecisions(evaluation.id);
  const sum = (rows: readonly DecisionCount[]) => rows.reduce((total, row) => total + row.decisions, 0);
  return succeed({
    evaluation,
    running: isRunning(evaluation, now),
    changes: evaluation === null ? [] : diffPolicies(await livePolicy(deps), evaluation.draft),
    counts,
    decisions: sum(counts),
    differing: sum(counts.filter((row) => row.liveReason !== row.draftReason)),
  });
}

/** Stops the running evaluation; "not_running" when none runs. */
export async function stopEvaluation(
  deps: EvaluationDeps,
  actor: AdminActor,
): Promise<Outcome<PolicyEvaluation, "forbidden" | "not_running">> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  const now = deps.clock.now();
  const open = await openEvaluation(deps, now);
  if (open === null) return fail("not_running");
  if (!(await deps.evaluations.close(open.id, { by: policyAuthorOf(actor), at: now, reason: "stopped" })))
    return fail("not_running");
  await append(deps, [event(actor, "evaluation_stopped", now)]);
  return succeed(open);
}

export type AdoptRefusal = "forbidden" | "not_running" | "loss_unconfirmed";

/**
 * Saves the running evaluation's draft as the new policy version and ends the evaluation. A draft that would take
 * reset away from anyone is refused as "loss_unconfirmed" (with the simulation) until `confirmLoss` is given.
 */
export async function adoptEvaluation(
  deps: EvaluationDeps,
  actor: AdminActor,
  input: { confirmLoss: boolean },
): Promise<
  | Outcome<{ saved: PolicyVersion; changes: readonly PolicyChange[] }, Exclude<AdoptRefusal, "loss_unconfirmed">>
  | { ok: false; reason: "loss_unconfirmed"; report: SimulationReport }
  | PolicyInvalid
> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  const open = await openEvaluation(deps, deps.clock.now());
  if (open === null) return fail("not_running");
  const simulated = await simulatePolicyChange(deps, actor, { draft: open.draft, page: { offset: 0, limit: 20 } });
  if (!simulated.ok) return simulated.reason === "invalid" ? simulated : fail("forbidden");
  if (lossRequiresConfirmation(simulated.value) && !input.confirmLoss)
    return { ok: false, reason: "loss_unconfirmed", report: simulated.value };
  const now = deps.clock.now();
  const changes = diffPolicies(await livePolicy(deps), open.draft);
  const saved = await deps.unitOfWork.inTransaction(async (stores) => {
    const version = await stores.policy.save(open.draft, policyAuthorOf(actor), now);
    await stores.audit.append([
      {
        activity: "policy.updated",
        result: "success",
        reason: "evaluation_adopted",
        changes,
        ...auditActorOf(actor),
        time: now,
      },
      event(actor, "evaluation_adopted", now),
    ]);
    return version;
  });
  await deps.evaluations.close(open.id, { by: policyAuthorOf(actor), at: now, reason: "adopted" });
  return succeed({ saved, changes });
}
