import { readFileSync } from "node:fs";
import { connectPGlite } from "../src/store/connect.js";
import { replayStep, type CapturedStep } from "./sql-capture.js";
const step = JSON.parse(readFileSync("/tmp/sandi-bench-qteGmp/identify-pglite.json", "utf8")) as CapturedStep;
const h = await connectPGlite("/tmp/exp/pgcopy");
let n = 0;
for (let i = 0; i < 300; i++) await replayStep(h.db, step, `10.7.${i >> 8}.${i & 255}`);
for (const mode of ["immediate", "timeout"]) {
  const t = performance.now();
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() - t < 3000) {
        const s = performance.now();
        await replayStep(h.db, step, `10.6.${(n >> 8) & 255}.${n++ & 255}`);
        lat.push(performance.now() - s);
        await new Promise((r) => (mode === "immediate" ? setImmediate(r) : setTimeout(r, 0)));
      }
    }),
  );
  lat.sort((a, b) => a - b);
  console.log(
    mode,
    "rps",
    (lat.length / ((performance.now() - t) / 1000)).toFixed(0),
    "p50",
    lat[lat.length >> 1]?.toFixed(1),
    "p99",
    lat[Math.floor(lat.length * 0.99)]?.toFixed(1),
    "max",
    lat.at(-1)?.toFixed(0),
  );
}
await h.close();
