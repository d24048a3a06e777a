/**
 * Gate 2's targets in words, shared by the page's list and API v1's `offeredTargets`: the mask as the flow saved it,
 * and, when one choice stands for several passkeys, how many more ("YubiKey 5, +1 more").
 */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { MethodId } from "../../../domain/methods.js";
import type { Translate } from "../../../i18n/i18n.js";

/** The words for `method`'s target at gate 2, or undefined when it has none (gate 1, an unlabelled passkey). */
export function offeredTargetText(t: Translate, view: FlowView, method: MethodId): string | undefined {
  const target = view.offeredTargets[method];
  const more = view.offeredMore[method];
  if (target === undefined || more === undefined) return target;
  return t("gate_two.target_and_more", { target, count: more });
}

/** Every offered target in words, keyed by method, as API v1 lists them. */
export function offeredTargetTexts(t: Translate, view: FlowView): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const method of Object.keys(view.offeredTargets) as MethodId[]) {
    const text = offeredTargetText(t, view, method);
    if (text !== undefined) texts[method] = text;
  }
  return texts;
}
