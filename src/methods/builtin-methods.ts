/** The methods this build implements: compose.ts registers these, and the policy may enable only these. */
import type { VerificationMethod } from "../domain/methods/method-port.js";
import type { MethodId } from "../domain/methods.js";
import type { CodeKeys } from "../domain/ports.js";
import type { Random } from "../lib/random.js";
import { createEmailCodeMethod } from "./email-code/email-code-method.js";

/** The ids `builtinMethods` registers, for the commands that check a policy without composing the services. */
export const BUILTIN_METHOD_IDS: readonly MethodId[] = ["email"];

/** One instance of each built-in method over the server's code keys. */
export function builtinMethods(deps: { codeKeys: CodeKeys; random: Random }): VerificationMethod[] {
  return [createEmailCodeMethod(deps)];
}
