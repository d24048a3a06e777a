import { runAutocannon } from "./load.js";
import { plainPost } from "./scenarios.js";
for (let i = 0; i < 2; i++) {
  const r = await runAutocannon({ url: "http://127.0.0.1:4555", connections: 50, seconds: 4, next: plainPost });
  console.log(r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), JSON.stringify(await (await fetch("http://127.0.0.1:4555/stats")).json()));
}
