/** What the sign-in service needs, and the shapes it answers with. */
import type { SecretHasher } from "../../../lib/crypto/argon2id.js";
import type {
  AuditLog,
  Clock,
  Directory,
  HumanCheck,
  Random,
  SessionStore,
  SignInLockoutStore,
  ThrottleStore,
  UnitOfWork,
} from "../../ports.js";
import type { BannedPasswordList } from "../../passwords/banned-list.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccounts } from "../../user-accounts.js";
import type { LockoutSettings } from "./lockout-policy.js";

/** Who is signing in or out: for the audit event and the session row. */
export interface SignInCaller {
  readonly ip: string;
  readonly client: string;
  readonly lang: "en" | "id";
}

/**
 * Wrong password and locked account look the same to the user (SPEC §8.3); SND-306 and SND-308 only after a right password;
 * SND-111 (no solution) and SND-112 (a bad one) while I3 requires the CAPTCHA, before anything about the account.
 */
export type SignInFailure = "SND-111" | "SND-112" | "SND-113" | "signin_failed" | "SND-306" | "SND-308";

export interface SignInDeps {
  readonly clock: Clock;
  readonly random: Random;
  /** Looked up and verified outside any transaction: Argon2 work must never hold one open. */
  readonly directory: Directory;
  /** The combined read of entry and account state; account writes go through the transaction's AccountStore. */
  readonly users: UserAccounts;
  /** For the dummy verify of unknown, disabled and admin-locked accounts. */
  readonly hasher: SecretHasher;
  /** Session reads and touches outside a transaction; writes that go with an audit event use the transaction's. */
  readonly sessions: SessionStore;
  /** The lockout records; counting uses the transaction's store, so check and count cannot interleave on PGlite. */
  readonly lockouts: SignInLockoutStore;
  readonly audit: AuditLog;
  /** I3's counter and block (failed sign-ins per IP); read outside a transaction, counted inside one. */
  readonly throttles: ThrottleStore;
  /** The proof-of-work check the sign-in form needs while I3 holds; each solution works once. */
  readonly humanCheck: HumanCheck;
  readonly unitOfWork: UnitOfWork;
  /** Key for the HMACs of wrong passwords, so a stolen table cannot be searched for them offline. */
  readonly lockoutKey: Uint8Array;
  readonly settings: LockoutSettings;
  /** The policy in force: its custom banned list counts in the compromise check at sign-in (SPEC §18). */
  readonly currentPolicy: () => Promise<SsprPolicy>;
  readonly organisation: () => Promise<{ name: string; signInUrl: string; helpdesk?: string }>;
  /** The banned-password check with the global list, loaded once at start. */
  readonly bannedList: BannedPasswordList;
}
