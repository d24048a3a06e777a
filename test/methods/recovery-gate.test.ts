/**
 * A recovery code at the reset gate on its own (SPEC §18): the lookup id finds the one unspent row, one keyed hash
 * decides, a match is spent at once. Threats: a spent recovery code cannot pass again (nor can two requests racing
 * with one code both pass); another user's code proves nothing; the work of a check does not tell whether the user
 * ID has codes, or whether a lookup id exists.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { GateCheck, GateRequest } from "../../src/domain/methods/method-port.js";
import { DEFAULT_POLICY } from "../../src/domain/policies/sspr-policy.js";
import type { CodeKeys, VerifiedMethod } from "../../src/domain/ports.js";
import { generateRecoveryCodes } from "../../src/domain/recovery-codes.js";
import type { RecoveryCodeStore, StoredRecoveryCode } from "../../src/domain/registration/registration-ports.js";
import { hmacSha256 } from "../../src/lib/crypto/sha256.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { createRecoveryCodeGate } from "../../src/methods/recovery-code/recovery-code-gate.js";

// Counted, not changed: every recovery-code check is one HMAC-SHA-256.
vi.mock("../../src/lib/crypto/sha256.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/lib/crypto/sha256.js")>();
  return { ...actual, hmacSha256: vi.fn(actual.hmacSha256) };
});

const NOW = new Date("2026-12-20T03:00:00Z");
const random = createSecureRandom();
const KEY = new Uint8Array(32).fill(9);
const codeKeys: CodeKeys = { currentId: "code-1", get: () => KEY };

/** The recovery-code table in memory: rows per set, each spent once. */
function memoryStore() {
  const rows: { methodId: string; userRef: string; code: StoredRecoveryCode; spentAt: Date | null }[] = [];
  const store: Pick<RecoveryCodeStore, "findUnspent" | "spend"> = {
    findUnspent: vi.fn((userRef: string, lookup: string) => {
      const row = rows.find((r) => r.userRef === userRef && r.code.lookup === lookup && r.spentAt === null);
      return Promise.resolve(row === undefined ? null : { ...row.code, methodId: row.methodId });
    }),
    spend: (methodId, lookup, now) => {
      const row = rows.find((r) => r.methodId === methodId && r.code.lookup === lookup && r.spentAt === null);
      if (row !== undefined) row.spentAt = now;
      return Promise.resolve(row !== undefined);
    },
  };
  /** A new set for `userRef`: its row, and the codes as the user was shown them. */
  const addSet = (methodId: string, userRef: string) => {
    const set = generateRecoveryCodes(random, KEY);
    for (const code of set.stored) rows.push({ methodId, userRef, code: { ...code, keyId: "code-1" }, spentAt: null });
    const row: VerifiedMethod = {
      id: methodId,
      userRef,
      method: "recovery_code",
      value: "",
      label: null,
      createdAt: NOW,
      lastUsedAt: null,
    };
    return { row, codes: set.display };
  };
  return { store, addSet, rows };
}

function request(targets: readonly VerifiedMethod[], userRef: string | null): GateRequest {
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

describe("the recovery-code gate", () => {
  let memory: ReturnType<typeof memoryStore>;
  let gate: ReturnType<typeof createRecoveryCodeGate>;
  beforeEach(() => {
    memory = memoryStore();
    gate = createRecoveryCodeGate({ codeKeys, random, recoveryCodes: memory.store });
  });

  async function check(base: GateRequest, code: string): Promise<GateCheck> {
    const opening = await gate.begin(base);
    if (opening.challenge === null) throw new Error("no challenge");
    return { ...base, challenge: opening.challenge, proof: { code }, stepData: null };
  }

  it("opens on the code step, counts in A2, and describes a field that is not a number of digits", async () => {
    const opening = await gate.begin(request([], null));
    expect(opening).toMatchObject({ firstStep: "enter_code", stepData: null });
    expect(opening.challenge).toMatchObject({ method: "recovery_code", codeHmac: null, targetRef: null });
    expect(gate).toMatchObject({ checkCounter: "A2", attemptsPerChallenge: null, gatePositions: [1, 2] });
    expect(gate.describeStep("enter_code", { policy: DEFAULT_POLICY, stepData: null })).toMatchObject({
      codeLength: null,
      codeSource: "device",
      fields: [{ name: "code", maxLength: 64 }],
    });
  });

  it("a code of the user's set passes, in any case and grouping, proves the set and is spent", async () => {
    const { row, codes } = memory.addSet("set-1", "user-ayu");
    const typed = (codes[3] ?? "").toLowerCase().replace(/-/g, " ");
    expect(await gate.verify(await check(request([row], "user-ayu"), typed))).toEqual({
      passed: true,
      proved: "set-1",
    });
    expect(memory.rows.filter((r) => r.spentAt !== null)).toHaveLength(1);
  });

  it("threat: a spent recovery code cannot pass again", async () => {
    const { row, codes } = memory.addSet("set-1", "user-ayu");
    const code = codes[0] ?? "";
    expect((await gate.verify(await check(request([row], "user-ayu"), code))).passed).toBe(true);
    expect(await gate.verify(await check(request([row], "user-ayu"), code))).toEqual({
      passed: false,
      reason: "SND-216",
    });
  });

  it("threat: two requests racing with one code cannot both pass: the code is spent for one of them only", async () => {
    const { row, codes } = memory.addSet("set-1", "user-ayu");
    const code = codes[0] ?? "";
    const [a, b] = await Promise.all([
      check(request([row], "user-ayu"), code).then((c) => gate.verify(c)),
      check(request([row], "user-ayu"), code).then((c) => gate.verify(c)),
    ]);
    expect([a.passed, b.passed].sort()).toEqual([false, true]);
  });

  it("a wrong secret under a right lookup id is SND-216 and spends nothing", async () => {
    const { row, codes } = memory.addSet("set-1", "user-ayu");
    const code = codes[0] ?? "";
    const wrong = `${code.slice(0, -1)}${code.endsWith("2") ? "3" : "2"}`;
    expect(await gate.verify(await check(request([row], "user-ayu"), wrong))).toEqual({
      passed: false,
      reason: "SND-216",
    });
    expect(memory.rows.every((r) => r.spentAt === null)).toBe(true);
  });

  it("threat: another user's recovery code proves nothing: the lookup runs under the flow's account only", async () => {
    const mine = memory.addSet("set-1", "user-ayu");
    const theirs = memory.addSet("set-2", "user-budi");
    const verdict = await gate.verify(await check(request([mine.row], "user-ayu"), theirs.codes[0] ?? ""));
    expect(verdict).toEqual({ passed: false, reason: "SND-216" });
  });

  it("threat: a check's work does not tell whether the user ID has codes: one lookup and one HMAC, always", async () => {
    const { row, codes } = memory.addSet("set-1", "user-ayu");
    const wrongSecret = `${(codes[0] ?? "").slice(0, 5)}ZZZZ-ZZZZ-ZZZZ-ZZZZ`;
    const cases: [string, GateRequest, string][] = [
      ["a wrong secret, real set", request([row], "user-ayu"), wrongSecret],
      ["an unknown lookup id, real set", request([row], "user-ayu"), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"],
      ["a user without codes", request([], "user-budi"), codes[1] ?? ""],
      ["an inert flow", request([], null), codes[1] ?? ""],
    ];
    for (const [name, base, code] of cases) {
      const built = await check(base, code);
      vi.mocked(hmacSha256).mockClear();
      vi.mocked(memory.store.findUnspent).mockClear();
      expect(await gate.verify(built), name).toEqual({ passed: false, reason: "SND-216" });
      expect(vi.mocked(hmacSha256).mock.calls.length, `${name}: HMACs`).toBe(1);
      expect(vi.mocked(memory.store.findUnspent).mock.calls.length, `${name}: lookups`).toBe(1);
    }
  });

  it("text that cannot be a code is judged wrong like any other, after the same one HMAC", async () => {
    const { row } = memory.addSet("set-1", "user-ayu");
    for (const typed of ["", "O0O0-1111-IIII-LLLL-0000", "ABCD"]) {
      const built = await check(request([row], "user-ayu"), typed);
      expect(gate.submit("enter_code", { code: typed }, DEFAULT_POLICY)).toEqual({
        kind: "check",
        proof: { code: typed },
      });
      vi.mocked(hmacSha256).mockClear();
      expect(await gate.verify(built)).toEqual({ passed: false, reason: "SND-216" });
      expect(vi.mocked(hmacSha256).mock.calls.length).toBe(1);
    }
  });
});
