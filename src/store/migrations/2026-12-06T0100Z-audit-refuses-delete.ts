/**
 * The audit table refuses DELETE and TRUNCATE as well as UPDATE: the foundation's comment said so, its trigger
 * covered updates only. The retention purge (SPEC §11, later) will get its own narrow way in.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create trigger audit_event_no_delete before delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
  await sql`create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only()`.execute(db);
}
