/** A valid configuration from the schema's defaults, with test overrides merged in. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../../src/config/config.schema.js";
import { loadConfig } from "../../src/config/load-config.js";

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

function merge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    const bothObjects =
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      typeof current === "object" &&
      current !== null;
    out[key] = bothObjects ? merge(current as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

/** The default configuration (response floors off unless asked) with `overrides`. */
export function testConfig(overrides: DeepPartial<Config> = {}): Config {
  const loaded = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), "sandi-config-")) });
  if (!loaded.ok) throw new Error(`default config invalid: ${JSON.stringify(loaded.errors)}`);
  const base = structuredClone(loaded.config) as unknown as Record<string, unknown>;
  const testDefaults = {
    reset: { identifyFloorMilliseconds: 0, gateFloorMilliseconds: 0, floorJitterMilliseconds: 0 },
    log: { level: "silent" },
    // Fixtures written before registration give users one verified email: one method registers them here. Tests of
    // the interrupt and registration set methodsToRegister themselves where the number matters.
    // SPEC §3's default puts the action choice (§6.5) after identify; the journeys written before it go straight to
    // the gate, so tests of the choice and of unlock only turn it on themselves.
    policy: { methodsToRegister: "1", unlockWithoutReset: "no" },
  };
  return merge(merge(base, testDefaults), overrides) as unknown as Config;
}
