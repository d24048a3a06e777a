// @ts-nocheck
import { readFileSync } from "node:fs";
import Fastify from "fastify";
import { connectPGlite } from "../src/store/connect.js";
import { replayStep } from "./sql-capture.js";
const step = JSON.parse(readFileSync("/tmp/sandi-bench-qteGmp/identify-pglite.json", "utf8"));
const h = await connectPGlite("/tmp/exp/pgcopy");
const app = Fastify({ trustProxy: ["127.0.0.1"] });
const t0 = performance.now();
let slow = [];
let inflight = 0,
  maxIn = 0,
  hist = new Map();
app.post("/", async (request, reply) => {
  const s = performance.now();
  inflight++;
  maxIn = Math.max(maxIn, inflight);
  hist.set(inflight, (hist.get(inflight) ?? 0) + 1);
  await replayStep(h.db, step, request.ip);
  inflight--;
  const d = performance.now() - s;
  if (d > 300) slow.push(`${((s - t0) / 1000).toFixed(2)}+${d.toFixed(0)}`);
  return reply.status(204).send();
});
app.get("/stats", async () => {
  const r = { maxIn, slow: slow.length, hist: [...hist].sort((a, b) => a[0] - b[0]).slice(0, 60) };
  maxIn = 0;
  slow = [];
  hist = new Map();
  return r;
});
await app.listen({ host: "127.0.0.1", port: 4555 });
console.log("listening");
