/**
 * An authenticator app and a recovery-code set saved straight into the stores, sealed and hashed exactly as
 * registration saves them, for the reset-gate tests: the test keeps the app's secret (to compute its codes, as a phone
 * would) and the codes as the user was shown them.
 */
import type { VerifiedMethod } from "../../src/domain/ports.js";
import { generateRecoveryCodes } from "../../src/domain/recovery-codes.js";
import { totpCodeAt, totpCodeForStep, totpStep } from "../../src/lib/crypto/totp.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { uuidv7 } from "../../src/lib/uuidv7.js";
import { totpMethodFor } from "../../src/methods/totp/totp-registration.js";
import type { TestApp } from "./build-test-app.js";

const random = createSecureRandom();

async function refOf(t: TestApp, userId: string): Promise<string> {
  const user = await t.composed.stores.users.findUserByUserId(userId);
  if (user === null) throw new Error(`no user ${userId}`);
  return user.ref;
}

function rowOf(
  userRef: string,
  method: Omit<VerifiedMethod, "id" | "userRef" | "createdAt" | "lastUsedAt">,
  now: Date,
) {
  return { ...method, id: uuidv7(now, random), userRef, createdAt: now, lastUsedAt: null, verifiedAt: now };
}

/** Saves an app for `userId`; returns its row id and its secret. */
export async function saveApp(
  t: TestApp,
  userId: string,
  label = "Work phone",
): Promise<{ methodId: string; secret: Uint8Array }> {
  const userRef = await refOf(t, userId);
  const secret = random.bytes(20);
  const row = rowOf(userRef, totpMethodFor(t.composed.stores.keys.codeKeys, userRef, { secret, label }), t.clock.now());
  await t.composed.stores.methods.add(row);
  return { methodId: row.id, secret };
}

/** Saves a set of 10 recovery codes for `userId`; returns its row id and the codes as shown. */
export async function saveRecoveryCodes(
  t: TestApp,
  userId: string,
): Promise<{ methodId: string; codes: readonly string[] }> {
  const userRef = await refOf(t, userId);
  const codeKeys = t.composed.stores.keys.codeKeys;
  const set = generateRecoveryCodes(random, codeKeys.get(codeKeys.currentId));
  const row = rowOf(userRef, { method: "recovery_code", value: "", label: null, counter: 0 }, t.clock.now());
  await t.composed.stores.methods.add(row);
  await t.composed.stores.recoveryCodes.addSet(
    row.id,
    set.stored.map((code) => ({ ...code, keyId: codeKeys.currentId })),
  );
  return { methodId: row.id, codes: set.display };
}

/** The code the app shows at `now`. */
export function appCode(secret: Uint8Array, now: Date): string {
  return totpCodeAt(secret, now);
}

/** Six digits that are no code of `secret` anywhere near `now` (±2 steps), so a "wrong code" is surely wrong. */
export function wrongAppCode(secret: Uint8Array, now: Date): string {
  const near = new Set([-2, -1, 0, 1, 2].map((offset) => totpCodeForStep(secret, totpStep(now) + offset)));
  return ["000000", "111111", "222222"].find((code) => !near.has(code)) ?? "333333";
}
