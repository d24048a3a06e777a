/**
 * The private explanation email (SPEC §6.4, last paragraph). A user whose flow is inert sees the same pages as
 * everyone; if at gate 1 they type an address Sandi already holds for the account, the owner of that mailbox, and
 * only they, learn the real reason, the fix and the support code. Only for checks 6–9 (never 4 or 5: an unknown,
 * ambiguous, disabled, locked or held account is told nothing), and at most one per account per 24 h (R3, §8.2).
 */
import { secondsAfter, secondsBefore } from "../../../lib/time.js";
import type { AuditEvent } from "../../audit-events.js";
import { noticeRecipients } from "../../email-address.js";
import { maskRecipient } from "../../messages.js";
import type { MethodId } from "../../methods.js";
import { DAY_SECONDS } from "../../policies/attempt-policy.js";
import type { OutboxDraft, TransactionStores } from "../../ports.js";
import type { ReasonCode } from "../../reasons.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import { currentGate, type ResetFlow } from "./reset-flow.js";

/** SPEC §6.3 checks 6–9: out of scope, admin SSPR off, protected, no usable method (an inert SND-107). */
export const EXPLAINED_REASONS: readonly ReasonCode[] = ["SND-106", "SND-107", "SND-108", "SND-109"];

/** R3: one explanation per account per 24 h. */
export const EXPLANATIONS_PER_ACCOUNT = { limit: 1, windowSeconds: DAY_SECONDS } as const;

/** How long the worker may still deliver it: the reason is the same tomorrow, but a late mail only confuses. */
const DELIVER_WITHIN_SECONDS = 3600;

/** A ref no account has (refs are UUIDv7): an unknown ID reads the same rows, so every ID costs the same. */
const NO_ACCOUNT_REF = "00000000-0000-0000-0000-000000000000";

type ExplanationDeps = Pick<ResetDeps, "users" | "methods" | "unitOfWork" | "clock" | "organisation">;

/** What the hook learns of the submission: the flow, the method at its contact step, the normalised typed value. */
export interface ExplanationInput {
  readonly flow: ResetFlow;
  readonly method: MethodId;
  readonly contact: string;
  readonly caller: Pick<FlowCaller, "client">;
}

/** The addresses Sandi holds for the flow's account: registered emails and the directory's `mail`. */
async function heldAddresses(deps: ExplanationDeps, flow: ResetFlow): Promise<string[]> {
  // Every email submitted at gate 1 reads an account and its rows, real or not: the same work for every ID.
  const ref = flow.userRef ?? NO_ACCOUNT_REF;
  const [user, rows] = await Promise.all([deps.users.findUserByRef(ref), deps.methods.listForUser(ref)]);
  if (user === null || flow.userRef === null) return [];
  return noticeRecipients(
    user,
    rows.filter((row) => row.method === "email").map((row) => row.value),
  );
}

/**
 * Emails the real reason to `input.contact` when it is an address the inert flow's account holds and the account
 * failed one of checks 6–9; otherwise does nothing. Never changes what the page shows.
 */
export async function sendPrivateExplanation(deps: ExplanationDeps, input: ExplanationInput): Promise<void> {
  const { flow } = input;
  if (input.method !== "email" || currentGate(flow) !== 1) return;
  const held = await heldAddresses(deps, flow);
  const reason = flow.inertReason;
  if (reason === null || !EXPLAINED_REASONS.includes(reason) || !held.includes(input.contact)) return;
  const now = deps.clock.now();
  const organisation = await deps.organisation();
  const draft: OutboxDraft = {
    channel: "email",
    template: "reset-explanation",
    recipient: input.contact,
    lang: flow.lang,
    data: {
      orgName: organisation.name,
      reason,
      supportCode: flow.supportCode,
      userId: flow.typedUserId,
      requestedAt: now.toISOString(),
      client: input.caller.client,
      signInUrl: organisation.signInUrl,
      helpdesk: organisation.helpdesk ?? "",
    },
    notAfter: secondsAfter(now, DELIVER_WITHIN_SECONDS),
    userRef: flow.userRef,
    flowId: flow.id,
  };
  await deps.unitOfWork.inTransaction((stores) => enqueueWithinR3(stores, flow, draft, now));
}

/** Queues the explanation unless the account had one in the last 24 h; audits either way (never the reason's words). */
async function enqueueWithinR3(
  stores: TransactionStores,
  flow: ResetFlow,
  draft: OutboxDraft,
  now: Date,
): Promise<void> {
  const key = `u:${flow.userRef ?? ""}`;
  await stores.throttles.serialise("R3", key);
  const since = secondsBefore(now, EXPLANATIONS_PER_ACCOUNT.windowSeconds);
  const sent = await stores.throttles.count("R3", key, since, EXPLANATIONS_PER_ACCOUNT.limit);
  const dropped = sent >= EXPLANATIONS_PER_ACCOUNT.limit;
  const event: AuditEvent = {
    activity: dropped ? "message.suppressed" : "message.queued",
    result: dropped ? "failure" : "success",
    reason: dropped ? "SND-213:R3" : `explanation:${String(draft.data["reason"])}`,
    actor: { type: "system" },
    ...(flow.userRef === null ? {} : { target: { ref: flow.userRef, userId: flow.typedUserId } }),
    flowId: flow.id,
    supportCode: flow.supportCode,
    method: "email",
    maskedTarget: maskRecipient("email", draft.recipient),
    time: now,
  };
  if (!dropped) {
    await stores.throttles.hit("R3", key, now);
    await stores.outbox.enqueue([draft], now);
  }
  await stores.audit.append([event]);
}
