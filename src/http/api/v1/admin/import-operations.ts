/**
 * The admin API's CSV user import (SPEC §10: up to 10,000 rows; docs/admin-import.md lists the columns): a dry run,
 * the import, and its job. The file comes as the body (`text/csv`) or as `{"csv": "…"}`. The import goes on after
 * the answer, as on the portal; its job says how far it got. The domain's import services check `users.manage`.
 */
import Type, { type Static } from "typebox";
import { succeed } from "../../../../lib/outcome.js";
import { type AdminOperation, operation } from "./admin-operation.js";
import { body, refTo } from "./admin-response-schemas.js";

/** 10,000 rows of a few hundred characters each, with room to spare (the portal's import allows the same). */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

const CsvText = Type.String({ maxLength: IMPORT_BODY_LIMIT, description: "The CSV file, header first." });
const ImportBody = Type.Union([CsvText, Type.Object({ csv: CsvText }, { additionalProperties: false })], {
  description: 'The file as text/csv, or as JSON `{"csv": "…"}`.',
});
const csvOf = (input: Static<typeof ImportBody>) => (typeof input === "string" ? input : input.csv);
const CSV = { consumes: ["text/csv"], bodyLimit: IMPORT_BODY_LIMIT } as const;

export const IMPORT_OPERATIONS: readonly AdminOperation[] = [
  operation({
    method: "POST",
    url: "/users/import/dry-run",
    capability: "users.manage",
    operationId: "dryRunAdminUserImport",
    summary: "Check a CSV file: every row's problems with its row and column; creates nothing",
    tag: "admin-groups",
    ...CSV,
    body: ImportBody,
    response: body({
      job: refTo("ImportJob"),
      totalRows: Type.Integer(),
      readyRows: Type.Integer({ description: "Rows that would be created." }),
      errors: Type.Array(refTo("ImportRowError")),
    }),
    run: async ({ actions, actor, body: input }) => {
      const checked = await actions.dryRunImport(actor, csvOf(input));
      if (!checked.ok) return checked;
      const { job, check } = checked.value;
      return succeed({ job, totalRows: check.totalRows, readyRows: check.rows.length, errors: check.errors });
    },
  }),
  operation({
    method: "POST",
    url: "/users/import",
    capability: "users.manage",
    operationId: "startAdminUserImport",
    summary: "Import a CSV file (422 with every row error when the dry run finds any); poll the job for progress",
    tag: "admin-groups",
    ...CSV,
    body: ImportBody,
    response: body({ jobId: Type.String() }),
    run: async ({ actions, actor, body: input, log }) => {
      const started = await actions.startImport(actor, csvOf(input));
      if (!started.ok && started.reason === "invalid")
        return {
          ok: false,
          reason: "invalid",
          details: { totalRows: started.check.totalRows, errors: started.check.errors },
        };
      if (!started.ok) return started;
      // The import goes on after this answer; a failure marks the job "failed" and is logged here.
      started.value.done.catch((error: unknown) => log.error({ err: error }, "user import failed"));
      return succeed({ jobId: started.value.jobId });
    },
  }),
  operation({
    method: "GET",
    url: "/users/import/:id",
    capability: "users.manage",
    operationId: "getAdminUserImportJob",
    summary: "An import job: state, rows processed, users created and the row errors",
    tag: "admin-groups",
    params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
    response: refTo("ImportJob"),
    run: ({ actions, actor, params }) => actions.importJob(actor, params.id),
  }),
];
