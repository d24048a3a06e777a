/**
 * The admin API's 200 bodies as TypeBox schemas: the OpenAPI document lists each once (by $id) and Fastify serialises
 * every answer through its schema, so a field not named here never leaves the server. Times are UTC ISO 8601 text.
 * Deep documents (the policy, a diagnosis's findings, an audit event's changes) are open objects, described.
 */
import Type, { type TSchema } from "typebox";

/**
 * No `additionalProperties: false`: the serialiser sends declared properties only whatever the schema says, and a
 * closed object inside `anyOf` (a nullable one) would fail the serialiser's branch choice for a value with more
 * fields than it declares (a support code's flow, a sign-in lock), answering 500 instead of leaving them out.
 */
const closed = {} as const;
const Time = Type.String({ format: "date-time", description: "UTC, ISO 8601." });
const Text = Type.String();
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const open = (description: string) => Type.Object({}, { additionalProperties: true, description });
/** A reference to a named schema below. */
export const refTo = (id: string) => Type.Unsafe({ $ref: id });

const AdminUser = Type.Object(
  {
    ref: Text,
    userId: Text,
    email: nullable(Text),
    displayName: Text,
    firstName: Text,
    lastName: Text,
    enabled: Type.Boolean(),
    adminLockedAt: nullable(Time),
    securityHoldAt: nullable(Time),
    hasPassword: Type.Boolean(),
    passwordChangedAt: nullable(Time),
    mustChangePassword: Type.Boolean(),
    preferredLanguage: nullable(Text),
    isDemo: Type.Boolean(),
    createdAt: Time,
    roles: Type.Array(Text),
    groups: Type.Array(Text, { description: "Direct groups." }),
    memberOf: Type.Array(Text, { description: "Every group, nested ones too (to depth 10)." }),
  },
  { ...closed, $id: "AdminUser", description: "A user as an administrator sees them; never a password or its hash." },
);

const MaskedMethod = Type.Object(
  { id: Text, kind: Text, shown: Text, label: nullable(Text), createdAt: Time, lastUsedAt: nullable(Time) },
  { ...closed, $id: "MaskedMethod", description: "A verified method, masked (SPEC §4.2): never a secret or answer." },
);

const AuditEvent = Type.Object(
  {
    id: Text,
    seq: Text,
    time: Time,
    activity: Text,
    category: Text,
    result: Text,
    reason: nullable(Text),
    actor: Type.Object(
      { type: Text, id: nullable(Text), userId: nullable(Text) },
      { ...closed, description: "A token's id, with its owner's user ID when a global admin created it." },
    ),
    target: Type.Object({ ref: nullable(Text), userId: nullable(Text) }, closed),
    flowId: nullable(Text),
    supportCode: nullable(Text),
    ip: nullable(Text),
    client: nullable(Text),
    method: nullable(Text),
    maskedTarget: nullable(Text),
    lang: nullable(Text),
    instance: Text,
    changes: Type.Unknown({ description: "Field changes, old → new (personal data only as `changed`)." }),
  },
  { ...closed, $id: "AuditEvent" },
);

const PolicyChange = Type.Object(
  { field: Text, old: Type.Unknown(), new: Type.Unknown() },
  { ...closed, $id: "PolicyChange", description: "One changed setting, old → new." },
);

const PolicyFinding = Type.Object(
  {
    rule: Text,
    path: Text,
    message: Text,
    values: Type.Optional(Type.Record(Type.String(), Type.Number())),
  },
  { ...closed, $id: "PolicyFinding", description: "A broken rule (V1–V10) with the numbers its message shows." },
);

const PolicyVersion = Type.Object(
  {
    version: Type.Integer(),
    policy: open("The whole SSPR policy document (SPEC §3)."),
    createdAt: Time,
    createdBy: Type.String({ description: "`admin:<userId>`, `token:<id>` or `system:console`." }),
  },
  { ...closed, $id: "PolicyVersion" },
);

const Totals = Type.Object(
  {
    people: Type.Integer(),
    inScope: Type.Integer(),
    registered: Type.Integer(),
    capable: Type.Integer(),
    interrupted: Type.Integer(),
    unableToReset: Type.Integer(),
  },
  closed,
);
const SplitTotals = Type.Object({ users: Totals, admins: Totals }, closed);
const Counts = Type.Object({ users: Type.Integer(), admins: Type.Integer() }, closed);

const SimulationReport = Type.Object(
  {
    changes: Type.Array(refTo("PolicyChange")),
    live: SplitTotals,
    draft: SplitTotals,
    difference: SplitTotals,
    loss: Type.Object(Counts.properties, {
      ...closed,
      description: "Who can reset under the live policy and could not under the draft: to confirm before a save.",
    }),
    newlyInterrupted: Counts,
    affected: Type.Object(
      {
        total: Type.Integer(),
        offset: Type.Integer(),
        limit: Type.Integer(),
        rows: Type.Array(
          Type.Object(
            {
              ref: Text,
              userId: Text,
              displayName: Text,
              privileged: Type.Boolean(),
              changes: Type.Array(Text),
              liveReason: nullable(Text),
              draftReason: nullable(Text),
            },
            closed,
          ),
        ),
      },
      { ...closed, description: "The people whose outcome changes, worst first, one page." },
    ),
    ranAt: Time,
    timeZone: Text,
  },
  { ...closed, $id: "SimulationReport" },
);

const PolicyEvaluation = Type.Object(
  {
    id: Text,
    draft: open("The draft policy document under evaluation."),
    startedBy: Text,
    startedAt: Time,
    endsAt: Time,
    stoppedBy: nullable(Text),
    stoppedAt: nullable(Time),
    endReason: nullable(Text),
  },
  { ...closed, $id: "PolicyEvaluation" },
);

const GroupSummary = Type.Object(
  { name: Text, description: Text, directMembers: Type.Integer(), subgroups: Type.Integer(), createdAt: Time },
  { ...closed, $id: "GroupSummary" },
);

const ImportJob = Type.Object(
  {
    id: Text,
    createdBy: Text,
    createdAt: Time,
    dryRun: Type.Boolean(),
    state: Type.String({ enum: ["running", "done", "failed"] }),
    totalRows: Type.Integer(),
    processedRows: Type.Integer(),
    createdUsers: Type.Integer(),
    errors: Type.Array(refTo("ImportRowError")),
    finishedAt: nullable(Time),
  },
  { ...closed, $id: "ImportJob" },
);

const ImportRowError = Type.Object(
  {
    row: Type.Integer({ description: "1 is the first data row; 0 the header or the whole file." }),
    column: Text,
    code: Type.String({ description: "What is wrong (docs/admin-import.md lists the codes)." }),
  },
  { ...closed, $id: "ImportRowError" },
);

/** Every named response schema; api-v1.ts adds them beside the error schemas. */
export const ADMIN_RESPONSE_SCHEMAS: readonly TSchema[] = [
  AdminUser,
  MaskedMethod,
  AuditEvent,
  PolicyChange,
  PolicyFinding,
  PolicyVersion,
  SimulationReport,
  PolicyEvaluation,
  GroupSummary,
  ImportRowError,
  ImportJob,
];

/** An object answer with these properties (only these are sent). */
export function body(properties: Record<string, TSchema>, description?: string) {
  return Type.Object(properties, { ...closed, ...(description === undefined ? {} : { description }) });
}

export const USER = refTo("AdminUser");
export const USER_BODY = body({ user: USER });
export const OPEN = open;
export { nullable, Time };
