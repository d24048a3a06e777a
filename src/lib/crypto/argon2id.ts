/** Argon2id hashing (m=19456 KiB, t=2, p=1) behind a concurrency limit: a burst queues instead of swelling memory. */
import { hash, verify } from "@node-rs/argon2";
import { createConcurrencyLimit } from "../concurrency-limit.js";

// Argon2id is the library default. `algorithm` stays unset because its enum is an ambient const enum,
// which verbatimModuleSyntax cannot read; a test pins the "$argon2id$v=19$m=19456,t=2,p=1$" prefix.
const ARGON2ID_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes and verifies secrets (passwords, answers). */
export interface SecretHasher {
  hash(secret: string): Promise<string>;
  verify(storedHash: string, secret: string): Promise<boolean>;
  /** Burns the same work as a verify against a real hash; for unknown users. */
  verifyDummy(secret: string): Promise<void>;
}

/** The production hasher. */
export function createArgon2idHasher(limits: { maxInFlight: number; maxWaiting: number }): SecretHasher {
  const limit = createConcurrencyLimit(limits);
  const dummyHash = hash("sandi-dummy-password", ARGON2ID_PARAMETERS);
  return {
    hash: (secret) => limit(() => hash(secret, ARGON2ID_PARAMETERS)),
    verify: (storedHash, secret) =>
      limit(async () => {
        try {
          return await verify(storedHash, secret);
        } catch {
          return false;
        }
      }),
    verifyDummy: async (secret) => {
      const stored = await dummyHash;
      await limit(() => verify(stored, secret));
    },
  };
}
