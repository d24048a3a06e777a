/**
 * "Diagnose this user" as JSON (SPEC §13.1): the checks with their findings and fixes. A support code's flow is
 * shown as the user page lists flows: never its secret's hash, step data or the typed user ID.
 */
import Type from "typebox";
import { body, nullable, Time } from "./admin-response-schemas.js";

const FlowSummary = body({
  id: Type.String(),
  supportCode: Type.String(),
  action: Type.String(),
  state: Type.String(),
  issuedAt: Time,
  endedAt: nullable(Time),
  endReason: nullable(Type.String()),
  inertReason: nullable(Type.String()),
});

const Finding = body({
  fact: Type.String({ description: "A catalog key under `diagnose.fact.`." }),
  values: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
      description: "What the fact's words are filled with (times as UTC ISO 8601); never a secret.",
    }),
  ),
  code: Type.Optional(Type.String({ description: "The SPEC §13.2 reason code it amounts to." })),
});

export const DIAGNOSIS = body({
  subject: body({
    via: Type.String({ enum: ["user_id", "support_code"] }),
    userId: Type.Optional(Type.String()),
    supportCode: Type.Optional(Type.String()),
    flow: Type.Optional(nullable(FlowSummary)),
  }),
  user: nullable(body({ ref: Type.String(), userId: Type.String(), displayName: Type.String() })),
  checks: Type.Array(
    body({
      check: Type.String(),
      status: Type.String({ enum: ["pass", "warn", "fail", "not_available"] }),
      findings: Type.Array(Finding),
      fix: nullable(Type.String({ description: "A catalog key under `diagnose.fix.`." })),
      fixAction: Type.Optional(Type.String()),
    }),
  ),
  mayFix: Type.Record(Type.String(), Type.Boolean(), { description: "The fixes this token may apply." }),
  ranAt: Time,
  timeZone: Type.String(),
});
