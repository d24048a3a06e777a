/**
 * What a helpdesk request leaves behind: one email per recipient (the `helpdesk-request` template) and one audit
 * event. The email carries the message; the audit event only its length: the text is the user's, not a secret, but
 * the audit log is read by more people than the helpdesk and is kept for longer.
 */
import { secondsAfter } from "../../lib/time.js";
import type { AuditEvent } from "../audit-events.js";
import type { OutboxDraft } from "../ports.js";
import type { Language } from "../users.js";
import type { HelpdeskRequest } from "./helpdesk-request.js";
import type { HelpdeskRecipient } from "./helpdesk-recipients.js";

/** A request waits at most a day: past that the writer has found another way, or the helpdesk will hear again. */
const REQUEST_LIFETIME_SECONDS = 24 * 3600;

/**
 * Whether the typed ID names an account. The helpdesk may know (SPEC §6.9); the writer never does. A directory that
 * reports several matches (LDAP, later) adds "ambiguous" here and in the template's words.
 */
export type TypedIdStatus = "known" | "unknown";

/** Who asked, from where. */
export interface HelpdeskCaller {
  readonly ip: string;
  /** The browser summary (never the raw User-Agent). */
  readonly client: string;
  readonly lang: Language;
  /** When the request arrived: the response floor counts from it. */
  readonly startedAt: Date;
}

/** The account the typed ID names, if any. */
export interface TypedAccount {
  readonly ref: string;
}

/** One email per recipient, each in the recipient's language. */
export function helpdeskRequestDrafts(input: {
  readonly request: HelpdeskRequest;
  readonly status: TypedIdStatus;
  readonly recipients: readonly HelpdeskRecipient[];
  readonly caller: HelpdeskCaller;
  readonly orgName: string;
  readonly now: Date;
}): OutboxDraft[] {
  const { request, caller, now } = input;
  return input.recipients.map((recipient) => ({
    channel: "email",
    template: "helpdesk-request",
    recipient: recipient.email,
    lang: recipient.lang,
    data: {
      orgName: input.orgName,
      replyTo: request.replyTo,
      userId: request.userId,
      idStatus: input.status,
      supportCode: request.supportCode ?? "",
      message: request.message,
      ip: caller.ip,
      client: caller.client,
      sentAt: now.toISOString(),
    },
    notAfter: secondsAfter(now, REQUEST_LIFETIME_SECONDS),
    userRef: null,
    flowId: null,
  }));
}

/**
 * `helpdesk.contacted` (SPEC §11.1): the typed ID as the target (with its account when there is one), the support
 * code, and a reason that says what happened: `contacted_helpdesk:<characters>` (`:SND-101:` before the count for an
 * ID no account has), or `blocked:H1` / `blocked:H2` when a limit refused it. Never the message.
 */
export function helpdeskContactedEvent(input: {
  readonly request: HelpdeskRequest;
  readonly account: TypedAccount | null;
  readonly caller: HelpdeskCaller;
  readonly outcome:
    | { readonly sent: true; readonly characters: number }
    | { readonly sent: false; readonly limit: "H1" | "H2" };
  readonly now: Date;
}): AuditEvent {
  const { request, account, caller, outcome } = input;
  const found = account === null ? ":SND-101" : "";
  return {
    activity: "helpdesk.contacted",
    result: outcome.sent ? "success" : "failure",
    reason: outcome.sent ? `contacted_helpdesk${found}:${String(outcome.characters)}` : `blocked:${outcome.limit}`,
    actor: { type: "anonymous" },
    target: { ...(account === null ? {} : { ref: account.ref }), userId: request.userId },
    ...(request.supportCode === null ? {} : { supportCode: request.supportCode }),
    ip: caller.ip,
    client: caller.client,
    lang: caller.lang,
    time: input.now,
  };
}
