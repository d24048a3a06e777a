/** Shared pieces of the store contracts: database lifetimes, sample rows, a cheap counting hasher. */
import { randomBytes } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { ResetFlow } from "../../src/domain/flows/reset/reset-flow.js";
import type { SecretHasher } from "../../src/lib/crypto/argon2id.js";
import { createSecureRandom, type Random } from "../../src/lib/random.js";
import type { Database, DirectoryUserTable } from "../../src/store/database.js";
import type { TestDatabase, TestDatabaseHandle } from "../support/test-databases.js";

/** A fixed instant the contracts count from; nothing here reads the real clock. */
export const T0 = new Date("2026-03-02T08:00:00.000Z");

/** `T0` plus `seconds`. */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/** A short random suffix, so tests sharing one database never meet each other's rows. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString("hex")}`;
}

/** The CSPRNG; contracts need distinct ids, not pinned ones. */
export const random: Random = createSecureRandom();

/**
 * One database for a whole `describe` block, opened before its first test and dropped after its last. Tables in
 * `emptiedBeforeEach` start each test empty, for contracts about table-wide state (claims, versions, keys): a
 * fresh database per test would cost ~0.4 s each.
 */
export function useSharedDatabase(
  database: TestDatabase,
  options: { emptiedBeforeEach?: readonly (keyof Database)[] } = {},
): { readonly db: Kysely<Database> } {
  let handle: TestDatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle?.drop();
  });
  beforeEach(async () => {
    for (const table of options.emptiedBeforeEach ?? []) await handle?.db.deleteFrom(table).execute();
  });
  return {
    get db() {
      if (handle === undefined) throw new Error("database not open yet");
      return handle.db;
    },
  };
}

/** Inserts a built-in directory user with its account (which shares the entry's ref) and returns the ref. */
export async function insertUser(
  db: Kysely<Database>,
  overrides: Partial<Insertable<DirectoryUserTable>> = {},
): Promise<string> {
  const ref = overrides.ref ?? unique("user");
  await db
    .insertInto("directory_user")
    .values({
      ref,
      user_id: `${ref}@example.com`,
      email: `${ref}@mail.example.com`,
      display_name: "Test User",
      first_name: "Test",
      last_name: "User",
      password_hash: null,
      created_at: T0,
      ...overrides,
    })
    .execute();
  await db.insertInto("account").values({ ref, directory_id: "builtin", entry_id: ref, created_at: T0 }).execute();
  return ref;
}

/** A reset flow in `gate_select`, valid for 15 minutes from T0. */
export function sampleFlow(overrides: Partial<ResetFlow> = {}): ResetFlow {
  return {
    id: unique("flow"),
    secretHash: new Uint8Array(randomBytes(32)),
    supportCode: "K7QF-2M9D",
    state: "gate_select",
    action: "reset",
    typedUserId: "alice@example.com",
    userRef: null,
    inertReason: null,
    methodsPassed: [],
    currentMethod: null,
    gateStep: null,
    passwordSubmissions: 0,
    issuedAt: T0,
    expiresAt: at(15 * 60),
    endedAt: null,
    endReason: null,
    lang: "en",
    ip: "192.0.2.10",
    version: 0,
    ...overrides,
  };
}

/** A hasher that costs nothing and counts its operations: `fake$<secret>`. */
export function createCountingHasher(): SecretHasher & { readonly operations: string[] } {
  const operations: string[] = [];
  return {
    operations,
    hash: (secret) => {
      operations.push("hash");
      return Promise.resolve(`fake$${secret}`);
    },
    verify: (storedHash, secret) => {
      operations.push("verify");
      return Promise.resolve(storedHash === `fake$${secret}`);
    },
    verifyDummy: () => {
      operations.push("verifyDummy");
      return Promise.resolve();
    },
  };
}
