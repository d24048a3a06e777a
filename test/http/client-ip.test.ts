/**
 * Threat: a flooder rotates a spoofed X-Forwarded-For header so every request looks like a new client and the per-IP
 * limits never fire. The header may name the client only when the direct peer is a configured trusted proxy.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { hiddenValue } from "../support/page-client.js";

/** I1: more identify submissions than this from one IP in an hour are refused (SND-305). */
const IDENTIFY_LIMIT = 100;

/** Posts the identify form `count` times from `peer`, each with a different X-Forwarded-For; returns the statuses. */
async function identifyWithRotatingForwardedFor(t: TestApp, peer: string, count: number) {
  const page = await t.app.inject({ method: "GET", url: "/reset", remoteAddress: peer });
  const cookie = [page.cookies]
    .flat()
    .map((entry) => `${entry.name}=${entry.value}`)
    .join("; ");
  const form = hiddenValue(page.body, "form");
  const answers: { status: number; retryAfter: string | undefined }[] = [];
  for (let index = 0; index < count; index++) {
    const response = await t.app.inject({
      method: "POST",
      url: "/reset",
      remoteAddress: peer,
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "same-origin",
        "x-forwarded-for": `198.51.${String(Math.floor(index / 250))}.${String((index % 250) + 1)}`,
      },
      // No CAPTCHA answer: the IP counter I1 is charged before the CAPTCHA is checked.
      payload: new URLSearchParams({ form, userId: `user${String(index)}@contoh.example` }).toString(),
    });
    const retryAfter = response.headers["retry-after"];
    answers.push({ status: response.statusCode, retryAfter: typeof retryAfter === "string" ? retryAfter : undefined });
  }
  return answers;
}

describe("client IP behind proxies", () => {
  let t: TestApp;
  afterEach(async () => t.close());

  async function start(trustedProxies: string[]): Promise<void> {
    t = await buildTestApp({ config: { trustedProxies } });
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
  }

  it("a spoofed X-Forwarded-For from an untrusted peer does not change the client IP used for limits", async () => {
    await start([]);
    const answers = await identifyWithRotatingForwardedFor(t, "203.0.113.7", IDENTIFY_LIMIT + 1);
    // Each submission within the limit is refused only for its missing CAPTCHA (400, SND-111).
    expect(new Set(answers.slice(0, IDENTIFY_LIMIT).map((answer) => answer.status))).toEqual(new Set([400]));
    expect(answers.at(-1)).toEqual({ status: 429, retryAfter: expect.stringMatching(/^\d+$/) as unknown });
  });

  it("behind a trusted proxy, X-Forwarded-For names the client, so distinct clients are limited apart", async () => {
    await start(["127.0.0.1"]);
    const answers = await identifyWithRotatingForwardedFor(t, "127.0.0.1", IDENTIFY_LIMIT + 1);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([400]));
  });
});
