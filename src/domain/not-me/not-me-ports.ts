/**
 * The ports of "This wasn't me" (SPEC §9.3): the one-time links a security notice carries. The administrators an
 * alert goes to (§9.3 step 4, §9.4) come from the one role lookup, `RoleHolderStore` (domain/role-holders.ts).
 */

/** The events a notice tells of, and so what its link is about: the confirm page names it. */
export const NOT_ME_EVENTS = [
  "password_reset",
  "password_changed",
  "password_reset_by_admin",
  "security_info_added",
  "security_info_changed",
  "security_info_removed",
] as const;
export type NotMeEvent = (typeof NOT_ME_EVENTS)[number];

/** What a new link is bound to: the account it may put on hold and the event its notice told of. */
export interface NotMeLinkRequest {
  readonly userRef: string;
  readonly about: NotMeEvent;
  /** When the event happened (the notice's time). */
  readonly aboutAt: Date;
  readonly now: Date;
}

/** A link as stored: never its token, only the token's SHA-256. */
export interface NotMeLink {
  readonly tokenHash: Uint8Array;
  readonly userRef: string;
  readonly about: NotMeEvent;
  readonly aboutAt: Date;
  /** The incident's own support code, shown to the user and named in the alert, so the helpdesk can find it. */
  readonly supportCode: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

/** A link just issued: its token (the only copy, for the notice) and its support code. */
export interface IssuedNotMeLink {
  readonly token: string;
  readonly supportCode: string;
  readonly expiresAt: Date;
}

/** The "This wasn't me" links (SPEC §9.3): 7 days, single use, stored only as a hash. */
export interface NotMeLinkStore {
  /**
   * Issues a link: its token is drawn from the store's injected Random by `createNotMeLink` (not-me-token.ts), and
   * only the token's SHA-256 is stored. The store draws it so that every transaction that drafts a notice can issue
   * links with the stores it holds, without each caller carrying a Random into the drafting.
   */
  issue(request: NotMeLinkRequest): Promise<IssuedNotMeLink>;
  /** The link whose token hashes to `tokenHash`, if it is unused and unexpired at `now`; null otherwise. */
  findUsable(tokenHash: Uint8Array, now: Date): Promise<NotMeLink | null>;
  /** Marks the link used when it is unused and unexpired at `now`; however many callers race, only one gets it. */
  redeem(tokenHash: Uint8Array, now: Date): Promise<NotMeLink | null>;
}
