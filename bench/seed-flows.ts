/** Seeds users, and reset flows parked at the code or the password step, straight through Sandi's own stores. */
import type { Kysely } from "kysely";
import type { Composed } from "../src/compose.js";
import { csrfTokenFor } from "../src/domain/flows/reset/flow-guard.js";
import { FLOW_LIFETIME_SECONDS, type ResetFlow } from "../src/domain/flows/reset/reset-flow.js";
import { DEFAULT_POLICY } from "../src/domain/policies/sspr-policy.js";
import { createArgon2idHasher } from "../src/lib/crypto/argon2id.js";
import { createSplitToken } from "../src/lib/crypto/split-token.js";
import { createSecureRandom, randomSupportCode } from "../src/lib/random.js";
import { createCodeChallenges } from "../src/methods/code-method/code-challenge.js";
import type { Database } from "../src/store/database.js";
import { createKyselyChallengeStore } from "../src/store/repos/kysely-challenge-store.js";
import { createKyselyDirectoryAdmin } from "../src/store/repos/kysely-directory-admin.js";
import { createKyselyFlowStore } from "../src/store/repos/kysely-flow-store.js";
import { OLD_PASSWORDS } from "./passwords.js";

/** What a client needs to act on a seeded flow through the pages. */
export interface SeededFlow {
  readonly handle: string;
  readonly csrf: string;
  /** The right code (code flows only). */
  readonly code: string | null;
}

const BATCH = 250;
const random = createSecureRandom();

/** The Argon2id hashes of OLD_PASSWORDS, made once and stored for every user (a verify costs the same either way). */
export function createOldHashes(): Promise<string[]> {
  const hasher = createArgon2idHasher({ maxInFlight: 2, maxWaiting: 10 });
  return Promise.all(OLD_PASSWORDS.map((password) => hasher.hash(password)));
}

/** One user with a verified email (its user ID), and with `hashes` as its password and history. */
export async function seedUser(
  db: Kysely<Database>,
  input: { userId: string; hashes: readonly string[]; withHistory: boolean; now: Date },
): Promise<{ ref: string; methodId: string }> {
  const admin = createKyselyDirectoryAdmin(db, { random });
  const [current = null, ...history] = input.hashes;
  const created = await admin.createUser(
    {
      userId: input.userId,
      email: null,
      displayName: "Ayu Lestari",
      firstName: "Ayu",
      lastName: "Lestari",
      passwordHash: current,
      mustChangePassword: false,
      isDemo: false,
    },
    input.now,
  );
  if (!created.ok) throw new Error(`seed user ${input.userId}: ${created.reason}`);
  const ref = created.value.ref;
  const methodId = await admin.addVerifiedMethod(
    { userRef: ref, method: "email", value: input.userId, label: null },
    input.now,
  );
  if (input.withHistory)
    await db
      .insertInto("password_history")
      .values(history.map((hash) => ({ user_ref: ref, password_hash: hash, created_at: input.now })))
      .execute();
  return { ref, methodId };
}

/** `count` users `<prefix>-<n>@contoh.example`, each with a verified email; returns their user IDs. */
export async function seedUsers(
  db: Kysely<Database>,
  input: { prefix: string; count: number; hashes: readonly string[] },
): Promise<string[]> {
  const userIds = Array.from({ length: input.count }, (_, index) => `${input.prefix}-${String(index)}@contoh.example`);
  for (let start = 0; start < userIds.length; start += BATCH)
    await db.transaction().execute(async (transaction) => {
      for (const userId of userIds.slice(start, start + BATCH))
        await seedUser(transaction, { userId, hashes: input.hashes.slice(0, 1), withHistory: false, now: new Date() });
    });
  return userIds;
}

function parkedFlow(input: {
  id: string;
  secretHash: Uint8Array;
  userId: string;
  ref: string;
  at: "code" | "password";
  now: Date;
}): ResetFlow {
  const atCode = input.at === "code";
  return {
    id: input.id,
    secretHash: input.secretHash,
    supportCode: randomSupportCode(random),
    state: atCode ? "gate_challenge" : "password",
    action: "reset",
    typedUserId: input.userId,
    userRef: input.ref,
    inertReason: null,
    methodsPassed: atCode ? [] : ["email"],
    currentMethod: atCode ? "email" : null,
    gateStep: atCode ? "enter_code" : null,
    passwordSubmissions: 0,
    issuedAt: input.now,
    expiresAt: new Date(input.now.getTime() + FLOW_LIFETIME_SECONDS * 1000),
    endedAt: null,
    endReason: null,
    lang: "en",
    ip: "127.0.0.1",
    version: 0,
  };
}

/** Runs `work` for each batch, `parallel` at a time (PostgreSQL seeds on several pool connections; PGlite queues). */
export async function inBatches(
  count: number,
  parallel: number,
  work: (start: number, end: number) => Promise<void>,
): Promise<void> {
  const starts = Array.from({ length: Math.ceil(count / BATCH) }, (_, index) => index * BATCH);
  const lanes = Array.from({ length: parallel }, async () => {
    for (let start = starts.shift(); start !== undefined; start = starts.shift())
      await work(start, Math.min(count, start + BATCH));
  });
  await Promise.all(lanes);
}

/**
 * `count` flows, each of its own user, parked at the code step (gate 1, a fresh email code) or at the password step
 * (gate passed, 5 old passwords in the history).
 */
export async function seedFlows(
  composed: Composed,
  input: { prefix: string; count: number; at: "code" | "password"; hashes: readonly string[] },
): Promise<SeededFlow[]> {
  const email = createCodeChallenges({ method: "email", codeKeys: composed.stores.keys.codeKeys, random });
  const seeded: SeededFlow[] = Array.from({ length: input.count });
  await inBatches(input.count, 4, (start, end) =>
    composed.stores.db.transaction().execute(async (transaction) => {
      for (let index = start; index < end; index++) {
        const now = new Date();
        const userId = `${input.prefix}-${String(index)}@contoh.example`;
        const user = await seedUser(transaction, {
          userId,
          hashes: input.hashes,
          withHistory: input.at === "password",
          now,
        });
        const token = createSplitToken(random);
        await createKyselyFlowStore(transaction).create(
          parkedFlow({ ...token, userId, ref: user.ref, at: input.at, now }),
        );
        let code: string | null = null;
        if (input.at === "code") {
          const target = {
            id: user.methodId,
            userRef: user.ref,
            method: "email" as const,
            value: userId,
            label: null,
            createdAt: now,
            lastUsedAt: null,
          };
          const request = { flowId: token.id, gate: 1, target, policy: DEFAULT_POLICY, now };
          const issued = email.issueRandom(request, 8);
          await createKyselyChallengeStore(transaction).create(issued.challenge);
          code = issued.code;
        }
        seeded[index] = { handle: token.token, csrf: csrfTokenFor(composed.stores.keys.cookieKey, token.id), code };
      }
    }),
  );
  return seeded;
}
