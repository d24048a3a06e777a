/** The admin API's error bodies and response sets, as named schemas the OpenAPI document lists once. */
import Type, { type TSchema } from "typebox";

const closed = { additionalProperties: false } as const;

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

const ERRORS = {
  401: errorSchema(
    "AdminTokenRefused",
    ["token_required", "token_invalid"],
    "No bearer token, or one that is unknown, expired or revoked.",
  ),
  403: errorSchema("AdminForbidden", ["forbidden"], "The token's role or group scope does not allow this."),
  404: errorSchema("AdminNotFound", ["not_found"], "No such user, token or group."),
  409: errorSchema(
    "AdminConflict",
    [
      ...["read_only", "not_on_hold", "no_group", "cycle", "exists", "scope_not_allowed"],
      // Verify caller: no such way to the user, or a cap (C1, R1/R2, O1) held the code back.
      ...["no_method", "too_many_sends", "recipient_limit"],
    ],
    "The state does not allow it now (the code says why), or the directory refused the change (an SND- code).",
  ),
  422: errorSchema("AdminInvalid", ["invalid", "policy"], "The value breaks a rule; each broken rule is listed.", {
    violations: Type.Array(Type.Unknown()),
  }),
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
  500: ref("InternalFailure"),
};

/** The bearer scheme of the admin API (ADR 0020). */
export const ADMIN_SECURITY = [{ adminToken: [] }];

/** The admin API's OpenAPI tags. */
export const ADMIN_API_TAGS = [
  { name: "admin-policy", description: "Admin API: the SSPR policy (read, validate, set)." },
  { name: "admin-users", description: "Admin API: users, groups and their masked methods." },
  { name: "admin-helpdesk", description: "Admin API: helpdesk actions and Diagnose this user." },
  { name: "admin-audit", description: "Admin API: the audit log." },
];
