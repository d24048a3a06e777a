/** One outbox message's delivery: expiry check, render, send, then the outcome as a DispatchResult. */
import { maskRecipient } from "../domain/messages.js";
import type { ClaimedMessage, Clock, DispatchResult, Random, RenderedEmail } from "../domain/ports.js";
import type { Translator } from "../i18n/i18n.js";
import { secondsAfter } from "../lib/time.js";
import type { ChannelSet, EmailChannel, SendResult } from "./channel.js";
import { renderMessage } from "./templates/index.js";

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
const JITTER_PER_MILLE = 200;

/**
 * Seconds to wait after failed attempt number `attempt` (1-based): 30 s doubling to a 1 h cap, then ±20 %
 * jitter, so the messages of one gateway outage do not all return at the same moment.
 */
export function retryDelaySeconds(attempt: number, random: Random): number {
  const base = Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_SECONDS);
  const jitterPerMille = random.integerBelow(2 * JITTER_PER_MILLE + 1) - JITTER_PER_MILLE;
  return Math.round((base * (1000 + jitterPerMille)) / 1000);
}

/** What delivery needs from the worker's dependencies. */
export interface DeliveryDeps {
  /** The channels this process has; a message for one it lacks is abandoned, never sent by another. */
  readonly channels: ChannelSet;
  readonly translator: Translator;
  readonly clock: Clock;
  readonly random: Random;
  readonly orgName: () => string;
  /** The organisation's time zone now (the policy's `organisation.timeZone`), for the times an email shows. */
  readonly timeZone: () => Promise<string>;
  readonly maxDeliveryAttempts: number;
}

/** The result to record, and for failures a scrubbed error to log (never message content). */
export interface Delivery {
  readonly result: DispatchResult;
  readonly error?: string;
}

/** Describes any thrown value in one line. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown";
}

/**
 * Masks the recipient and blanks the code wherever a provider echoed them, since this text reaches
 * logs and the outbox row.
 */
function scrub(text: string, message: ClaimedMessage): string {
  const code = message.data.code;
  const masked = text.replaceAll(message.recipient, maskRecipient(message.channel, message.recipient));
  return typeof code === "string" && code.length > 0 ? masked.replaceAll(code, "[code]") : masked;
}

function render(
  deps: DeliveryDeps,
  message: ClaimedMessage,
  timeZone: string,
): { fromName: string; email: RenderedEmail } {
  const translate = deps.translator.forLanguage(message.lang);
  const orgName = typeof message.data.orgName === "string" ? message.data.orgName : deps.orgName();
  const email = renderMessage(message.template, { ...message.data, orgName }, translate, { timeZone });
  return { fromName: translate("email.from_name", { org: orgName }), email };
}

async function sendSafely(channel: EmailChannel, message: Parameters<EmailChannel["send"]>[0]): Promise<SendResult> {
  try {
    return await channel.send(message);
  } catch (error) {
    // Channels return failures, but a bug in one must not take the worker down.
    return { ok: false, error: describeError(error) };
  }
}

/** Delivers one claimed message unless it expired or cannot be rendered; never throws for those. */
export async function deliverMessage(deps: DeliveryDeps, message: ClaimedMessage): Promise<Delivery> {
  if (deps.clock.now().getTime() >= message.notAfter.getTime())
    return { result: { status: "abandoned", reason: "expired" } };
  const channel = deps.channels[message.channel];
  // Configuration, not a passing fault: retrying cannot help, and sending it another way would surprise its reader.
  if (channel === undefined) return { result: { status: "abandoned", reason: `no_channel:${message.channel}` } };
  let rendered: { fromName: string; email: RenderedEmail };
  // A zone that cannot be read is shown as UTC, and says so: the time is right, only the clock is not the office's.
  const timeZone = await deps.timeZone().catch(() => "UTC");
  try {
    rendered = render(deps, message, timeZone);
  } catch (error) {
    return { result: { status: "abandoned", reason: "render_failed" }, error: scrub(describeError(error), message) };
  }
  const sent = await sendSafely(channel, { to: message.recipient, ...rendered });
  if (sent.ok) return { result: { status: "sent" } };
  const error = scrub(sent.error, message);
  const attempt = message.attempts + 1;
  if (attempt >= deps.maxDeliveryAttempts) return { result: { status: "abandoned", reason: "max_attempts" }, error };
  const retryAt = secondsAfter(deps.clock.now(), retryDelaySeconds(attempt, deps.random));
  return { result: { status: "failed", error, retryAt }, error };
}
