/**
 * A passkey authenticator in Node for tests without a browser: it answers registration and sign-in options with the
 * JSON @simplewebauthn/browser would post ("none" attestation, a real key pair, real signatures). Every field a
 * check looks at can be bent (origin, flags, counter, user handle, RP ID), so each refusal has a test. Chromium's
 * virtual authenticator (test/browser/virtual-authenticator.ts) proves the same against a real browser.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";

type Cbor = number | string | Uint8Array | ReadonlyMap<number | string, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const bytes = Buffer.alloc(3);
  bytes[0] = (major << 5) | 25;
  bytes.writeUInt16BE(length, 1);
  return bytes;
}

/** The little CBOR a "none" attestation needs: small integers, byte and text strings, maps. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const entries = [...value].map(([key, item]) => Buffer.concat([cbor(key), cbor(item)]));
  return Buffer.concat([head(5, value.size), ...entries]);
}

const sha256 = (data: Uint8Array | string): Buffer => createHash("sha256").update(data).digest();
const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");

/** ES256 (P-256), EdDSA (Ed25519), RS256 (RSA 2048), or ES384, which Sandi does not accept. */
export type SoftAlgorithm = "es256" | "eddsa" | "rs256" | "es384";

interface KeyPair {
  readonly privateKey: KeyObject;
  readonly cose: Map<number, Cbor>;
  readonly digest: "sha256" | "sha384" | null;
}

function keyPair(algorithm: SoftAlgorithm): KeyPair {
  if (algorithm === "eddsa") {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const { x = "" } = publicKey.export({ format: "jwk" });
    const cose = new Map<number, Cbor>([
      [1, 1],
      [3, -8],
      [-1, 6],
      [-2, Buffer.from(x, "base64url")],
    ]);
    return { privateKey, cose, digest: null };
  }
  if (algorithm === "rs256") {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const { n = "", e = "" } = publicKey.export({ format: "jwk" });
    const cose = new Map<number, Cbor>([
      [1, 3],
      [3, -257],
      [-1, Buffer.from(n, "base64url")],
      [-2, Buffer.from(e, "base64url")],
    ]);
    return { privateKey, cose, digest: "sha256" };
  }
  const [curve, alg, crv] = algorithm === "es256" ? (["P-256", -7, 1] as const) : (["P-384", -35, 2] as const);
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: curve });
  const { x = "", y = "" } = publicKey.export({ format: "jwk" });
  const cose = new Map<number, Cbor>([
    [1, 2],
    [3, alg],
    [-1, crv],
    [-2, Buffer.from(x, "base64url")],
    [-3, Buffer.from(y, "base64url")],
  ]);
  return { privateKey, cose, digest: algorithm === "es256" ? "sha256" : "sha384" };
}

/** What a test may bend in one answer. */
export interface Bend {
  readonly origin?: string;
  readonly rpId?: string;
  readonly userVerified?: boolean;
  readonly type?: string;
  readonly challenge?: string;
  /** The counter this answer reports (default: the authenticator's own, moved on by one). */
  readonly counter?: number;
  /** The user handle sent (null: none at all). */
  readonly userHandle?: string | null;
  /** Sign with a key other than the registered one. */
  readonly foreignKey?: boolean;
}

export interface SoftAuthenticator {
  readonly credentialId: string;
  /** The counter of the last answer. */
  readonly counter: number;
  create(options: PublicKeyCredentialCreationOptionsJSON, origin: string, bend?: Bend): string;
  get(options: PublicKeyCredentialRequestOptionsJSON, origin: string, bend?: Bend): string;
}

function flagsByte(bend: Bend, attested: boolean): number {
  return 0x01 | (bend.userVerified === false ? 0 : 0x04) | (attested ? 0x40 : 0);
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

/** One discoverable credential, made at the first `create`. `counterStep` 0 is an authenticator with no counter. */
export function createSoftAuthenticator(
  options: { algorithm?: SoftAlgorithm; counterStep?: number } = {},
): SoftAuthenticator {
  const keys = keyPair(options.algorithm ?? "es256");
  const foreign = keyPair(options.algorithm ?? "es256");
  const id = randomBytes(16);
  const step = options.counterStep ?? 1;
  let counter = 0;
  let userHandle = "";
  const clientData = (type: string, challenge: string, origin: string, bend: Bend) =>
    Buffer.from(
      JSON.stringify({
        type: bend.type ?? type,
        challenge: bend.challenge ?? challenge,
        origin: bend.origin ?? origin,
        crossOrigin: false,
      }),
    );
  return {
    credentialId: b64url(id),
    get counter() {
      return counter;
    },
    create(creation, origin, bend = {}) {
      userHandle = creation.user.id;
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const authData = Buffer.concat([
        sha256(bend.rpId ?? creation.rp.id ?? ""),
        Buffer.from([flagsByte(bend, true)]),
        counterBytes(bend.counter ?? counter),
        Buffer.alloc(16),
        idLength,
        id,
        cbor(keys.cose),
      ]);
      const attestation = cbor(
        new Map<string, Cbor>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]),
      );
      const clientDataJSON = clientData("webauthn.create", creation.challenge, origin, bend);
      const response = {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestation),
        transports: ["internal"],
      };
      return JSON.stringify({
        id: b64url(id),
        rawId: b64url(id),
        type: "public-key",
        response,
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      });
    },
    get(request, origin, bend = {}) {
      counter += step;
      const authData = Buffer.concat([
        sha256(bend.rpId ?? request.rpId ?? ""),
        Buffer.from([flagsByte(bend, false)]),
        counterBytes(bend.counter ?? counter),
      ]);
      const clientDataJSON = clientData("webauthn.get", request.challenge, origin, bend);
      const signed = Buffer.concat([authData, sha256(clientDataJSON)]);
      const signature = sign(
        (bend.foreignKey === true ? foreign : keys).digest,
        signed,
        (bend.foreignKey === true ? foreign : keys).privateKey,
      );
      const handle = bend.userHandle === undefined ? userHandle : bend.userHandle;
      const response = {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(handle === null ? {} : { userHandle: handle }),
      };
      return JSON.stringify({
        id: b64url(id),
        rawId: b64url(id),
        type: "public-key",
        response,
        clientExtensionResults: {},
      });
    },
  };
}
