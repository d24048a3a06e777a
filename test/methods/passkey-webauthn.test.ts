/**
 * The webauthn wrapper without a browser: the options SPEC §4.5 fixes, and every check of a registration and of an
 * assertion, driven by a software authenticator whose answers can be bent one field at a time. The counter rule
 * (stored > 0 and new ≤ stored) is its own result, and only after a genuine signature.
 */
import { describe, expect, it } from "vitest";
import type { Random } from "../../src/lib/random.js";
import {
  authenticationOptions,
  counterRegressed,
  newUserHandle,
  PASSKEY_ALGORITHMS,
  readAssertionClaim,
  registrationOptions,
  relyingParty,
  type StoredPasskey,
  verifyAssertion,
  verifyRegistration,
} from "../../src/methods/passkey/webauthn.js";
import {
  type Bend,
  createSoftAuthenticator,
  type SoftAlgorithm,
  type SoftAuthenticator,
} from "./passkey-soft-authenticator.js";

const ORIGIN = "https://sandi.contoh.example";
const RP = relyingParty(`${ORIGIN}/`, "Contoh Organisation");
/** A `Random` that hands out 0, 1, 2, … so handles and challenges are the same on every run. */
function countingRandom(): Random {
  let next = 0;
  return {
    bytes: (count) => Uint8Array.from({ length: count }, () => next++ % 256),
    integerBelow: (max) => next++ % max,
  };
}
const random = countingRandom();
const USER_HANDLE = newUserHandle(random);
const challenge = () => random.bytes(32);

async function registrationFor(authenticator: SoftAuthenticator, bend: Bend = {}) {
  const issued = challenge();
  const options = await registrationOptions(RP, {
    userHandle: USER_HANDLE,
    userName: "ratna@contoh.example",
    displayName: "Ratna Sari",
    challenge: issued,
    excludeCredentials: [],
  });
  return verifyRegistration(RP, {
    responseJson: authenticator.create(options, ORIGIN, bend),
    expectedChallenge: issued,
  });
}

async function registered(algorithm: SoftAlgorithm = "es256", counterStep = 1) {
  const authenticator = createSoftAuthenticator({ algorithm, counterStep });
  const outcome = await registrationFor(authenticator);
  if (!outcome.ok) throw new Error(`registration refused: ${outcome.reason}`);
  return { authenticator, passkey: outcome.value };
}

async function assertion(
  authenticator: SoftAuthenticator,
  passkey: StoredPasskey,
  bend: Bend = {},
  owner = USER_HANDLE,
) {
  const issued = challenge();
  const options = await authenticationOptions(RP, { challenge: issued });
  const responseJson = authenticator.get(options, ORIGIN, bend);
  return verifyAssertion(RP, { responseJson, expectedChallenge: issued, passkey, ownerUserHandle: owner });
}

describe("passkey options (SPEC §4.5)", () => {
  it("takes the RP ID from the public URL's host and the origin from its origin", () => {
    expect(relyingParty("https://sandi.contoh.example:8443/base/", "Contoh")).toEqual({
      id: "sandi.contoh.example",
      name: "Contoh",
      origin: "https://sandi.contoh.example:8443",
    });
  });

  it("asks for a discoverable, user-verified ES256/EdDSA/RS256 credential, no attestation, 300 s", async () => {
    const issued = challenge();
    const options = await registrationOptions(RP, {
      userHandle: USER_HANDLE,
      userName: "ratna@contoh.example",
      displayName: "Ratna Sari",
      challenge: issued,
      excludeCredentials: [{ credentialId: "AAEC", transports: ["internal"] }, { credentialId: "AwQF" }],
    });
    expect(options).toMatchObject({
      rp: { id: "sandi.contoh.example", name: "Contoh Organisation" },
      user: { id: USER_HANDLE, name: "ratna@contoh.example", displayName: "Ratna Sari" },
      challenge: Buffer.from(issued).toString("base64url"),
      timeout: 300_000,
      attestation: "none",
      authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
      excludeCredentials: [
        { id: "AAEC", type: "public-key", transports: ["internal"] },
        { id: "AwQF", type: "public-key" },
      ],
    });
    expect(options.pubKeyCredParams.map((param) => param.alg)).toEqual([-7, -8, -257]);
    expect(PASSKEY_ALGORITHMS).toEqual([-7, -8, -257]);
  });

  it("asks for any passkey of this site (no allowCredentials), user verification required, 300 s", async () => {
    const issued = challenge();
    const options = await authenticationOptions(RP, { challenge: issued });
    expect(options).toMatchObject({
      rpId: "sandi.contoh.example",
      challenge: Buffer.from(issued).toString("base64url"),
      timeout: 300_000,
      userVerification: "required",
    });
    expect(options.allowCredentials ?? []).toEqual([]);
  });

  it("refuses a challenge or a user handle that is not 32 bytes (a caller's mistake, not a user's)", () => {
    expect(() => authenticationOptions(RP, { challenge: new Uint8Array(16) })).toThrow(RangeError);
    const request = { userName: "x", displayName: "", challenge: challenge(), excludeCredentials: [] };
    expect(() => registrationOptions(RP, { ...request, userHandle: "AAEC" })).toThrow(RangeError);
    expect(() => registrationOptions(RP, { ...request, userHandle: "not base64url!" })).toThrow(RangeError);
  });

  it("makes a user handle of 32 random bytes, base64url, from the Random it is given", () => {
    const handle = newUserHandle(countingRandom());
    expect(Buffer.from(handle, "base64url")).toEqual(Buffer.from(Array.from({ length: 32 }, (_, index) => index)));
  });
});

describe("verifyRegistration", () => {
  it.each(["es256", "eddsa", "rs256"] as const)("stores a verified %s passkey as base64url text", async (algorithm) => {
    const authenticator = createSoftAuthenticator({ algorithm });
    const outcome = await registrationFor(authenticator);
    expect(outcome).toEqual({
      ok: true,
      value: {
        credentialId: authenticator.credentialId,
        publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/) as unknown,
        counter: 0,
        transports: ["internal"],
        backedUp: false,
      },
    });
  });

  it.each<[string, Bend]>([
    ["another origin", { origin: "https://evil.example" }],
    ["another RP ID", { rpId: "evil.example" }],
    ["another challenge", { challenge: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
    ["no user verification", { userVerified: false }],
    ["a sign-in answer's type", { type: "webauthn.get" }],
  ])("refuses %s as not verified", async (_name, bend) => {
    expect(await registrationFor(createSoftAuthenticator(), bend)).toEqual({ ok: false, reason: "not_verified" });
  });

  it("refuses an algorithm outside ES256, EdDSA and RS256 (ES384)", async () => {
    const outcome = await registrationFor(createSoftAuthenticator({ algorithm: "es384" }));
    expect(outcome).toEqual({ ok: false, reason: "not_verified" });
  });

  it.each(["", "{", "null", "[]", '{"type":"public-key"}', "x".repeat(20_000)])(
    "refuses %j as malformed before the library reads it",
    async (responseJson) => {
      expect(await verifyRegistration(RP, { responseJson, expectedChallenge: challenge() })).toEqual({
        ok: false,
        reason: "malformed",
      });
    },
  );
});

describe("verifyAssertion", () => {
  it("verifies a genuine assertion and reports the new counter", async () => {
    const { authenticator, passkey } = await registered();
    expect(await assertion(authenticator, passkey)).toEqual({ kind: "verified", newCounter: 1, backedUp: false });
  });

  it.each(["es256", "eddsa", "rs256"] as const)("verifies %s signatures", async (algorithm) => {
    const { authenticator, passkey } = await registered(algorithm);
    expect((await assertion(authenticator, passkey)).kind).toBe("verified");
  });

  it("accepts an authenticator that keeps no counter (0 after 0)", async () => {
    const { authenticator, passkey } = await registered("es256", 0);
    expect(await assertion(authenticator, passkey)).toEqual({ kind: "verified", newCounter: 0, backedUp: false });
  });

  it.each([
    [5, 5],
    [5, 3],
    [5, 0],
  ])("flags a counter that went back (stored %i, received %i) as a suspected clone", async (stored, received) => {
    const { authenticator, passkey } = await registered();
    const result = await assertion(authenticator, { ...passkey, counter: stored }, { counter: received });
    expect(result).toEqual({ kind: "cloned_suspected", storedCounter: stored, newCounter: received });
  });

  it("refuses a forged signature as not verified, even with a counter that went back", async () => {
    const { authenticator, passkey } = await registered();
    const result = await assertion(authenticator, { ...passkey, counter: 5 }, { counter: 2, foreignKey: true });
    expect(result).toEqual({ kind: "refused", reason: "not_verified" });
  });

  it.each<[string, Bend]>([
    ["another origin", { origin: "https://evil.example" }],
    ["another RP ID", { rpId: "evil.example" }],
    ["another challenge", { challenge: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
    ["no user verification", { userVerified: false }],
    ["a registration's type", { type: "webauthn.create" }],
  ])("refuses %s as not verified", async (_name, bend) => {
    const { authenticator, passkey } = await registered();
    expect(await assertion(authenticator, passkey, bend)).toEqual({ kind: "refused", reason: "not_verified" });
  });

  it("refuses a passkey of another user, or one that sends no user handle", async () => {
    const { authenticator, passkey } = await registered();
    const otherUser = Buffer.alloc(32, 0xff).toString("base64url");
    expect(await assertion(authenticator, passkey, {}, otherUser)).toEqual({
      kind: "refused",
      reason: "wrong_credential",
    });
    expect(await assertion(authenticator, passkey, { userHandle: null })).toEqual({
      kind: "refused",
      reason: "wrong_credential",
    });
  });

  it("refuses an assertion made by another credential than the stored one", async () => {
    const { authenticator } = await registered();
    const { passkey: other } = await registered();
    expect(await assertion(authenticator, other)).toEqual({ kind: "refused", reason: "wrong_credential" });
  });

  it("refuses malformed answers", async () => {
    const { passkey } = await registered();
    for (const responseJson of ["", "{}", '{"id":"a","rawId":"b","type":"public-key","response":{}}']) {
      const result = await verifyAssertion(RP, {
        responseJson,
        expectedChallenge: challenge(),
        passkey,
        ownerUserHandle: USER_HANDLE,
      });
      expect(result).toEqual({ kind: "refused", reason: "malformed" });
    }
  });
});

describe("readAssertionClaim", () => {
  it("names the credential and the user handle before anything is verified", async () => {
    const { authenticator } = await registered();
    const options = await authenticationOptions(RP, { challenge: challenge() });
    expect(readAssertionClaim(authenticator.get(options, ORIGIN))).toEqual({
      credentialId: authenticator.credentialId,
      userHandle: USER_HANDLE,
    });
    expect(readAssertionClaim(authenticator.get(options, ORIGIN, { userHandle: null }))?.userHandle).toBeNull();
    expect(readAssertionClaim("not json")).toBeNull();
  });
});

describe("counterRegressed", () => {
  it.each([
    [0, 0, false],
    [0, 1, false],
    [1, 2, false],
    [1, 1, true],
    [7, 3, true],
    [7, 0, true],
  ])("stored %i, received %i: %s", (stored, received, regressed) => {
    expect(counterRegressed(stored, received)).toBe(regressed);
  });
});
