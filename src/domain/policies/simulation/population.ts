/**
 * The bulk read a policy simulation needs (issue 12 item 4): every person of the directory with their account
 * state, nested groups and verified methods, a page at a time. One page costs a few queries whatever its size, so
 * 50,000 users never become 50,000 round trips; the simulation keeps only counts and the affected rows between pages.
 */
import type { VerifiedMethod } from "../../ports.js";
import type { UserAccount } from "../../users.js";

/** One person as the simulation judges them: the combined read and their verified methods. */
export interface PopulationMember {
  readonly user: UserAccount;
  readonly methods: readonly VerifiedMethod[];
}

export interface PopulationPage {
  readonly members: readonly PopulationMember[];
  /** Where the next page starts (pass it back as `after`), or null when this was the last page. */
  readonly next: string | null;
}

export interface PopulationReader {
  /**
   * Up to `limit` people ordered by their directory entry id, after `after` (null: from the start). Groups are the
   * nested ones (to depth 10), as the directory returns them to a flow; a person Sandi has not met yet reads as an
   * account with no lock, no hold, no roles and no methods.
   */
  readPage(query: { readonly after: string | null; readonly limit: number }): Promise<PopulationPage>;
}
