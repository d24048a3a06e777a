/**
 * The combined read of a person: the directory's entry and Sandi's account state, found by the user ID the person
 * types or by the account ref a session or flow holds. The first time Sandi meets an entry it creates its account.
 */
import type { AccountStore, Clock, Directory } from "./ports.js";
import { toUserAccount, type UserAccount } from "./users.js";

/** A reference no account has (no directory has an empty id): an unknown user ID still costs a known one's lookup. */
const NO_ACCOUNT = { directoryId: "", entryId: "" } as const;

/** An entry id no directory gives out (the nil UUID): an unknown account ref still costs a known one's entry read. */
const NO_ENTRY_ID = "00000000-0000-0000-0000-000000000000";

export interface UserAccounts {
  /** The person whose (normalised) user ID matches, or null when the directory has no such entry. */
  findUserByUserId(userId: string): Promise<UserAccount | null>;
  /** The person with this account ref, or null when the account or its entry is gone. */
  findUserByRef(ref: string): Promise<UserAccount | null>;
}

/** The combined read over one directory and the account store. */
export function createUserAccounts(deps: { directory: Directory; accounts: AccountStore; clock: Clock }): UserAccounts {
  const { directory, accounts, clock } = deps;
  return {
    async findUserByUserId(userId) {
      const entry = await directory.findEntryByUserId(userId);
      if (entry === null) {
        // Equal work (SPEC §6.4): the same account query a known ID makes, for an entry nobody has.
        await accounts.findByDirectoryReference(NO_ACCOUNT);
        return null;
      }
      const account = await accounts.findOrCreate({ directoryId: directory.id, entryId: entry.entryId }, clock.now());
      return toUserAccount(entry, account);
    },

    async findUserByRef(ref) {
      const account = await accounts.findByRef(ref);
      if (account === null || account.directoryId !== directory.id) {
        // Equal work (SPEC §6.4): an inert flow's account lookup reads an entry too, one nobody has.
        await directory.findEntryById(NO_ENTRY_ID);
        return null;
      }
      const entry = await directory.findEntryById(account.entryId);
      return entry === null ? null : toUserAccount(entry, account);
    },
  };
}
