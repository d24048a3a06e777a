// Preloaded with `node --import` by test/cli/worker.int.test.ts: appends the URL of every module the process loads
// (after tsx resolves it) to the file named by SANDI_TEST_LOADED_MODULES, so a test can see what a command pulled in.
import { appendFileSync } from "node:fs";
import { registerHooks } from "node:module";

const log = process.env.SANDI_TEST_LOADED_MODULES;
if (log !== undefined)
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
