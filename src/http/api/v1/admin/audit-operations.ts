/**
 * The admin API's audit read (`audit.read`): the same service and filters as the portal's `/admin/audit`. Times are
 * instants (UTC ISO 8601), not days: a program says exactly where its range starts and ends.
 */
import Type, { type Static } from "typebox";
import { AUDIT_ACTIVITIES } from "../../../../domain/audit-events.js";
import type { AuditFilter } from "../../../../domain/ports.js";
import { auditFilterOf } from "../../../../domain/admin/audit-read.js";
import { fail, succeed } from "../../../../lib/outcome.js";
import { type AdminOperation, operation } from "./admin-operation.js";
import { body, refTo } from "./admin-response-schemas.js";

const Instant = (description: string) => Type.String({ format: "date-time", maxLength: 40, description });

const AuditQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: "At most this many (100 unless given)." }),
    ),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100_000, description: "Skip this many newer events first (paging back)." }),
    ),
    userId: Type.Optional(Type.String({ maxLength: 256, description: "Events whose actor or target is this user." })),
    activity: Type.Optional(Type.Enum(AUDIT_ACTIVITIES, { type: "string" })),
    actor: Type.Optional(
      Type.String({ maxLength: 256, description: "The actor's user ID, or the id of an actor without one." }),
    ),
    targetUserId: Type.Optional(Type.String({ maxLength: 256 })),
    result: Type.Optional(Type.Union([Type.Literal("success"), Type.Literal("failure")])),
    from: Type.Optional(Instant("Events at or after this instant.")),
    to: Type.Optional(Instant("Events before this instant.")),
  },
  { additionalProperties: false },
);

function instantOf(typed: string | undefined): Date | undefined | null {
  if (typed === undefined) return undefined;
  const instant = new Date(typed);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The filter the query asks for, or null when a time is not one. */
function filterOfQuery(query: Static<typeof AuditQuery>): AuditFilter | null {
  const [from, to] = [instantOf(query.from), instantOf(query.to)];
  if (from === null || to === null) return null;
  const { userId, activity, actor, targetUserId, result } = query;
  return auditFilterOf({ userId, activity, actor, targetUserId, result, from, to });
}

export const AUDIT_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "GET",
    url: "/audit",
    capability: "audit.read",
    operationId: "readAdminAudit",
    summary: "The newest audit events the filters keep (after skipping `offset` newer ones), oldest first",
    tag: "admin-audit",
    querystring: AuditQuery,
    response: body({ events: Type.Array(refTo("AuditEvent")) }),
    run: async ({ actions, actor, query }) => {
      const filter = filterOfQuery(query);
      if (filter === null) return fail("invalid");
      const read = await actions.readAudit(actor, { ...filter, limit: query.limit ?? 100, offset: query.offset ?? 0 });
      return read.ok ? succeed({ events: read.value }) : read;
    },
  }),
];
