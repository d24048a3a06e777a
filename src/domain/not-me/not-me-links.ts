/** Issuing the "This wasn't me" link of one security notice (SPEC §9.2, §9.3), inside the notice's transaction. */
import type { TransactionStores } from "../ports.js";
import type { Language } from "../users.js";
import type { NotMeEvent } from "./not-me-ports.js";
import { notMeUrl } from "./not-me-token.js";

export interface NotMeLinkFor {
  readonly userRef: string;
  readonly about: NotMeEvent;
  /** When the event happened; the confirm page says so. */
  readonly aboutAt: Date;
  readonly now: Date;
  /** The sign-in page's address: the link has its origin. */
  readonly signInUrl: string;
  /** The notice's language, which the confirm page opens in. */
  readonly lang: Language;
}

/**
 * A fresh link for one recipient of one notice, as its full address. One link per recipient, not one per event:
 * a link opened (or forwarded, or used by whoever reads one of the mailboxes) from one address leaves the others'
 * links working, and each incident's support code names the mailbox its link came from.
 */
export async function issueNotMeUrl(
  stores: Pick<TransactionStores, "notMeLinks">,
  link: NotMeLinkFor,
): Promise<string> {
  const issued = await stores.notMeLinks.issue({
    userRef: link.userRef,
    about: link.about,
    aboutAt: link.aboutAt,
    now: link.now,
  });
  return notMeUrl(link.signInUrl, issued.token, link.lang);
}
