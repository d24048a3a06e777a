/** The admin API's error bodies and response sets, as named schemas the OpenAPI document lists once. */
import Type, { type TSchema } from "typebox";

const closed = { additionalProperties: false } as const;
const Details = Type.Object(
  {},
  {
    additionalProperties: true,
    description: "What the caller needs to decide again: the warnings and loss to confirm, a CSV file's row errors.",
  },
);

function errorSchema(id: string, codes: readonly string[], description: string, extra: Record<string, TSchema> = {}) {
  return Type.Object(
    {
      code: Type.String({ enum: [...codes] }),
      message: Type.String(),
      requestId: Type.String(),
      ...extra,
    },
    { ...closed, $id: id, description },
  );
}

/** The 409 codes: the state does not allow the change now, or it needs a confirmation first. */
const CONFLICTS = [
  "read_only",
  "not_on_hold",
  "no_group",
  "cycle",
  "too_deep",
  "exists",
  "scope_not_allowed",
  "own_account",
  "last_global_admin",
  "no_address",
  "running",
  "not_running",
  "unconfirmed",
  "loss_unconfirmed",
  // Verify caller: no such way to the user, or a cap (C1, R1/R2, O1) held the code back.
  "no_method",
  "too_many_sends",
  "recipient_limit",
] as const;

const ERRORS = {
  401: errorSchema(
    "AdminTokenRefused",
    ["token_required", "token_invalid"],
    "No bearer token, or one that is unknown, expired or revoked.",
  ),
  403: errorSchema("AdminForbidden", ["forbidden"], "The token's role or group scope does not allow this."),
  404: errorSchema("AdminNotFound", ["not_found"], "No such user, group, version, import job or method."),
  409: errorSchema(
    "AdminConflict",
    CONFLICTS,
    "The state does not allow it now (the code says why); `unconfirmed` and `loss_unconfirmed` carry the warnings " +
      "or the loss in `details`: send the request again with `confirmWarnings` or `confirmLoss` to go ahead.",
    { details: Type.Optional(Details) },
  ),
  422: errorSchema(
    "AdminInvalid",
    ["invalid", "policy", "invalid_name", "invalid_description", "invalid_days", "lifetime"],
    "The value breaks a rule; each broken rule is listed.",
    { violations: Type.Optional(Type.Array(Type.Unknown())), details: Type.Optional(Details) },
  ),
  429: errorSchema(
    "AdminRateLimited",
    ["rate_limited"],
    "The token sent more than 600 requests in a minute: wait the seconds in Retry-After.",
  ),
} as const;

/** Every named schema of the admin API; api-v1.ts adds them beside the shared ones. */
export const ADMIN_API_SCHEMAS: readonly TSchema[] = Object.values(ERRORS);

const ref = (id: string) => Type.Unsafe({ $ref: id });

/** The responses every admin operation may give besides its 200. */
export const ADMIN_ERROR_RESPONSES = {
  400: ref("RequestRefused"),
  401: ref("AdminTokenRefused"),
  403: ref("AdminForbidden"),
  404: ref("AdminNotFound"),
  409: ref("AdminConflict"),
  422: ref("AdminInvalid"),
  429: {
    description: "The token sent more than 600 requests in a minute: wait the seconds in Retry-After.",
    headers: { "retry-after": Type.Integer({ minimum: 1, description: "Seconds to wait before trying again." }) },
    content: { "application/json": { schema: ref("AdminRateLimited") } },
  },
  500: ref("InternalFailure"),
};

/** The bearer scheme of the admin API (ADR 0020). */
export const ADMIN_SECURITY = [{ adminToken: [] }];

/** The admin API's OpenAPI tags. */
export const ADMIN_API_TAGS = [
  {
    name: "admin-policy",
    description: "Admin API: the SSPR policy (read, validate, save, versions, simulation, evaluation).",
  },
  { name: "admin-users", description: "Admin API: users and their masked methods." },
  { name: "admin-groups", description: "Admin API: groups, their members and subgroups, and the CSV user import." },
  { name: "admin-helpdesk", description: "Admin API: helpdesk actions and Diagnose this user." },
  { name: "admin-audit", description: "Admin API: the audit log." },
];
