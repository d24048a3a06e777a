/** In-memory ports for the sign-in service's unit tests; whole journeys through the app cover the database. */
import type { AuditEvent } from "../../../../src/domain/audit-events.js";
import { createSignInService, type SignInService } from "../../../../src/domain/flows/sign-in/sign-in-service.js";
import type {
  CounterId,
  Directory,
  UserAccount,
  HumanCheck,
  Session,
  SignInLockout,
  ThrottleStore,
  TransactionStores,
} from "../../../../src/domain/ports.js";
import type { UserAccounts } from "../../../../src/domain/user-accounts.js";
import { createBannedPasswordList } from "../../../../src/domain/passwords/banned-list.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../../../src/domain/policies/sspr-policy.js";
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
export function testUser(userId: string, overrides: Partial<UserAccount> = {}): UserAccount {
  return {
    ref: `ref-${userId}`,
    directoryId: "memory",
    entryId: `entry-${userId}`,
    registration: "registered",
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
    passwordCompromised: false,
    preferredLanguage: null,
    roles: [],
    groups: [],
    ...overrides,
  };
}

export interface SignInWorld {
  readonly service: SignInService;
  readonly clock: TestClock;
  readonly users: Map<string, UserAccount>;
  readonly passwords: Map<string, string>;
  readonly lockouts: Map<string, SignInLockout>;
  readonly sessions: Map<string, Session & { revokedAt: Date | null }>;
  readonly audit: AuditEvent[];
  /** Every secret the hasher was asked to check, real or dummy, in order. */
  readonly verified: { kind: "real" | "dummy"; secret: string }[];
  /** CAPTCHA payloads the human check accepts, each once (as the real one spends them). */
  readonly captchaSolutions: Set<string>;
  /** Adds a user with a password. */
  addUser(user: UserAccount, password: string): void;
}

/** The directory's side of the in-memory users: entries are found through `users` below, passwords checked here. */
function createDirectory(world: Omit<SignInWorld, "service" | "addUser">): Directory {
  const byEntryId = (entryId: string) => [...world.users.values()].find((user) => user.entryId === entryId) ?? null;
  return {
    id: "memory",
    kind: "test",
    capabilities: { manageUsers: false, manageGroups: false, keepsHistory: false, canUnlock: false },
    findEntryByUserId: (userId) => settled(() => world.users.get(userId) ?? null),
    findEntryById: (entryId) => settled(() => byEntryId(entryId)),
    verifyPassword: (entry, password) => {
      world.verified.push({ kind: "real", secret: password });
      return Promise.resolve(world.passwords.get(entry.entryId) === password);
    },
    setPassword: () => Promise.reject(new Error("not in these tests")),
    lockState: () => Promise.resolve({ locked: false }),
    unlock: () => Promise.resolve("unsupported"),
  };
}

/** The combined read over the in-memory users (entry and account state kept in one object here). */
function createUsers(world: Omit<SignInWorld, "service" | "addUser">): UserAccounts {
  return {
    findUserByUserId: (userId) => settled(() => world.users.get(userId) ?? null),
    findUserByRef: (ref) => settled(() => [...world.users.values()].find((user) => user.ref === ref) ?? null),
  };
}

/** Rolling counters and blocks in memory: what the I3 counter needs of a ThrottleStore. */
function createThrottles(): ThrottleStore {
  const hits: { counter: CounterId; key: string; at: Date }[] = [];
  const blocks: { counter: CounterId; key: string; until: Date }[] = [];
  const hitsOf = (counter: CounterId, key: string) => hits.filter((hit) => hit.counter === counter && hit.key === key);
  const activeBlock = (keys: readonly string[], now: Date) => {
    const active = blocks.filter((block) => keys.includes(block.key) && block.until > now);
    const longest = active.sort((a, b) => b.until.getTime() - a.until.getTime())[0];
    return longest ? { counter: longest.counter, until: longest.until } : null;
  };
  const hitAndCount: ThrottleStore["hitAndCount"] = ({
    hits: recorded,
    now,
    blockKeys,
    skipHitsWhenBlocked,
    counted,
  }) =>
    settled(() => {
      const block = activeBlock(blockKeys, now);
      if (block === null || !skipHitsWhenBlocked) hits.push(...recorded.map((hit) => ({ ...hit, at: now })));
      return { block, count: hitsOf(counted.counter, counted.key).filter((hit) => hit.at >= counted.since).length };
    });
  return {
    // One caller at a time already: memory has no concurrent transactions to keep apart.
    serialise: () => settled(() => undefined),
    hit: (counter, key, now) => settled(() => void hits.push({ counter, key, at: now })),
    count: (counter, key, since, atMost) =>
      settled(() => {
        const found = hitsOf(counter, key).filter((hit) => hit.at >= since).length;
        return atMost === undefined ? found : Math.min(found, atMost);
      }),
    lastHit: (counter, key) => settled(() => hitsOf(counter, key).at(-1)?.at ?? null),
    // A later block never shortens an earlier one, as the store's upsert keeps the greater `until`.
    block: (counter, key, until) => settled(() => void blocks.push({ counter, key, until })),
    activeBlock: (keys, now) => settled(() => activeBlock(keys, now)),
    hitAndCount,
    serialisedHitAndCount: (_lock, input) => hitAndCount(input),
    removeNewestHit: () => Promise.reject(new Error("not in these tests")),
    clear: () => Promise.reject(new Error("not in these tests")),
  };
}

/** Accepts each listed solution once; an empty payload is missing, anything else invalid or spent. */
function createHumanCheck(solutions: Set<string>): HumanCheck {
  const spent = new Set<string>();
  return {
    verify: (payload) =>
      settled(() => {
        if (payload === undefined || payload === "") return "missing";
        if (spent.has(payload)) return "spent";
        if (!solutions.delete(payload)) return "invalid";
        spent.add(payload);
        return "ok";
      }),
  };
}

function createStores(world: Omit<SignInWorld, "service" | "addUser">, throttles: ThrottleStore): TransactionStores {
  const unused = new Proxy({}, { get: () => () => Promise.reject(new Error("not in these tests")) });
  const setUser = (ref: string, change: Partial<UserAccount>) => {
    for (const [key, user] of world.users) if (user.ref === ref) world.users.set(key, { ...user, ...change });
  };
  return {
    flows: unused as TransactionStores["flows"],
    challenges: unused as TransactionStores["challenges"],
    throttles,
    outbox: unused as TransactionStores["outbox"],
    methods: unused as TransactionStores["methods"],
    recoveryCodes: unused as TransactionStores["recoveryCodes"],
    registrationChallenges: unused as TransactionStores["registrationChallenges"],
    methodHistory: unused as TransactionStores["methodHistory"],
    directoryAdmin: unused as TransactionStores["directoryAdmin"],
    policy: unused as TransactionStores["policy"],
    notMeLinks: unused as TransactionStores["notMeLinks"],
    roleHolders: unused as TransactionStores["roleHolders"],
    accessPasses: unused as TransactionStores["accessPasses"],
    apiTokens: unused as TransactionStores["apiTokens"],
    expiryReminders: unused as TransactionStores["expiryReminders"],
    sessions: {
      create: (session) =>
        settled(() => {
          world.sessions.set(session.id, { ...session, revokedAt: null });
        }),
      findLive: (id) =>
        settled(() => {
          const found = world.sessions.get(id);
          return found && found.revokedAt === null ? found : null;
        }),
      touch: (id, now) => settled(() => updateSession(world, id, { lastSeenAt: now })),
      revoke: (id, now) => settled(() => updateSession(world, id, { revokedAt: now })),
      revokeForUser: () => Promise.resolve(0),
      markSteppedUp: () => Promise.reject(new Error("not in these tests")),
      listLive: (userRef, now) =>
        settled(() =>
          [...world.sessions.values()]
            .filter((found) => found.userRef === userRef && found.revokedAt === null && found.expiresAt > now)
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
        ),
    },
    audit: {
      append: (events) =>
        settled(() => {
          world.audit.push(...events);
        }),
    },
    accounts: {
      findByRef: () => Promise.reject(new Error("not in these tests")),
      findByDirectoryReference: () => Promise.reject(new Error("not in these tests")),
      findOrCreate: () => Promise.reject(new Error("not in these tests")),
      setAdminLock: (ref, locked) => settled(() => setUser(ref, { adminLocked: locked })),
      setSecurityHold: () => Promise.reject(new Error("not in these tests")),
      setMustChangePassword: () => Promise.reject(new Error("not in these tests")),
      markPasswordCompromised: () => Promise.reject(new Error("not in these tests")),
      setPreferredLanguage: (ref, lang) => settled(() => setUser(ref, { preferredLanguage: lang })),
      recordOwnPasswordChosen: () => Promise.reject(new Error("not in these tests")),
      noteRegistrationPrompt: () => Promise.reject(new Error("not in these tests")),
      confirmRegistration: () => Promise.reject(new Error("not in these tests")),
      setRegistrationState: () => Promise.reject(new Error("not in these tests")),
      setRegistrationForced: () => Promise.reject(new Error("not in these tests")),
      markTemporaryPassword: (ref, at) => settled(() => setUser(ref, { temporaryPasswordAt: at })),
    },
    signInLockouts: {
      find: (key) => settled(() => world.lockouts.get(key) ?? null),
      save: (lockout) =>
        settled(() => {
          world.lockouts.set(lockout.key, lockout);
        }),
      clear: (key) =>
        settled(() => {
          world.lockouts.delete(key);
        }),
    },
  };
}

/** Runs `work` and answers asynchronously, as a store does. */
function settled<T>(work: () => T): Promise<T> {
  return Promise.resolve().then(work);
}

function updateSession(
  world: Pick<SignInWorld, "sessions">,
  id: string,
  change: Partial<{ lastSeenAt: Date; revokedAt: Date }>,
): void {
  const found = world.sessions.get(id);
  if (found && found.revokedAt === null) world.sessions.set(id, { ...found, ...change });
}

/** Runs one transaction at a time, as PGlite's single connection does. */
function createSerialiser(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The service over in-memory ports, with the default SPEC §8.3 settings. */
/** `policy`: the policy in force (the default's SPEC values when not given). */
export function createSignInWorld(options: { policy?: SsprPolicy } = {}): SignInWorld {
  const state = {
    clock: createTestClock(),
    users: new Map<string, UserAccount>(),
    passwords: new Map<string, string>(),
    lockouts: new Map<string, SignInLockout>(),
    sessions: new Map<string, Session & { revokedAt: Date | null }>(),
    audit: [] as AuditEvent[],
    verified: [] as { kind: "real" | "dummy"; secret: string }[],
    captchaSolutions: new Set<string>(),
  };
  const throttles = createThrottles();
  const stores = createStores(state, throttles);
  const serialise = createSerialiser();
  const hasher: SecretHasher = {
    hash: (secret) => Promise.resolve(`fake$${secret}`),
    verify: (stored, secret) => Promise.resolve(stored === `fake$${secret}`),
    verifyDummy: (secret) =>
      settled(() => {
        state.verified.push({ kind: "dummy", secret });
      }),
  };
  const service = createSignInService({
    clock: state.clock,
    random: createCountingRandom(),
    directory: createDirectory(state),
    users: createUsers(state),
    hasher,
    sessions: stores.sessions,
    lockouts: stores.signInLockouts,
    audit: stores.audit,
    throttles,
    humanCheck: createHumanCheck(state.captchaSolutions),
    unitOfWork: { inTransaction: (work) => serialise(() => work(stores)) },
    lockoutKey: new Uint8Array(32).fill(7),
    settings: { lockoutThreshold: 10, firstLockoutSeconds: 60 },
    currentPolicy: () => Promise.resolve(options.policy ?? DEFAULT_POLICY),
    organisation: () => Promise.resolve({ name: "Contoh", signInUrl: "https://sandi.test/signin" }),
    // No global terms: these tests are about lockout, and evidence of compromise has its own tests.
    bannedList: createBannedPasswordList([]),
  });
  return {
    ...state,
    service,
    addUser: (user, password) => {
      state.users.set(user.userId, user);
      state.passwords.set(user.entryId, password);
    },
  };
}
