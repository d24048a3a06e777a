/**
 * The shell every reset gate whose proof the user already holds shares (an authenticator app, a recovery code): one
 * `enter_code` step with one code field, a held challenge opened at once whether or not the user has the method, and
 * every check counted in A2. Each method brings only what differs: the field, the code's digits and `verify`.
 */
import type {
  GateCheck,
  GateVerdict,
  MethodStepDescriptor,
  MethodSubmission,
  VerificationMethod,
} from "../../domain/methods/method-port.js";
import { MAX_PER_USER } from "../../domain/methods.js";
import type { CodeKeys } from "../../domain/ports.js";
import type { Random } from "../../lib/random.js";
import { heldCodeChallenge } from "./held-code-challenge.js";

/** What differs between the gates of device-held codes. */
export interface DeviceCodeGateSpec {
  readonly id: "totp" | "recovery_code";
  /** The code field's `maxLength`: room for the separators the method accepts. */
  readonly fieldMaxLength: number;
  /** The code's digits, or null when it is no number of digits (the page gives it its own label and keyboard). */
  readonly codeDigits: number | null;
  /** What the typed fields ask the flow to do. */
  readonly submit: (fields: Readonly<Record<string, string>>) => MethodSubmission;
  /** Judges one check with equal work; moves the method's own state on atomically when it passes. */
  readonly verify: (check: GateCheck) => Promise<GateVerdict>;
}

/** The gate method for `spec`, its challenges drawn with `deps`. */
export function createDeviceCodeGate(
  deps: { readonly codeKeys: CodeKeys; readonly random: Random },
  spec: DeviceCodeGateSpec,
): VerificationMethod {
  const describeStep = (step: MethodStepDescriptor["step"]): MethodStepDescriptor => ({
    method: spec.id,
    step,
    fields: [{ name: "code", input: "one_time_code", maxLength: spec.fieldMaxLength }],
    // The gate never names what the user holds: before it is passed that would tell who has one.
    maskedTarget: null,
    codeLength: spec.codeDigits,
    codeSource: "device",
    assets: [],
    ceremony: null,
  });

  return {
    id: spec.id,
    kind: "device_code",
    registration: { proof: "shared_secret", prefillFrom: null, maxPerUser: MAX_PER_USER[spec.id] },
    gatePositions: [1, 2],
    steps: ["enter_code"],
    codeLength: () => spec.codeDigits ?? 0,
    describeStep,
    attemptsPerChallenge: null,
    checkCounter: "A2",
    // The same opening with or without the method: the code step at once, on a challenge with nothing in it.
    begin: (request) =>
      Promise.resolve({
        firstStep: "enter_code",
        challenge: heldCodeChallenge({ method: spec.id, codeKeys: deps.codeKeys, random: deps.random }, request),
        stepData: null,
      }),
    submit: (_step, fields) => spec.submit(fields),
    verify: spec.verify,
    targetOf: () => null,
  };
}
