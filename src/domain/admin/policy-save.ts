/**
 * Saving the SSPR policy whole (SPEC §3, §10 "Edit policy"): the portal's form, `policy set` and a restore all
 * come here. A draft is checked against V1–V10; a block refuses it, a warning needs `confirmWarnings`; a saved draft
 * is a new version with who and when, and a `policy.updated` audit event lists the changed fields.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { diffPolicies, type PolicyChange } from "../policies/policy-seed.js";
import { type PolicyFinding, validatePolicy } from "../policies/policy-validation.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../policies/sspr-policy.js";
import type { PolicyVersion } from "../ports.js";
import { type AdminActor, actorMay, auditActorOf } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";
import { directLossCounter, type LossCounter } from "./reset-loss.js";

export interface SavePolicyOptions {
  /** The admin confirmed the warnings shown with the draft (the portal's checkbox; the console always does). */
  readonly confirmWarnings: boolean;
  /** V10's counter; the direct count when not given (the simulation plugs in here). */
  readonly countLoss?: LossCounter;
  /** Why, for the audit event: `restored:<n>` for a restore. */
  readonly reason?: string;
}

export type PolicySaved =
  | {
      readonly saved: PolicyVersion;
      readonly changes: readonly PolicyChange[];
      readonly warnings: readonly PolicyFinding[];
    }
  | { readonly unchanged: PolicyVersion };

/** Refused: a block (with every warning too, so the page shows all), or warnings nobody confirmed. */
export interface PolicyRefused {
  readonly ok: false;
  readonly reason: "invalid" | "unconfirmed";
  readonly blocks: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
}

export type SavePolicyResult = Outcome<PolicySaved, "forbidden"> | PolicyRefused;

/** Checks `draft` against the policy in force: every block and warning, V10 counted only for a draft without blocks. */
export async function checkDraft(
  deps: AdminDeps,
  draft: SsprPolicy,
  countLoss?: LossCounter,
): Promise<{ live: PolicyVersion | null; blocks: readonly PolicyFinding[]; warnings: readonly PolicyFinding[] }> {
  const live = await deps.policy.current();
  const facts = { available: deps.availableMethods, phones: deps.phoneDelivery, loss: null };
  const first = validatePolicy(draft, facts);
  if (first.blocks.length > 0) return { live, ...first };
  const loss = await (countLoss ?? directLossCounter(deps))(live?.policy ?? DEFAULT_POLICY, draft);
  return { live, ...validatePolicy(draft, { ...facts, loss }) };
}

/**
 * The warnings the live policy does not have already: only these need confirming, so an admin who once accepted
 * security questions is not asked again at every save (V10's loss is always new: the live policy loses nobody).
 */
function newWarnings(
  deps: AdminDeps,
  live: PolicyVersion | null,
  warnings: readonly PolicyFinding[],
): readonly PolicyFinding[] {
  if (live === null) return warnings;
  const facts = { available: deps.availableMethods, phones: deps.phoneDelivery, loss: null };
  const known = new Set(validatePolicy(live.policy, facts).warnings.map((w) => `${w.rule}|${w.path}`));
  return warnings.filter((warning) => !known.has(`${warning.rule}|${warning.path}`));
}

/** Saves `draft` as the next version, or says why not. */
export async function savePolicy(
  deps: AdminDeps,
  actor: AdminActor,
  draft: SsprPolicy,
  options: SavePolicyOptions,
): Promise<SavePolicyResult> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  const { live, blocks, warnings } = await checkDraft(deps, draft, options.countLoss);
  if (blocks.length > 0) return { ok: false, reason: "invalid", blocks, warnings };
  const changes = diffPolicies(live?.policy ?? DEFAULT_POLICY, draft);
  if (changes.length === 0 && live !== null) return succeed({ unchanged: live });
  if (newWarnings(deps, live, warnings).length > 0 && !options.confirmWarnings)
    return { ok: false, reason: "unconfirmed", blocks, warnings };
  const now = deps.clock.now();
  const saved = await deps.unitOfWork.inTransaction(async (stores) => {
    const version = await stores.policy.save(draft, policyAuthorOf(actor), now);
    await stores.audit.append([
      {
        activity: "policy.updated",
        result: "success",
        ...(options.reason === undefined ? {} : { reason: options.reason }),
        changes,
        ...auditActorOf(actor),
        time: now,
      },
    ]);
    return version;
  });
  return succeed({ saved, changes, warnings });
}

/** Who a policy version names as its author. */
export function policyAuthorOf(actor: AdminActor): string {
  if (actor.type === "token") return `token:${actor.tokenId}`;
  return actor.type === "console" ? "system:console" : `admin:${actor.userId}`;
}
