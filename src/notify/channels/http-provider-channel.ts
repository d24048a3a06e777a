/**
 * SMS and voice through a provider's HTTP API (SPEC §4.3): one request per text or call, its JSON body written by the
 * operator as a template. A 2xx is sent; other answers and timeouts come back as failures, never thrown, and say
 * whether a retry can help. Error texts never hold the number, the message or the provider's reply.
 */
import { BODY_PLACEHOLDERS, type PhoneProviderConfig } from "../../config/phone-provider.schema.js";
import { checkJsonTemplate, fillJsonTemplate } from "../../lib/json-template.js";
import type { ProviderSendResult, SmsChannel, VoiceChannel } from "../channel.js";
import { smsBodyValues, voiceBodyValues } from "./provider-body.js";

/** A provider's settings with its endpoint set (`phone.url` is not null). */
export type HttpProviderConfig = PhoneProviderConfig & { readonly url: string };

/** Where `env:NAME` values are read; `process.env` by default, a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** True when the provider's calls carry the extension; otherwise office extensions go undialled (SPEC §4.3). */
export function providerDialsExtensions(config: HttpProviderConfig): boolean {
  return config.voiceBodyTemplate?.includes("{{extension}}") ?? false;
}

/** The secret header's value: `env:NAME` is read from the environment, anything else is the value itself. */
function secretHeaderValue(valueFrom: string, environment: Environment): string {
  if (!valueFrom.startsWith("env:")) return valueFrom;
  const name = valueFrom.slice("env:".length);
  const value = environment[name];
  if (value === undefined || value === "") throw new Error(`the provider's secret header needs ${name} to be set`);
  return value;
}

function requestHeaders(config: HttpProviderConfig, environment: Environment): Headers {
  const headers = new Headers({ "content-type": "application/json", accept: "application/json" });
  for (const [name, value] of Object.entries(config.headers)) headers.set(name, value);
  if (config.secretHeader !== null)
    headers.set(config.secretHeader.name, secretHeaderValue(config.secretHeader.valueFrom, environment));
  return headers;
}

/** 408, 425 and 429 say "not now" rather than "never"; every other 4xx would fail the same way again. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 425, 429]);

function resultOfStatus(status: number): ProviderSendResult {
  if (status >= 200 && status < 300) return { ok: true };
  if (status >= 300 && status < 400)
    return { ok: false, error: `provider answered ${String(status)}; redirects are not followed`, retryable: false };
  const retryable = status >= 500 || RETRYABLE_CLIENT_STATUSES.has(status);
  return { ok: false, error: `provider answered ${String(status)}`, retryable };
}

/** A thrown fetch described by its kind only: its message may hold the URL, and a cause may echo the request. */
function resultOfError(error: unknown, timeoutMilliseconds: number): ProviderSendResult {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError")
    return { ok: false, error: `no answer within ${String(timeoutMilliseconds)} ms`, retryable: true };
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" && /^[A-Z_]+$/.test(cause.code) ? ` (${cause.code})` : "";
  return { ok: false, error: `provider unreachable${code}`, retryable: true };
}

/** Sends one filled body; the reply's body is never read, so nothing the provider echoes reaches a log. */
async function post(config: HttpProviderConfig, headers: Headers, body: string): Promise<ProviderSendResult> {
  try {
    const response = await fetch(config.url, {
      method: config.method,
      headers,
      body,
      // A redirect would carry the secret header to wherever the provider's answer points.
      redirect: "manual",
      signal: AbortSignal.timeout(config.timeoutMilliseconds),
    });
    await response.body?.cancel().catch(() => undefined);
    return resultOfStatus(response.status);
  } catch (error) {
    return resultOfError(error, config.timeoutMilliseconds);
  }
}

/** The template for `kind`, checked again here for callers that built the configuration without the schema. */
function templateOf(config: HttpProviderConfig, kind: "sms" | "voice"): string {
  const template = kind === "sms" ? config.smsBodyTemplate : config.voiceBodyTemplate;
  if (template === null) throw new Error(`the phone provider has no ${kind}BodyTemplate`);
  const problem = checkJsonTemplate(template, BODY_PLACEHOLDERS[kind]);
  if (problem !== null) throw new Error(`the phone provider's ${kind}BodyTemplate: ${problem}`);
  return template;
}

/**
 * A channel sending texts through the provider's API.
 *
 * @example
 * const sms = createHttpSmsChannel({ ...config.phoneProvider }, process.env);
 * const result = await sms.send({ to: "+6281234567812", text });
 */
export function createHttpSmsChannel(config: HttpProviderConfig, environment: Environment = process.env): SmsChannel {
  const template = templateOf(config, "sms");
  const headers = requestHeaders(config, environment);
  return {
    id: "sms-http",
    send: (message) => post(config, headers, fillJsonTemplate(template, smsBodyValues(message, config.from))),
  };
}

/** A channel placing code calls through the provider's API; see `providerDialsExtensions`. */
export function createHttpVoiceChannel(
  config: HttpProviderConfig,
  environment: Environment = process.env,
): VoiceChannel {
  const template = templateOf(config, "voice");
  const headers = requestHeaders(config, environment);
  return {
    id: "voice-http",
    call: (call) => post(config, headers, fillJsonTemplate(template, voiceBodyValues(call, config.from))),
  };
}
