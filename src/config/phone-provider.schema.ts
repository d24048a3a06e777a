/**
 * The `phone` configuration (SPEC §4.3): the SMS and voice provider's HTTP API, with one JSON body template per kind
 * of message. Templates are checked when the configuration loads, so a typo stops the start, not the first text.
 */
import Type, { type Static } from "typebox";
import { checkJsonTemplate, type TemplateNames } from "../lib/json-template.js";

/** Placeholders an SMS body may use: the E.164 number, the number without `+`, the text, the sender. */
export const SMS_BODY_PLACEHOLDERS = ["to", "toDigits", "message", "from"] as const;
/** Placeholders a voice body may use; `message` is the script, `digits` the code spaced for speech. */
export const VOICE_BODY_PLACEHOLDERS = [
  "to",
  "toDigits",
  "message",
  "digits",
  "extension",
  "language",
  "from",
] as const;

/** What each body may and must name: a recipient, and the words (or, for a call, at least the digits). */
export const BODY_PLACEHOLDERS = {
  sms: { allowed: SMS_BODY_PLACEHOLDERS, required: [["to", "toDigits"], ["message"]] },
  voice: {
    allowed: VOICE_BODY_PLACEHOLDERS,
    required: [
      ["to", "toDigits"],
      ["message", "digits"],
    ],
  },
} as const satisfies Record<"sms" | "voice", TemplateNames>;

/** A body template, refused at load when a placeholder is unknown or missing or the filled text is not JSON. */
function bodyTemplate(names: TemplateNames) {
  return Type.Refine(
    Type.String({ minLength: 2, maxLength: 4000 }),
    (template) => checkJsonTemplate(template, names) === null,
    (template) => checkJsonTemplate(template, names) ?? "",
  );
}

/** An HTTP header name (RFC 9110 token). */
const HeaderName = Type.String({ pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", maxLength: 100 });

/** The provider's API: where to send, how to authenticate, and one body template per kind of message. */
export const PhoneProviderSchema = Type.Object({
  /** The provider's endpoint; null: no provider (in development mode texts and calls go to the dev mailbox). */
  url: Type.Union([Type.String({ pattern: "^https?://", maxLength: 2048 }), Type.Null()], { default: null }),
  method: Type.Union([Type.Literal("POST"), Type.Literal("PUT")], { default: "POST" }),
  /** Plain headers (`Accept`, an account id); a secret belongs in `secretHeader`, which is redacted. */
  headers: Type.Record(Type.String(), Type.String({ maxLength: 1000 }), { default: {} }),
  /** The credential header; `valueFrom` is `env:NAME` (read from the environment at start) or the value itself. */
  secretHeader: Type.Union(
    [Type.Object({ name: HeaderName, valueFrom: Type.String({ minLength: 1, secret: true }) }), Type.Null()],
    { default: null },
  ),
  /** The sender id or caller number, for `{{from}}` (SPEC §4.3: caller ID is the configured number). */
  from: Type.String({ maxLength: 32, default: "" }),
  /** JSON body of a text; null when this provider sends none. */
  smsBodyTemplate: Type.Union([bodyTemplate(BODY_PLACEHOLDERS.sms), Type.Null()], { default: null }),
  /** JSON body of a call; null when this provider places none. `{{extension}}` is dialled after the answer. */
  voiceBodyTemplate: Type.Union([bodyTemplate(BODY_PLACEHOLDERS.voice), Type.Null()], { default: null }),
  timeoutMilliseconds: Type.Integer({ minimum: 1000, maximum: 60_000, default: 10_000 }),
});

export type PhoneProviderConfig = Static<typeof PhoneProviderSchema>;
