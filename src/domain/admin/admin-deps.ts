/** What the admin services are built from; `compose.ts` fills it once per process. */
import type { Clock } from "../../lib/clock.js";
import type { SecretHasher } from "../../lib/crypto/argon2id.js";
import type { Random } from "../../lib/random.js";
import type { BannedPasswordList } from "../passwords/banned-list.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { PhoneDelivery } from "../policies/policy-warnings.js";
import type {
  AuditReader,
  CodeKeys,
  Directory,
  FlowStore,
  MethodStore,
  PolicyStore,
  SignInLockoutStore,
  ThrottleStore,
  UnitOfWork,
} from "../ports.js";
import type { DeliveryHistory, GroupChains } from "../troubleshoot/diagnosis-facts.js";
import type { UserAccounts } from "../user-accounts.js";
import type { RoleHolderStore } from "../role-holders.js";
import type { PopulationReader } from "../policies/simulation/population.js";
import type { EvaluationStore } from "../policies/evaluation/evaluation-ports.js";
import type { MethodId } from "../methods.js";
import type { AppCodeCheck } from "../methods/app-code-check.js";
import type { Language } from "../users.js";
import type { AdminUserView, DirectoryAdminStore } from "./admin-ports.js";
import type { ApiTokenStore } from "./api-token-ports.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { type AdminActor, actorMay, actorMayOn } from "./admin-actor.js";
import type { Capability } from "./admin-permissions.js";
import type { IpNetwork } from "../../lib/cidr.js";

export interface AdminDeps {
  readonly clock: Clock;
  readonly random: Random;
  /** The process's one Argon2id hasher, with its one limit on hashes in flight. */
  readonly hasher: SecretHasher;
  readonly unitOfWork: UnitOfWork;
  /** Reads outside a transaction; writes go through `unitOfWork`'s stores. */
  readonly directoryAdmin: DirectoryAdminStore;
  /** The directory passwords are written to (outside any transaction), and the combined read of a person. */
  readonly directory: Directory;
  readonly users: UserAccounts;
  readonly methods: MethodStore;
  readonly policy: PolicyStore;
  readonly auditReader: AuditReader;
  /** The admin API's tokens, read outside a transaction (writes go through `unitOfWork`). */
  readonly apiTokens: ApiTokenStore;
  /** The methods this process implements: the policy may enable only these. */
  readonly availableMethods: readonly MethodId[];
  /** Which phone channels the configuration can send by (the policy's V6 and V7 warnings). */
  readonly phoneDelivery: PhoneDelivery;
  /** The methods this process's reset gates accept (its registry): only these count toward Capable. */
  readonly gateMethods: readonly MethodId[];
  /** What "Diagnose this user" reads besides the above (SPEC §13.1): counters, lockouts, flows, messages. */
  readonly throttles: ThrottleStore;
  readonly signInLockouts: SignInLockoutStore;
  readonly flows: FlowStore;
  readonly deliveries: DeliveryHistory;
  readonly groupChains: GroupChains;
  /** Who holds admin roles (break-glass asks whether another Global admin could help). */
  readonly roleHolders: RoleHolderStore;
  /** Every person of the directory in bulk, for the policy simulation (SPEC §3). */
  readonly population: PopulationReader;
  /** Evaluation mode's drafts and the decisions flows recorded for them. */
  readonly evaluations: EvaluationStore;
  /** The keys code HMACs are made with (SPEC §4.3); loaded on first use, so a command that sends no code never reads them. */
  readonly codeKeys: () => Promise<CodeKeys>;
  /** The authenticator app's one code check (the reset gate's), for "Verify caller" by app (SPEC §10). */
  readonly checkAppCode: AppCodeCheck;
  /** This host, named in notices about console actions. */
  readonly host: string;
  /** Networks whose clients share an address (SPEC §8.2): the admin API's T2 allows them ten times as many refusals. */
  readonly corporateEgressNetworks?: readonly IpNetwork[];
  /**
   * The banned-password check with the global list: generated temporary passwords pass it too. A function, so a
   * console command that sets no password (`sandi migrate`, `sandi user list`) never loads the list.
   */
  readonly bannedList: () => BannedPasswordList;
  /** The organisation as the configuration describes it, before `init` stored one. */
  readonly configured: {
    readonly organisation: { readonly name: string; readonly domain: string; readonly defaultLanguage: Language };
    readonly publicUrl: string;
  };
}

/** Why an admin action did nothing. */
export type AdminRefusal = "forbidden" | "not_found";

/** The policy in force, or the defaults before any was saved. */
export type CurrentPolicy = () => Promise<SsprPolicy>;

/** Finds the target and checks the actor may use `capability` on them. */
export async function targetFor(
  deps: AdminDeps,
  actor: AdminActor,
  capability: Capability,
  userId: string,
): Promise<Outcome<AdminUserView, AdminRefusal>> {
  if (!actorMay(actor, capability)) return fail("forbidden");
  const user = await deps.directoryAdmin.findUser(userId);
  if (user === null) return fail("not_found");
  if (!actorMayOn(actor, capability, user)) return fail("forbidden");
  return succeed(user);
}
