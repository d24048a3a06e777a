/**
 * The admin API's policy operations (SPEC §3, issue 12 items 3–4): read, validate, save (one setting or several),
 * versions with their diff and a restore, the simulation of a draft, and evaluation mode. Each calls the domain
 * service the portal's policy, simulation and evaluation pages call; a draft is written as `sandi policy set`'s
 * KEY = VALUE settings over the live policy, as the simulation page takes it.
 */
import Type from "typebox";
import { AFFECTED_PAGE_MAX } from "../../../../domain/admin/simulate-policy.js";
import { EVALUATION_MAX_DAYS, EVALUATION_MIN_DAYS } from "../../../../domain/policies/evaluation/evaluation-ports.js";
import { fail, succeed } from "../../../../lib/outcome.js";
import { type AdminOperation, operation } from "./admin-operation.js";
import { body, nullable, refTo } from "./admin-response-schemas.js";
import { adopt, answerSave, SAVED_BODY, saveSettings } from "./policy-saves.js";

const closed = { additionalProperties: false } as const;
const Settings = Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.String({ maxLength: 20_000 }), {
  minProperties: 1,
  maxProperties: 200,
  description: '`sandi policy set` keys and values, applied over the live policy, e.g. {"methodsToReset": "2"}.',
});
const ConfirmWarnings = Type.Optional(
  Type.Boolean({
    default: false,
    description: "Confirms the warnings a 409 `unconfirmed` listed (V10: people who would lose reset among them).",
  }),
);
const SettingBody = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100, description: "A SPEC §3 setting, e.g. methodsToReset." }),
    value: Type.String({ maxLength: 20_000, description: "The value as `sandi policy set` takes it." }),
    confirmWarnings: ConfirmWarnings,
  },
  closed,
);
const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 999_999_999 }) });
const NoBody = Type.Object({}, closed);

const EVALUATION_REPORT = body({
  evaluation: nullable(refTo("PolicyEvaluation")),
  running: Type.Boolean(),
  changes: Type.Array(refTo("PolicyChange")),
  counts: Type.Array(
    body({
      step: Type.String(),
      liveReason: nullable(Type.String()),
      draftReason: nullable(Type.String()),
      decisions: Type.Integer(),
      flows: Type.Integer(),
    }),
  ),
  decisions: Type.Integer(),
  differing: Type.Integer({ description: "Decisions where the draft said otherwise than the live policy." }),
});

const READ_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "GET",
    url: "/policy",
    capability: "policy.read",
    operationId: "getAdminPolicy",
    summary: "The SSPR policy in force (null before one was saved: the defaults apply)",
    tag: "admin-policy",
    response: nullable(refTo("PolicyVersion")),
    run: ({ actions, actor }) => actions.currentPolicy(actor),
  }),
  operation({
    method: "GET",
    url: "/policy/versions",
    capability: "policy.view",
    operationId: "listAdminPolicyVersions",
    summary: "The kept versions (the last 50), newest first, with who saved each and when",
    tag: "admin-policy",
    response: body({ versions: Type.Array(refTo("PolicyVersion")) }),
    run: async ({ actions, actor }) => {
      const listed = await actions.listPolicyVersions(actor);
      return listed.ok ? succeed({ versions: listed.value }) : listed;
    },
  }),
  operation({
    method: "GET",
    url: "/policy/versions/:version",
    capability: "policy.view",
    operationId: "diffAdminPolicyVersion",
    summary: "One version against the one before it: the changed settings only, old → new",
    tag: "admin-policy",
    params: VersionParams,
    response: body({
      version: refTo("PolicyVersion"),
      previous: nullable(refTo("PolicyVersion")),
      against: Type.String({ enum: ["previous", "defaults", "not_kept"] }),
      changes: Type.Array(refTo("PolicyChange")),
    }),
    run: ({ actions, actor, params }) => actions.policyVersionDiff(actor, params.version),
  }),
];

const SAVE_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "POST",
    url: "/policy/validate",
    capability: "policy.edit",
    operationId: "validateAdminPolicySetting",
    summary: "What setting one value would change, or every rule it breaks; saves nothing",
    tag: "admin-policy",
    body: Type.Object({ key: SettingBody.properties.key, value: SettingBody.properties.value }, closed),
    response: body({ changes: Type.Array(refTo("PolicyChange")) }),
    run: ({ actions, actor, body: input }) => actions.validatePolicySetting(actor, input),
  }),
  operation({
    method: "PUT",
    url: "/policy/settings",
    capability: "policy.edit",
    operationId: "setAdminPolicySetting",
    summary: "Set one setting and save a new version (409 `unconfirmed` until new warnings are confirmed)",
    tag: "admin-policy",
    body: SettingBody,
    response: SAVED_BODY,
    run: ({ actions, actor, body: input }) =>
      saveSettings(actions, actor, {
        settings: { [input.key]: input.value },
        confirmWarnings: input.confirmWarnings ?? false,
      }),
  }),
  operation({
    method: "PUT",
    url: "/policy",
    capability: "policy.edit",
    operationId: "saveAdminPolicy",
    summary: "Apply several settings over the live policy and save them as one version (as the policy page does)",
    tag: "admin-policy",
    body: Type.Object({ settings: Settings, confirmWarnings: ConfirmWarnings }, closed),
    response: SAVED_BODY,
    run: ({ actions, actor, body: input }) =>
      saveSettings(actions, actor, { settings: input.settings, confirmWarnings: input.confirmWarnings ?? false }),
  }),
  operation({
    method: "POST",
    url: "/policy/versions/:version/restore",
    capability: "policy.edit",
    operationId: "restoreAdminPolicyVersion",
    summary: "Save an old version as the newest, checked and confirmed as any save",
    tag: "admin-policy",
    params: VersionParams,
    body: Type.Object({ confirmWarnings: ConfirmWarnings }, closed),
    response: SAVED_BODY,
    run: async ({ actions, actor, params, body: input }) =>
      answerSave(
        await actions.restorePolicyVersion(actor, params.version, { confirmWarnings: input.confirmWarnings ?? false }),
      ),
  }),
];

const SIMULATION_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "POST",
    url: "/policy/simulate",
    capability: "policy.edit",
    operationId: "simulateAdminPolicy",
    summary: "What a draft would do to every user beside the live policy: counts, loss, and the affected, paged",
    tag: "admin-policy",
    body: Type.Object(
      {
        settings: Settings,
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AFFECTED_PAGE_MAX, default: 50 })),
      },
      closed,
    ),
    response: refTo("SimulationReport"),
    run: async ({ actions, actor, body: input }) => {
      const built = await actions.draftFromSettings(input.settings);
      if (!built.ok) return built;
      const page = { offset: input.offset ?? 0, limit: input.limit ?? 50 };
      return actions.simulatePolicyChange(actor, { draft: built.value, page });
    },
  }),
  operation({
    method: "GET",
    url: "/policy/evaluation",
    capability: "reports.read",
    operationId: "getAdminPolicyEvaluation",
    summary: "The newest evaluation and what its flows recorded (counts of reason codes, never a person)",
    tag: "admin-policy",
    response: EVALUATION_REPORT,
    run: ({ actions, actor }) => actions.evaluationStatus(actor),
  }),
  operation({
    method: "POST",
    url: "/policy/evaluation/start",
    capability: "policy.edit",
    operationId: "startAdminPolicyEvaluation",
    summary: "Run a draft beside the live policy for 1–30 days: each flow records what it would have decided",
    tag: "admin-policy",
    body: Type.Object(
      { settings: Settings, days: Type.Integer({ minimum: EVALUATION_MIN_DAYS, maximum: EVALUATION_MAX_DAYS }) },
      closed,
    ),
    response: body({ evaluation: refTo("PolicyEvaluation") }),
    run: async ({ actions, actor, body: input }) => {
      const built = await actions.draftFromSettings(input.settings);
      if (!built.ok) return built;
      const started = await actions.startEvaluation(actor, { draft: built.value, days: input.days });
      return started.ok ? succeed({ evaluation: started.value }) : started;
    },
  }),
  operation({
    method: "POST",
    url: "/policy/evaluation/stop",
    capability: "policy.edit",
    operationId: "stopAdminPolicyEvaluation",
    summary: "Stop the running evaluation (409 `not_running` when none runs)",
    tag: "admin-policy",
    body: NoBody,
    response: body({ evaluation: refTo("PolicyEvaluation") }),
    run: async ({ actions, actor }) => {
      const stopped = await actions.stopEvaluation(actor);
      return stopped.ok ? succeed({ evaluation: stopped.value }) : fail(stopped.reason);
    },
  }),
  operation({
    method: "POST",
    url: "/policy/evaluation/adopt",
    capability: "policy.edit",
    operationId: "adoptAdminPolicyEvaluation",
    summary: "Save the evaluated draft as the new version (409 `loss_unconfirmed` with the loss until confirmLoss)",
    tag: "admin-policy",
    body: Type.Object(
      {
        confirmLoss: Type.Optional(
          Type.Boolean({ default: false, description: "Confirms the loss a 409 `loss_unconfirmed` showed." }),
        ),
      },
      closed,
    ),
    response: body({ saved: refTo("PolicyVersion"), changes: Type.Array(refTo("PolicyChange")) }),
    run: ({ actions, actor, body: input }) => adopt(actions, actor, input.confirmLoss ?? false),
  }),
];

export const POLICY_OPERATIONS: readonly AdminOperation[] = [
  ...READ_OPERATIONS,
  ...SAVE_OPERATIONS,
  ...SIMULATION_OPERATIONS,
];
