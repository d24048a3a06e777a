/** What the reset service needs, and what it returns to the pages and the API. */
import type { IpNetwork } from "../../../lib/cidr.js";
import type { Clock } from "../../../lib/clock.js";
import type { Random } from "../../../lib/random.js";
import type { MethodId } from "../../methods.js";
import type { BannedPasswordList } from "../../passwords/banned-list.js";
import type { PasswordRuleHint } from "../../policies/password-policy.js";
import type { PasswordChecklist } from "../../password-live-check.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { MethodRegistry, MethodStepDescriptor } from "../../methods/method-port.js";
import type {
  AuditLog,
  ChallengeStore,
  CodeKeys,
  Directory,
  FlowStore,
  HumanCheck,
  MethodStore,
  ThrottleStore,
  UnitOfWork,
} from "../../ports.js";
import type { ReasonCode } from "../../reasons.js";
import type { UserAccounts } from "../../user-accounts.js";
import type { Language } from "../../users.js";
import type { GateStep } from "./reset-flow.js";
import type { EvaluationRecorder } from "../../policies/evaluation/evaluation-recorder.js";
import type { ResetState } from "./reset-states.js";

/** Waits out SPEC §6.1's response floor; a timer, not work. */
export interface ResponseFloor {
  waitUntil(startedAt: Date, kind: "identify" | "gate"): Promise<void>;
}

export interface ResetDeps {
  readonly clock: Clock;
  readonly random: Random;
  /** Password writes, outside any transaction (they may cross the network and take the directory timeout). */
  readonly directory: Directory;
  /** The combined read of entry and account state. */
  readonly users: UserAccounts;
  readonly flows: FlowStore;
  readonly challenges: ChallengeStore;
  readonly throttles: ThrottleStore;
  readonly methods: MethodStore;
  readonly audit: AuditLog;
  readonly unitOfWork: UnitOfWork;
  readonly codeKeys: CodeKeys;
  /** Key for the flow-bound form tokens. */
  readonly csrfKey: Uint8Array;
  readonly humanCheck: HumanCheck;
  readonly floor: ResponseFloor;
  /** The methods this build implements (compose.ts chooses them); the policy may offer only these. */
  readonly registry: MethodRegistry;
  /**
   * The method ids the policy may enable: the gate registry's and those the build lets users register (a method may
   * be registrable before it works as a gate). Defaults to the registry's ids.
   */
  readonly policyMethods?: readonly MethodId[];
  /** Networks on the corporate egress list (SPEC §8.2): their IPs get 10 × the I1 and I2 limits. */
  readonly corporateEgressNetworks: readonly IpNetwork[];
  readonly currentPolicy: () => Promise<SsprPolicy>;
  readonly organisation: () => Promise<{ name: string; signInUrl: string; helpdesk?: string }>;
  /** The banned-password check with the global list, loaded once at start. */
  readonly bannedList: BannedPasswordList;
  /** Evaluation mode: records what a draft policy would have decided at each eligibility check (never enforced). */
  readonly evaluation?: EvaluationRecorder;
}

/** Who is asking: the flow handle from the cookie (pages, with the form's CSRF token) or the API's bearer. */
export interface FlowCaller {
  readonly handle: string | undefined;
  /** The CSRF token a page form carried; `api` for /api/v1, which reads no cookies (so no CSRF applies). */
  readonly csrf: { readonly token: string } | "api";
  readonly ip: string;
  readonly client: string;
  readonly lang: Language;
  readonly startedAt: Date;
}

/**
 * Why a cancelled flow ended, as its user may learn it: they cancelled it (`user`), a reset completed in another
 * browser closed it (`superseded`), or something else did, such as the helpdesk setting a password (`other`).
 */
export const CANCEL_REASONS = ["user", "superseded", "other"] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** What a page or an API response shows of a flow. Never contact data before a gate is passed. */
export interface FlowView {
  readonly flowId: string;
  readonly supportCode: string;
  /** The ID the user typed (normalised), for password managers on the new-password page. */
  readonly userId: string;
  readonly state: ResetState;
  readonly gate: number;
  /** N of "step k of N", from the ordinary-user policy (SPEC §6.4). */
  readonly gatesShown: number;
  readonly methodsOffered: readonly MethodId[];
  /** Gate 2's masked target of each offered method that has one ("••• 12", `b***@g***.com`, an app's label). */
  readonly offeredTargets: Readonly<Partial<Record<MethodId, string>>>;
  /** How many more of a method stand behind its target ("YubiKey 5" and 1 more passkey); absent for one. */
  readonly offeredMore: Readonly<Partial<Record<MethodId, number>>>;
  readonly currentMethod: MethodId | null;
  readonly gateStep: GateStep | null;
  /** What the current method's step shows (fields, masked target, code length); null outside a gate's challenge. */
  readonly step: MethodStepDescriptor | null;
  /** Digits of the current method's code (of email's before a method is chosen), as API v1 has always said. */
  readonly codeLength: number;
  readonly expiresAt: Date;
  readonly blockedUntil: Date | null;
  /** A reason that may be shown (blocks, and after a gate was passed). */
  readonly shownReason: ReasonCode | null;
  /** Set only in the cancelled state, so the page never says "you cancelled" about something the user did not do. */
  readonly cancelReason: CancelReason | null;
  readonly passwordRules: readonly PasswordRuleHint[];
  readonly csrfToken: string;
  /** The done page may offer "Replace a lost method" (a one-time hand-off to My security info; see hand-off.ts). */
  readonly canHandOff: boolean;
  /** The live checklist beside the rules on the new-password page (SPEC §6.7), from the policy in force. */
  readonly passwordChecklist: PasswordChecklist;
}

export type FlowFailure = "flow_not_found" | "flow_changed" | "SND-212" | "action_not_allowed" | "csrf_invalid";
