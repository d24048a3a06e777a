/** The methods this build implements: compose.ts registers these, and the policy may enable only these. */
import type { VerificationMethod } from "../domain/methods/method-port.js";
import type { MethodId } from "../domain/methods.js";
import type { CodeKeys } from "../domain/ports.js";
import type { Random } from "../lib/random.js";
import { createEmailCodeMethod } from "./email-code/email-code-method.js";
import { phoneGateMethods } from "./phone/phone-gate-method.js";

/**
 * The ids `builtinMethods` registers, for the commands that check a policy without composing the services. The
 * phones are registered only where their channel is configured (see builtinMethods).
 */
export const BUILTIN_METHOD_IDS: readonly MethodId[] = ["sms", "voice_mobile", "voice_office", "email"];

/** What the built-in methods need: the server's code keys, randomness, and which phone channels can deliver. */
export interface BuiltinMethodDeps {
  readonly codeKeys: CodeKeys;
  readonly random: Random;
  /** Texts need an SMS channel, calls a voice channel; none given, no phone gate. */
  readonly phoneChannels?: { readonly sms: boolean; readonly voice: boolean };
}

/** One instance of each built-in method over the server's code keys. */
export function builtinMethods(deps: BuiltinMethodDeps): VerificationMethod[] {
  return [createEmailCodeMethod(deps), ...phoneGateMethods(deps.phoneChannels ?? { sms: false, voice: false }, deps)];
}
