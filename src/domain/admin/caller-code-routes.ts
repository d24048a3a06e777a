/**
 * Where a "Verify caller" code can come from (SPEC §10): each of the user's verified methods that receives a code —
 * the email address, the mobile by text or by call, the office phone by call — offered only when this process can
 * send by that channel; and each authenticator app, whose current code the caller reads from it (nothing is sent).
 * Questions, passkeys and recovery codes prove nothing read over a phone. Pure.
 */
import { kindOfMethod } from "../methods.js";
import type { MessageChannel } from "../messages.js";
import type { OutboxDraft, VerifiedMethod } from "../ports.js";
import { maskedValueOf } from "../registration/method-display.js";
import type { RegistrableKind } from "../methods.js";
import type { Language } from "../users.js";

/** One way to send the caller a code: the method row, the channel, and the value as admins see it (SPEC §4.2). */
export interface SentCodeRoute {
  readonly methodId: string;
  readonly kind: Extract<RegistrableKind, "email" | "sms" | "voice_office">;
  readonly channel: MessageChannel;
  /** `b***@g***.com`, `+62 ••• 12`: never the full address or number. */
  readonly masked: string;
}

/** An authenticator app: the caller reads the code it shows now; `masked` is the app's label (may be empty). */
export interface AppCodeRoute {
  readonly methodId: string;
  readonly kind: "totp";
  readonly channel: "app";
  readonly masked: string;
}

export type CallerCodeRoute = SentCodeRoute | AppCodeRoute;

/** How a route's code reaches the caller: a message channel, or the caller's own app. */
export type CallerChannel = CallerCodeRoute["channel"];

/** SPEC §4.1: email codes have 8 digits, phone codes 6. */
export const CALLER_CODE_LENGTH: Readonly<Record<MessageChannel, number>> = { email: 8, sms: 6, voice: 6 };

/** The channels each method kind can carry a code by. */
function channelsOf(kind: RegistrableKind): readonly MessageChannel[] {
  if (kind === "email") return ["email"];
  if (kind === "sms") return ["sms", "voice"];
  if (kind === "voice_office") return ["voice"];
  return [];
}

/**
 * Every route to the user's verified methods this process can send by, and each of their apps, in the order the
 * methods are listed.
 */
export function callerCodeRoutes(
  methods: readonly VerifiedMethod[],
  phoneDelivery: { readonly sms: boolean; readonly voice: boolean },
): CallerCodeRoute[] {
  const sendable = (channel: MessageChannel) => channel === "email" || phoneDelivery[channel];
  return methods.flatMap((method): CallerCodeRoute[] => {
    const kind = kindOfMethod(method.method);
    if (kind === "totp") return [{ methodId: method.id, kind, channel: "app", masked: maskedValueOf(method) }];
    if (kind !== "email" && kind !== "sms" && kind !== "voice_office") return [];
    if (method.value === "") return [];
    return channelsOf(kind)
      .filter(sendable)
      .map((channel) => ({ methodId: method.id, kind, channel, masked: maskedValueOf(method) }));
  });
}

/** What the message says besides the code: whose helpdesk is asking, in the user's language. */
export interface CallerMessageInput {
  readonly route: SentCodeRoute;
  readonly method: VerifiedMethod;
  readonly code: string;
  readonly lang: Language;
  readonly orgName: string;
  readonly helpdesk: string;
  readonly expiresInMinutes: number;
  readonly notAfter: Date;
}

const TEMPLATE_OF = { email: "caller-code", sms: "caller-code-text", voice: "caller-code-call" } as const;

/** The outbox message carrying a caller's code; a call to an office phone dials its extension after the answer. */
export function callerCodeDraft(input: CallerMessageInput): OutboxDraft {
  const { route, method, code, orgName } = input;
  const data =
    route.channel === "email"
      ? { orgName, code, expiresInMinutes: input.expiresInMinutes, helpdesk: input.helpdesk }
      : route.channel === "sms"
        ? { orgName, code }
        : { orgName, code, extension: method.extension ?? "" };
  return {
    channel: route.channel,
    template: TEMPLATE_OF[route.channel],
    recipient: method.value,
    lang: input.lang,
    data,
    // A code that arrives after it expires only confuses the caller and the helpdesk.
    notAfter: input.notAfter,
    userRef: method.userRef,
    flowId: null,
  };
}
