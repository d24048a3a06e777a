/**
 * The gate timings' flows (issue 11 item 12), straight through Sandi's stores as seed-flows.ts seeds: each flow its
 * own user ID, so no account counter (A1, A2) and no send limit (R1, sends per gate) ever adds up. A known flow's
 * user has a verified email and the method under test; an unknown flow is what identify opens for an ID nobody has
 * (no account, inert with SND-101). Flows are parked at the action choice or at the method choice; `openGates` then
 * chooses the method through the reset service itself, so the wrong-submission step finds what a browser would.
 */
import type { Kysely } from "kysely";
import type { Composed } from "../src/compose.js";
import { csrfTokenFor } from "../src/domain/flows/reset/flow-guard.js";
import { FLOW_LIFETIME_SECONDS, type ResetFlow } from "../src/domain/flows/reset/reset-flow.js";
import type { MethodId } from "../src/domain/methods.js";
import type { VerifiedMethod } from "../src/domain/ports.js";
import { hashAnswers, type StoredAnswer } from "../src/domain/questions/answers.js";
import { generateRecoveryCodes } from "../src/domain/recovery-codes.js";
import type { NewMethod } from "../src/domain/registration/method-changes.js";
import { createArgon2idHasher } from "../src/lib/crypto/argon2id.js";
import { toBase64url } from "../src/lib/crypto/base64url.js";
import { createSplitToken } from "../src/lib/crypto/split-token.js";
import { newTotpSecret } from "../src/lib/crypto/totp.js";
import { createSecureRandom, randomSupportCode } from "../src/lib/random.js";
import { uuidv7 } from "../src/lib/uuidv7.js";
import { drawnQuestionIds } from "../src/methods/questions/question-draw.js";
import { ANSWER_FIELD_PREFIX } from "../src/methods/questions/typed-answers.js";
import { newUserHandle } from "../src/methods/passkey/webauthn.js";
import { totpMethodFor } from "../src/methods/totp/totp-registration.js";
import type { Database } from "../src/store/database.js";
import { createKyselyFlowStore } from "../src/store/repos/kysely-flow-store.js";
import { createKyselyMethodStore } from "../src/store/repos/kysely-method-store.js";
import { createKyselyRecoveryCodeStore } from "../src/store/repos/kysely-recovery-code-store.js";
import { WRONG_PROOF } from "./gate-census.js";
import { inBatches, seedUser } from "./seed-flows.js";

/** What the runner needs to act on one seeded flow: its cookie, its form token, and the fields of a wrong proof. */
export interface GateTicket {
  readonly handle: string;
  readonly csrf: string;
  readonly fields: Readonly<Record<string, string>>;
}

export type Who = "known" | "unknown";

export interface GateSeedRequest {
  readonly prefix: string;
  readonly count: number;
  readonly who: Who;
  /** The state the flows wait in: the action choice (unlock or reset), or the method choice. */
  readonly at: "action" | "gate_select";
  /** The method the known users have registered beside their email (null: the email only). */
  readonly method: MethodId | null;
}

/** Five answers to built-in questions (the policy's toRegister), hashed once and stored for every known user. */
const BENCH_ANSWERS = [
  { questionId: "b01", answer: "Mochi" },
  { questionId: "b02", answer: "Bandung" },
  { questionId: "b07", answer: "SD Melati" },
  { questionId: "b09", answer: "Upik" },
  { questionId: "b13", answer: "Denpasar" },
] as const;
/** A well-formed answer no known user gave. */
const WRONG_ANSWER = "Salah sekali";

const random = createSecureRandom();
/** The client IP of a choice the seeder makes itself (no per-IP counter counts a choice). */
const OPENING_IP = "203.0.113.9";
/** Phone numbers are unique across the run, so no two users share one (a number is one person's). */
let phoneCount = 0;

/** The stored answer hashes every known user with questions gets (Argon2id, made once per server). */
export function createBenchAnswers(): Promise<StoredAnswer[]> {
  return hashAnswers(createArgon2idHasher({ maxInFlight: 2, maxWaiting: 10 }), BENCH_ANSWERS);
}

function nextDigits(): string {
  phoneCount++;
  return String(phoneCount).padStart(7, "0");
}

/** The row a user who registered `method` has (an email user has it from seedUser already). */
function methodRowOf(
  method: MethodId,
  codeKeys: Composed["stores"]["keys"]["codeKeys"],
  userRef: string,
  answers: StoredAnswer[],
): NewMethod | null {
  switch (method) {
    case "email":
      return null;
    case "sms":
    case "voice_mobile":
      return { method: "sms", value: `+62812${nextDigits()}`, label: null, details: { callingCode: "62" } };
    case "voice_office":
      return {
        method: "voice_office",
        value: `+6221${nextDigits()}`,
        label: null,
        extension: "204",
        details: { callingCode: "62" },
      };
    case "totp":
      return totpMethodFor(codeKeys, userRef, { secret: newTotpSecret(random), label: "Bench phone" });
    case "passkey":
      return {
        method: "passkey",
        value: "",
        label: "Bench key",
        secret: random.bytes(77),
        credentialId: toBase64url(random.bytes(32)),
        counter: 0,
        details: { userHandle: newUserHandle(random), transports: ["internal"], backedUp: false },
      };
    case "questions":
      return { method: "questions", value: "", label: null, details: { answers } };
    case "recovery_code":
      return { method: "recovery_code", value: "", label: null };
  }
}

async function addMethod(
  db: Kysely<Database>,
  composed: Composed,
  input: { method: MethodId; userRef: string; answers: StoredAnswer[]; now: Date },
): Promise<void> {
  const { codeKeys } = composed.stores.keys;
  const row = methodRowOf(input.method, codeKeys, input.userRef, input.answers);
  if (row === null) return;
  const saved: VerifiedMethod = {
    ...row,
    id: uuidv7(input.now, random),
    userRef: input.userRef,
    createdAt: input.now,
    lastUsedAt: null,
    verifiedAt: input.now,
  };
  await createKyselyMethodStore(db).add(saved);
  if (saved.method !== "recovery_code") return;
  const codes = generateRecoveryCodes(random, codeKeys.get(codeKeys.currentId)).stored;
  await createKyselyRecoveryCodeStore(db).addSet(
    saved.id,
    codes.map((code) => ({ ...code, keyId: codeKeys.currentId })),
  );
}

/** The flow identify opens (identify-step.ts), parked where the step under test expects it. */
function openedFlow(input: {
  id: string;
  secretHash: Uint8Array;
  typedUserId: string;
  userRef: string | null;
  at: GateSeedRequest["at"];
  now: Date;
}): ResetFlow {
  return {
    id: input.id,
    secretHash: input.secretHash,
    supportCode: randomSupportCode(random),
    state: input.at,
    action: "reset",
    typedUserId: input.typedUserId,
    userRef: input.userRef,
    inertReason: input.userRef === null ? "SND-101" : null,
    methodsPassed: [],
    currentMethod: null,
    gateStep: null,
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

/** `count` flows, each of its own user ID (`<prefix>-<who>-<n>@contoh.example`), known users with `method` registered. */
export async function seedGateFlows(
  composed: Composed,
  input: GateSeedRequest & { hashes: readonly string[]; answers: StoredAnswer[] },
): Promise<GateTicket[]> {
  const tickets: GateTicket[] = Array.from({ length: input.count });
  await inBatches(input.count, 4, (start, end) =>
    composed.stores.db.transaction().execute(async (transaction) => {
      for (let index = start; index < end; index++) {
        const now = new Date();
        const typedUserId = `${input.prefix}-${input.who}-${String(index)}@contoh.example`;
        let userRef: string | null = null;
        if (input.who === "known") {
          userRef = (
            await seedUser(transaction, {
              userId: typedUserId,
              hashes: input.hashes.slice(0, 1),
              withHistory: false,
              now,
            })
          ).ref;
          if (input.method !== null)
            await addMethod(transaction, composed, { method: input.method, userRef, answers: input.answers, now });
        }
        const token = createSplitToken(random);
        await createKyselyFlowStore(transaction).create(
          openedFlow({ ...token, typedUserId, userRef, at: input.at, now }),
        );
        tickets[index] = {
          handle: token.token,
          csrf: csrfTokenFor(composed.stores.keys.cookieKey, token.id),
          fields: {},
        };
      }
    }),
  );
  return tickets;
}

/** The flow of a ticket at `method`'s gate: chosen through the reset service if it still waits at the choice. */
async function flowAtGate(composed: Composed, method: MethodId, ticket: GateTicket): Promise<ResetFlow> {
  const flows = createKyselyFlowStore(composed.stores.db);
  const id = ticket.handle.split(".")[0] ?? "";
  let flow = await flows.findById(id);
  // A choice still in flight when its run stopped finishes on its own; this one moves on or loses to it.
  if (flow?.state === "gate_select") {
    const csrf = { token: ticket.csrf };
    const caller = { handle: ticket.handle, csrf, ip: OPENING_IP, client: "sandi-bench", lang: "en" } as const;
    await composed.services.reset.chooseMethod({ ...caller, startedAt: new Date() }, method);
    flow = await flows.findById(id);
  }
  if (flow?.state !== "gate_challenge" || flow.currentMethod !== method)
    throw new Error(`openGates: flow ${id} is at ${String(flow?.state)} with ${String(flow?.currentMethod)}`);
  return flow;
}

/**
 * Checks that each ticket's flow is at `method`'s gate (choosing it through the reset service for a flow still at
 * the choice), and gives each its wrong proof: the census's, or for questions wrong answers to the ones drawn.
 */
export async function openGates(
  composed: Composed,
  input: { method: MethodId; tickets: readonly GateTicket[] },
): Promise<GateTicket[]> {
  const opened: GateTicket[] = Array.from({ length: input.tickets.length });
  await inBatches(input.tickets.length, 4, async (start, end) => {
    for (let index = start; index < end; index++) {
      const ticket = input.tickets[index];
      if (ticket === undefined) continue;
      const flow = await flowAtGate(composed, input.method, ticket);
      opened[index] = { ...ticket, fields: wrongProofOf(input.method, drawnQuestionIds(flow.stepData ?? null)) };
    }
  });
  return opened;
}

function wrongProofOf(method: MethodId, drawn: readonly string[]): Record<string, string> {
  if (method !== "questions") return WRONG_PROOF[method] ?? {};
  return {
    step: "answer_questions",
    ...Object.fromEntries(drawn.map((id) => [`${ANSWER_FIELD_PREFIX}${id}`, WRONG_ANSWER])),
  };
}
