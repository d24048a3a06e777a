/** SPEC §6.2: the proof-of-work CAPTCHA accepts a real solution once, before it expires, and nothing else. */
import { describe, expect, it } from "vitest";
import type { CaptchaStore } from "../../src/domain/ports.js";
import { type AltchaDifficulty, createAltchaHumanCheck } from "../../src/captcha/altcha-human-check.js";
import type { Random } from "../../src/lib/random.js";
import { solveAltchaChallenge } from "../support/altcha.js";

/** A clock behind the real one on purpose: altcha-lib's own Date.now() check would call every challenge expired. */
function fakeClock(iso = "2020-01-01T08:00:00Z") {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advanceSeconds: (seconds: number) => (now += seconds * 1000) };
}

/** An in-memory CaptchaStore with the real one's contract: first spend true, repeats false until expiry. */
function memoryCaptchaStore(): CaptchaStore & { spent: Map<string, Date> } {
  const spent = new Map<string, Date>();
  return {
    spent,
    spend: (signature, expiresAt, now) => {
      const until = spent.get(signature);
      if (until !== undefined && until > now) return Promise.resolve(false);
      spent.set(signature, expiresAt);
      return Promise.resolve(true);
    },
  };
}

/** Cheap challenges for everything but the first test, which uses SPEC §6.2's real difficulty. */
const CHEAP: Partial<AltchaDifficulty> = { cost: 1, counterMin: 5, counterMax: 15 };
const HMAC_KEY = new Uint8Array(32).fill(7);
const lowestCounter: Random = { bytes: (n) => new Uint8Array(n), integerBelow: () => 0 };

function setup(difficulty: Partial<AltchaDifficulty> = CHEAP, random?: Random) {
  const clock = fakeClock();
  const store = memoryCaptchaStore();
  const check = createAltchaHumanCheck({ hmacKey: HMAC_KEY, store, clock, difficulty, ...(random && { random }) });
  return { clock, store, check };
}

/** The widget's form field, decoded. */
interface Payload {
  challenge: { parameters: { cost: number; expiresAt: number; data: { expiresAt: number } }; signature?: string };
  solution: { counter: number; derivedKey: string };
}

function decode(payload: string): Payload {
  return JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as Payload;
}
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("createChallenge", () => {
  it("issues PBKDF2/SHA-256, cost 1,000, valid 5 min by the injected clock, and a Node solution is ok", async () => {
    const { clock, check } = setup({});
    const challenge = await check.createChallenge({ hard: false });
    const expiresAt = clock.now().getTime() / 1000 + 300;
    expect(challenge.parameters).toMatchObject({ algorithm: "PBKDF2/SHA-256", cost: 1000, expiresAt });
    expect(challenge.parameters.data).toEqual({ expiresAt });
    expect(await check.verify(await solveAltchaChallenge(challenge))).toBe("ok");
  });

  it("draws the counter from 500–1,500, or 5,000–15,000 when hard", async () => {
    const { check } = setup({ cost: 1, counterMin: 500, counterMax: 1500 }, lowestCounter);
    const easy = decode(await solveAltchaChallenge(await check.createChallenge({ hard: false })));
    const hard = decode(await solveAltchaChallenge(await check.createChallenge({ hard: true })));
    expect(easy.solution.counter).toBe(500);
    expect(hard.solution.counter).toBe(5000);
    const highest = setup(
      { cost: 1, counterMin: 500, counterMax: 1500 },
      { ...lowestCounter, integerBelow: (n) => n - 1 },
    );
    const top = decode(await solveAltchaChallenge(await highest.check.createChallenge({ hard: false })));
    expect(top.solution.counter).toBe(1500);
  });
});

describe("verify", () => {
  // Threat: a bot solves one challenge and replays the payload for many identify requests.
  it("accepts a solution once; the same payload again is spent", async () => {
    const { check, store } = setup();
    const payload = await solveAltchaChallenge(await check.createChallenge({ hard: false }));
    expect(await check.verify(payload)).toBe("ok");
    expect(await check.verify(payload)).toBe("spent");
    const { challenge } = decode(payload);
    expect(store.spent.get(challenge.signature ?? "")).toEqual(new Date(challenge.parameters.data.expiresAt * 1000));
  });

  it("lets only one of two simultaneous submissions of a payload through", async () => {
    const { check } = setup();
    const payload = await solveAltchaChallenge(await check.createChallenge({ hard: false }));
    const verdicts = await Promise.all([check.verify(payload), check.verify(payload)]);
    expect(verdicts.sort()).toEqual(["ok", "spent"]);
  });

  // Threat: a bot edits the challenge to make it easier, or forges a solution without doing the work.
  it("refuses a tampered challenge or solution as invalid", async () => {
    const { check } = setup();
    const payload = decode(await solveAltchaChallenge(await check.createChallenge({ hard: false })));
    const tamper = (edit: (copy: Payload) => void) => {
      const copy = structuredClone(payload);
      edit(copy);
      return check.verify(encode(copy));
    };
    expect(await tamper((p) => (p.challenge.parameters.cost = 2))).toBe("invalid");
    expect(await tamper((p) => (p.challenge.parameters.data.expiresAt += 3600))).toBe("invalid");
    expect(await tamper((p) => (p.challenge.signature = "0".repeat(64)))).toBe("invalid");
    expect(await tamper((p) => (p.solution.derivedKey = "ab".repeat(32)))).toBe("invalid");
    expect(await tamper((p) => delete p.challenge.signature)).toBe("invalid");
    expect(await check.verify(encode(payload))).toBe("ok");
  });

  it("refuses a challenge signed under another key", async () => {
    const { check } = setup();
    const other = createAltchaHumanCheck({
      hmacKey: new Uint8Array(32).fill(8),
      store: memoryCaptchaStore(),
      clock: fakeClock(),
      difficulty: CHEAP,
    });
    expect(await check.verify(await solveAltchaChallenge(await other.createChallenge({ hard: false })))).toBe(
      "invalid",
    );
  });

  it("says missing without a payload and invalid for anything that is not one", async () => {
    const { check } = setup();
    expect(await check.verify(undefined)).toBe("missing");
    expect(await check.verify("")).toBe("missing");
    const garbage = [
      "!!!not base64!!!",
      encode("just a string"),
      Buffer.from("{ not json").toString("base64"),
      encode([]),
      encode(null),
      encode({ challenge: null, solution: null, test: true }),
      encode({ challenge: { parameters: {}, signature: "00" }, solution: { counter: 1, derivedKey: "zz" } }),
      encode({ challenge: { parameters: { nonce: "xyz" }, signature: 5 }, solution: { counter: "1" } }),
      "A".repeat(100_000),
    ];
    for (const payload of garbage) expect(await check.verify(payload), payload.slice(0, 40)).toBe("invalid");
  });

  // Threat: a solution farmed in advance is used long after its challenge was issued.
  it("refuses a payload once the injected clock passes the signed expiry, whatever the unsigned hint says", async () => {
    const { check, clock } = setup();
    const payload = await solveAltchaChallenge(await check.createChallenge({ hard: false }));
    clock.advanceSeconds(300);
    expect(await check.verify(payload)).toBe("expired");
    const hinted = decode(payload);
    hinted.challenge.parameters.expiresAt += 3600;
    expect(await check.verify(encode(hinted))).toBe("expired");
  });

  it("accepts a payload up to the last second of its 5 minutes", async () => {
    const { check, clock } = setup();
    const payload = await solveAltchaChallenge(await check.createChallenge({ hard: false }));
    clock.advanceSeconds(299);
    expect(await check.verify(payload)).toBe("ok");
  });
});
