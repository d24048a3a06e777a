/**
 * Argon2id hashing (m=19456 KiB, t=2, p=1) behind two limits: at most `maxInFlight` hashes run at once (a burst
 * queues instead of swelling memory), and requests are admitted to hashing only while the queue stays short, so an
 * admitted request finishes in bounded time and the excess is refused at once (CapacityExceededError, a 503).
 */
import { hash, verify } from "@node-rs/argon2";
import { createConcurrencyLimit } from "../concurrency-limit.js";

// Argon2id is the library default. `algorithm` stays unset because its enum is an ambient const enum,
// which verbatimModuleSyntax cannot read; a test pins the "$argon2id$v=19$m=19456,t=2,p=1$" prefix.
/** What one Argon2id hash costs: memory in KiB, passes, lanes. Production always uses ARGON2ID_PARAMETERS. */
export interface Argon2idCost {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

const ARGON2ID_PARAMETERS: Argon2idCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Requests admitted per hash in flight. A request runs its hashes one after another (a new password: up to 7), so
 * each admitted request keeps about one hash queued: with 4 per slot a hash waits behind at most 3 others per slot.
 */
const ADMITTED_PER_SLOT = 4;

/** Hashes and verifies secrets (passwords, answers). */
export interface SecretHasher {
  hash(secret: string): Promise<string>;
  verify(storedHash: string, secret: string): Promise<boolean>;
  /** Burns the same work as a verify against a real hash; for unknown users. */
  verifyDummy(secret: string): Promise<void>;
}

/**
 * The production hasher. Its own methods admit each call as a request's work (refused when full); `admit` admits a
 * request's several hashes at once (refused before the first, never between two); `patient` waits its turn and is
 * never refused, for work that is not a request (the demo seed, imports, console commands).
 */
export interface Argon2idHasher extends SecretHasher {
  readonly patient: SecretHasher;
  admit<T>(work: (hasher: SecretHasher) => Promise<T>): Promise<T>;
}

/** The hasher's settings: `argon2` in the config. */
export interface Argon2Limits {
  /** Hashes computed at once. */
  readonly maxInFlight: number;
  /** Requests that may wait to be admitted; one more is refused at once. */
  readonly maxWaiting: number;
  /** How long a request may wait to be admitted before it is refused (503). */
  readonly maxWaitMilliseconds?: number;
}

function isArgon2idHasher(hasher: SecretHasher): hasher is Argon2idHasher {
  return "patient" in hasher && "admit" in hasher;
}

/** The view of `hasher` that waits for capacity instead of failing; `hasher` itself when it has none (a test's). */
export function patientHasher(hasher: SecretHasher): SecretHasher {
  return isArgon2idHasher(hasher) ? hasher.patient : hasher;
}

/** Runs a request's several hashes under one admission; with a hasher that has none (a test's), just runs them. */
export function admitHashing<T>(hasher: SecretHasher, work: (hasher: SecretHasher) => Promise<T>): Promise<T> {
  return isArgon2idHasher(hasher) ? hasher.admit(work) : work(hasher);
}

/**
 * The production hasher. `cost` is for tests only (a lighter hash where a test is not about hashing); Sandi itself
 * never passes it, so every hash it writes has SPEC's parameters.
 */
export function createArgon2idHasher(limits: Argon2Limits, cost: Argon2idCost = ARGON2ID_PARAMETERS): Argon2idHasher {
  const hashes = createConcurrencyLimit({ maxInFlight: limits.maxInFlight, maxWaiting: Number.POSITIVE_INFINITY });
  const admission = createConcurrencyLimit({
    maxInFlight: limits.maxInFlight * ADMITTED_PER_SLOT,
    maxWaiting: limits.maxWaiting,
    ...(limits.maxWaitMilliseconds === undefined ? {} : { maxWaitMilliseconds: limits.maxWaitMilliseconds }),
  });
  const dummyHash = hash("sandi-dummy-password", cost);
  const patient: SecretHasher = {
    hash: (secret) => hashes(() => hash(secret, cost)),
    verify: (storedHash, secret) =>
      hashes(async () => {
        try {
          return await verify(storedHash, secret);
        } catch {
          return false;
        }
      }),
    verifyDummy: async (secret) => {
      const stored = await dummyHash;
      await hashes(() => verify(stored, secret));
    },
  };
  const admit = <T>(work: (hasher: SecretHasher) => Promise<T>): Promise<T> => admission(() => work(patient));
  return {
    hash: (secret) => admit((hasher) => hasher.hash(secret)),
    verify: (storedHash, secret) => admit((hasher) => hasher.verify(storedHash, secret)),
    verifyDummy: (secret) => admit((hasher) => hasher.verifyDummy(secret)),
    patient,
    admit,
  };
}
