/**
 * Checking a code an authenticator app shows (SPEC §4.4) outside a reset gate: "Verify caller" (SPEC §10) asks the
 * caller to read it. The one TOTP check lives in `methods/totp/`; this is its port, so the admin services never
 * compare a code of their own and a step accepted anywhere is refused everywhere after (SND-207).
 */
import type { MethodStore, VerifiedMethod } from "../ports.js";
import type { GateVerdict } from "./method-port.js";

export interface AppCodeCheckInput {
  /** The apps' owner: a secret box opens only for its owner. */
  readonly userRef: string;
  /** The apps the code may come from. */
  readonly apps: readonly VerifiedMethod[];
  /** As typed: spaces and a dash are allowed, anything else is a wrong code. */
  readonly code: string;
  readonly now: Date;
}

/**
 * Passed (and the app it proved), or SND-206 (wrong) or SND-207 (a step already accepted). A pass moves the app's
 * counter on through `counters`, so the caller's transaction can hold it with the rest of the check.
 */
export type AppCodeCheck = (
  input: AppCodeCheckInput,
  counters: Pick<MethodStore, "advanceCounter">,
) => Promise<GateVerdict>;
