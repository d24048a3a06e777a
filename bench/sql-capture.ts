/** Records the SQL a step runs through Kysely's log hook, and replays it with fresh unique values (storage ceiling). */
import { randomBytes, randomUUID } from "node:crypto";
import { CompiledQuery, type Kysely, type LogEvent, sql } from "kysely";

/** A parameter as JSON: dates, bytes and bigints tagged so they come back as they went in. */
export type StoredParameter =
  | string
  | number
  | boolean
  | null
  | { readonly date: string }
  | { readonly bytes: string }
  | { readonly bigint: string };

export interface CapturedStatement {
  readonly sql: string;
  readonly parameters: readonly StoredParameter[];
}

/** A step's statements, ready to replay. */
export interface CapturedStep {
  readonly statements: readonly CapturedStatement[];
  /** When the step ran: replayed dates move by the time since. */
  readonly capturedAt: string;
  /** The client IP the step saw; each replay substitutes its own. */
  readonly clientIp: string;
  /** Values of single-column unique keys the step inserted; each replay substitutes fresh ones. */
  readonly uniqueValues: readonly string[];
}

export interface SqlRecorder {
  /** Pass as Kysely's `log` option. */
  readonly log: (event: LogEvent) => void;
  /** Records every statement until the returned function is called, which returns them. */
  record(): () => CapturedStatement[];
}

function storeParameter(value: unknown): StoredParameter {
  if (value instanceof Date) return { date: value.toISOString() };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString("base64") };
  if (typeof value === "bigint") return { bigint: value.toString() };
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return value as StoredParameter;
  return JSON.stringify(value);
}

/** The statement Kysely logged, or null for transaction control (begin, commit, rollback, savepoints). */
function asStatement(event: LogEvent): CapturedStatement | null {
  const text = event.query.sql.trim();
  if (/^(begin|start transaction|commit|rollback|savepoint|release)\b/i.test(text)) return null;
  return { sql: text, parameters: event.query.parameters.map(storeParameter) };
}

/** A recorder whose log hook costs one branch while nothing is being recorded. */
export function createSqlRecorder(): SqlRecorder {
  let sink: CapturedStatement[] | null = null;
  return {
    log: (event) => {
      if (sink === null || event.level !== "query") return;
      const statement = asStatement(event);
      if (statement !== null) sink.push(statement);
    },
    record: () => {
      const statements: CapturedStatement[] = [];
      sink = statements;
      return () => {
        sink = null;
        return statements;
      };
    },
  };
}

/** `table.column` of every single-column primary key or unique constraint in the public schema. */
export async function uniqueColumns<DB>(db: Kysely<DB>): Promise<Set<string>> {
  const result = await sql<{ name: string }>`
    select kcu.table_name || '.' || kcu.column_name as name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    where tc.table_schema = 'public' and tc.constraint_type in ('PRIMARY KEY', 'UNIQUE')
      and (select count(*) from information_schema.key_column_usage other
           where other.constraint_name = tc.constraint_name and other.table_schema = tc.table_schema) = 1
  `.execute(db);
  return new Set(result.rows.map((row) => row.name));
}

const INSERT = /^insert into "(\w+)" \(([^)]*)\) values (.*)$/is;

/** String values that an INSERT puts into a unique column; a replay must not repeat them. */
export function insertedUniqueValues(statements: readonly CapturedStatement[], unique: Set<string>): string[] {
  const values = new Set<string>();
  for (const statement of statements) {
    const match = INSERT.exec(statement.sql);
    if (!match?.[1] || match[2] === undefined || match[3] === undefined) continue;
    const table = match[1];
    const columns = match[2].split(",").map((column) => column.trim().replace(/"/g, ""));
    for (const row of match[3].matchAll(/\(([^()]*)\)/g)) {
      const placeholders = (row[1] ?? "").split(",").map((placeholder) => placeholder.trim());
      columns.forEach((column, index) => {
        const placeholder = /^\$(\d+)$/.exec(placeholders[index] ?? "");
        const value = placeholder ? statement.parameters[Number(placeholder[1]) - 1] : undefined;
        if (unique.has(`${table}.${column}`) && typeof value === "string") values.add(value);
      });
    }
  }
  return [...values];
}

function freshLike(value: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return randomUUID();
  return randomBytes(value.length).toString("base64url").slice(0, value.length);
}

/** The parameters of one replay: fresh unique values and client IP, dates moved to now. */
function replayParameters(
  step: CapturedStep,
  statement: CapturedStatement,
  fresh: { values: Map<string, string>; ip: string; shiftMilliseconds: number },
): unknown[] {
  return statement.parameters.map((parameter) => {
    if (typeof parameter === "string") {
      const mapped = fresh.values.get(parameter);
      if (mapped !== undefined) return mapped;
      return parameter.includes(step.clientIp) ? parameter.split(step.clientIp).join(fresh.ip) : parameter;
    }
    if (parameter === null || typeof parameter !== "object") return parameter;
    if ("date" in parameter) return new Date(Date.parse(parameter.date) + fresh.shiftMilliseconds);
    if ("bytes" in parameter) return Buffer.from(parameter.bytes, "base64");
    return BigInt(parameter.bigint);
  });
}

/** Runs the step's statements in one transaction, as a new request from `ip` would. */
export async function replayStep<DB>(db: Kysely<DB>, step: CapturedStep, ip: string): Promise<void> {
  const values = new Map(step.uniqueValues.map((value) => [value, freshLike(value)]));
  const fresh = { values, ip, shiftMilliseconds: Date.now() - Date.parse(step.capturedAt) };
  await db.transaction().execute(async (transaction) => {
    for (const statement of step.statements)
      await transaction.executeQuery(CompiledQuery.raw(statement.sql, replayParameters(step, statement, fresh)));
  });
}
