/** One outbox message's delivery: expiry check, render, send, then the outcome as a DispatchResult. */
import { maskRecipient } from "../domain/messages.js";
import type { ClaimedMessage, Clock, DispatchResult, Random, RenderedEmail } from "../domain/ports.js";
import type { Translator } from "../i18n/i18n.js";
import { secondsAfter } from "../lib/time.js";
import { isAllowedCountry } from "../domain/phone-number.js";
import type { ChannelSet, EmailChannel, SendResult } from "./channel.js";
import { renderMessage } from "./templates/index.js";
import { renderPhoneCall, renderPhoneText } from "./templates/phone-messages.js";

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
  /**
   * What texts and calls need: the host of `publicUrl` for a text's origin-bound line, and the policy's
   * `allowedPhoneCountries` now. Without it no text or call is sent.
   */
  readonly phone?: {
    readonly publicHost: string;
    readonly allowedCountries: () => Promise<readonly string[]>;
  };
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

/** What the channel did with a message, or why it was never handed one. */
type Attempt =
  | { readonly kind: "abandoned"; readonly reason: string; readonly error?: string }
  | { readonly kind: "tried"; readonly sent: SendResult & { readonly retryable?: boolean } };

/** Runs a channel's send; channels return failures, but a bug in one must not take the worker down. */
async function sendSafely(send: () => Promise<SendResult>): Promise<Attempt> {
  try {
    return { kind: "tried", sent: await send() };
  } catch (error) {
    return { kind: "tried", sent: { ok: false, error: describeError(error) } };
  }
}

/** Renders, or gives up for good: a template that cannot be shown now will not be shown by a retry. */
function rendered<T>(message: ClaimedMessage, build: () => T): { ok: true; value: T } | Attempt {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    return { kind: "abandoned", reason: "render_failed", error: scrub(describeError(error), message) };
  }
}

async function attemptEmail(deps: DeliveryDeps, message: ClaimedMessage, channel: EmailChannel): Promise<Attempt> {
  // A zone that cannot be read is shown as UTC, and says so: the time is right, only the clock is not the office's.
  const timeZone = await deps.timeZone().catch(() => "UTC");
  const email = rendered(message, () => render(deps, message, timeZone));
  if (!("ok" in email)) return email;
  return sendSafely(() => channel.send({ to: message.recipient, ...email.value }));
}

/**
 * A text or a call, only to a country the current policy allows (SPEC §8.2 O2): registration refuses other
 * numbers, and this check keeps a number stored under an older policy, or a row written by anything else, undialled.
 */
async function attemptPhone(deps: DeliveryDeps, message: ClaimedMessage, channels: ChannelSet): Promise<Attempt> {
  const allowed = deps.phone === undefined ? [] : await deps.phone.allowedCountries();
  if (!isAllowedCountry(message.recipient, allowed)) return { kind: "abandoned", reason: "SND-214" };
  const translate = deps.translator.forLanguage(message.lang);
  const data = {
    ...message.data,
    orgName: typeof message.data.orgName === "string" ? message.data.orgName : deps.orgName(),
  };
  if (message.channel === "sms" && channels.sms !== undefined) {
    const sms = channels.sms;
    const text = rendered(message, () =>
      renderPhoneText(data, translate, deps.phone?.publicHost ?? "", message.template),
    );
    if (!("ok" in text)) return text;
    return sendSafely(() => sms.send({ to: message.recipient, text: text.value }));
  }
  if (message.channel === "voice" && channels.voice !== undefined) {
    const voice = channels.voice;
    const call = rendered(message, () => renderPhoneCall(data, translate, message.template));
    if (!("ok" in call)) return call;
    return sendSafely(() => voice.call({ to: message.recipient, language: message.lang, ...call.value }));
  }
  return { kind: "abandoned", reason: `no_channel:${message.channel}` };
}

/** Hands the message to the channel it names; a channel this process lacks is configuration, not a passing fault. */
function attemptDelivery(deps: DeliveryDeps, message: ClaimedMessage): Promise<Attempt> {
  const email = deps.channels.email;
  if (message.channel === "email")
    return email === undefined
      ? Promise.resolve({ kind: "abandoned", reason: "no_channel:email" })
      : attemptEmail(deps, message, email);
  // Retrying cannot help a missing channel, and sending it another way would surprise its reader.
  if (deps.channels[message.channel] === undefined)
    return Promise.resolve({ kind: "abandoned", reason: `no_channel:${message.channel}` });
  return attemptPhone(deps, message, deps.channels);
}

/** Delivers one claimed message unless it expired or cannot be rendered; never throws for those. */
export async function deliverMessage(deps: DeliveryDeps, message: ClaimedMessage): Promise<Delivery> {
  if (deps.clock.now().getTime() >= message.notAfter.getTime())
    return { result: { status: "abandoned", reason: "expired" } };
  const attempt = await attemptDelivery(deps, message);
  if (attempt.kind === "abandoned")
    return {
      result: { status: "abandoned", reason: attempt.reason },
      ...(attempt.error === undefined ? {} : { error: attempt.error }),
    };
  const { sent } = attempt;
  if (sent.ok) return { result: { status: "sent" } };
  const error = scrub(sent.error, message);
  // A provider that refused the request (4xx) would refuse it again: give up now rather than after eight tries.
  if (sent.retryable === false) return { result: { status: "abandoned", reason: "refused" }, error };
  const attemptNumber = message.attempts + 1;
  if (attemptNumber >= deps.maxDeliveryAttempts)
    return { result: { status: "abandoned", reason: "max_attempts" }, error };
  const retryAt = secondsAfter(deps.clock.now(), retryDelaySeconds(attemptNumber, deps.random));
  return { result: { status: "failed", error, retryAt }, error };
}
