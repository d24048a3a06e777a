import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { runAutocannon, runPaced } from "./load.js";
import { withServer } from "./run-bare.js";
import { fetchIdentifyForm, identifyRequests } from "./scenarios.js";
const work = mkdtempSync("/tmp/exp/dev-");
const engine = process.argv[2] ?? "pglite";
const where = engine === "pglite" ? join(work, "pglite") : (process.argv[3] ?? "");
await withServer(["sandi", engine, where, "off", work], work, async (server) => {
  const users = await server.call<string[]>("seedUsers", { prefix: "known", count: 1000 });
  await server.call("census", users);
  const next = identifyRequests(await fetchIdentifyForm(server.url), users);
  await runAutocannon({ url: server.url, connections: 50, seconds: 5, next });
  for (let i = 0; i < 3; i++) {
    await server.call("takeLoopStats");
    const r = await runPaced({ url: server.url, rate: 200, seconds: 5, next });
    const loop = await server.call<Record<string, number>>("takeLoopStats");
    console.log(`paced rps ${r.rps.toFixed(0)} p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} | loop`, JSON.stringify(Object.fromEntries(Object.entries(loop).map(([k, v]) => [k, Math.round(v)]))));
  }
});
