/**
 * A light Argon2id for tests that are not about hashing: seeded passwords, sign-ins and new passwords in journeys.
 * A production hash costs about 16 ms of CPU and the suite hashes thousands of times; the same code runs with a
 * cost of 256 KiB and one pass. Tests about hashing itself (the stored parameters, the queue under overload, timing)
 * use the production hasher: createArgon2idHasher without a cost, or buildTestApp's `argon2: "production"`.
 */
import {
  type Argon2idCost,
  type Argon2idHasher,
  type Argon2Limits,
  createArgon2idHasher,
} from "../../src/lib/crypto/argon2id.js";

export const LIGHT_ARGON2_COST: Argon2idCost = { memoryCost: 256, timeCost: 1, parallelism: 1 };

/** The production hasher's limits and admission, with the light cost. */
export function createLightHasher(limits: Argon2Limits): Argon2idHasher {
  return createArgon2idHasher(limits, LIGHT_ARGON2_COST);
}
