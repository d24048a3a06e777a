import autocannon from "autocannon";
import { withServer } from "./run-bare.js";
import { plainPost } from "./scenarios.js";
await withServer(
  ["storage", "pglite", "/tmp/exp/pgcopy", "/tmp/sandi-bench-qteGmp/identify-pglite.json"],
  "/tmp/exp",
  async (server) => {
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      const lat: number[] = [];
      await new Promise<void>((resolve) => {
        const inst = autocannon(
          {
            url: server.url,
            connections: 50,
            duration: 4,
            requests: [{ setupRequest: (r) => ({ ...r, ...plainPost(), headers: { ...plainPost().headers } }) }],
          },
          () => resolve(),
        );
        inst.on("response", (_c, _s, _b, rt) => {
          lat.push(rt);
        });
      });
      lat.sort((a, b) => a - b);
      console.log(
        "rps",
        (lat.length / ((performance.now() - t0) / 1000)).toFixed(0),
        "p50",
        lat[lat.length >> 1]?.toFixed(1),
        "p99",
        lat[Math.floor(lat.length * 0.99)]?.toFixed(1),
        "max",
        lat.at(-1)?.toFixed(0),
      );
    }
  },
);
