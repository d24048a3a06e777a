/**
 * The authenticator app's reset gate (SPEC §4.4, §6.4 item 4) on its own: every app of the user is tried, a step
 * accepted once never passes again, and a check costs the same HMACs and box openings whatever the user has.
 * Threats: a TOTP step cannot be replayed (at a gate, at another gate, in a race); a user ID's apps cannot be
 * counted from the work a check does; another user's app proves nothing.
 */
import { generateSync } from "otplib";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { FLOW_LIFETIME_SECONDS } from "../../src/domain/flows/reset/reset-flow.js";
import type { GateCheck, GateRequest } from "../../src/domain/methods/method-port.js";
import { DEFAULT_POLICY } from "../../src/domain/policies/sspr-policy.js";
import type { CodeKeys, VerifiedMethod } from "../../src/domain/ports.js";
import { open } from "../../src/lib/crypto/secret-box.js";
import { totpCodeAt, totpStep } from "../../src/lib/crypto/totp.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { APPS_CHECKED, createTotpGate } from "../../src/methods/totp/totp-gate.js";
import { totpMethodFor } from "../../src/methods/totp/totp-registration.js";

// Counted, not changed: each TOTP value is one HMAC (otplib's generateSync), each opened box one secret-box `open`.
vi.mock("otplib", async (importOriginal) => {
  const actual = await importOriginal<typeof import("otplib")>();
  return { ...actual, generateSync: vi.fn(actual.generateSync) };
});
vi.mock("../../src/lib/crypto/secret-box.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/lib/crypto/secret-box.js")>();
  return { ...actual, open: vi.fn(actual.open) };
});

const NOW = new Date("2026-12-20T03:00:10Z");
const USER = "user-ayu";
const random = createSecureRandom();
const codeKeys: CodeKeys = { currentId: "code-1", get: () => new Uint8Array(32).fill(7) };

/** The method store's counters, moving forward only, as `advanceCounter` promises. */
function counterStore() {
  const counters = new Map<string, number>();
  return {
    counters,
    advanceCounter: vi.fn((id: string, value: number) => {
      if ((counters.get(id) ?? 0) >= value) return Promise.resolve(false);
      counters.set(id, value);
      return Promise.resolve(true);
    }),
  };
}

/** A saved app row of `userRef`, sealed as registration seals it. */
function app(id: string, userRef = USER, counter = 0): { row: VerifiedMethod; secret: Uint8Array } {
  const secret = random.bytes(20);
  const saved = totpMethodFor(codeKeys, userRef, { secret, label: id, counter });
  return { row: { ...saved, id, userRef, createdAt: NOW, lastUsedAt: null }, secret };
}

function request(targets: readonly VerifiedMethod[], userRef: string | null = USER): GateRequest {
  return {
    flowId: "flow-1",
    gate: 1,
    typedUserId: "ayu@contoh.example",
    userRef,
    targets,
    policy: DEFAULT_POLICY,
    lang: "en",
    now: NOW,
  };
}

async function checkOf(gate: ReturnType<typeof createTotpGate>, base: GateRequest, code: string): Promise<GateCheck> {
  const opening = await gate.begin(base);
  if (opening.challenge === null) throw new Error("no challenge");
  return { ...base, challenge: opening.challenge, proof: { code }, stepData: null };
}

describe("the authenticator app gate", () => {
  let store: ReturnType<typeof counterStore>;
  let gate: ReturnType<typeof createTotpGate>;
  beforeEach(() => {
    store = counterStore();
    gate = createTotpGate({ codeKeys, random, methods: store });
  });

  it("opens on the code step with an empty challenge that lasts the flow, the same with apps or without", async () => {
    const withApps = await gate.begin(request([app("a").row]));
    const without = await gate.begin(request([], null));
    for (const opening of [withApps, without]) {
      expect(opening).toMatchObject({ firstStep: "enter_code", stepData: null });
      expect(opening.challenge).toMatchObject({ method: "totp", codeHmac: null, targetRef: null, attempts: 0 });
      expect(opening.challenge?.expiresAt).toEqual(new Date(NOW.getTime() + FLOW_LIFETIME_SECONDS * 1000));
    }
    expect(gate).toMatchObject({ checkCounter: "A2", attemptsPerChallenge: null, steps: ["enter_code"] });
    expect(gate.describeStep("enter_code", { policy: DEFAULT_POLICY, stepData: null })).toMatchObject({
      codeLength: 6,
      codeSource: "device",
      maskedTarget: null,
    });
  });

  it("reads a code with spaces; anything but six digits is refused before any check", () => {
    expect(gate.submit("enter_code", { code: "123 456" }, DEFAULT_POLICY)).toEqual({
      kind: "check",
      proof: { code: "123456" },
    });
    expect(gate.submit("enter_code", { code: "12345" }, DEFAULT_POLICY)).toEqual({
      kind: "invalid",
      notice: "code_invalid",
    });
  });

  it("tries every app of the user: the second app's code passes, proves that app and moves its counter", async () => {
    const first = app("first");
    const second = app("second");
    const check = await checkOf(gate, request([first.row, second.row]), totpCodeAt(second.secret, NOW));
    expect(await gate.verify(check)).toEqual({ passed: true, proved: "second" });
    expect(store.advanceCounter).toHaveBeenCalledWith("second", totpStep(NOW));
  });

  it("accepts the previous and the next step (±30 s), and nothing further", async () => {
    for (const [offset, passes] of [
      [-30, true],
      [30, true],
      [-60, false],
      [60, false],
    ] as const) {
      const one = app(`app${String(offset)}`);
      const code = totpCodeAt(one.secret, new Date(NOW.getTime() + offset * 1000));
      const verdict = await gate.verify(await checkOf(gate, request([one.row]), code));
      expect(verdict.passed, `offset ${String(offset)} s`).toBe(passes);
    }
  });

  it("a wrong code is SND-206 and moves no counter", async () => {
    const one = app("one");
    const wrong = totpCodeAt(one.secret, new Date(NOW.getTime() + 5 * 60_000));
    expect(await gate.verify(await checkOf(gate, request([one.row]), wrong))).toEqual({
      passed: false,
      reason: "SND-206",
    });
    expect(store.advanceCounter).not.toHaveBeenCalled();
  });

  it("threat: a TOTP step cannot be replayed: a step at or before the app's last accepted one is SND-207", async () => {
    // The app's counter says this step was accepted already (at gate 1 of another flow, or at a step-up).
    const used = app("used", USER, totpStep(NOW));
    const verdict = await gate.verify(await checkOf(gate, request([used.row]), totpCodeAt(used.secret, NOW)));
    expect(verdict).toEqual({ passed: false, reason: "SND-207" });
    expect(store.advanceCounter).not.toHaveBeenCalled();
  });

  it("threat: two requests racing with one code cannot both pass: the counter moves for one of them only", async () => {
    const one = app("one");
    const code = totpCodeAt(one.secret, NOW);
    // Both read the row before either moved its counter.
    const [a, b] = await Promise.all([
      gate.verify(await checkOf(gate, request([one.row]), code)),
      gate.verify(await checkOf(gate, request([one.row]), code)),
    ]);
    expect([a, b]).toContainEqual({ passed: true, proved: "one" });
    expect([a, b]).toContainEqual({ passed: false, reason: "SND-207" });
  });

  it("threat: another user's app proves nothing: its box is sealed to its owner and does not open for this flow", async () => {
    const theirs = app("theirs", "user-other");
    const verdict = await gate.verify(await checkOf(gate, request([theirs.row]), totpCodeAt(theirs.secret, NOW)));
    expect(verdict).toEqual({ passed: false, reason: "SND-206" });
  });

  it(`threat: a check's work does not tell how many apps a user ID has: ${String(APPS_CHECKED)} boxes opened and ${String(APPS_CHECKED * 3)} HMACs, always`, async () => {
    const five = Array.from({ length: 5 }, (_, index) => app(`app${String(index)}`).row);
    const broken: VerifiedMethod = { ...app("broken").row, secret: new Uint8Array(40) };
    const cases: Record<string, GateRequest> = {
      "an inert flow": request([], null),
      "a user without an app": request([]),
      "a user with one app": request([five[0] as VerifiedMethod]),
      "a user with five apps": request(five),
      "a user with an unreadable app": request([broken]),
    };
    for (const [name, base] of Object.entries(cases)) {
      const check = await checkOf(gate, base, "000000");
      vi.mocked(generateSync).mockClear();
      vi.mocked(open).mockClear();
      expect(await gate.verify(check), name).toMatchObject({ passed: false });
      expect(vi.mocked(open).mock.calls.length, `${name}: boxes opened`).toBe(APPS_CHECKED);
      expect(vi.mocked(generateSync).mock.calls.length, `${name}: HMACs`).toBe(APPS_CHECKED * 3);
    }
  });

  it("a user who somehow has more than five apps has every one of them tried", async () => {
    const six = Array.from({ length: 6 }, (_, index) => app(`app${String(index)}`));
    const last = six[5];
    if (last === undefined) throw new Error("no sixth app");
    const check = await checkOf(gate, request(six.map((one) => one.row)), totpCodeAt(last.secret, NOW));
    vi.mocked(generateSync).mockClear();
    expect(await gate.verify(check)).toEqual({ passed: true, proved: "app5" });
    expect(vi.mocked(generateSync).mock.calls.length).toBe(18);
  });
});
