import { CompiledQuery } from "kysely";
import { connectPGlite } from "../src/store/connect.js";
const h = await connectPGlite("/tmp/exp/pgt");
await h.db.executeQuery(CompiledQuery.raw("create table t (id serial primary key, v text)"));
const lat: number[] = [];
const t0 = performance.now();
const slow: string[] = [];
for (let i = 0; i < 20000; i++) {
  const s = performance.now();
  await h.db.executeQuery(CompiledQuery.raw("insert into t (v) values ($1)", [`value-${i}-${"x".repeat(200)}`]));
  const d = performance.now() - s;
  lat.push(d);
  if (d > 50) slow.push(`${((s - t0) / 1000).toFixed(1)}s:${d.toFixed(0)}`);
}
lat.sort((a, b) => a - b);
console.log(
  "n",
  lat.length,
  "p50",
  lat[lat.length >> 1]?.toFixed(2),
  "p99",
  lat[Math.floor(lat.length * 0.99)]?.toFixed(2),
  "p999",
  lat[Math.floor(lat.length * 0.999)]?.toFixed(2),
  "max",
  lat.at(-1)?.toFixed(1),
  "total s",
  ((performance.now() - t0) / 1000).toFixed(1),
);
console.log(slow.join(" "));
const r = await h.db.executeQuery(
  CompiledQuery.raw(
    "select name, setting from pg_settings where name in ('fsync','synchronous_commit','wal_sync_method','full_page_writes','checkpoint_timeout','max_wal_size','shared_buffers','wal_buffers')",
  ),
);
console.log(r.rows);
await h.close();
