/** The methods this build implements: compose.ts registers these, and the policy may enable only these. */
import type { VerificationMethod } from "../domain/methods/method-port.js";
import type { MethodId } from "../domain/methods.js";
import type { CodeKeys, MethodStore, UnitOfWork } from "../domain/ports.js";
import type { Random } from "../lib/random.js";
import { createEmailCodeMethod } from "./email-code/email-code-method.js";
import { createPasskeyGate } from "./passkey/passkey-gate.js";
import type { RelyingParty } from "./passkey/webauthn.js";

/** The ids `builtinMethods` registers, for the commands that check a policy without composing the services. */
export const BUILTIN_METHOD_IDS: readonly MethodId[] = ["passkey", "email"];

/** What the built-in methods need: the server's code keys, randomness, the stores some of them read and move. */
export interface BuiltinMethodDeps {
  readonly codeKeys: CodeKeys;
  readonly random: Random;
  readonly unitOfWork: UnitOfWork;
  readonly methods: MethodStore;
  /** Sandi's passkey relying party (compose-passkeys.ts). */
  readonly relyingParty: () => Promise<RelyingParty>;
}

/** One instance of each built-in method. */
export function builtinMethods(deps: BuiltinMethodDeps): VerificationMethod[] {
  return [createPasskeyGate(deps), createEmailCodeMethod(deps)];
}
