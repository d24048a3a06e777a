import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { runAutocannon, percentile } from "./load.js";
import { withServer } from "./run-bare.js";
import { fetchIdentifyForm, identifyRequests } from "./scenarios.js";
const work = mkdtempSync("/tmp/exp/dev-");
const floors = process.argv[2] ?? "default";
const conns = Number(process.argv[3] ?? 200);
await withServer(["sandi", "pglite", join(work, "pglite"), floors, work], work, async (server) => {
  const users = await server.call<string[]>("seedUsers", { prefix: "known", count: 1000 });
  await server.call("census", users);
  const next = identifyRequests(await fetchIdentifyForm(server.url), users);
  for (let i = 0; i < 3; i++) {
    await server.call("takeOverruns"); await server.call("takeLoopStats");
    const r = await runAutocannon({ url: server.url, connections: conns, seconds: 5, next });
    const o = await server.call<number[]>("takeOverruns");
    const loop = await server.call<Record<string, number>>("takeLoopStats");
    console.log(`rps ${r.rps.toFixed(0)} p50 ${r.p50.toFixed(0)} p99 ${r.p99.toFixed(0)} | overrun p50 ${percentile(o, 0.5)} p99 ${percentile(o, 0.99)} max ${Math.max(0, ...o)} | loop`, JSON.stringify(Object.fromEntries(Object.entries(loop).map(([k, v]) => [k, Math.round(v)]))));
  }
});
