/**
 * The passkey gate's method alone, over in-memory ports and a software authenticator: the opening is the same for
 * every flow and names no credential; a genuine passkey proves only its owner in a real flow (never an inert flow,
 * whose userRef is null, nor another user's flow); every answer costs one lookup by credential id and one signature
 * check, whoever the flow is for; the submission is read before anything is counted.
 */
import { randomBytes } from "node:crypto";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../src/domain/policies/sspr-policy.js";
import type { GateCheck, GateRequest } from "../../src/domain/methods/method-port.js";
import type { TransactionStores, UnitOfWork, VerifiedMethod } from "../../src/domain/ports.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { createPasskeyGate } from "../../src/methods/passkey/passkey-gate.js";
import { newPasskeyMethod } from "../../src/methods/passkey/passkey-rows.js";
import { registrationOptions, relyingParty, verifyRegistration } from "../../src/methods/passkey/webauthn.js";
import { createSoftAuthenticator, type SoftAuthenticator } from "./passkey-soft-authenticator.js";

const ORIGIN = "https://sandi.contoh.example";
const rp = relyingParty(ORIGIN, "Contoh");
const NOW = new Date("2026-12-20T08:00:00Z");

async function passkeyOf(userRef: string, authenticator: SoftAuthenticator): Promise<VerifiedMethod> {
  const userHandle = randomBytes(32).toString("base64url");
  const challenge = new Uint8Array(randomBytes(32));
  const creation = await registrationOptions(rp, {
    userHandle,
    userName: userRef,
    displayName: userRef,
    challenge,
    excludeCredentials: [],
  });
  const verified = await verifyRegistration(rp, {
    responseJson: authenticator.create(creation, ORIGIN),
    expectedChallenge: challenge,
  });
  if (!verified.ok) throw new Error(verified.reason);
  return {
    ...newPasskeyMethod(verified.value, "Laptop", userHandle),
    id: `pk-${userRef}`,
    userRef,
    createdAt: NOW,
    lastUsedAt: null,
  };
}

/** The gate over one stored passkey, counting lookups and counter moves. */
function gateOver(rows: VerifiedMethod[]) {
  const counts = { lookups: 0, advanced: 0 };
  const stores = {
    methods: {
      advanceCounter: (id: string, value: number) => {
        const row = rows.find((candidate) => candidate.id === id);
        if (row === undefined || (row.counter ?? 0) >= value) return Promise.resolve(false);
        rows[rows.indexOf(row)] = { ...row, counter: value };
        counts.advanced++;
        return Promise.resolve(true);
      },
    },
  } as unknown as TransactionStores;
  const unitOfWork: UnitOfWork = { inTransaction: (work) => work(stores) };
  const gate = createPasskeyGate({
    random: createSecureRandom(),
    unitOfWork,
    methods: {
      findByCredentialId: (credentialId) => {
        counts.lookups++;
        return Promise.resolve(rows.find((row) => row.credentialId === credentialId) ?? null);
      },
    },
    relyingParty: () => Promise.resolve(rp),
  });
  return { gate, counts };
}

function request(userRef: string | null, targets: readonly VerifiedMethod[] = []): GateRequest {
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

async function answer(
  gate: ReturnType<typeof gateOver>["gate"],
  base: GateRequest,
  authenticator: SoftAuthenticator,
): Promise<GateCheck> {
  const opening = await gate.begin(base);
  const options = JSON.parse(String(opening.stepData?.["options"])) as PublicKeyCredentialRequestOptionsJSON;
  const credential = authenticator.get(options, ORIGIN);
  const submission = gate.submit("use_passkey", { credential }, DEFAULT_POLICY);
  if (submission.kind !== "check" || opening.challenge === null) throw new Error("not a check");
  return { ...base, challenge: opening.challenge, proof: submission.proof, stepData: opening.stepData };
}

describe("the passkey gate method", () => {
  it("opens the same way for a real flow, an inert one and a user without passkeys: no credential named", async () => {
    const ayu = createSoftAuthenticator();
    const row = await passkeyOf("ayu", ayu);
    const { gate, counts } = gateOver([row]);
    const shapes = [];
    for (const base of [request("ayu", [row]), request(null), request("budi")]) {
      const opening = await gate.begin(base);
      const options = JSON.parse(String(opening.stepData?.["options"])) as Record<string, unknown>;
      expect(opening.firstStep).toBe("use_passkey");
      expect(opening.challenge).toMatchObject({ method: "passkey", codeHmac: null, targetRef: null, attempts: 0 });
      expect(JSON.stringify(opening)).not.toContain(row.credentialId ?? "");
      shapes.push({
        ...options,
        challenge: String(options["challenge"]).length,
        keys: Object.keys(opening.stepData ?? {}),
      });
    }
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    expect(shapes[0]).toMatchObject({
      challenge: 43,
      rpId: "sandi.contoh.example",
      userVerification: "required",
      timeout: 300_000,
    });
    expect(counts.lookups).toBe(0);
  });

  it("a genuine passkey proves its owner in a real flow, and moves the counter", async () => {
    const ayu = createSoftAuthenticator();
    const { gate, counts } = gateOver([await passkeyOf("ayu", ayu)]);
    const verdict = await gate.verify(await answer(gate, request("ayu"), ayu));
    expect(verdict).toEqual({ passed: true, proved: "pk-ayu" });
    expect(counts).toEqual({ lookups: 1, advanced: 1 });
  });

  it("a genuine passkey cannot open an inert flow (a disabled or out-of-scope account) nor another user's", async () => {
    const ayu = createSoftAuthenticator();
    const { gate, counts } = gateOver([await passkeyOf("ayu", ayu)]);
    for (const userRef of [null, "budi"]) {
      const verdict = await gate.verify(await answer(gate, request(userRef), ayu));
      expect(verdict).toMatchObject({ passed: false, reason: "SND-209" });
      expect(verdict.passed ? null : verdict.stepData?.["options"]).toEqual(expect.any(String));
    }
    // One lookup each, and the counter never moved: the dummy key took the signature check.
    expect(counts).toEqual({ lookups: 2, advanced: 0 });
  });

  it("reads the submission before anything is counted: only an assertion of at most 8 KiB is a check", () => {
    const { gate } = gateOver([]);
    for (const credential of ["", "{}", "x".repeat(9000), JSON.stringify({ type: "public-key" })])
      expect(gate.submit("use_passkey", { credential }, DEFAULT_POLICY)).toEqual({
        kind: "invalid",
        notice: "credential_invalid",
      });
    expect(gate.submit("enter_code", { code: "123456" }, DEFAULT_POLICY).kind).toBe("invalid");
  });
});
