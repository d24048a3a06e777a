/** What the reset service needs, and what it returns to the pages and the API. */
import type { IpNetwork } from "../../../lib/cidr.js";
import type { Clock } from "../../../lib/clock.js";
import type { Random } from "../../../lib/random.js";
import type { MethodId } from "../../methods.js";
import type { PasswordRuleHint } from "../../policies/password-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type {
  AuditLog,
  Challenge,
  ChallengeStore,
  CodeKeys,
  Directory,
  FlowStore,
  HumanCheck,
  MethodStore,
  OutboxDraft,
  ThrottleStore,
  UnitOfWork,
  VerifiedMethod,
} from "../../ports.js";
import type { ReasonCode } from "../../reasons.js";
import type { UserAccounts } from "../../user-accounts.js";
import type { Language } from "../../users.js";
import type { GateStep, ResetFlow } from "./reset-flow.js";
import type { ResetState } from "./reset-states.js";

/** A one-time-code method (email now; SMS and voice later) as the reset flow uses it. */
export interface CodeMethod {
  readonly id: MethodId;
  /** The normalised contact value, or null when what was typed is not one. */
  normaliseContact(typed: string): string | null;
  /** The code's digits for this policy. */
  codeLength(policy: SsprPolicy): number;
  /** A new challenge; with `target` null, one nobody can meet (no code exists). */
  issueChallenge(input: {
    flowId: string;
    gate: number;
    target: VerifiedMethod | null;
    codeLength: number;
    now: Date;
  }): { challenge: Challenge; code: string | null };
  /** Compares in constant time; a challenge without a code is compared against a dummy and fails. */
  isCodeRight(challenge: Challenge, typedCode: string): boolean;
  /** The message that carries the code. */
  draftCodeMessage(input: {
    target: VerifiedMethod;
    code: string;
    flow: ResetFlow;
    client: string;
    orgName: string;
    now: Date;
  }): OutboxDraft;
}

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
  readonly codeMethods: Readonly<Partial<Record<MethodId, CodeMethod>>>;
  /** Networks on the corporate egress list (SPEC §8.2): their IPs get 10 × the I1 and I2 limits. */
  readonly corporateEgressNetworks: readonly IpNetwork[];
  readonly currentPolicy: () => Promise<SsprPolicy>;
  readonly organisation: () => Promise<{ name: string; signInUrl: string }>;
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
  readonly currentMethod: MethodId | null;
  readonly gateStep: GateStep | null;
  readonly codeLength: number;
  readonly expiresAt: Date;
  readonly blockedUntil: Date | null;
  /** A reason that may be shown (blocks, and after a gate was passed). */
  readonly shownReason: ReasonCode | null;
  /** Set only in the cancelled state, so the page never says "you cancelled" about something the user did not do. */
  readonly cancelReason: CancelReason | null;
  readonly passwordRules: readonly PasswordRuleHint[];
  readonly csrfToken: string;
}

export type FlowFailure = "flow_not_found" | "flow_changed" | "SND-212" | "action_not_allowed" | "csrf_invalid";
