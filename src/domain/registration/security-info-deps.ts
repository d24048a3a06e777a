/** What the security-info services need, and the caller they act for. */
import type { SecretHasher } from "../../lib/crypto/argon2id.js";
import type { RegistrableKind } from "../methods.js";
import type { Clock, CodeKeys, MethodStore, Random, UnitOfWork } from "../ports.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { Session } from "../ports.js";
import type { Language, UserAccount } from "../users.js";
import type { IpNetwork } from "../../lib/cidr.js";
import type { MethodHistoryStore, RecoveryCodeStore } from "./registration-ports.js";

export interface SecurityInfoDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly unitOfWork: UnitOfWork;
  /** Reads outside a transaction; writes go through the transaction's stores. */
  readonly methods: MethodStore;
  readonly methodHistory: MethodHistoryStore;
  readonly recoveryCodes: RecoveryCodeStore;
  readonly codeKeys: CodeKeys;
  /**
   * The password asked again when a user without a non-question method's sign-in has gone stale, under the sign-in
   * form's smart lockout (SPEC §8.3): a session left open must not let anyone guess the password at leisure.
   */
  readonly checkCurrentPassword: (input: {
    readonly user: UserAccount;
    readonly password: string;
    readonly caller: Pick<SecurityInfoCaller, "ip" | "client" | "lang">;
  }) => Promise<CurrentPasswordCheck>;
  readonly hasher: SecretHasher;
  readonly currentPolicy: () => Promise<SsprPolicy>;
  readonly organisation: () => Promise<{ name: string; signInUrl: string; helpdesk?: string; domain?: string }>;
  /** Kinds this process can register (their method module is wired and their channel configured). */
  readonly available: readonly RegistrableKind[];
  /** Kinds a reset gate of this process accepts (readiness counts only these toward Capable). */
  readonly gateKinds?: readonly RegistrableKind[];
  /** Networks whose users share an IP (SPEC §8.2: 10 × I2). */
  readonly corporateEgressNetworks: readonly IpNetwork[];
}

/** A current password checked under the lockout: right, or wrong (or not checked while locked) with the lock's {n}. */
export type CurrentPasswordCheck = { readonly right: true } | { readonly right: false; readonly lockedMinutes: number };

/** The signed-in user acting on their own security info, from one request. */
export interface SecurityInfoCaller {
  readonly user: UserAccount;
  readonly session: Session;
  readonly ip: string;
  readonly client: string;
  readonly lang: Language;
}
