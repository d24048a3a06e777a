/**
 * Gate 2's list (SPEC §6.6 item 2): once gate 1 is passed, only the user's remaining usable methods of another kind,
 * each with its masked target ("Text my phone ending in 12", "Email b***@g***.com", an app's label, a passkey's label
 * and how many more passkeys stand behind it). Computed once, when gate 1 passes, and saved in the flow's step data,
 * so the page, the API and `chooseMethod` read one list.
 */
import { maskEmailAddress } from "../../email-address.js";
import type { StepData } from "../../methods/method-steps.js";
import { kindOfMethod, type MethodId } from "../../methods.js";
import { isAllowedCountry, phoneLastDigits } from "../../phone-number.js";
import { enabledMethods, type SsprPolicy } from "../../policies/sspr-policy.js";
import { methodsOnFor } from "../../policies/method-targeting.js";
import type { VerifiedMethod } from "../../ports.js";
import { isPrivileged, type UserAccount } from "../../users.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";

/** The methods gate 2 offers, in SPEC §6.4's order, and the masked target of each that has one. */
export interface GateTwoOffer {
  readonly methods: readonly MethodId[];
  readonly masks: Readonly<Partial<Record<MethodId, string>>>;
  /**
   * How many more rows of the method stand behind its mask, when it names only one of several: passkeys are one
   * choice ("YubiKey 5, +1 more"), whichever the browser then offers. Absent when the mask says it all.
   */
  readonly more: Readonly<Partial<Record<MethodId, number>>>;
}

// Step-data keys: the list, and one key per mask and per count (step data holds no nested objects).
const OFFER_KEY = "gate2Offer";
const MASK_PREFIX = "gate2Mask.";
const MORE_PREFIX = "gate2More.";

/** A method's target at gate 2: the mask, and how many rows it does not name. */
interface GateTarget {
  readonly mask: string;
  readonly more: number;
}

/** A phone at a gate: the last two digits only (SPEC §4.2 "ending in 12"; the country code is for admins). */
export function phoneGateMask(e164: string): string {
  return `••• ${phoneLastDigits(e164)}`;
}

/** The labels the user gave `rows` (an app's, a passkey's), in the order they were added; unlabelled rows have none. */
function labelsOf(rows: readonly VerifiedMethod[]): string[] {
  return rows.flatMap((row) => (row.label === null || row.label === "" ? [] : [row.label]));
}

/**
 * The target a gate may show for `rows` of one kind, or null for none: an address or a number masked, the apps'
 * labels, or the first labelled passkey and how many others there are (unlabelled passkeys: the generic words).
 */
function targetOf(method: MethodId, rows: readonly VerifiedMethod[]): GateTarget | null {
  const [first] = rows;
  if (first === undefined) return null;
  if (method === "email") return { mask: maskEmailAddress(first.value), more: 0 };
  if (method === "sms" || method === "voice_mobile" || method === "voice_office")
    return { mask: phoneGateMask(first.value), more: 0 };
  const labels = labelsOf(rows);
  const [label] = labels;
  if (label === undefined) return null;
  if (method === "totp") return { mask: labels.join(", "), more: 0 };
  if (method === "passkey") return { mask: label, more: rows.length - 1 };
  return null;
}

/** The rows a method may prove; a phone in a country the policy no longer allows is never dialled (SPEC §8.2 O2). */
function usableRows(method: MethodId, rows: readonly VerifiedMethod[], policy: SsprPolicy): VerifiedMethod[] {
  const ofKind = rows.filter((row) => kindOfMethod(row.method) === kindOfMethod(method));
  if (method !== "sms" && method !== "voice_mobile" && method !== "voice_office") return ofKind;
  return ofKind.filter((row) => isAllowedCountry(row.value, policy.allowedPhoneCountries));
}

/**
 * The offer, pure: of `available` (what the policy enables and the build implements), the methods of a kind not yet
 * passed that the user has usable rows for; questions never for a privileged user (SPEC §6.6).
 */
export function gateTwoOfferFor(input: {
  readonly available: readonly MethodId[];
  readonly passed: readonly MethodId[];
  readonly rows: readonly VerifiedMethod[];
  readonly privileged: boolean;
  readonly policy: SsprPolicy;
}): GateTwoOffer {
  const passedKinds = new Set(input.passed.map(kindOfMethod));
  const methods: MethodId[] = [];
  const masks: Partial<Record<MethodId, string>> = {};
  const more: Partial<Record<MethodId, number>> = {};
  for (const method of input.available) {
    if (passedKinds.has(kindOfMethod(method)) || (input.privileged && method === "questions")) continue;
    const rows = usableRows(method, input.rows, input.policy);
    if (rows.length === 0) continue;
    methods.push(method);
    const target = targetOf(method, rows);
    if (target === null) continue;
    masks[method] = target.mask;
    if (target.more > 0) more[method] = target.more;
  }
  return { methods, masks, more };
}

/** The offer as step data. */
export function offerStepData(offer: GateTwoOffer): StepData {
  const data: Record<string, string | readonly string[]> = { [OFFER_KEY]: offer.methods };
  for (const [method, mask] of Object.entries(offer.masks)) data[`${MASK_PREFIX}${method}`] = mask;
  for (const [method, count] of Object.entries(offer.more)) data[`${MORE_PREFIX}${method}`] = String(count);
  return data;
}

/**
 * Gate 2's offer for a flow whose gate 1 was just passed (`flow.methodsPassed` holds it), as step data to save with
 * GATE_SELECT(2). Reads the user's verified rows once.
 */
export async function gateTwoOfferData(
  deps: Pick<ResetDeps, "methods" | "registry">,
  input: { flow: ResetFlow; policy: SsprPolicy; user: UserAccount | null },
): Promise<StepData> {
  const { flow, policy, user } = input;
  const rows = user === null || flow.inertReason !== null ? [] : await deps.methods.listForUser(user.ref);
  const offer = gateTwoOfferFor({
    // flow-view's offeredMethods, not imported: flow-view reads this module; narrowed to the methods on for this
    // user's groups (per-method targeting), which the privileged users' fixed policy does not use.
    available: (user === null || isPrivileged(user)
      ? enabledMethods(policy)
      : methodsOnFor(policy, user.groups)
    ).filter((method) => deps.registry.ids.includes(method)),
    passed: flow.methodsPassed,
    rows,
    privileged: user !== null && isPrivileged(user),
    policy,
  });
  return offerStepData(offer);
}

/** The offer saved in `stepData`, or null when there is none (gate 1, or a flow saved without one). */
export function readGateTwoOffer(stepData: StepData | null | undefined): GateTwoOffer | null {
  const methods = stepData?.[OFFER_KEY];
  if (stepData === null || stepData === undefined || !Array.isArray(methods)) return null;
  const masks: Partial<Record<MethodId, string>> = {};
  const more: Partial<Record<MethodId, number>> = {};
  for (const method of methods as readonly MethodId[]) {
    const mask = stepData[`${MASK_PREFIX}${method}`];
    if (typeof mask === "string") masks[method] = mask;
    // A flow saved before the count was kept has none: its mask is then shown alone.
    const count = Number(stepData[`${MORE_PREFIX}${method}`]);
    if (Number.isInteger(count) && count > 0) more[method] = count;
  }
  return { methods: methods as readonly MethodId[], masks, more };
}

/**
 * `next` with the offer of `current` kept beside it: a gate-2 method's own step data (its masked target, drawn
 * questions) must not erase the list the user goes back to. Null when there is neither.
 */
export function keepGateTwoOffer(current: StepData | null | undefined, next: StepData | null): StepData | null {
  const offer = readGateTwoOffer(current);
  if (offer === null) return next;
  return { ...(next ?? {}), ...offerStepData(offer) };
}
