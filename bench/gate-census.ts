/**
 * Issue 11 item 12's counts: every gate kind of this build, its opening and a wrong submission, for a known user who
 * has the method and for an unknown user ID — SQL statements and Argon2 operations per step, side by side, so equal
 * work shows as equal numbers. A wrong submission is used for both, as only it can be made for an unknown ID.
 */
import type { FastifyInstance } from "fastify";
import type { Composed } from "../src/compose.js";
import type { MethodId } from "../src/domain/methods.js";
import { createPageClient, hiddenValue, type PageClient } from "../test/support/page-client.js";
import { counted, type StepCount } from "./census.js";
import type { SqlRecorder } from "./sql-capture.js";

const GATE_CENSUS_IP = "198.51.100.78";

/** A well-formed wrong proof per gate step, and the typed address for email (a mismatch for both users). */
export const WRONG_PROOF: Readonly<Partial<Record<MethodId, Record<string, string>>>> = {
  totp: { step: "enter_code", code: "000000" },
  recovery_code: { step: "enter_code", code: "2222-2222-2222-2222-2222" },
  email: { step: "enter_contact", address: "not-on-file@mail.example" },
  sms: { step: "enter_contact", phone: "+6281200000000" },
  voice_mobile: { step: "enter_contact", phone: "+6281200000000" },
  voice_office: { step: "enter_contact", phone: "+62215550000" },
};

/** A browser at GET /reset, then through identify with `userId` (the bench skips the CAPTCHA). */
async function identified(app: FastifyInstance, userId: string): Promise<{ client: PageClient; csrf: string }> {
  const client = createPageClient(app, { ip: GATE_CENSUS_IP });
  const form = hiddenValue((await client.get("/reset")).body, "form");
  await client.post("/reset", { form, userId });
  const page = await client.get("/reset/verify");
  return { client, csrf: hiddenValue(page.body, "csrf") };
}

/** Counts, for each gate the registry offers, choosing it and one wrong submission: known user, then unknown ID. */
export async function takeGateCensus(input: {
  app: FastifyInstance;
  composed: Composed;
  recorder: SqlRecorder;
  /** A user who has registered the methods (the registration census's user: email, app, recovery codes). */
  userId: string;
  methods: readonly MethodId[];
}): Promise<StepCount[]> {
  const { app, recorder } = input;
  const steps: StepCount[] = [];
  for (const method of input.methods) {
    for (const [who, userId] of [
      ["known", input.userId],
      ["unknown", `nobody-${method}@contoh.example`],
    ] as const) {
      // Each kind starts from clear counters: the known user's wrong submissions add up in A1 across kinds, and a
      // block would end the census at the block page instead of counting the next kind's work.
      await input.composed.stores.db.deleteFrom("throttle_hit").execute();
      await input.composed.stores.db.deleteFrom("throttle_block").execute();
      const { client, csrf } = await identified(app, userId);
      const chosen = await counted(recorder, `${method}: choose (${who})`, async () => {
        const response = await client.post("/reset/method", { csrf, method });
        return { statusCode: response.status };
      });
      steps.push(chosen.count);
      const proof = WRONG_PROOF[method];
      if (proof === undefined) continue;
      const submitted = await counted(recorder, `${method}: wrong ${proof.step ?? ""} (${who})`, async () => {
        const response = await client.post("/reset/step", { csrf, ...proof });
        return { statusCode: response.status };
      });
      steps.push(submitted.count);
    }
  }
  return steps;
}
