/** Opens the chosen database, migrates it, loads the shared keys and builds every store on it. */
import type { Config } from "./config/config.schema.js";
import type { Directory } from "./domain/ports.js";
import { createUserAccounts } from "./domain/user-accounts.js";
import type { HealthChecks } from "./app-services.js";
import type { Clock } from "./lib/clock.js";
import type { SecretHasher } from "./lib/crypto/argon2id.js";
import type { Random } from "./lib/random.js";
import { connectPGlite, connectPostgres, type DatabaseHandle } from "./store/connect.js";
import { areMigrationsCurrent, migrateToLatest } from "./store/migrate.js";
import { createKyselyAuditLog, createKyselyAuditReader } from "./store/repos/kysely-audit-log.js";
import { createKyselyAccountStore } from "./store/repos/kysely-account-store.js";
import { createBuiltinDirectory } from "./store/repos/kysely-builtin-directory.js";
import { createKyselyCaptchaStore } from "./store/repos/kysely-captcha-store.js";
import { createKyselyChallengeStore } from "./store/repos/kysely-challenge-store.js";
import { createKyselyDirectoryAdmin } from "./store/repos/kysely-directory-admin.js";
import { createKyselyFlowStore } from "./store/repos/kysely-flow-store.js";
import { createKyselyMethodStore } from "./store/repos/kysely-method-store.js";
import { createKyselyMethodHistory } from "./store/repos/kysely-method-history.js";
import { createKyselyRecoveryCodeStore } from "./store/repos/kysely-recovery-code-store.js";
import { createKyselyOutbox } from "./store/repos/kysely-outbox.js";
import { createKyselyPolicyStore } from "./store/repos/kysely-policy-store.js";
import { createKyselyRoleHolders } from "./store/repos/kysely-role-holders.js";
import { loadSecretKeys } from "./store/repos/kysely-secret-keys.js";
import { createKyselySessionStore } from "./store/repos/kysely-session-store.js";
import { createKyselySignInLockoutStore } from "./store/repos/kysely-signin-lockout-store.js";
import { createKyselyThrottleStore } from "./store/repos/kysely-throttle-store.js";
import { createUnitOfWork } from "./store/unit-of-work.js";
import { createKyselyNotMeLinkStore } from "./store/repos/kysely-not-me-links.js";
import { resolve } from "node:path";
import { sql } from "kysely";

/** The worker counts as alive while its heartbeat is younger than this. */
const WORKER_HEARTBEAT_MAX_AGE_MILLISECONDS = 60_000;

/**
 * Opens the database the config names: PostgreSQL when `database.url` is set, else PGlite in `dataDirectory`
 * (resolved against `cwd`). Every process opens its database here.
 */
export async function openDatabase(
  config: Readonly<Config>,
  options: { cwd?: string; maxConnections?: number } = {},
): Promise<DatabaseHandle> {
  if (config.database.url !== null)
    return connectPostgres(config.database.url, {
      preparedStatements: config.database.preparedStatements,
      ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    });
  return connectPGlite(resolve(options.cwd ?? process.cwd(), config.database.dataDirectory));
}

/** Every store on one open, migrated database. */
export async function openStores(input: {
  config: Config;
  clock: Clock;
  random: Random;
  instance: string;
  hasher: SecretHasher;
  database?: DatabaseHandle;
  alreadyMigrated?: boolean;
  /** Another directory than the built-in one (the tests' read-only directory; LDAP later). */
  directory?: Directory;
}) {
  const handle = input.database ?? (await openDatabase(input.config));
  const { db } = handle;
  // `sandi serve` migrates before it seeds the demo and says so: one migration run per process.
  if (input.alreadyMigrated !== true) await migrateToLatest(db);
  const keys = await loadSecretKeys(db, input.random, input.clock.now());
  const deps = { random: input.random, instance: input.instance };
  const outbox = createKyselyOutbox(db, input.random);
  const directory = input.directory ?? createBuiltinDirectory(db, { hasher: input.hasher });
  const accounts = createKyselyAccountStore(db, { random: input.random });
  const health: HealthChecks = {
    isDatabaseReachable: async () => {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    areMigrationsCurrent: () => areMigrationsCurrent(db),
    isWorkerAlive: async () => {
      const last = await outbox.lastHeartbeat();
      return last !== null && input.clock.now().getTime() - last.getTime() < WORKER_HEARTBEAT_MAX_AGE_MILLISECONDS;
    },
  };
  return {
    handle,
    db,
    keys,
    outbox,
    health,
    flows: createKyselyFlowStore(db),
    challenges: createKyselyChallengeStore(db),
    throttles: createKyselyThrottleStore(db),
    sessions: createKyselySessionStore(db),
    signInLockouts: createKyselySignInLockoutStore(db),
    methods: createKyselyMethodStore(db),
    methodHistory: createKyselyMethodHistory(db),
    recoveryCodes: createKyselyRecoveryCodeStore(db),
    audit: createKyselyAuditLog(db, deps),
    auditReader: createKyselyAuditReader(db),
    policy: createKyselyPolicyStore(db),
    captcha: createKyselyCaptchaStore(db),
    directory,
    accounts,
    users: createUserAccounts({ directory, accounts, clock: input.clock }),
    directoryAdmin: createKyselyDirectoryAdmin(db, { random: input.random }),
    roleHolders: createKyselyRoleHolders(db),
    unitOfWork: createUnitOfWork(db, deps),
    notMeLinks: createKyselyNotMeLinkStore(db, { random: input.random }),
    close: () => handle.close(),
  };
}

export type ComposedStores = Awaited<ReturnType<typeof openStores>>;
