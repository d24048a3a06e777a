/**
 * Who may enter the admin portal (SPEC §2's fixed admin policy), decided on every /admin request. An admin must
 * first be registered (at least 2 non-question methods, no skip), and the session must hold a second factor:
 * "Password plus one non-question method, or a passkey alone". The idle (15 min) and absolute (8 h) limits are the
 * session's own (session-lifecycle.ts), so a session that reaches this point is inside them. Pure.
 */
import type { Session } from "../ports.js";
import type { Readiness } from "../registration/readiness.js";

/**
 * `open`: the admin pages may be shown; `register`: the forced registration comes first; `cannot_register`: this
 * build cannot offer enough methods to register (an operator must configure a channel); `second_factor`: the admin
 * passes one of their non-question methods first.
 */
export type AdminEntry = "open" | "register" | "cannot_register" | "second_factor";

/**
 * True when the session started with a passkey or has since passed a registered non-question method. A password
 * given again, a method added in the session, a temporary access pass and a reset's hand-off do not count.
 */
export function hasSecondFactor(session: Pick<Session, "signedInWith" | "secondFactorAt">): boolean {
  if (session.signedInWith === "passkey") return true;
  return session.secondFactorAt !== null && session.secondFactorAt !== undefined;
}

/** SPEC §2 for a holder of an admin role: registration first, then the second factor. */
export function adminEntryOf(input: {
  readonly session: Pick<Session, "signedInWith" | "secondFactorAt">;
  readonly readiness: Pick<Readiness, "registered" | "registeredKinds" | "addable" | "toRegister">;
}): AdminEntry {
  const { readiness } = input;
  if (!readiness.registered) {
    const reachable = readiness.registeredKinds.length + readiness.addable.length >= readiness.toRegister;
    return reachable ? "register" : "cannot_register";
  }
  return hasSecondFactor(input.session) ? "open" : "second_factor";
}
