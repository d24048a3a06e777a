/**
 * CSV import of built-in users (SPEC §10: up to 10,000 rows; docs/admin-import.md lists the columns). Checking the
 * file is the dry run: every row's problems with their row number and column, from three reads whatever the size
 * (the groups, the user IDs already taken, in chunks). The real import checks again and refuses a file with any
 * problem; it then creates the users in chunks, each chunk one transaction with its audit events, and updates the
 * import job after each so the progress page moves. Imported users have no password yet: the helpdesk gives one
 * (admin reset or temporary access pass), so no password travels in a spreadsheet.
 */
import { csvLine, parseCsv } from "../../lib/csv.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import { type AdminActor, actorLabelOf, actorMay, auditActorOf } from "./admin-actor.js";
import { newUserScopeCheck } from "./new-user-scope.js";
import type { AdminDeps } from "./admin-deps.js";
import type { ImportJob, ImportRowError, UserEdit } from "./user-admin-ports.js";
import { checkUserFields, checkUserId, type FieldProblem, type TypedUserFields } from "./user-fields.js";

export const IMPORT_MAX_ROWS = 10_000;
const CHUNK_ROWS = 200;
const EXISTING_CHUNK = 1000;

/** The header's columns (any order, any case); `userId` and `email` are required. */
export const IMPORT_COLUMNS = [
  "userId",
  "email",
  "firstName",
  "lastName",
  "displayName",
  "mobilePhone",
  "officePhone",
  "language",
  "groups",
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["userId", "email", "firstName", "lastName"];

/** One row ready to create. */
export interface ImportRow {
  readonly row: number;
  readonly userId: string;
  readonly edit: UserEdit;
  readonly groups: readonly string[];
}

export interface ImportCheck {
  readonly rows: readonly ImportRow[];
  readonly totalRows: number;
  readonly errors: readonly ImportRowError[];
}

function headerOf(cells: readonly string[], errors: ImportRowError[]): (Column | null)[] {
  const byLowerCase = new Map(IMPORT_COLUMNS.map((column) => [column.toLowerCase(), column]));
  const columns = cells.map((cell) => {
    const column = byLowerCase.get(cell.trim().toLowerCase()) ?? null;
    if (column === null) errors.push({ row: 0, column: cell.trim(), code: "unknown_column" });
    return column;
  });
  for (const column of IMPORT_COLUMNS) {
    const count = columns.filter((found) => found === column).length;
    if (count > 1) errors.push({ row: 0, column, code: "duplicate_column" });
    if (count === 0 && REQUIRED.includes(column)) errors.push({ row: 0, column, code: "missing_column" });
  }
  return columns;
}

function rowOf(cells: readonly string[], header: readonly (Column | null)[]): Partial<Record<Column, string>> {
  const values: Partial<Record<Column, string>> = {};
  header.forEach((column, index) => {
    if (column !== null) values[column] = cells[index] ?? "";
  });
  return values;
}

function groupsOf(typed: string | undefined): string[] {
  return [
    ...new Set(
      (typed ?? "")
        .split(";")
        .map((name) => name.trim())
        .filter((name) => name !== ""),
    ),
  ];
}

async function takenUserIds(deps: AdminDeps, userIds: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let start = 0; start < userIds.length; start += EXISTING_CHUNK)
    for (const userId of await deps.directoryAdmin.existingUserIds(userIds.slice(start, start + EXISTING_CHUNK)))
      taken.add(userId);
  return taken;
}

/** The dry run: every problem of the file, and the rows ready to create when there is none. */
export async function checkImport(
  deps: AdminDeps,
  actor: AdminActor,
  text: string,
): Promise<Outcome<ImportCheck, "forbidden" | "read_only">> {
  if (!actorMay(actor, "users.manage")) return fail("forbidden");
  if (!deps.directory.capabilities.manageUsers) return fail("read_only");
  const parsed = parseCsv(text, IMPORT_MAX_ROWS + 1);
  if (!parsed.ok) return succeed({ rows: [], totalRows: 0, errors: [{ row: 0, column: "", code: parsed.reason }] });
  const [headerCells, ...records] = parsed.value;
  const errors: ImportRowError[] = [];
  if (headerCells === undefined || records.length === 0)
    return succeed({ rows: [], totalRows: 0, errors: [{ row: 0, column: "", code: "empty" }] });
  const header = headerOf(headerCells, errors);
  if (errors.length > 0) return succeed({ rows: [], totalRows: records.length, errors });
  const groups = new Set((await deps.directoryAdmin.listGroups()).map((group) => group.name));
  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  records.forEach((cells, index) => {
    const row = index + 1;
    const values = rowOf(cells, header);
    const problems: FieldProblem[] = [];
    const userId = checkUserId(values.userId, problems);
    const checked = checkUserFields({ ...values } satisfies TypedUserFields, { emailRequired: true });
    problems.push(...checked.problems);
    if (userId !== "" && seen.has(userId)) problems.push({ field: "userId", code: "duplicate_in_file" });
    seen.add(userId);
    const rowGroups = groupsOf(values.groups);
    if (rowGroups.some((name) => !groups.has(name))) problems.push({ field: "groups", code: "no_group" });
    errors.push(...problems.map((problem) => ({ row, column: problem.field, code: problem.code })));
    if (problems.length === 0) rows.push({ row, userId, edit: checked.edit, groups: rowGroups });
  });
  const inScope = newUserScopeCheck(deps.directoryAdmin, actor);
  const outside = new Set<ImportRow>();
  for (const row of rows) if (!(await inScope(row.groups))) outside.add(row);
  for (const row of outside) errors.push({ row: row.row, column: "groups", code: "out_of_scope" });
  const inside = rows.filter((row) => !outside.has(row));
  const taken = await takenUserIds(
    deps,
    inside.map((row) => row.userId),
  );
  for (const row of inside.filter((candidate) => taken.has(candidate.userId)))
    errors.push({ row: row.row, column: "userId", code: "exists" });
  errors.sort((first, second) => first.row - second.row);
  return succeed({ rows: inside.filter((row) => !taken.has(row.userId)), totalRows: records.length, errors });
}

/** The job's creator as the job row names them. */
function creatorOf(actor: AdminActor): string {
  return actor.type === "admin" ? actor.ref : actorLabelOf(actor);
}

/**
 * Records the dry run as a finished job (so its error report can be downloaded) and returns it with the check.
 */
export async function dryRunImport(
  deps: AdminDeps,
  actor: AdminActor,
  text: string,
): Promise<Outcome<{ job: ImportJob; check: ImportCheck }, "forbidden" | "read_only">> {
  const checked = await checkImport(deps, actor, text);
  if (!checked.ok) return checked;
  const check = checked.value;
  const now = deps.clock.now();
  const id = uuidv7(now, deps.random);
  await deps.directoryAdmin.createImportJob(
    { id, createdBy: creatorOf(actor), dryRun: true, totalRows: check.totalRows },
    now,
  );
  await deps.directoryAdmin.updateImportJob(id, {
    processedRows: check.totalRows,
    createdUsers: 0,
    errors: check.errors,
  });
  await deps.directoryAdmin.finishImportJob(id, "done", now);
  const job = await deps.directoryAdmin.findImportJob(id);
  if (job === null) throw new Error("import job vanished");
  return succeed({ job, check });
}

/**
 * The real import: refused ("invalid", with the check) when the dry run finds any problem; otherwise the job is
 * created and `done` settles when every row is written (the portal does not wait for it; the CLI does).
 */
export async function startImport(
  deps: AdminDeps,
  actor: AdminActor,
  text: string,
): Promise<
  | Outcome<{ jobId: string; done: Promise<ImportJob> }, "forbidden" | "read_only">
  | { ok: false; reason: "invalid"; check: ImportCheck }
> {
  const checked = await checkImport(deps, actor, text);
  if (!checked.ok) return checked;
  const check = checked.value;
  if (check.errors.length > 0) return { ok: false, reason: "invalid", check };
  const now = deps.clock.now();
  const jobId = uuidv7(now, deps.random);
  await deps.directoryAdmin.createImportJob(
    { id: jobId, createdBy: creatorOf(actor), dryRun: false, totalRows: check.totalRows },
    now,
  );
  const done = runImport(deps, actor, jobId, check.rows).catch(async (error: unknown) => {
    await deps.directoryAdmin.finishImportJob(jobId, "failed", deps.clock.now());
    throw error;
  });
  return succeed({ jobId, done });
}

async function runImport(
  deps: AdminDeps,
  actor: AdminActor,
  jobId: string,
  rows: readonly ImportRow[],
): Promise<ImportJob> {
  const errors: ImportRowError[] = [];
  let created = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    created += await importChunk(deps, actor, chunk, errors);
    await deps.directoryAdmin.updateImportJob(jobId, {
      processedRows: start + chunk.length,
      createdUsers: created,
      errors,
    });
  }
  await deps.directoryAdmin.finishImportJob(jobId, "done", deps.clock.now());
  const job = await deps.directoryAdmin.findImportJob(jobId);
  if (job === null) throw new Error("import job vanished");
  return job;
}

/** One chunk in one transaction (a few statements, whatever its size); a user ID taken since the check is that row's error. */
async function importChunk(
  deps: AdminDeps,
  actor: AdminActor,
  chunk: readonly ImportRow[],
  errors: ImportRowError[],
): Promise<number> {
  const now = deps.clock.now();
  return deps.unitOfWork.inTransaction(async (stores) => {
    const { created, taken } = await stores.directoryAdmin.createImportedUsers(chunk, now);
    for (const row of chunk.filter((candidate) => taken.includes(candidate.userId)))
      errors.push({ row: row.row, column: "userId", code: "exists" });
    const event = { activity: "directory.user.created", result: "success", reason: "import" } as const;
    const stamp = auditActorOf(actor);
    if (created.length > 0)
      await stores.audit.append(created.map((user) => ({ ...event, ...stamp, target: user, time: now })));
    return created.length;
  });
}

/** The job, to its creator or anyone who manages users. */
export async function importJob(
  deps: AdminDeps,
  actor: AdminActor,
  id: string,
): Promise<Outcome<ImportJob, "forbidden" | "not_found">> {
  if (!actorMay(actor, "users.manage")) return fail("forbidden");
  const job = await deps.directoryAdmin.findImportJob(id);
  return job === null ? fail("not_found") : succeed(job);
}

/** The per-row error report as CSV, with the messages in the reader's language. */
export function errorReportCsv(job: ImportJob, describe: (error: ImportRowError) => string): string {
  const lines = [
    csvLine(["row", "column", "message"]),
    ...job.errors.map((error) => csvLine([error.row, error.column, describe(error)])),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
