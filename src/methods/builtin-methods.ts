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
import { phoneGateMethods } from "./phone/phone-gate-method.js";
import { createQuestionsGate } from "./questions/questions-gate.js";
import { createRecoveryCodeGate } from "./recovery-code/recovery-code-gate.js";
import { createTotpGate } from "./totp/totp-gate.js";

/**
 * The ids `builtinMethods` registers, for the commands that check a policy without composing the services. The
 * phones are registered only where their channel is configured (see builtinMethods).
 */
export const BUILTIN_METHOD_IDS: readonly MethodId[] = [
  "passkey",
  "totp",
  "sms",
  "voice_mobile",
  "voice_office",
  "email",
  "questions",
  "recovery_code",
];

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
  /** Texts need an SMS channel, calls a voice channel; none given, no phone gate. */
  readonly phoneChannels?: { readonly sms: boolean; readonly voice: boolean };
}

/** One instance of each built-in method (the registry orders them as SPEC §6.4 lists them). */
export function builtinMethods(deps: BuiltinMethodDeps): VerificationMethod[] {
  return [
    createPasskeyGate(deps),
    createTotpGate(deps),
    ...phoneGateMethods(deps.phoneChannels ?? { sms: false, voice: false }, deps),
    createEmailCodeMethod(deps),
    createQuestionsGate(deps),
    createRecoveryCodeGate(deps),
  ];
}
