/**
 * How the admin API answers a policy save, a restore and an adoption: the same domain services as the portal's
 * forms (`savePolicy`, `restorePolicyVersion`, `adoptEvaluation`), whose refusals become 409s carrying what the
 * caller must confirm. As on the portal, new warnings (V10's loss of people who could reset among them) need
 * `confirmWarnings`, and adopting an evaluation that would strand anyone needs `confirmLoss`.
 */
import type { AdminActions } from "../../../../domain/admin/admin-actions.js";
import type { AdminActor } from "../../../../domain/admin/admin-actor.js";
import type { SavePolicyResult } from "../../../../domain/admin/policy-save.js";
import type { PolicyFinding } from "../../../../domain/policies/policy-validation.js";
import type { OperationResult } from "./admin-operation.js";
import Type from "typebox";
import { body, refTo } from "./admin-response-schemas.js";

/** The answer of a save or restore: the version in force afterwards, and whether this request saved it. */
export const SAVED_BODY = body(
  {
    saved: Type.Union([refTo("PolicyVersion"), Type.Null()], {
      description: "The new version; null: nothing changed.",
    }),
    current: refTo("PolicyVersion"),
    changes: Type.Array(refTo("PolicyChange")),
    warnings: Type.Array(refTo("PolicyFinding"), { description: "The warnings confirmed with this save." }),
  },
  "The version in force after the request; `saved` is null when the draft changed nothing.",
);

/** V10's counts from its warning, when the draft would take reset away from anyone. */
function lossOf(warnings: readonly PolicyFinding[]): { users: number; admins: number } | null {
  const v10 = warnings.find((warning) => warning.rule === "V10");
  if (v10?.values === undefined) return null;
  return { users: v10.values["count"] ?? 0, admins: v10.values["admins"] ?? 0 };
}

/** A save's or restore's outcome as the API answers it. */
export function answerSave(result: SavePolicyResult | { ok: false; reason: "not_found" }): OperationResult {
  if (result.ok) {
    const value = result.value;
    if ("unchanged" in value)
      return { ok: true, value: { saved: null, current: value.unchanged, changes: [], warnings: [] } };
    return {
      ok: true,
      value: { saved: value.saved, current: value.saved, changes: value.changes, warnings: value.warnings },
    };
  }
  if (result.reason === "forbidden" || result.reason === "not_found") return { ok: false, reason: result.reason };
  const details = { blocks: result.blocks, warnings: result.warnings, loss: lossOf(result.warnings) };
  if (result.reason === "invalid") return { ok: false, reason: "invalid", violations: result.blocks, details };
  return { ok: false, reason: "unconfirmed", details };
}

/** Saves the live policy with `settings` (`sandi policy set`'s keys) applied over it. */
export async function saveSettings(
  actions: AdminActions,
  actor: AdminActor,
  input: { settings: Readonly<Record<string, string>>; confirmWarnings: boolean },
): Promise<OperationResult> {
  const built = await actions.draftFromSettings(input.settings);
  if (!built.ok) return { ok: false, reason: "invalid", violations: built.violations };
  return answerSave(await actions.savePolicy(actor, built.value, { confirmWarnings: input.confirmWarnings }));
}

/** Adopts the running evaluation's draft; a loss unconfirmed is a 409 with the loss and the first affected people. */
export async function adopt(actions: AdminActions, actor: AdminActor, confirmLoss: boolean): Promise<OperationResult> {
  const adopted = await actions.adoptEvaluation(actor, { confirmLoss });
  if (adopted.ok) return { ok: true, value: { saved: adopted.value.saved, changes: adopted.value.changes } };
  if (adopted.reason === "loss_unconfirmed")
    return {
      ok: false,
      reason: "loss_unconfirmed",
      details: { loss: adopted.report.loss, affected: adopted.report.affected },
    };
  if (adopted.reason === "invalid") return { ok: false, reason: "invalid", violations: adopted.violations };
  return { ok: false, reason: adopted.reason };
}
