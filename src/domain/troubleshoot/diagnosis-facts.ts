/**
 * What the checks of "Diagnose this user" read, gathered once per diagnosis (diagnose-user.ts) so every check is a
 * pure function of it and testable with a fixed `now`. Also the delivery-history port check 12 reads through.
 */
import type { ResetFlow } from "../flows/reset/reset-flow.js";
import type { MessageChannel } from "../messages.js";
import type { RegistrableKind } from "../methods.js";
import type { CounterReading } from "../account-counters.js";
import type { PolicyViolation, SsprPolicy } from "../policies/sspr-policy.js";
import type { ActiveBlock, Directory, DirectoryLockState, SignInLockout, VerifiedMethod } from "../ports.js";
import type { UserAccount } from "../users.js";

/** One message to the user as check 12 shows it: the recipient masked, never the body or a code. */
export interface DeliveryRecord {
  readonly time: Date;
  readonly channel: MessageChannel | null;
  /** The template id, or for a suppressed code the method it was for. */
  readonly about: string;
  readonly maskedRecipient: string;
  readonly status: "waiting" | "sent" | "retrying" | "abandoned" | "suppressed";
  /** Why it was not delivered: `SND-213:R1`, the provider's error, `no_channel:sms`; null when it was. */
  readonly reason: string | null;
}

/** The messages Sandi queued for one user, and the ones a send limit dropped (SPEC §13.1 check 12). */
export interface DeliveryHistory {
  /** The newest `limit` messages to the user (by account ref, or by user ID for the dropped ones), newest first. */
  recentOfUser(user: { ref: string; userId: string }, limit: number): Promise<DeliveryRecord[]>;
}

/** How a user belongs to groups through nesting (the built-in directory's `group_nesting`). */
export interface GroupChains {
  /**
   * For each of `groups` the user is in, the shortest chain from one of the user's own groups up to it (the group
   * itself last; one entry for a direct membership). Groups the user is not in are absent.
   */
  chainsOf(userRef: string, groups: readonly string[]): Promise<Readonly<Record<string, readonly string[]>>>;
}

/** Where the diagnosis started: the typed user ID, or a support code and the flow it found. */
export type DiagnosisSubject =
  | { readonly via: "user_id"; readonly userId: string }
  | { readonly via: "support_code"; readonly supportCode: string; readonly flow: ResetFlow | null };

/** Everything about one account the checks need; absent parts when the account was not found. */
export interface AccountFacts {
  readonly user: UserAccount;
  readonly methods: readonly VerifiedMethod[];
  readonly counters: readonly CounterReading[];
  readonly block: ActiveBlock | null;
  readonly lockout: SignInLockout | null;
  readonly directoryLock: DirectoryLockState;
  readonly messages: readonly DeliveryRecord[];
  readonly flows: readonly ResetFlow[];
  /** How the user is in the policy's scope and excluded groups they belong to (check 4's nesting chain). */
  readonly groupChains: Readonly<Record<string, readonly string[]>>;
}

export interface DiagnosisFacts {
  readonly now: Date;
  readonly subject: DiagnosisSubject;
  readonly policy: SsprPolicy;
  /** False when no policy was ever saved (the defaults are in force: scope None). */
  readonly policySaved: boolean;
  readonly policyViolations: readonly PolicyViolation[];
  readonly directory: Pick<Directory, "kind" | "capabilities">;
  /** Kinds this build's gates accept (SPEC §5.3 Capable counts only these). */
  readonly gateKinds: readonly RegistrableKind[];
  readonly account: AccountFacts | null;
}
