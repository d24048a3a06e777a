/**
 * SPEC §6.7's live check: while the user types, the new-password pages ask the server which checklist items the
 * password meets. The answer comes from the same `checkNewPassword` the submit runs, and says only what a submit
 * would say (which rules are broken), never which word or name matched. It is limited to 30 calls per minute per
 * flow (reset) or per session (change password), counted as `P1` in the throttle store.
 */
import { secondsBefore } from "../lib/time.js";
import type { BannedPasswordList } from "./passwords/banned-list.js";
import {
  checkNewPassword,
  PASSWORD_MAX_LENGTH,
  type PasswordPolicy,
  type PasswordUserTerms,
} from "./policies/password-policy.js";
import { passwordStrength, type StrengthPerson, type StrengthScore } from "./password-strength.js";
import type { ThrottleStore, UnitOfWork } from "./ports.js";

/** The checklist beside the rules; `classes` only when the policy asks for character classes. */
export const CHECKLIST_ITEMS = ["length", "classes", "characters", "banned", "match"] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** Which item a broken rule unticks. SND-505 (the banned score) and SND-509 (names) are both "not common or your name". */
const ITEM_OF_CODE: Readonly<Record<string, ChecklistItem>> = {
  "SND-501": "length",
  "SND-502": "length",
  "SND-503": "classes",
  "SND-504": "characters",
  "SND-505": "banned",
  "SND-509": "banned",
  "SND-507": "match",
};

/** SPEC §6.7: at most 30 checks per minute per flow (or per session). */
export const LIVE_CHECK_LIMIT = { limit: 30, windowSeconds: 60 } as const;

export interface LiveCheckInput {
  readonly password: string;
  readonly confirmation: string;
}

/** What the page may show: each item met or not, whether a submit would pass §7's checks, and the advisory score. */
export interface LiveCheckReport {
  readonly items: Readonly<Partial<Record<ChecklistItem, boolean>>>;
  /** False when any rule is broken, including one no checklist item names. */
  readonly acceptable: boolean;
  /** Null when the scorer is too busy to answer now: the bar is advice, so it waits rather than queues. */
  readonly strength: StrengthScore | null;
}

export type LiveCheckOutcome =
  | { readonly ok: true; readonly report: LiveCheckReport }
  | { readonly ok: false; readonly reason: "limited"; readonly retryAfterSeconds: number };

/** What the page needs to draw the checklist and tick length, classes and match in the browser. */
export interface PasswordChecklist {
  readonly items: readonly ChecklistItem[];
  readonly minLength: number;
  readonly maxLength: number;
  readonly requireClasses: boolean;
}

/** The checklist items shown under `policy`, in page order. */
export function checklistItems(policy: PasswordPolicy): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((item) => item !== "classes" || policy.requireClasses);
}

/** The checklist of the new-password pages under `policy`. */
export function passwordChecklist(policy: PasswordPolicy): PasswordChecklist {
  return {
    items: checklistItems(policy),
    minLength: policy.minLength,
    maxLength: PASSWORD_MAX_LENGTH,
    requireClasses: policy.requireClasses,
  };
}

/** The items met, given the rules the submit's check found broken. */
export function checklistOf(
  violations: readonly { readonly code: string }[],
  policy: PasswordPolicy,
): Partial<Record<ChecklistItem, boolean>> {
  const broken = new Set(violations.map((violation) => ITEM_OF_CODE[violation.code]));
  return Object.fromEntries(checklistItems(policy).map((item) => [item, !broken.has(item)]));
}

/**
 * Counts one live check for `key` and decides under the key's lock, so parallel calls cannot pass the limit together.
 * A refused call is not counted: the limit is 30 answered checks in any rolling minute.
 */
export async function admitLiveCheck(
  deps: { readonly unitOfWork: UnitOfWork },
  key: string,
  now: Date,
): Promise<{ admitted: true } | { admitted: false; retryAfterSeconds: number }> {
  return deps.unitOfWork.inTransaction(async (stores) => {
    const throttles: ThrottleStore = stores.throttles;
    await throttles.serialise("P1", key);
    const since = secondsBefore(now, LIVE_CHECK_LIMIT.windowSeconds);
    const count = await throttles.count("P1", key, since, LIVE_CHECK_LIMIT.limit);
    if (count >= LIVE_CHECK_LIMIT.limit) return { admitted: false, retryAfterSeconds: LIVE_CHECK_LIMIT.windowSeconds };
    await throttles.hit("P1", key, now);
    return { admitted: true };
  });
}

/** The report for `violations` (from the submit's own check) and the advisory score of the password. */
export async function liveCheckReport(
  violations: readonly { readonly code: string }[],
  input: { password: string; policy: PasswordPolicy; person: StrengthPerson; organisationName: string },
): Promise<LiveCheckReport> {
  return {
    items: checklistOf(violations, input.policy),
    acceptable: violations.length === 0,
    strength: await passwordStrength(input.password, input.person, input.organisationName),
  };
}

/**
 * The live check proper, after the caller admitted it: the submit's own `checkNewPassword` on the candidate, as the
 * checklist report with the advisory score. The reset flow and change password differ only in what comes before.
 */
export async function checkCandidatePassword(
  input: LiveCheckInput,
  context: {
    readonly policy: PasswordPolicy;
    readonly person: PasswordUserTerms & StrengthPerson;
    readonly organisationName: string;
    readonly bannedList: BannedPasswordList;
  },
): Promise<LiveCheckReport> {
  const violations = checkNewPassword(input.password, {
    policy: context.policy,
    userTerms: context.person,
    organisationName: context.organisationName,
    bannedList: context.bannedList,
    confirmation: input.confirmation,
  });
  return liveCheckReport(violations, {
    password: input.password,
    policy: context.policy,
    person: context.person,
    organisationName: context.organisationName,
  });
}
