/**
 * The helpdesk contact form (SPEC §6.9) and the facts of the user FAQ (§13.4). A request is checked field by field,
 * then by the proof-of-work CAPTCHA, then counted (H1, H2); the emails and the audit event are written in the same
 * transaction as the count. An unknown user ID is treated exactly as a known one, apart from one word in the email
 * to the helpdesk: the writer gets the same answer, after the same response floor.
 */
import type { Clock } from "../../lib/clock.js";
import { normaliseEmailAddress } from "../email-address.js";
import type { HumanCheck, UnitOfWork } from "../ports.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { UserAccounts } from "../user-accounts.js";
import type { Language } from "../users.js";
import { type HelpFacts, type HelpReader, helpFacts } from "./help-facts.js";
import { type HelpdeskCaller, helpdeskContactedEvent, helpdeskRequestDrafts } from "./helpdesk-message.js";
import { helpdeskRecipients, type RecipientDeps } from "./helpdesk-recipients.js";
import {
  checkHelpdeskRequest,
  type FieldProblem,
  type HelpdeskRequest,
  type HelpdeskRequestInput,
  messageLength,
} from "./helpdesk-request.js";
import { admitHelpdeskMessage } from "./helpdesk-throttles.js";

export interface HelpdeskDeps extends RecipientDeps {
  readonly clock: Clock;
  readonly users: UserAccounts;
  readonly unitOfWork: UnitOfWork;
  readonly humanCheck: HumanCheck;
  /** The identify step's response floor (SPEC §6.1): known and unknown IDs answer after the same time. */
  readonly floor: { waitUntil(startedAt: Date, kind: "identify"): Promise<void> };
  readonly currentPolicy: () => Promise<SsprPolicy>;
  readonly organisation: () => Promise<{ readonly name: string; readonly defaultLanguage: Language }>;
  /** Digits of the code a text or call reads out (the phone methods own the number). */
  readonly phoneCodeLength: number;
}

/** Why a request was not sent; none of them depends on whether the typed ID exists. */
export type ContactRefusal =
  | { readonly ok: false; readonly reason: "invalid"; readonly problems: readonly FieldProblem[] }
  /** No CAPTCHA payload (no script or no cookies), or one that failed. */
  | { readonly ok: false; readonly reason: "SND-111" | "SND-112" }
  /** H1 or H2: the form takes another message from this IP and for this ID after `until`. */
  | { readonly ok: false; readonly reason: "limit_reached"; readonly until: Date }
  /** The policy's helpdesk is a web page or an address, not the form. */
  | { readonly ok: false; readonly reason: "form_off" }
  /** Nobody could be told: no admin with an address, no fallback address. */
  | { readonly ok: false; readonly reason: "no_recipients" };

export type ContactOutcome = { readonly ok: true } | ContactRefusal;

export interface HelpdeskService {
  /** Sends a request to the helpdesk, or says why not. */
  contact(input: {
    readonly fields: HelpdeskRequestInput;
    readonly captcha: string | undefined;
    readonly caller: HelpdeskCaller;
  }): Promise<ContactOutcome>;
  /** What the FAQ states, from the policy in force, for `reader` (null: not signed in). */
  helpFacts(reader: HelpReader): Promise<HelpFacts>;
}

/** Form mode's fallback address, when its `target` is one (a URL there is shown nowhere and reaches nobody). */
function fallbackAddressOf(policy: SsprPolicy): string | null {
  const { mode, target } = policy.helpdesk;
  return mode === "form" && target !== null ? normaliseEmailAddress(target) : null;
}

/** The fields, then the proof of work (spent only once the fields are right), then the sending. */
async function checkAndSend(
  deps: HelpdeskDeps,
  policy: SsprPolicy,
  input: Parameters<HelpdeskService["contact"]>[0],
): Promise<ContactOutcome> {
  const checked = checkHelpdeskRequest(input.fields);
  if (!checked.ok) return { ok: false, reason: "invalid", problems: checked.problems };
  const verdict = await deps.humanCheck.verify(input.captcha);
  if (verdict === "missing") return { ok: false, reason: "SND-111" };
  if (verdict !== "ok") return { ok: false, reason: "SND-112" };
  return send(deps, policy, checked.value, input.caller);
}

/** Looks up the account and the recipients (directory reads, outside the transaction), then counts and queues. */
async function send(
  deps: HelpdeskDeps,
  policy: SsprPolicy,
  request: HelpdeskRequest,
  caller: HelpdeskCaller,
): Promise<ContactOutcome> {
  const organisation = await deps.organisation();
  // Equal work (SPEC §6.4): the lookup costs an unknown ID what it costs a known one (user-accounts.ts).
  const account = await deps.users.findUserByUserId(request.userId);
  const recipients = await helpdeskRecipients(deps, {
    fallbackLang: organisation.defaultLanguage,
    fallbackAddress: fallbackAddressOf(policy),
  });
  if (recipients.length === 0) return { ok: false, reason: "no_recipients" };
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    const reached = await admitHelpdeskMessage(stores.throttles, { ip: caller.ip, userId: request.userId, now });
    const base = { request, account, caller, now };
    if (reached !== null) {
      await stores.audit.append([
        helpdeskContactedEvent({ ...base, outcome: { sent: false, limit: reached.counter } }),
      ]);
      return { ok: false, reason: "limit_reached", until: reached.until } as const;
    }
    const status = account === null ? "unknown" : "known";
    const drafts = helpdeskRequestDrafts({ request, status, recipients, caller, orgName: organisation.name, now });
    await stores.outbox.enqueue(drafts, now);
    const characters = messageLength(request.message);
    await stores.audit.append([helpdeskContactedEvent({ ...base, outcome: { sent: true, characters } })]);
    return { ok: true } as const;
  });
}

/** The helpdesk service over its deps. */
export function createHelpdeskService(deps: HelpdeskDeps): HelpdeskService {
  return {
    async contact(input) {
      const policy = await deps.currentPolicy();
      if (policy.helpdesk.mode !== "form") return { ok: false, reason: "form_off" };
      const outcome = await checkAndSend(deps, policy, input);
      await deps.floor.waitUntil(input.caller.startedAt, "identify");
      return outcome;
    },
    async helpFacts(reader) {
      return helpFacts(await deps.currentPolicy(), { phone: deps.phoneCodeLength }, reader);
    },
  };
}
