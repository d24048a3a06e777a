/**
 * Composes My security info (issue 10): the domain service and each method's registration service over the stores.
 * Method modules add their service here and their pages in http/self-service/security-info/method-pages.ts.
 */
import { GATE_IDS_OF_KIND, kindsServedBy, METHOD_IDS, type MethodId, type RegistrableKind } from "./domain/methods.js";
import type { SsprPolicy } from "./domain/policies/sspr-policy.js";
import type { CodeKeys } from "./domain/ports.js";
import { createSecurityInfoService, type SecurityInfoDeps } from "./domain/registration/security-info-service.js";
import type { SecretHasher } from "./lib/crypto/argon2id.js";
import type { IpNetwork } from "./lib/cidr.js";
import type { Clock } from "./lib/clock.js";
import type { Random } from "./lib/random.js";
import type { ComposedStores } from "./compose-stores.js";
import type { SecurityInfoServices } from "./app-services.js";

/** The kinds this build registers. Each method module adds its kind when it lands. */
export const REGISTRABLE_IN_THIS_BUILD: readonly RegistrableKind[] = [
  "passkey",
  "totp",
  "sms",
  "voice_office",
  "email",
  "recovery_code",
  "questions",
];

/** The method ids the policy may enable: the gate registry's, and every gate id of a kind users can register. */
export function methodsThePolicyMayEnable(gateIds: readonly MethodId[]): MethodId[] {
  const registrable = new Set(REGISTRABLE_IN_THIS_BUILD.flatMap((kind) => GATE_IDS_OF_KIND[kind]));
  return METHOD_IDS.filter((id) => gateIds.includes(id) || registrable.has(id));
}

export interface SecurityInfoInput {
  readonly stores: Pick<ComposedStores, "methods" | "unitOfWork" | "directory" | "methodHistory" | "recoveryCodes">;
  readonly codeKeys: CodeKeys;
  readonly checkCurrentPassword: SecurityInfoDeps["checkCurrentPassword"];
  readonly hasher: SecretHasher;
  readonly clock: Clock;
  readonly random: Random;
  readonly currentPolicy: () => Promise<SsprPolicy>;
  readonly organisation: SecurityInfoDeps["organisation"];
  readonly corporateEgressNetworks: readonly IpNetwork[];
  /** The reset gate registry's method ids: readiness counts only kinds a gate accepts toward Capable. */
  readonly gateIds: readonly MethodId[];
  /** Which phone channels can deliver (a provider with that body template, or the dev mailbox in development). */
  readonly phoneChannels: { readonly sms: boolean; readonly voice: boolean };
}

/**
 * The kinds users may add here: every kind the build registers whose delivery channel is configured (SPEC §2: "any
 * non-question method whose delivery channel is configured"). A phone without a channel would verify nothing.
 */
export function deliverableKinds(phoneChannels: SecurityInfoInput["phoneChannels"]): RegistrableKind[] {
  return REGISTRABLE_IN_THIS_BUILD.filter((kind) => {
    if (kind === "sms") return phoneChannels.sms || phoneChannels.voice;
    if (kind === "voice_office") return phoneChannels.voice;
    return true;
  });
}

export function composeSecurityInfo(input: SecurityInfoInput): SecurityInfoServices {
  const deps: SecurityInfoDeps = {
    clock: input.clock,
    random: input.random,
    unitOfWork: input.stores.unitOfWork,
    methods: input.stores.methods,
    methodHistory: input.stores.methodHistory,
    recoveryCodes: input.stores.recoveryCodes,
    codeKeys: input.codeKeys,
    checkCurrentPassword: input.checkCurrentPassword,
    hasher: input.hasher,
    currentPolicy: input.currentPolicy,
    organisation: input.organisation,
    available: deliverableKinds(input.phoneChannels),
    gateKinds: REGISTRABLE_IN_THIS_BUILD.filter((kind) => kindsServedBy(input.gateIds).includes(kind)),
    corporateEgressNetworks: input.corporateEgressNetworks,
  };
  return { service: createSecurityInfoService(deps), deps };
}
