/** The admin API's user inputs and the user page's answer (SPEC §10 "Users and groups"), as TypeBox schemas. */
import Type from "typebox";
import { body, nullable, refTo, Time } from "./admin-response-schemas.js";

const closed = { additionalProperties: false } as const;
const Field = Type.String({ maxLength: 1024 });

export const UserIdParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 256 }) });

/** The user list's query: the portal's filters, sort and page. */
export const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 256, description: "Part of a user ID or name; empty: everyone." })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: "From 1; 50 users a page." })),
    state: Type.Optional(Type.Union([Type.Literal("enabled"), Type.Literal("disabled")])),
    registered: Type.Optional(Type.Boolean()),
    locked: Type.Optional(Type.Boolean({ description: "Admin lock or a running sign-in lockout." })),
    group: Type.Optional(Type.String({ maxLength: 200, description: "Members of this group, nested ones too." })),
    sort: Type.Optional(
      Type.Union([Type.Literal("user_id"), Type.Literal("display_name"), Type.Literal("created_at")], {
        description: "By user ID (the default), display name or creation time.",
      }),
    ),
    dir: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
  },
  closed,
);

/** What an admin types for a user; on an edit, a field left out keeps its value. */
const FIELDS = {
  displayName: Type.Optional(Field),
  firstName: Type.Optional(Field),
  lastName: Type.Optional(Field),
  email: Type.Optional(Field),
  mobilePhone: Type.Optional(Type.String({ maxLength: 64, description: "International form, e.g. +6281234567890." })),
  officePhone: Type.Optional(Type.String({ maxLength: 64 })),
  language: Type.Optional(Type.String({ maxLength: 8, description: "en or id; empty: the organisation's." })),
  groups: Type.Optional(
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500, description: "The direct groups, all of them." }),
  ),
};

export const CreateUserBody = Type.Object({ userId: Type.String({ maxLength: 256 }), ...FIELDS }, closed);
export const EditUserBody = Type.Object(FIELDS, closed);

export const USER_PAGE = body({
  users: Type.Array(refTo("AdminUser")),
  total: Type.Integer(),
  page: Type.Integer(),
  pageCount: Type.Integer(),
});

const Counter = body({
  counter: Type.String(),
  count: Type.Integer(),
  limit: Type.Integer(),
  windowSeconds: Type.Integer(),
});

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

/** The user page as JSON: the sign-in lock without its key or the HMACs of recent wrong passwords. */
export const USER_DETAIL = body({
  user: refTo("AdminUser"),
  isSelf: Type.Boolean(),
  methods: Type.Array(refTo("MaskedMethod")),
  counters: Type.Array(Counter, { description: "The account's SSPR counters A1–A4 (SPEC §8)." }),
  ssprBlock: nullable(body({ counter: Type.String(), until: Time })),
  signInLock: nullable(
    body({
      failures: Type.Integer(),
      lockLevel: Type.Integer(),
      lockedUntil: nullable(Time),
      lastFailureAt: nullable(Time),
    }),
  ),
  liveSessions: Type.Integer(),
  flows: Type.Array(FlowSummary),
  audit: Type.Array(refTo("AuditEvent"), { description: "The user's newest audit events, newest first." }),
  actions: body(
    {
      reset: Type.Boolean(),
      unlock: Type.Boolean(),
      clearBlock: Type.Boolean(),
      revokeSessions: Type.Boolean(),
      releaseHold: Type.Boolean(),
      accessPass: Type.Boolean(),
    },
    "The helpdesk actions this token may take on this user.",
  ),
});

/**
 * One user's method history as JSON: only what the user page shows, the value masked (SPEC §4.2). No record id,
 * account ref or method row id, and who acted only by kind.
 */
export const METHOD_HISTORY = body({
  events: Type.Array(
    body({
      at: Time,
      method: Type.String(),
      action: Type.String({ description: "added, changed, removed, used_step_up, used_sign_in, used_reset, …" }),
      masked: Type.String({ description: "The value as SPEC §4.2 masks it, or the method's label." }),
      by: Type.Union([Type.Literal("user"), Type.Literal("admin"), Type.Literal("token"), Type.Literal("console")], {
        description: "Who acted: the user, an admin on the portal, an API token or the console.",
      }),
      ip: Type.String(),
      client: Type.String({ description: "Browser and OS summary." }),
    }),
    { description: "Newest first, at most 30." },
  ),
});
