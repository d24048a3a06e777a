/** Runs `sandi` console commands against a test app's database, as the control socket would; each must succeed. */
import { expect } from "vitest";
import { createServerCommandRunner } from "../../src/cli/cli.js";
import { composeCommandServices } from "../../src/compose-admin.js";
import { createArgon2idHasher } from "../../src/lib/crypto/argon2id.js";
import { createSecureRandom } from "../../src/lib/random.js";
import type { TestApp } from "./build-test-app.js";

/** A runner for `t`: `await sandi("policy", "set", "scope", "all")` returns what the command printed. */
export function consoleCommandsOn(t: () => TestApp): (...argv: string[]) => Promise<string> {
  return async (...argv) => {
    const app = t();
    const services = composeCommandServices({
      db: app.db,
      config: app.config,
      clock: app.clock,
      random: createSecureRandom(),
      hasher: createArgon2idHasher({ maxInFlight: 2, maxWaiting: 10 }),
      instance: "test-host",
    });
    const run = createServerCommandRunner({ ...services, config: app.config });
    const lines: string[] = [];
    const code = await run(argv, { out: (line) => lines.push(line), err: (line) => lines.push(line) });
    expect(code, `${argv.join(" ")}: ${lines.join("\n")}`).toBe(0);
    return lines.join("\n");
  };
}
