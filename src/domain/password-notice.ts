/**
 * The "your password was changed" notices (SPEC §9.2, §9.5): one message to every verified email address and the
 * directory's address, with when, from which browser and IP, and where to sign in. Drafted inside the transaction
 * that changes the password, so the notice and the change commit together.
 */
import { secondsAfter } from "../lib/time.js";
import { noticeRecipients } from "./email-address.js";
import type { TemplateId } from "./messages.js";
import { issueNotMeUrl } from "./not-me/not-me-links.js";
import type { NotMeEvent } from "./not-me/not-me-ports.js";
import type { UserAccount, OutboxDraft, TransactionStores } from "./ports.js";
import type { Language } from "./users.js";

/** A notice that was not delivered within a day says nothing useful any more. */
const NOTICE_LIFETIME_SECONDS = 24 * 3600;

/**
 * `password-changed` after a reset, `password-changed-self` after a change from My account,
 * `password-reset-by-admin` after an administrator set a temporary password.
 */
export type PasswordNoticeTemplate = Extract<
  TemplateId,
  "password-changed" | "password-changed-self" | "password-reset-by-admin"
>;

/** What each notice's "This wasn't me" link is about (SPEC §9.2: every such notice carries one). */
const NOTICE_EVENT: Readonly<Record<PasswordNoticeTemplate, NotMeEvent>> = {
  "password-changed": "password_reset",
  "password-changed-self": "password_changed",
  "password-reset-by-admin": "password_reset_by_admin",
};

/** What a notice needs of the user: where to send it and in which language. */
export type NoticeUser = Pick<UserAccount, "ref" | "userId" | "email" | "preferredLanguage">;

export interface PasswordNoticeInput {
  readonly template: PasswordNoticeTemplate;
  readonly user: NoticeUser;
  readonly caller: { readonly ip: string; readonly client: string; readonly lang: Language };
  /**
   * True when the user caused the change from their own flow or session: the notice then reads in that flow's or
   * session's language, which the user chose minutes ago. Otherwise (an administrator, the console) it reads in the
   * user's stored preferred language, else in `caller.lang` (the organisation's default).
   */
  readonly causedByUser: boolean;
  readonly now: Date;
  /** `helpdesk`: how to reach the helpdesk (the policy's address or URL), named in the notice; empty for none. */
  readonly organisation: { readonly name: string; readonly signInUrl: string; readonly helpdesk?: string };
  readonly flowId: string | null;
}

/**
 * The drafts, one per recipient, in the language of the flow or session that caused them (see `causedByUser`), each
 * with its own "This wasn't me" link (SPEC §9.3), issued in the same transaction.
 */
export async function draftPasswordNotices(
  stores: Pick<TransactionStores, "methods" | "notMeLinks">,
  input: PasswordNoticeInput,
): Promise<OutboxDraft[]> {
  const { user, caller, now, organisation } = input;
  const verified = await stores.methods.listForUser(user.ref);
  const emails = verified.filter((method) => method.method === "email").map((method) => method.value);
  const lang = input.causedByUser ? caller.lang : (user.preferredLanguage ?? caller.lang);
  const drafts: OutboxDraft[] = [];
  for (const recipient of noticeRecipients(user, emails)) {
    const link = { userRef: user.ref, about: NOTICE_EVENT[input.template], aboutAt: now, now, lang };
    const notMeUrl = await issueNotMeUrl(stores, { ...link, signInUrl: organisation.signInUrl });
    drafts.push({
      channel: "email",
      template: input.template,
      recipient,
      lang,
      data: {
        orgName: organisation.name,
        changedAt: now.toISOString(),
        client: caller.client,
        ip: caller.ip,
        signInUrl: organisation.signInUrl,
        userId: user.userId,
        helpdesk: organisation.helpdesk ?? "",
        notMeUrl,
      },
      notAfter: secondsAfter(now, NOTICE_LIFETIME_SECONDS),
      userRef: user.ref,
      flowId: input.flowId,
    });
  }
  return drafts;
}
