/** The methods this build implements: compose.ts registers these, and the policy may enable only these. */
import type { VerificationMethod } from "../domain/methods/method-port.js";
import type { MethodId } from "../domain/methods.js";
import type { AccountStore, CodeKeys } from "../domain/ports.js";
import type { SecretHasher } from "../lib/crypto/argon2id.js";
import type { Random } from "../lib/random.js";
import { createEmailCodeMethod } from "./email-code/email-code-method.js";
import { createQuestionsGate } from "./questions/questions-gate.js";

/** The ids `builtinMethods` registers, for the commands that check a policy without composing the services. */
export const BUILTIN_METHOD_IDS: readonly MethodId[] = ["email", "questions"];

/** What the built-in methods need: the server's code keys, randomness, the Argon2id hasher, account roles. */
export interface BuiltinMethodDeps {
  readonly codeKeys: CodeKeys;
  readonly random: Random;
  readonly hasher: SecretHasher;
  readonly accounts: Pick<AccountStore, "findByRef">;
}

/** One instance of each built-in method over the server's code keys. */
export function builtinMethods(deps: BuiltinMethodDeps): VerificationMethod[] {
  return [createEmailCodeMethod(deps), createQuestionsGate(deps)];
}
