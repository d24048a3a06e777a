/**
 * The security-info notice (SPEC §5.1): every add, change or removal is told to every registered and directory
 * address, the old address included, in the session's language. Drafted inside the change's transaction.
 */
import { secondsAfter } from "../../lib/time.js";
import { noticeRecipients } from "../email-address.js";
import type { MethodId } from "../methods.js";
import { issueNotMeUrl } from "../not-me/not-me-links.js";
import type { OutboxDraft, TransactionStores, VerifiedMethod } from "../ports.js";
import type { Language, UserAccount } from "../users.js";

const NOTICE_LIFETIME_SECONDS = 24 * 3600;

export type SecurityInfoChange = "added" | "changed" | "removed";

export interface SecurityNoticeInput {
  readonly user: Pick<UserAccount, "ref" | "userId" | "email">;
  /** The user's methods before the change: an address removed or replaced still hears of it. */
  readonly before: readonly VerifiedMethod[];
  /** And after it: a new address hears of its own addition. */
  readonly after: readonly VerifiedMethod[];
  readonly change: SecurityInfoChange;
  readonly method: MethodId;
  readonly masked: string;
  readonly caller: { readonly ip: string; readonly client: string; readonly lang: Language };
  readonly organisation: { readonly name: string; readonly signInUrl: string; readonly helpdesk: string };
  readonly now: Date;
}

/**
 * One draft per recipient, each with its own "This wasn't me" link (SPEC §9.2) issued in the change's transaction;
 * none when the policy turns the notice off (the caller decides).
 */
export async function draftSecurityNotices(
  stores: Pick<TransactionStores, "notMeLinks">,
  input: SecurityNoticeInput,
): Promise<OutboxDraft[]> {
  const { now, caller, organisation } = input;
  const emails = [...input.before, ...input.after].filter((m) => m.method === "email").map((m) => m.value);
  const drafts: OutboxDraft[] = [];
  for (const recipient of noticeRecipients(input.user, emails)) {
    const link = { userRef: input.user.ref, about: `security_info_${input.change}`, aboutAt: now, now } as const;
    const notMeUrl = await issueNotMeUrl(stores, { ...link, signInUrl: organisation.signInUrl, lang: caller.lang });
    drafts.push({
      channel: "email",
      template: "security-info-changed",
      recipient,
      lang: caller.lang,
      data: {
        orgName: organisation.name,
        change: input.change,
        method: input.method,
        masked: input.masked,
        changedAt: now.toISOString(),
        client: caller.client,
        ip: caller.ip,
        userId: input.user.userId,
        signInUrl: organisation.signInUrl,
        helpdesk: organisation.helpdesk,
        notMeUrl,
      },
      notAfter: secondsAfter(now, NOTICE_LIFETIME_SECONDS),
      userRef: input.user.ref,
      flowId: null,
    });
  }
  return drafts;
}
