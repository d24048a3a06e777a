/** The methods this build implements: compose.ts registers these, and the policy may enable only these. */
import type { VerificationMethod } from "../domain/methods/method-port.js";
import type { MethodId } from "../domain/methods.js";
import type { AccountStore, CodeKeys, MethodStore, UnitOfWork } from "../domain/ports.js";
import type { RecoveryCodeStore } from "../domain/registration/registration-ports.js";
import type { SecretHasher } from "../lib/crypto/argon2id.js";
import type { Random } from "../lib/random.js";
import { createEmailCodeMethod } from "./email-code/email-code-method.js";
import { createPasskeyGate } from "./passkey/passkey-gate.js";
import type { RelyingParty } from "./passkey/webauthn.js";
import { createQuestionsGate } from "./questions/questions-gate.js";
import { createRecoveryCodeGate } from "./recovery-code/recovery-code-gate.js";
import { createTotpGate } from "./totp/totp-gate.js";

/** The ids `builtinMethods` registers, for the commands that check a policy without composing the services. */
export const BUILTIN_METHOD_IDS: readonly MethodId[] = ["passkey", "totp", "email", "questions", "recovery_code"];

/** What the built-in methods need: the server's code keys, and the stores of the methods with state of their own. */
export interface BuiltinMethodDeps {
  readonly codeKeys: CodeKeys;
  readonly random: Random;
  readonly unitOfWork: UnitOfWork;
  /** The authenticator app moves its last accepted step on here; passkeys are found and their counters moved. */
  readonly methods: MethodStore;
  /** Recovery codes are looked up and spent here. */
  readonly recoveryCodes: RecoveryCodeStore;
  /** Security answers are checked with the process's one Argon2id hasher. */
  readonly hasher: SecretHasher;
  /** Account roles: privileged users never answer questions. */
  readonly accounts: Pick<AccountStore, "findByRef">;
  /** Sandi's passkey relying party (compose-passkeys.ts). */
  readonly relyingParty: () => Promise<RelyingParty>;
}

/** One instance of each built-in method, in SPEC §6.4's order. */
export function builtinMethods(deps: BuiltinMethodDeps): VerificationMethod[] {
  return [
    createPasskeyGate(deps),
    createTotpGate(deps),
    createEmailCodeMethod(deps),
    createQuestionsGate(deps),
    createRecoveryCodeGate(deps),
  ];
}
