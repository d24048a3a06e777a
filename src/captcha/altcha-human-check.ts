/** SPEC §6.2's proof-of-work CAPTCHA on altcha-lib: signed PBKDF2 challenges, each solution accepted once. */
import { type Challenge, createChallenge, type Solution, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { CaptchaStore } from "../domain/ports.js";
import type { Clock } from "../lib/clock.js";
import { hmacSha256 } from "../lib/crypto/sha256.js";
import { createSecureRandom, type Random } from "../lib/random.js";

/** What a submitted payload turned out to be; only "ok" lets the identify step go on. */
export type CaptchaVerdict = "ok" | "missing" | "invalid" | "expired" | "spent";

/** The work a challenge asks for. Solving costs about `cost` × the drawn counter PBKDF2 iterations. */
export interface AltchaDifficulty {
  /** PBKDF2/SHA-256 iterations per attempt. */
  readonly cost: number;
  /** The counter the solver has to reach is drawn uniformly from [counterMin, counterMax]. */
  readonly counterMin: number;
  readonly counterMax: number;
  /** Multiplies both counter bounds for a hard challenge (SPEC §6.2: ×10). */
  readonly hardFactor: number;
  /** How long a challenge stays valid. */
  readonly ttlSeconds: number;
}

/** SPEC §6.2: PBKDF2 cost 1,000, counter 500–1,500 (about 0.5 s in headless Chromium), valid 5 min. */
export const DEFAULT_ALTCHA_DIFFICULTY: AltchaDifficulty = {
  cost: 1000,
  counterMin: 500,
  counterMax: 1500,
  hardFactor: 10,
  ttlSeconds: 300,
};

export interface AltchaHumanCheck {
  /** A signed challenge as JSON for `<altcha-widget challenge="…">`; `hard` draws the counter from a ×10 range. */
  createChallenge(options: { readonly hard: boolean }): Promise<Challenge>;
  /** Judges the widget's `altcha` form field (base64 JSON) and spends it on success. Never throws on bad input. */
  verify(payload: string | undefined): Promise<CaptchaVerdict>;
}

export interface AltchaHumanCheckOptions {
  /** Sandi's CAPTCHA key; the two altcha-lib secrets are derived from it. */
  readonly hmacKey: Uint8Array;
  /** Where spent signatures live until they expire, shared by every instance. */
  readonly store: CaptchaStore;
  readonly clock: Clock;
  readonly difficulty?: Partial<AltchaDifficulty>;
  /** Draws the counter; the CSPRNG unless a test pins it. */
  readonly random?: Random;
}

const ALGORITHM = "PBKDF2/SHA-256";
/** The widget's payload is about 700 characters; anything far larger is not one. */
const MAX_PAYLOAD_LENGTH = 4096;

interface Submitted {
  readonly challenge: Challenge & { readonly signature: string };
  readonly solution: Solution;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The decoded `{ challenge, solution }`, or null when the text is not shaped like one. */
function decodePayload(payload: string): Submitted | null {
  if (payload.length > MAX_PAYLOAD_LENGTH) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
  } catch {
    return null;
  }
  if (!isRecord(decoded) || !isRecord(decoded.challenge) || !isRecord(decoded.solution)) return null;
  const { parameters, signature } = decoded.challenge;
  const { counter, derivedKey } = decoded.solution;
  if (!isRecord(parameters) || typeof signature !== "string") return null;
  if (typeof counter !== "number" || typeof derivedKey !== "string") return null;
  const challenge = { parameters: parameters as unknown as Challenge["parameters"], signature };
  return { challenge, solution: { counter, derivedKey } };
}

/** The signed expiry (Unix seconds) carried in `parameters.data`, or null. */
function signedExpiry(challenge: Challenge): number | null {
  const expiresAt = challenge.parameters.data?.expiresAt;
  return typeof expiresAt === "number" && Number.isFinite(expiresAt) ? expiresAt : null;
}

type Secrets = Pick<Parameters<typeof verifySolution>[0], "hmacSignatureSecret" | "hmacKeySignatureSecret">;

/** The two altcha-lib secrets, each an HMAC of a fixed label under Sandi's key. */
function deriveSecrets(hmacKey: Uint8Array): Required<Secrets> {
  const secret = (label: string) => Buffer.from(hmacSha256(hmacKey, label)).toString("hex");
  return { hmacSignatureSecret: secret("altcha-signature"), hmacKeySignatureSecret: secret("altcha-key-signature") };
}

/** The counter the solver has to find: uniform in the plain or the ×`hardFactor` range. */
function drawCounter(difficulty: AltchaDifficulty, random: Random, hard: boolean): number {
  const factor = hard ? difficulty.hardFactor : 1;
  const min = difficulty.counterMin * factor;
  return min + random.integerBelow(difficulty.counterMax * factor - min + 1);
}

/** True when the challenge carries our signature and the solution its key (expiry is judged by the caller). */
async function isGenuine(submitted: Submitted, secrets: Secrets): Promise<boolean> {
  const parameters = { ...submitted.challenge.parameters };
  delete parameters.expiresAt; // the unsigned hint for the widget, see createAltchaHumanCheck
  try {
    const challenge = { parameters, signature: submitted.challenge.signature };
    const result = await verifySolution({ challenge, solution: submitted.solution, deriveKey, ...secrets });
    return result.verified;
  } catch {
    return false;
  }
}

/**
 * Creates the CAPTCHA. Time comes only from `clock`: altcha-lib 2.8's `verifySolution` compares
 * `parameters.expiresAt` with `Date.now()` itself and takes no time option, so the signed expiry lives in
 * `parameters.data.expiresAt` instead. `parameters.expiresAt` is added after signing, for the widget's own
 * countdown only, and is removed again before verifying: the server never trusts it.
 */
export function createAltchaHumanCheck(options: AltchaHumanCheckOptions): AltchaHumanCheck {
  const { store, clock } = options;
  const difficulty = { ...DEFAULT_ALTCHA_DIFFICULTY, ...options.difficulty };
  const random = options.random ?? createSecureRandom();
  const secrets = deriveSecrets(options.hmacKey);
  return {
    async createChallenge({ hard }) {
      const expiresAt = Math.floor(clock.now().getTime() / 1000) + difficulty.ttlSeconds;
      const challenge = await createChallenge({
        algorithm: ALGORITHM,
        cost: difficulty.cost,
        counter: drawCounter(difficulty, random, hard),
        deriveKey,
        data: { expiresAt },
        ...secrets,
      });
      return { ...challenge, parameters: { ...challenge.parameters, expiresAt } };
    },

    async verify(payload) {
      if (payload === undefined || payload === "") return "missing";
      const submitted = decodePayload(payload);
      if (submitted === null || !(await isGenuine(submitted, secrets))) return "invalid";
      const expiresAt = signedExpiry(submitted.challenge);
      if (expiresAt === null) return "invalid";
      const now = clock.now();
      if (now.getTime() >= expiresAt * 1000) return "expired";
      const fresh = await store.spend(submitted.challenge.signature, new Date(expiresAt * 1000), now);
      return fresh ? "ok" : "spent";
    },
  };
}
