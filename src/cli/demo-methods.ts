/**
 * The demo's registered methods (issue 10 item 9): who has what, so a newcomer can try every method. The app's key,
 * the recovery codes and the answers are fixed and printed: this is demo data, refused outside development mode.
 */
import type { Kysely } from "kysely";
import type { VerifiedMethod } from "../domain/ports.js";
import type { NewMethod } from "../domain/registration/method-changes.js";
import { generateRecoveryCodes } from "../domain/recovery-codes.js";
import type { SecretHasher } from "../lib/crypto/argon2id.js";
import { base32Groups } from "../lib/crypto/totp.js";
import { sha256 } from "../lib/crypto/sha256.js";
import type { Random } from "../lib/random.js";
import { uuidv7 } from "../lib/uuidv7.js";
import { totpMethodFor } from "../methods/totp/totp-registration.js";
import { hashAnswers } from "../domain/questions/answers.js";
import type { Database } from "../store/database.js";
import { createKyselyMethodStore } from "../store/repos/kysely-method-store.js";
import { createKyselyRecoveryCodeStore } from "../store/repos/kysely-recovery-code-store.js";
import type { SecretKeys } from "../store/repos/kysely-secret-keys.js";

/**
 * A deterministic Random (SHA-256 in counter mode over a fixed seed), so the demo's codes and key are the same at
 * every start and can be printed; never used for anything but the demo.
 */
function demoRandom(seed: string): Random {
  let counter = 0;
  let pool = new Uint8Array(0);
  const bytes = (count: number): Uint8Array => {
    while (pool.length < count) pool = new Uint8Array([...pool, ...sha256(`${seed}:${String(counter++)}`)]);
    const drawn = pool.slice(0, count);
    pool = pool.slice(count);
    return drawn;
  };
  return { bytes, integerBelow: (max) => new DataView(bytes(4).buffer).getUint32(0) % max };
}

/** The authenticator app's key in the demo (Putri's), as an app shows it. */
export const DEMO_APP_SECRET = demoRandom("sandi-demo-app").bytes(20);
/** The demo recovery codes' display forms, computed from the fixed seed (the hashes need the instance's key). */
function demoRecoveryCodes(key: Uint8Array) {
  return generateRecoveryCodes(demoRandom("sandi-demo-recovery"), key);
}
/** Three of Putri's recovery codes, for the README and the console (they do not depend on the instance's key). */
export function demoRecoveryCodesShown(): string[] {
  return demoRecoveryCodes(new Uint8Array(32)).display.slice(0, 3);
}

export const DEMO_ANSWERS = [
  { questionId: "b01", answer: "Mochi" },
  { questionId: "b02", answer: "Bandung" },
  { questionId: "b07", answer: "SD Melati" },
  { questionId: "b09", answer: "Upik" },
  { questionId: "b13", answer: "Denpasar" },
] as const;

/** What each demo person has registered beyond the email of demo-people.ts, and the note printed with it. */
export const DEMO_METHOD_NOTES = {
  "budi.santoso": "email and mobile +62 812-3456-7812 (texts show in /dev/outbox); try a reset by email",
  "putri.maharani": `authenticator app (add the key ${base32Groups(DEMO_APP_SECRET)} to your app) and recovery codes (${demoRecoveryCodesShown().join(", ")})`,
  "eko.prasetyo": "office phone +62 21 5000 1234 ext. 204 (calls show in /dev/outbox) and email",
  "fitri.handayani": `security questions: ${DEMO_ANSWERS.map((entry) => entry.answer).join(", ")} (pet, town, school, nickname, first flight)`,
} as const;

export type DemoMethodHolder = keyof typeof DEMO_METHOD_NOTES;

function row(userRef: string, method: NewMethod, now: Date, random: Random): VerifiedMethod {
  return { ...method, id: uuidv7(now, random), userRef, createdAt: now, lastUsedAt: null, verifiedAt: now };
}

/** The rows of one demo person (the email rows come from demo-people.ts). */
async function rowsFor(
  local: DemoMethodHolder | number,
  userRef: string,
  context: { keys: SecretKeys; hasher: SecretHasher },
): Promise<NewMethod[]> {
  const { keys, hasher } = context;
  if (typeof local === "number")
    return [{ method: "sms", value: `+628120000000${String(local)}`, label: null, details: { callingCode: "62" } }];
  if (local === "budi.santoso")
    return [{ method: "sms", value: "+6281234567812", label: null, details: { callingCode: "62" } }];
  if (local === "eko.prasetyo")
    return [
      { method: "voice_office", value: "+622150001234", label: null, extension: "204", details: { callingCode: "62" } },
    ];
  if (local === "putri.maharani")
    return [
      totpMethodFor(keys.codeKeys, userRef, { secret: DEMO_APP_SECRET, label: "Demo phone" }),
      { method: "recovery_code", value: "", label: null },
    ];
  const answers = await hashAnswers(hasher, DEMO_ANSWERS);
  return [{ method: "questions", value: "", label: null, details: { answers } }];
}

/** Adds the demo methods of one person in the demo's transaction. */
export async function seedDemoMethods(
  trx: Kysely<Database>,
  input: {
    local: DemoMethodHolder | number;
    userRef: string;
    keys: SecretKeys;
    hasher: SecretHasher;
    random: Random;
    now: Date;
  },
): Promise<void> {
  const methods = createKyselyMethodStore(trx);
  for (const method of await rowsFor(input.local, input.userRef, input)) {
    const saved = row(input.userRef, method, input.now, input.random);
    await methods.add(saved);
    if (saved.method !== "recovery_code") continue;
    const key = input.keys.codeKeys.get(input.keys.codeKeys.currentId);
    const codes = demoRecoveryCodes(key).stored.map((code) => ({ ...code, keyId: input.keys.codeKeys.currentId }));
    await createKyselyRecoveryCodeStore(trx).addSet(saved.id, codes);
  }
}
