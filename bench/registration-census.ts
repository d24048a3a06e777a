/**
 * Walks the registration steps that do work once through the real app (issue 10 item 10) and counts their SQL
 * statements and Argon2 operations, as census.ts does for the reset steps: a step-up with an authenticator app, the
 * mobile phone form (an SMS code sent), a new set of recovery codes and a step-up with one of them.
 *
 * One seeded user (a verified email, as every bench user) signs in through the form; an app row is seeded with
 * `totpMethodFor` (sealed as a registration seals it) and its code computed here. A signed-in user with a method is
 * not fresh (SPEC §5.1), so the app step-up comes first and makes the session fresh for the phone form and the set.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Composed } from "../src/compose.js";
import { newTotpSecret, totpCodeAt } from "../src/lib/crypto/totp.js";
import { createSecureRandom } from "../src/lib/random.js";
import { totpMethodFor } from "../src/methods/totp/totp-registration.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../test/support/page-client.js";
import { counted, type StepCount } from "./census.js";
import { OLD_PASSWORDS } from "./passwords.js";
import type { SqlRecorder } from "./sql-capture.js";

const BASE = "/account/security-info";
const CENSUS_IP = "198.51.100.78";
/** The phone the census registers: an Indonesian mobile (the default policy allows +62 only). */
const MOBILE = "0812 3456 7812";
const RECOVERY_CODE = /[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){4}/;

/** The step names, also what the bench's assertion looks up. */
export const REGISTRATION_STEPS = {
  totp: "step-up, authenticator app code (right)",
  mobile: "mobile phone form (SMS code sent)",
  recoverySet: "new recovery code set (10 codes)",
  recovery: "step-up, recovery code (right)",
} as const;

function expectAnswer(step: string, status: number, location: string | undefined, want: 200 | 303): void {
  // A step-up that fails answers 400, or 303 back to the step-up page with a notice: neither may pass for a count.
  const refused = want === 303 && (location === undefined || location.includes("notice="));
  if (status !== want || refused)
    throw new Error(`registration census: ${step} answered ${String(status)} ${location ?? ""}, not ${String(want)}`);
}

/** The csrf token of the signed-in session, read from the step-up page (shown while the session is not fresh). */
async function csrfOf(client: PageClient): Promise<string> {
  return hiddenValue((await client.get(`${BASE}/verify?next=%2Faccount%2Fsecurity-info`)).body, "csrf");
}

/** Runs each registration step once (the policy cache warm, the worker not started) and counts it. */
export async function takeRegistrationCensus(input: {
  app: FastifyInstance;
  composed: Composed;
  recorder: SqlRecorder;
  /** A seeded user whose current password is OLD_PASSWORDS[0] and who has a verified email. */
  userId: string;
}): Promise<StepCount[]> {
  const { app, composed, recorder, userId } = input;
  const entry = await composed.stores.directory.findEntryByUserId(userId);
  if (entry === null) throw new Error(`registration census: no user ${userId}`);
  const secret = newTotpSecret(createSecureRandom());
  const appId = randomUUID();
  await composed.stores.methods.add({
    ...totpMethodFor(composed.stores.keys.codeKeys, entry.entryId, { secret, label: "Bench phone" }),
    id: appId,
    userRef: entry.entryId,
    createdAt: new Date(),
    lastUsedAt: null,
  });
  const client = createPageClient(app, { ip: CENSUS_IP });
  const signedIn = await submitSignIn(client, { userId, password: OLD_PASSWORDS[0] ?? "" });
  if (signedIn.status !== 303) throw new Error(`registration census: sign-in answered ${String(signedIn.status)}`);
  const csrf = await csrfOf(client);
  const steps: StepCount[] = [];
  const step = async (name: string, want: 200 | 303, path: string, form: Record<string, string>) => {
    let location: string | undefined;
    let body = "";
    const { count } = await counted(recorder, name, async () => {
      const response = await client.post(path, form);
      location = response.location;
      body = response.raw;
      return { statusCode: response.status };
    });
    expectAnswer(name, count.status, location, want);
    steps.push(count);
    return body;
  };

  await step(REGISTRATION_STEPS.totp, 303, `${BASE}/authenticator-app/step-up/code`, {
    csrf,
    method: appId,
    code: totpCodeAt(secret, new Date()),
  });
  await step(REGISTRATION_STEPS.mobile, 200, `${BASE}/mobile`, { csrf, country: "62", number: MOBILE, channel: "sms" });
  const shown = await step(REGISTRATION_STEPS.recoverySet, 200, `${BASE}/recovery-codes`, { csrf });
  const code = RECOVERY_CODE.exec(shown)?.[0];
  const set = (await composed.stores.methods.listForUser(entry.entryId)).find((row) => row.method === "recovery_code");
  if (code === undefined || set === undefined) throw new Error("registration census: no recovery code set was shown");
  await step(REGISTRATION_STEPS.recovery, 303, `${BASE}/recovery-codes/step-up/code`, { csrf, method: set.id, code });

  // Issue 10 item 10: a TOTP verify is an HMAC-SHA-1 per window step and a conditional UPDATE, never an Argon2 hash.
  const totp = steps.find((row) => row.step === REGISTRATION_STEPS.totp);
  if (totp?.argon2 !== 0)
    throw new Error(`registration census: the TOTP step-up did ${String(totp?.argon2)} Argon2 operations, not 0`);
  return steps;
}
