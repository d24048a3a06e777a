/**
 * Temporary access passes (SPEC §18, issue 12 item 6): a helpdesk admin issues a one-time code that signs the user in
 * once, to register methods and choose a password, so the helpdesk never learns a password (ASVS V6.4.6). Only an
 * Argon2id hash of the code is kept; at most one pass per account is open at a time.
 */

/** How a pass ended: signed in with, ran out, replaced by a newer pass, or withdrawn by an admin action. */
export const ACCESS_PASS_ENDS = ["used", "expired", "replaced", "revoked"] as const;
export type AccessPassEnd = (typeof ACCESS_PASS_ENDS)[number];

export interface AccessPass {
  readonly id: string;
  readonly userRef: string;
  /** Argon2id (the process hasher); never the code. */
  readonly passHash: string;
  /** The issuing admin's user ID, or "console". */
  readonly issuedBy: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
  readonly endReason: AccessPassEnd | null;
}

export interface AccessPassStore {
  /** Ends the account's open pass as "replaced" and stores `pass`; true when one was replaced. */
  issue(pass: Omit<AccessPass, "endedAt" | "endReason">, now: Date): Promise<boolean>;
  /** The account's open pass (not ended, though perhaps past its expiry), or null. */
  findOpen(userRef: string): Promise<AccessPass | null>;
  /** Ends the pass if it is still open; false when it was ended already (a racing sign-in spent it first). */
  end(id: string, reason: AccessPassEnd, now: Date): Promise<boolean>;
}
