/** TypeBox schemas of /api/v1: request bodies, the flow as JSON, and every response status's body. */
import Type, { type Static, type TSchema } from "typebox";
import { FLOW_ACTIONS } from "../../../domain/flows/reset/choose-action-step.js";
import { CANCEL_REASONS } from "../../../domain/flows/reset/reset-deps.js";
import { RESET_TRANSITIONS, type ResetState } from "../../../domain/flows/reset/reset-states.js";
import { METHOD_STEP_IDS } from "../../../domain/methods/method-port.js";
import { METHOD_IDS } from "../../../domain/methods.js";

/** Every state of the table, in its order, so the schema cannot drift from the state machine. */
const ResetStates = Object.keys(RESET_TRANSITIONS) as ResetState[];

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const closed = { additionalProperties: false } as const;

const StepIds = Type.Enum(METHOD_STEP_IDS, { type: "string" });

/** What the current method's step asks for: the fields of POST /reset/flow/step, and how to present them. */
const MethodStepJson = Type.Object(
  {
    method: Type.Enum(METHOD_IDS, { type: "string" }),
    step: StepIds,
    fields: Type.Array(
      Type.Object(
        {
          name: Type.String({
            description: "address, phone, code, answer-<question id>, or credential (a passkey response as JSON).",
          }),
          input: Type.Enum(["email", "tel", "one_time_code", "answer", "passkey"], { type: "string" }),
          maxLength: Type.Integer({ minimum: 1 }),
          questionId: Type.Optional(Type.String({ description: "The question an answer field answers." })),
          question: Type.Optional(Type.String({ description: "The question's text in the request's language." })),
        },
        closed,
      ),
    ),
    maskedTarget: Nullable(Type.String({ description: "The target as it may be shown; null while it must be typed." })),
    codeLength: Nullable(Type.Integer({ description: "Digits of the code this step asks for." })),
    codeSource: Nullable(
      Type.Enum(["sent", "device"], {
        type: "string",
        description: "sent: Sandi sent the code (it can be resent); device: the user's authenticator makes it.",
      }),
    ),
    assets: Type.Array(Type.String()),
    ceremony: Nullable(
      Type.String({ description: "A passkey step's WebAuthn request options (JSON), for the client's ceremony." }),
    ),
  },
  closed,
);

/** The flow as an API client sees it: state and what to ask next, never contact data. */
export const FlowJson = Type.Object(
  {
    flowId: Type.String({ description: "Identifies the flow in the audit log; grants nothing." }),
    supportCode: Type.String({ description: "Quote this to the help desk." }),
    state: Type.Enum(ResetStates, { type: "string" }),
    gate: Type.Integer({ minimum: 1, description: "The verification step the user is on (1 or 2)." }),
    gatesShown: Type.Integer({ minimum: 1, description: "N of 'step k of N'." }),
    methodsOffered: Type.Array(Type.Enum(METHOD_IDS, { type: "string" })),
    offeredTargets: Type.Record(Type.String(), Type.String(), {
      description:
        "Gate 2 only: each offered method's masked target (\"••• 12\", b***@g***.com, an app's label, a passkey's label and how many more, \"YubiKey 5, +1 more\", in the request's language); empty before.",
    }),
    currentMethod: Nullable(Type.Enum(METHOD_IDS, { type: "string" })),
    gateStep: Nullable(StepIds),
    step: Nullable(MethodStepJson),
    codeLength: Type.Integer({ description: "Digits in a code sent by this flow." }),
    expiresAt: Type.String({ format: "date-time" }),
    blockedUntil: Nullable(Type.String({ format: "date-time" })),
    reason: Nullable(Type.String({ description: "An SND-nnn reason code that may be shown, if any." })),
    cancelReason: Nullable(
      Type.Enum(CANCEL_REASONS, {
        type: "string",
        description:
          "Why a cancelled flow ended (null in every other state): the user cancelled it, a reset completed " +
          "elsewhere closed it (superseded: the password was changed in another window or on another device), " +
          "or something else did, such as the helpdesk setting a password (other).",
      }),
    ),
    passwordRules: Type.Array(
      Type.Object(
        { key: Type.String(), text: Type.String({ description: "The rule in the request's language." }) },
        closed,
      ),
    ),
  },
  { ...closed, $id: "FlowJson", description: "A reset flow." },
);
export type FlowJson = Static<typeof FlowJson>;

/** FlowJson by reference: api-v1.ts adds the schema once, and the OpenAPI document lists it once. */
const FlowRef = Type.Unsafe<FlowJson>(Type.Ref("FlowJson"));

/** A message about the last submission, in the request's language. */
const Message = Type.Object({ code: Type.String(), text: Type.String() }, closed);

/** 201 of POST /reset/flows. */
export const StartedBody = Type.Object(
  {
    flowToken: Type.String({ description: "Send as `Authorization: Bearer <flowToken>` on every later call." }),
    flow: FlowRef,
  },
  { ...closed, description: "The flow was created." },
);

/** 200 of every step. */
export const StepBody = Type.Object(
  { flow: FlowRef, messages: Type.Array(Message) },
  { ...closed, description: "The flow as it now is, and what to tell the user." },
);

/** The altcha challenge for the proof-of-work widget or a solver. */
export const CaptchaChallengeBody = Type.Object(
  {
    parameters: Type.Object(
      {
        algorithm: Type.String(),
        nonce: Type.String(),
        salt: Type.String(),
        cost: Type.Number(),
        keyLength: Type.Number(),
        keyPrefix: Type.String(),
      },
      { additionalProperties: true },
    ),
    signature: Type.String(),
  },
  { additionalProperties: true, description: "An altcha challenge; solve it and send the payload as `captcha`." },
);

export type CaptchaChallenge = Static<typeof CaptchaChallengeBody>;

/** Query string every route accepts. */
export const LangQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 8, description: "Answer in this language (en, id)." })),
});

/** Request bodies. */
export const Bodies = {
  start: Type.Object(
    {
      userId: Type.String({ maxLength: 256 }),
      captcha: Type.Optional(Type.String({ maxLength: 4096, description: "The solved altcha payload (base64)." })),
    },
    closed,
  ),
  method: Type.Object({ method: Type.Enum(METHOD_IDS, { type: "string" }) }, closed),
  action: Type.Object(
    {
      action: Type.Enum(FLOW_ACTIONS, {
        type: "string",
        description: "reset: I forgot my password. unlock: I know my password, but my account is locked.",
      }),
    },
    closed,
  ),
  contact: Type.Object({ address: Type.String({ maxLength: 1024 }) }, closed),
  code: Type.Object({ code: Type.String({ maxLength: 64 }) }, closed),
  step: Type.Object(
    {
      step: StepIds,
      fields: Type.Object(
        {},
        {
          additionalProperties: Type.String({ maxLength: 8192 }),
          maxProperties: 16,
          description: "The step's fields by name, as `flow.step.fields` lists them.",
        },
      ),
    },
    closed,
  ),
  empty: Type.Object({}, closed),
  password: Type.Object(
    { password: Type.String({ maxLength: 4096 }), confirmation: Type.String({ maxLength: 4096 }) },
    closed,
  ),
};

/** What every error body holds: a stable code, a sentence in the request's language, the request id for the logs. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
  readonly flow?: FlowJson;
}

interface NamedError {
  readonly id: string;
  readonly description: string;
  readonly schema: TSchema;
}

function errorSchema(
  id: string,
  codes: readonly string[],
  description: string,
  extra: Record<string, TSchema> = {},
): NamedError {
  const properties = {
    code: Type.String({ enum: [...codes] }),
    message: Type.String(),
    requestId: Type.String(),
    ...extra,
  };
  return { id, description, schema: Type.Object(properties, { ...closed, $id: id, description }) };
}

const invalid = ["request_invalid", "browser_request_refused"] as const;

/** The error bodies, each a named schema: api-v1.ts adds them once, and OpenAPI lists each once. */
const Errors = {
  400: errorSchema(
    "RequestRefused",
    invalid,
    "A malformed body, or a request that carries a Cookie or an Origin header.",
  ),
  "400start": errorSchema(
    "StartRefused",
    [...invalid, "SND-111", "SND-112", "SND-113"],
    "As RequestRefused, or a missing (SND-111) or failed (SND-112) CAPTCHA, or a user ID that cannot be one (SND-113).",
  ),
  404: errorSchema("FlowNotFound", ["flow_not_found"], "No flow for this token: missing, wrong, or replaced."),
  409: errorSchema(
    "StepConflict",
    ["flow_changed", "action_not_allowed"],
    "The flow moved on or does not allow this step now: GET it.",
  ),
  410: errorSchema("FlowExpired", ["SND-212"], "The flow expired: start a new one."),
  413: errorSchema("BodyTooLarge", ["body_too_large"], "The body is larger than 16 KiB."),
  415: errorSchema("MediaTypeUnsupported", ["media_type_unsupported"], "The body is not application/json."),
  422: errorSchema(
    "MethodRefused",
    ["SND-210", "SND-211"],
    "The method is not offered, or already passed at the other step.",
  ),
  429: errorSchema(
    "TooManyAttempts",
    ["SND-305", "flow_blocked"],
    "Too many attempts from this address (SND-305) or for this account (flow_blocked, with the flow): wait the " +
      "seconds in Retry-After.",
    { flow: Type.Optional(FlowRef) },
  ),
  500: errorSchema("InternalFailure", ["internal"], "Something broke; quote the request id."),
  503: errorSchema(
    "ResetUnavailable",
    ["SND-104", "SND-105"],
    "Self-service password reset is switched off or not set up.",
  ),
};

/** An overload answer: RFC 9457 problem details (`application/problem+json`) beside the API's code, message and id. */
const Overloaded = Type.Object(
  {
    type: Type.Literal("about:blank"),
    title: Type.String(),
    status: Type.Literal(503),
    detail: Type.String(),
    code: Type.Literal("overloaded"),
    message: Type.String(),
    requestId: Type.String(),
  },
  {
    ...closed,
    $id: "Overloaded",
    description:
      "Sandi is at capacity (its password hasher or its database queue is full): try again after Retry-After.",
  },
);

/** Every schema referenced by $id; api-v1.ts adds them to its context. */
export const SHARED_SCHEMAS: readonly TSchema[] = [
  FlowJson,
  ...Object.values(Errors).map((error) => error.schema),
  Overloaded,
];

const RETRY_AFTER = {
  "retry-after": Type.Integer({ minimum: 1, description: "Seconds to wait before trying again." }),
};
const PROBLEM_JSON = "application/problem+json";

/** The 503 every route may answer when Sandi is at capacity, with Retry-After; `ResetUnavailable` too on a start. */
function unavailable(alsoResetUnavailable: boolean) {
  const overloaded = { schema: Type.Unsafe<Static<typeof Overloaded>>({ $ref: "Overloaded" }) };
  return {
    description: alsoResetUnavailable
      ? "Sandi is at capacity (problem+json, Retry-After), or self-service password reset is off or not set up."
      : "Sandi is at capacity: wait the seconds in Retry-After and send the same request again.",
    headers: RETRY_AFTER,
    content: alsoResetUnavailable
      ? { "application/json": { schema: ref(Errors[503]) }, [PROBLEM_JSON]: overloaded }
      : { [PROBLEM_JSON]: overloaded },
  };
}

/** A reference to an error schema, typed as its body. */
function ref(error: NamedError) {
  return Type.Unsafe<ApiErrorBody>({ $ref: error.id, description: error.description });
}

/** A 429 (a block or a rate limit) with the seconds to wait in Retry-After. */
const rateLimited = {
  description: Errors[429].description,
  headers: RETRY_AFTER,
  content: { "application/json": { schema: ref(Errors[429]) } },
};

const bodyErrors = { 413: ref(Errors[413]), 415: ref(Errors[415]) };
const flowErrors = { 404: ref(Errors[404]), 410: ref(Errors[410]), 429: rateLimited };

/** Responses of GET /captcha/challenge. */
export const captchaResponses = {
  200: CaptchaChallengeBody,
  400: ref(Errors[400]),
  500: ref(Errors[500]),
  503: unavailable(false),
};

/** Responses of POST /reset/flows. */
export const startResponses = {
  201: StartedBody,
  400: ref(Errors["400start"]),
  ...bodyErrors,
  429: rateLimited,
  500: ref(Errors[500]),
  503: unavailable(true),
};

/** Responses of GET /reset/flow. */
export const viewResponses = {
  200: FlowRef,
  400: ref(Errors[400]),
  ...flowErrors,
  500: ref(Errors[500]),
  503: unavailable(false),
};

/** Responses of every POST /reset/flow/* step. */
export const stepResponses = {
  200: StepBody,
  400: ref(Errors[400]),
  ...flowErrors,
  409: ref(Errors[409]),
  ...bodyErrors,
  422: ref(Errors[422]),
  500: ref(Errors[500]),
  503: unavailable(false),
};
