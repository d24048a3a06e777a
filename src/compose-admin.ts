/**
 * The admin services on an open database: what the console commands (direct or over the control socket) and the
 * admin portal act through. Built once per process with the process's one hasher.
 */
import type { Kysely } from "kysely";
import type { Config } from "./config/config.schema.js";
import { type AdminActions, createAdminActions } from "./domain/admin/admin-actions.js";
import type { Clock } from "./lib/clock.js";
import type { SecretHasher } from "./lib/crypto/argon2id.js";
import type { Random } from "./lib/random.js";
import type { MethodId } from "./domain/methods.js";
import type { CodeKeys, Directory } from "./domain/ports.js";
import { loadSecretKeys } from "./store/repos/kysely-secret-keys.js";
import type { BannedPasswordList } from "./domain/passwords/banned-list.js";
import { shippedBannedPasswordList } from "./compose-passwords.js";
import { createUserAccounts } from "./domain/user-accounts.js";
import { createKyselyAccountStore } from "./store/repos/kysely-account-store.js";
import { createBuiltinDirectory } from "./store/repos/kysely-builtin-directory.js";
import { BUILTIN_METHOD_IDS } from "./methods/builtin-methods.js";
import { createTotpCheck } from "./methods/totp/totp-gate.js";
import type { AppCodeCheck } from "./domain/methods/app-code-check.js";
import { methodsThePolicyMayEnable } from "./compose-security-info.js";
import type { Database } from "./store/database.js";
import { migrateToLatest } from "./store/migrate.js";
import { createKyselyAuditReader } from "./store/repos/kysely-audit-log.js";
import { createKyselyApiTokenStore } from "./store/repos/kysely-api-token-store.js";
import { createKyselyDeliveryHistory } from "./store/repos/kysely-delivery-history.js";
import { createKyselyFlowStore } from "./store/repos/kysely-flow-store.js";
import { createKyselyGroupChains } from "./store/repos/kysely-group-chains.js";
import { createKyselyPopulationReader } from "./store/repos/kysely-population.js";
import { createKyselyEvaluationStore } from "./store/repos/kysely-evaluation-store.js";
import { createKyselySignInLockoutStore } from "./store/repos/kysely-signin-lockout-store.js";
import { createKyselyThrottleStore } from "./store/repos/kysely-throttle-store.js";
import { createKyselyDirectoryAdmin } from "./store/repos/kysely-directory-admin.js";
import { createKyselyMethodStore } from "./store/repos/kysely-method-store.js";
import { createKyselyPolicyStore } from "./store/repos/kysely-policy-store.js";
import { createKyselyRoleHolders } from "./store/repos/kysely-role-holders.js";
import { createUnitOfWork } from "./store/unit-of-work.js";
import { parseNetworks } from "./lib/cidr.js";

/** What a console command is handed besides its output and the configuration. */
export interface CommandServices {
  readonly admin: AdminActions;
  /** Applies pending migrations (`sandi migrate`); returns their names. */
  migrate(): Promise<string[]>;
}

export interface AdminCompositionInput {
  readonly db: Kysely<Database>;
  readonly config: Readonly<Config>;
  readonly clock: Clock;
  readonly random: Random;
  readonly hasher: SecretHasher;
  /** This host, stamped on audit events and named in notices about console actions. */
  readonly instance: string;
  /** The methods the process implements (its registry); the built-in ones when not given. */
  readonly availableMethods?: readonly MethodId[];
  /** The methods the process's reset gates accept (its registry's ids); the built-in ones when not given. */
  readonly gateMethods?: readonly MethodId[];
  /** The process's directory (its composed one); the built-in directory on `db` when not given. */
  readonly directory?: Directory;
  /** Which phone channels can send (the policy's V6/V7 warnings); from `config.phone` when not given. */
  readonly phoneDelivery?: { readonly sms: boolean; readonly voice: boolean };
  /** The process's banned-password check; the shipped list (loaded once per process) when not given. */
  readonly bannedList?: BannedPasswordList;
  /** The code HMAC keys the process loaded; read from `db` on first use when not given (console commands). */
  readonly codeKeys?: CodeKeys;
}

/** The code keys given, or those in `db`, read once (the first instance to start made them). */
function codeKeysOf(input: AdminCompositionInput): () => Promise<CodeKeys> {
  let loaded: Promise<CodeKeys> | null = input.codeKeys === undefined ? null : Promise.resolve(input.codeKeys);
  return () => {
    loaded ??= loadSecretKeys(input.db, input.random, input.clock.now()).then((keys) => keys.codeKeys);
    return loaded;
  };
}

/** The TOTP gate's own check, built once the code keys are read (its padding row is sealed with them). */
function appCodeCheckOf(codeKeys: () => Promise<CodeKeys>, random: Random): AppCodeCheck {
  let check: Promise<AppCodeCheck> | null = null;
  return async (input, counters) => {
    check ??= codeKeys().then((keys) => createTotpCheck({ codeKeys: keys, random }));
    return (await check)(input, counters);
  };
}

/** The admin actions on `db`. */
export function composeAdminActions(input: AdminCompositionInput): AdminActions {
  const { db, config, random } = input;
  const directory = input.directory ?? createBuiltinDirectory(db, { hasher: input.hasher });
  const accounts = createKyselyAccountStore(db, { random });
  const codeKeys = codeKeysOf(input);
  return createAdminActions({
    directory,
    users: createUserAccounts({ directory, accounts, clock: input.clock }),
    clock: input.clock,
    random,
    hasher: input.hasher,
    unitOfWork: createUnitOfWork(db, { random, instance: input.instance }),
    directoryAdmin: createKyselyDirectoryAdmin(db, { random }),
    methods: createKyselyMethodStore(db),
    policy: createKyselyPolicyStore(db),
    auditReader: createKyselyAuditReader(db),
    apiTokens: createKyselyApiTokenStore(db),
    availableMethods: input.availableMethods ?? methodsThePolicyMayEnable(BUILTIN_METHOD_IDS),
    gateMethods: input.gateMethods ?? BUILTIN_METHOD_IDS,
    phoneDelivery: input.phoneDelivery ?? {
      sms: config.phone.url !== null && config.phone.smsBodyTemplate !== null,
      voice: config.phone.url !== null && config.phone.voiceBodyTemplate !== null,
    },
    throttles: createKyselyThrottleStore(db),
    signInLockouts: createKyselySignInLockoutStore(db),
    flows: createKyselyFlowStore(db),
    deliveries: createKyselyDeliveryHistory(db),
    groupChains: createKyselyGroupChains(db),
    roleHolders: createKyselyRoleHolders(db),
    population: createKyselyPopulationReader(db),
    evaluations: createKyselyEvaluationStore(db),
    host: input.instance,
    corporateEgressNetworks: parseNetworks(config.throttle.corporateEgressNetworks),
    codeKeys,
    checkAppCode: appCodeCheckOf(codeKeys, random),
    bannedList: () => input.bannedList ?? shippedBannedPasswordList(),
    configured: { organisation: config.organisation, publicUrl: config.publicUrl },
  });
}

/** The services a console command runs with. */
export function composeCommandServices(input: AdminCompositionInput): CommandServices {
  return { admin: composeAdminActions(input), migrate: () => migrateToLatest(input.db) };
}
