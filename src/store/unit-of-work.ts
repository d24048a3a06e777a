/** Transactions: the stores bound to one transaction, and the UnitOfWork that hands them to a callback. */
import type { Kysely } from "kysely";
import type { TransactionStores, UnitOfWork } from "../domain/ports.js";
import type { SecretHasher } from "../lib/crypto/argon2id.js";
import type { Random } from "../lib/random.js";
import type { Database } from "./database.js";
import { createKyselyAuditLog } from "./repos/kysely-audit-log.js";
import { createKyselyAccountStore } from "./repos/kysely-account-store.js";
import { createKyselyDirectoryAdmin } from "./repos/kysely-directory-admin.js";
import { createKyselyPolicyStore } from "./repos/kysely-policy-store.js";
import { createKyselyChallengeStore } from "./repos/kysely-challenge-store.js";
import { createKyselyFlowStore } from "./repos/kysely-flow-store.js";
import { createKyselyMethodStore } from "./repos/kysely-method-store.js";
import { createKyselyMethodHistory } from "./repos/kysely-method-history.js";
import { createKyselyRecoveryCodeStore } from "./repos/kysely-recovery-code-store.js";
import { createKyselyRegistrationChallengeStore } from "./repos/kysely-registration-challenge-store.js";
import { createKyselyOutbox } from "./repos/kysely-outbox.js";
import { createKyselySessionStore } from "./repos/kysely-session-store.js";
import { createKyselySignInLockoutStore } from "./repos/kysely-signin-lockout-store.js";
import { createKyselyThrottleStore } from "./repos/kysely-throttle-store.js";
import { createKyselyNotMeLinkStore } from "./repos/kysely-not-me-links.js";
import { createKyselyRoleHolders } from "./repos/kysely-role-holders.js";
import { createKyselyAccessPassStore } from "./repos/kysely-access-pass-store.js";
import { createKyselyApiTokenStore } from "./repos/kysely-api-token-store.js";
import { createKyselyExpiryReminders } from "./repos/kysely-expiry-reminders.js";

/** What the stores need besides the database. */
export interface StoreDeps {
  readonly random: Random;
  /** This host's id, stamped on audit events. */
  readonly instance: string;
  /** Unused by the transaction stores (hashing never runs inside a transaction); accepted so one deps object serves all. */
  readonly hasher?: SecretHasher;
}

/** Every store of TransactionStores bound to `db`, which is a transaction here (or the pool, outside one). */
export function createTransactionStores(db: Kysely<Database>, deps: StoreDeps): TransactionStores {
  return {
    flows: createKyselyFlowStore(db),
    challenges: createKyselyChallengeStore(db),
    throttles: createKyselyThrottleStore(db),
    sessions: createKyselySessionStore(db),
    outbox: createKyselyOutbox(db, deps.random),
    audit: createKyselyAuditLog(db, { instance: deps.instance, random: deps.random }),
    methods: createKyselyMethodStore(db),
    recoveryCodes: createKyselyRecoveryCodeStore(db),
    registrationChallenges: createKyselyRegistrationChallengeStore(db),
    methodHistory: createKyselyMethodHistory(db),
    accounts: createKyselyAccountStore(db, deps),
    signInLockouts: createKyselySignInLockoutStore(db),
    directoryAdmin: createKyselyDirectoryAdmin(db, { random: deps.random }),
    policy: createKyselyPolicyStore(db),
    notMeLinks: createKyselyNotMeLinkStore(db, { random: deps.random }),
    roleHolders: createKyselyRoleHolders(db),
    accessPasses: createKyselyAccessPassStore(db),
    apiTokens: createKyselyApiTokenStore(db),
    expiryReminders: createKyselyExpiryReminders(db),
  };
}

/**
 * A UnitOfWork on `db`: the callback's writes commit together or, when it throws, not at all.
 * @example
 * const saved = await unitOfWork.inTransaction(async (stores) => stores.flows.saveIfVersion(flow, loaded.version));
 */
export function createUnitOfWork(db: Kysely<Database>, deps: StoreDeps): UnitOfWork {
  return {
    /** Runs `work` in one transaction with stores bound to it; the result is returned after the commit. */
    inTransaction(work) {
      return db.transaction().execute((transaction) => work(createTransactionStores(transaction, deps)));
    },
  };
}
