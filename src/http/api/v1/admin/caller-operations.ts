/**
 * The admin API's "Verify caller" (SPEC §10): send a code to one of the user's methods (or, for an authenticator
 * app, send nothing and ask the caller for the code it shows), then check what the caller read back. The check is
 * bound to the token that began it: only that token can check it. The answer never holds the code; the domain
 * service audits both steps.
 */
import Type from "typebox";
import { type AdminOperation, operation } from "./admin-operation.js";
import { body, Time, USER } from "./admin-response-schemas.js";
import { UserIdParams } from "./user-schemas.js";

const SendBody = Type.Object(
  {
    // Optional in the schema so that a token refused on this user hears 403, not a 400 about the body.
    methodId: Type.Optional(
      Type.String({ maxLength: 64, description: "The id of one of the user's methods (see GET …/verify-caller)." }),
    ),
    channel: Type.Optional(
      Type.Union([Type.Literal("email"), Type.Literal("sms"), Type.Literal("voice"), Type.Literal("app")], {
        description:
          "How the code travels; a mobile takes sms or voice; an authenticator app takes app (nothing is sent: the " +
          "caller reads the code the app shows now). The method's first way when absent.",
      }),
    ),
  },
  { additionalProperties: false },
);
const Route = Type.Object(
  {
    methodId: Type.String(),
    kind: Type.Union([Type.Literal("email"), Type.Literal("sms"), Type.Literal("voice_office"), Type.Literal("totp")]),
    channel: Type.Union([Type.Literal("email"), Type.Literal("sms"), Type.Literal("voice"), Type.Literal("app")]),
    masked: Type.String({
      description: "The address or number masked (SPEC §4.2), or an app's label; never the full value.",
    }),
  },
  { additionalProperties: false },
);
const CheckParams = Type.Object({
  userId: Type.String({ maxLength: 256 }),
  challengeId: Type.String({ maxLength: 64 }),
});
const CheckBody = Type.Object(
  { code: Type.Optional(Type.String({ maxLength: 32, description: "The digits the caller read back." })) },
  { additionalProperties: false },
);

export const CALLER_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "GET",
    url: "/users/:userId/verify-caller",
    capability: "caller.verify",
    operationId: "listAdminUserCallerRoutes",
    summary:
      "Verify caller: where a code can come from (the user's email and phones, masked; their authenticator apps)",
    tag: "admin-helpdesk",
    params: UserIdParams,
    response: body({ user: USER, routes: Type.Array(Route) }),
    run: ({ actions, actor, params }) => actions.callerCodeOptions(actor, params.userId),
  }),
  operation({
    method: "POST",
    url: "/users/:userId/verify-caller",
    capability: "caller.verify",
    operationId: "sendAdminUserCallerCode",
    summary:
      "Verify caller: send a code to one of the user's methods, or begin an app code check (5 per user per hour); " +
      "returns the challenge id",
    tag: "admin-helpdesk",
    params: UserIdParams,
    body: SendBody,
    response: body({ challengeId: Type.String(), route: Route, expiresAt: Time }),
    run: async ({ actions, actor, params, body }) => {
      const sent = await actions.sendCallerCode(actor, {
        userId: params.userId,
        methodId: body.methodId ?? "",
        ...(body.channel === undefined ? {} : { channel: body.channel }),
        sessionId: null,
      });
      if (!sent.ok) return sent;
      const { challengeId, route, expiresAt } = sent.value;
      return { ok: true, value: { challengeId, route, expiresAt } };
    },
  }),
  operation({
    method: "POST",
    url: "/users/:userId/verify-caller/:challengeId",
    capability: "caller.verify",
    operationId: "checkAdminUserCallerCode",
    summary:
      "Verify caller: check the code the caller read back (3 tries, 5 minutes, once): verified, not verified, or " +
      "replayed (an app code already used)",
    tag: "admin-helpdesk",
    params: CheckParams,
    body: CheckBody,
    response: body({
      result: Type.Union(
        ["verified", "not_verified", "replayed", "expired", "too_many_attempts"].map((result) => Type.Literal(result)),
      ),
      attemptsLeft: Type.Integer({ description: "Tries left on this code (0 once it is void or spent)." }),
    }),
    run: async ({ actions, actor, params, body }) => {
      const checked = await actions.checkCallerCode(actor, {
        userId: params.userId,
        challengeId: params.challengeId,
        code: body.code ?? "",
        sessionId: null,
      });
      if (!checked.ok) return checked;
      return { ok: true, value: { result: checked.value.result, attemptsLeft: checked.value.attemptsLeft } };
    },
  }),
];
