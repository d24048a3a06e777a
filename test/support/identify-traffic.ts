/** Identify traffic from chosen client IPs, and how hard a CAPTCHA issued to a client IP is, for flood tests. */
import type { Challenge } from "altcha-lib";
import type { TestApp } from "./build-test-app.js";
import { TEST_CAPTCHA_DIFFICULTY } from "./build-test-app.js";
import { solveAltchaChallenge } from "./altcha.js";

/** The proxy the tests configure in `trustedProxies`; requests from it name the client in X-Forwarded-For. */
export const TRUSTED_PROXY = "127.0.0.1";

export interface IdentifyAnswer {
  readonly status: number;
  readonly code: string | undefined;
  readonly retryAfter: string | undefined;
}

function header(value: string | string[] | number | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * POSTs one API identify for `clientIp` through the trusted proxy, without a CAPTCHA answer: I1 and the surge counter
 * are charged before the CAPTCHA is checked, so an unrefused submission answers 400 SND-111.
 */
export async function identifyFrom(t: TestApp, clientIp: string): Promise<IdentifyAnswer> {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/reset/flows",
    remoteAddress: TRUSTED_PROXY,
    headers: { "x-forwarded-for": clientIp, "content-type": "application/json" },
    payload: JSON.stringify({ userId: "someone@contoh.example" }),
  });
  const body = response.json<{ code?: string }>();
  return { status: response.statusCode, code: body.code, retryAfter: header(response.headers["retry-after"]) };
}

/** `count` identify submissions from `clientIp`, the fake clock moving `spacingSeconds` after each; the answers. */
export async function identifyRepeatedly(
  t: TestApp,
  clientIp: string,
  count: number,
  spacingSeconds = 0,
): Promise<IdentifyAnswer[]> {
  const answers: IdentifyAnswer[] = [];
  for (let index = 0; index < count; index++) {
    answers.push(await identifyFrom(t, clientIp));
    t.clock.advanceSeconds(spacingSeconds);
  }
  return answers;
}

/** A private IPv4 address of its own for each `index` (up to 62,500). */
export function distinctIp(index: number): string {
  return `10.77.${String(Math.floor(index / 250))}.${String((index % 250) + 1)}`;
}

/** Where a challenge is issued: the pages' widget endpoint or the API's. */
export type ChallengeRoute = "pages" | "api";

const CHALLENGE_URL: Record<ChallengeRoute, string> = {
  pages: "/altcha/challenge",
  api: "/api/v1/captcha/challenge",
};

/**
 * Fetches a challenge for `clientIp` and tells whether it is the plain or the ×10 kind. The counter is not in the
 * challenge (that is the puzzle), so it is solved: with the tests' cost of 1 that takes microseconds even when hard.
 */
export async function challengeDifficulty(
  t: TestApp,
  clientIp: string,
  route: ChallengeRoute = "pages",
): Promise<"plain" | "hard"> {
  const response = await t.app.inject({
    method: "GET",
    url: CHALLENGE_URL[route],
    remoteAddress: TRUSTED_PROXY,
    headers: { "x-forwarded-for": clientIp },
  });
  const payload = await solveAltchaChallenge(response.json<Challenge>());
  const { solution } = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as { solution: { counter: number } };
  const { counterMin, counterMax, hardFactor } = TEST_CAPTCHA_DIFFICULTY;
  if (solution.counter >= counterMin && solution.counter <= counterMax) return "plain";
  if (solution.counter >= counterMin * hardFactor && solution.counter <= counterMax * hardFactor) return "hard";
  throw new Error(`counter ${String(solution.counter)} is in neither range`);
}
