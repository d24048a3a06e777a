/**
 * An assertion checked against the stored passkey it names, as step-up and sign-in both need: the signature, the
 * owner's user handle, then the counter, moved forward atomically. A counter that went back is refused and flagged:
 * the method history says "flagged" and the audit log records the refusal with reason `passkey_cloned`.
 */
import type { AuditEvent } from "../../domain/audit-events.js";
import type { TransactionStores, UnitOfWork, VerifiedMethod } from "../../domain/ports.js";
import { methodEvent } from "../../domain/registration/method-changes.js";
import type { SecurityInfoCaller } from "../../domain/registration/security-info-deps.js";
import type { Random } from "../../lib/random.js";
import { storedPasskeyOf, userHandleOf } from "./passkey-rows.js";
import { type CeremonyRefusal, type RelyingParty, verifyAssertion } from "./webauthn.js";

/** The audit reason of a refused passkey, and of one flagged as a possible copy. */
export const CLONED_REASON = "passkey_cloned";
export const refusedReason = (refusal: CeremonyRefusal | "expired"): string => `passkey_${refusal}`;

export type CheckedAssertion =
  | { readonly kind: "verified"; readonly method: VerifiedMethod }
  | { readonly kind: "cloned"; readonly method: VerifiedMethod }
  | { readonly kind: "refused"; readonly reason: CeremonyRefusal };

/**
 * Verifies `responseJson` for `method` (found by the credential id the answer claims) and, when it passes, moves the
 * stored counter on. A counter the store refuses to move (another request got there first with a newer one) is a
 * regression too.
 */
export async function checkAssertion(
  deps: { readonly unitOfWork: UnitOfWork },
  rp: RelyingParty,
  input: { readonly responseJson: string; readonly expectedChallenge: Uint8Array; readonly method: VerifiedMethod },
): Promise<CheckedAssertion> {
  const { method } = input;
  const passkey = storedPasskeyOf(method);
  const ownerUserHandle = userHandleOf(method);
  if (passkey === null || ownerUserHandle === null) return { kind: "refused", reason: "wrong_credential" };
  const result = await verifyAssertion(rp, { ...input, passkey, ownerUserHandle });
  if (result.kind === "refused") return { kind: "refused", reason: result.reason };
  if (result.kind === "cloned_suspected") return { kind: "cloned", method };
  // An authenticator without a counter sends 0 each time; there is nothing to move.
  if (result.newCounter === 0 && passkey.counter === 0) return { kind: "verified", method };
  const moved = await deps.unitOfWork.inTransaction((stores) =>
    stores.methods.advanceCounter(method.id, result.newCounter),
  );
  return moved ? { kind: "verified", method: { ...method, counter: result.newCounter } } : { kind: "cloned", method };
}

/** Writes the flag of a possibly copied passkey: a history entry, and `event` (the refusal) in the audit log. */
export async function flagClonedPasskey(
  deps: { readonly unitOfWork: UnitOfWork; readonly random: Random },
  input: {
    readonly caller: Pick<SecurityInfoCaller, "user" | "ip" | "client">;
    readonly method: VerifiedMethod;
    readonly event: AuditEvent;
    readonly now: Date;
  },
): Promise<void> {
  await deps.unitOfWork.inTransaction(async (stores: TransactionStores) => {
    await stores.methodHistory.append([methodEvent(deps, input.caller, input.method, "flagged", input.now)]);
    await stores.audit.append([input.event]);
  });
}
