/** In-memory ports for the sign-in service's unit tests; whole journeys through the app cover the database. */
import type { AuditEvent } from "../../../../src/domain/audit-events.js";
import { createSignInService, type SignInService } from "../../../../src/domain/flows/sign-in/sign-in-service.js";
import type {
  Directory,
  DirectoryUser,
  Session,
  SignInLockout,
  TransactionStores,
} from "../../../../src/domain/ports.js";
import type { SecretHasher } from "../../../../src/lib/crypto/argon2id.js";
import type { Random } from "../../../../src/lib/random.js";

/** A clock tests move by hand. */
export interface TestClock {
  now(): Date;
  advanceSeconds(seconds: number): void;
}

/** A clock starting at `start`. */
export function createTestClock(start = "2026-03-02T08:00:00Z"): TestClock {
  let time = new Date(start).getTime();
  return { now: () => new Date(time), advanceSeconds: (seconds) => (time += seconds * 1000) };
}

/** A deterministic Random: bytes from a counter, so tokens differ and tests repeat. */
export function createCountingRandom(): Random {
  let next = 1;
  return {
    bytes: (count) => Uint8Array.from({ length: count }, () => next++ % 256),
    integerBelow: (maxExclusive) => next++ % maxExclusive,
  };
}

/** A user with sensible defaults. */
export function testUser(userId: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    ref: `ref-${userId}`,
    userId,
    email: `${userId.split("@")[0] ?? "x"}@mail.example`,
    displayName: userId,
    firstName: "Test",
    lastName: "User",
    enabled: true,
    adminLocked: false,
    securityHold: false,
    passwordChangedAt: null,
    mustChangePassword: false,
    preferredLanguage: null,
    roles: [],
    groups: [],
    ...overrides,
  };
}

export interface SignInWorld {
  readonly service: SignInService;
  readonly clock: TestClock;
  readonly users: Map<string, DirectoryUser>;
  readonly passwords: Map<string, string>;
  readonly lockouts: Map<string, SignInLockout>;
  readonly sessions: Map<string, Session & { revokedAt: Date | null }>;
  readonly audit: AuditEvent[];
  /** Every secret the hasher was asked to check, real or dummy, in order. */
  readonly verified: { kind: "real" | "dummy"; secret: string }[];
  /** Adds a user with a password. */
  addUser(user: DirectoryUser, password: string): void;
}

function createDirectory(world: Omit<SignInWorld, "service" | "addUser">): Directory {
  return {
    kind: "builtin",
    findUserByUserId: (userId) => Promise.resolve(world.users.get(userId) ?? null),
    findUserByRef: (ref) => Promise.resolve([...world.users.values()].find((user) => user.ref === ref) ?? null),
    verifyPassword: (user, password) => {
      world.verified.push({ kind: "real", secret: password });
      return Promise.resolve(world.passwords.get(user.ref) === password);
    },
    preparePasswordWrite: () => Promise.reject(new Error("not in these tests")),
  };
}

function createStores(world: Omit<SignInWorld, "service" | "addUser">): TransactionStores {
  const unused = new Proxy({}, { get: () => () => Promise.reject(new Error("not in these tests")) });
  const setUser = (ref: string, change: Partial<DirectoryUser>) => {
    for (const [key, user] of world.users) if (user.ref === ref) world.users.set(key, { ...user, ...change });
  };
  return {
    flows: unused as TransactionStores["flows"],
    challenges: unused as TransactionStores["challenges"],
    throttles: unused as TransactionStores["throttles"],
    outbox: unused as TransactionStores["outbox"],
    methods: unused as TransactionStores["methods"],
    sessions: {
      create: async (session) => void world.sessions.set(session.id, { ...session, revokedAt: null }),
      findLive: async (id) => {
        const found = world.sessions.get(id);
        return found && found.revokedAt === null ? found : null;
      },
      touch: async (id, now) => {
        const found = world.sessions.get(id);
        if (found && found.revokedAt === null) world.sessions.set(id, { ...found, lastSeenAt: now });
      },
      revoke: async (id, now) => {
        const found = world.sessions.get(id);
        if (found && found.revokedAt === null) world.sessions.set(id, { ...found, revokedAt: now });
      },
      revokeForUser: () => Promise.resolve(0),
    },
    audit: { append: async (events) => void world.audit.push(...events) },
    directoryWrites: {
      applyPasswordWrite: () => Promise.reject(new Error("not in these tests")),
      setPreferredLanguage: async (ref, lang) => setUser(ref, { preferredLanguage: lang }),
      lockAccount: async (ref) => setUser(ref, { adminLocked: true }),
    },
    signInLockouts: {
      find: async (key) => world.lockouts.get(key) ?? null,
      save: async (lockout) => void world.lockouts.set(lockout.key, lockout),
      clear: async (key) => void world.lockouts.delete(key),
    },
  };
}

/** The service over in-memory ports, with the default SPEC §8.3 settings. */
export function createSignInWorld(): SignInWorld {
  const state = {
    clock: createTestClock(),
    users: new Map<string, DirectoryUser>(),
    passwords: new Map<string, string>(),
    lockouts: new Map<string, SignInLockout>(),
    sessions: new Map<string, Session & { revokedAt: Date | null }>(),
    audit: [] as AuditEvent[],
    verified: [] as { kind: "real" | "dummy"; secret: string }[],
  };
  const stores = createStores(state);
  const hasher: SecretHasher = {
    hash: (secret) => Promise.resolve(`fake$${secret}`),
    verify: (stored, secret) => Promise.resolve(stored === `fake$${secret}`),
    verifyDummy: async (secret) => void state.verified.push({ kind: "dummy", secret }),
  };
  const service = createSignInService({
    clock: state.clock,
    random: createCountingRandom(),
    directory: createDirectory(state),
    hasher,
    sessions: stores.sessions,
    lockouts: stores.signInLockouts,
    audit: stores.audit,
    unitOfWork: { inTransaction: (work) => work(stores) },
    lockoutKey: new Uint8Array(32).fill(7),
    settings: { lockoutThreshold: 10, firstLockoutSeconds: 60 },
  });
  return {
    ...state,
    service,
    addUser: (user, password) => {
      state.users.set(user.userId, user);
      state.passwords.set(user.ref, password);
    },
  };
}
