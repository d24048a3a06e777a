/**
 * The audit table's one way in for deletes: the retention purge (SPEC §11.4). A delete passes only inside a
 * transaction that has set `sandi.audit_retention_purge` to `on` locally; every other delete, every update and every
 * truncate is still refused, so an application bug or a stray statement cannot thin the log.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('sandi.audit_retention_purge', true) = 'on' then
        return old;
      end if;
      raise exception 'audit_event is append-only';
    end $$`.execute(db);
}
