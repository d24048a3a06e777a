/**
 * Gate 2's list (SPEC §6.6 item 2): once gate 1 is passed, only the user's remaining usable methods of another kind,
 * each with its masked target ("Text my phone ending in 12", "Email b***@g***.com", an app's label). Computed once,
 * when gate 1 passes, and saved in the flow's step data, so the page, the API and `chooseMethod` read one list.
 */
import { maskEmailAddress } from "../../email-address.js";
import type { StepData } from "../../methods/method-steps.js";
import { kindOfMethod, type MethodId } from "../../methods.js";
import { isAllowedCountry, phoneLastDigits } from "../../phone-number.js";
import { enabledMethods, type SsprPolicy } from "../../policies/sspr-policy.js";
import type { VerifiedMethod } from "../../ports.js";
import { isPrivileged, type UserAccount } from "../../users.js";
import type { ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";

/** The methods gate 2 offers, in SPEC §6.4's order, and the masked target of each that has one. */
export interface GateTwoOffer {
  readonly methods: readonly MethodId[];
  readonly masks: Readonly<Partial<Record<MethodId, string>>>;
}

// Step-data keys: the list, and one key per mask (step data holds no nested objects).
const OFFER_KEY = "gate2Offer";
const MASK_PREFIX = "gate2Mask.";

/** A phone at a gate: the last two digits only (SPEC §4.2 "ending in 12"; the country code is for admins). */
export function phoneGateMask(e164: string): string {
  return `••• ${phoneLastDigits(e164)}`;
}

/** The target a gate may show for `rows` of one kind: an address or a number masked, or the labels; null for none. */
function maskOf(method: MethodId, rows: readonly VerifiedMethod[]): string | null {
  const [first] = rows;
  if (first === undefined) return null;
  if (method === "email") return maskEmailAddress(first.value);
  if (method === "sms" || method === "voice_mobile" || method === "voice_office") return phoneGateMask(first.value);
  if (method === "totp" || method === "passkey") {
    const labels = rows.flatMap((row) => (row.label === null || row.label === "" ? [] : [row.label]));
    return labels.length === 0 ? null : labels.join(", ");
  }
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
  for (const method of input.available) {
    if (passedKinds.has(kindOfMethod(method)) || (input.privileged && method === "questions")) continue;
    const rows = usableRows(method, input.rows, input.policy);
    if (rows.length === 0) continue;
    methods.push(method);
    const mask = maskOf(method, rows);
    if (mask !== null) masks[method] = mask;
  }
  return { methods, masks };
}

/** The offer as step data. */
export function offerStepData(offer: GateTwoOffer): StepData {
  const data: Record<string, string | readonly string[]> = { [OFFER_KEY]: offer.methods };
  for (const [method, mask] of Object.entries(offer.masks)) data[`${MASK_PREFIX}${method}`] = mask;
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
    // flow-view's offeredMethods, not imported: flow-view reads this module.
    available: enabledMethods(policy).filter((method) => deps.registry.ids.includes(method)),
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
  for (const method of methods as readonly MethodId[]) {
    const mask = stepData[`${MASK_PREFIX}${method}`];
    if (typeof mask === "string") masks[method] = mask;
  }
  return { methods: methods as readonly MethodId[], masks };
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
