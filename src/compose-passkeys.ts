/**
 * Composes passkeys (SPEC §4.5): the ceremonies of My security info (add, step-up) and the sign-in without a
 * password. The relying party is Sandi's public URL (its host is the RP ID) named after the organisation.
 */
import type { PasskeyServices } from "./app-services.js";
import type { SsprPolicy } from "./domain/policies/sspr-policy.js";
import type { ComposedStores } from "./compose-stores.js";
import type { Clock } from "./lib/clock.js";
import type { Random } from "./lib/random.js";
import { createPasskeyCeremonies } from "./methods/passkey/passkey-ceremonies.js";
import { createPasskeySignIn } from "./methods/passkey/passkey-sign-in.js";
import { type RelyingParty, relyingParty } from "./methods/passkey/webauthn.js";

export interface PasskeyInput {
  readonly stores: Pick<ComposedStores, "unitOfWork" | "methods" | "users" | "captcha">;
  readonly clock: Clock;
  readonly random: Random;
  readonly publicUrl: string;
  readonly organisation: () => Promise<{ readonly name: string }>;
  readonly currentPolicy: () => Promise<SsprPolicy>;
  /** Signs the sign-in tickets (the form-token key). */
  readonly ticketKey: Uint8Array;
}

/** Sandi's relying party, read when a ceremony starts: its host is the RP ID, its name the organisation's. */
export function passkeyRelyingParty(
  publicUrl: string,
  organisation: () => Promise<{ readonly name: string }>,
): () => Promise<RelyingParty> {
  return async () => relyingParty(publicUrl, (await organisation()).name);
}

export function composePasskeys(input: PasskeyInput): PasskeyServices {
  const { stores, clock, random } = input;
  const rp = passkeyRelyingParty(input.publicUrl, input.organisation);
  return {
    ceremonies: createPasskeyCeremonies({
      clock,
      random,
      unitOfWork: stores.unitOfWork,
      methods: stores.methods,
      relyingParty: rp,
    }),
    signIn: createPasskeySignIn({
      clock,
      random,
      unitOfWork: stores.unitOfWork,
      methods: stores.methods,
      users: stores.users,
      spent: stores.captcha,
      ticketKey: input.ticketKey,
      relyingParty: rp,
      currentPolicy: input.currentPolicy,
    }),
  };
}
