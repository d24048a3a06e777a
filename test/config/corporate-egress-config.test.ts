/**
 * Threat: a typo in the corporate egress list (`10.0.0/8`, `2001:db8::/129`) is ignored or misread at start, and an
 * office is either throttled as one attacker or some other network gets tenfold limits. A bad entry stops the load
 * with its path; good ones, from the file or the environment, load as given.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadConfig } from "../../src/config/load-config.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sandi-config-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function loadWith(networks: unknown, env: NodeJS.ProcessEnv = {}) {
  writeFileSync(join(cwd, "sandi.yaml"), stringify({ throttle: { corporateEgressNetworks: networks } }));
  return loadConfig({ env, cwd });
}

describe("throttle.corporateEgressNetworks", () => {
  it("is empty by default", () => {
    const result = loadConfig({ env: {}, cwd });
    expect(result.ok && result.config.throttle.corporateEgressNetworks).toEqual([]);
  });

  it("loads IPv4 and IPv6 addresses and CIDRs as given", () => {
    const networks = ["198.51.100.0/24", "203.0.113.7", "2001:db8:1::/48", "::ffff:192.0.2.0/120"];
    const result = loadWith(networks);
    expect(result.ok && result.config.throttle.corporateEgressNetworks).toEqual(networks);
  });

  it("a bad CIDR stops the load, and the error lists its path", () => {
    const result = loadWith(["198.51.100.0/24", "10.0.0/8", "2001:db8::/129", "office", 7]);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((error) => error.path)).toEqual([
      "throttle.corporateEgressNetworks.1",
      "throttle.corporateEgressNetworks.2",
      "throttle.corporateEgressNetworks.3",
      "throttle.corporateEgressNetworks.4",
    ]);
    expect(errors[0]?.message).toBe("must be an IPv4 or IPv6 address or CIDR, such as 203.0.113.0/24 or 2001:db8::/48");
    expect(errors[3]?.message).toBe("must be a string");
  });

  it("takes a comma-separated list from SANDI_THROTTLE__CORPORATEEGRESSNETWORKS, and names the variable on error", () => {
    const good = loadConfig({
      env: { SANDI_THROTTLE__CORPORATEEGRESSNETWORKS: "198.51.100.0/24, 2001:db8::/32" },
      cwd,
    });
    expect(good.ok && good.config.throttle.corporateEgressNetworks).toEqual(["198.51.100.0/24", "2001:db8::/32"]);
    const bad = loadConfig({ env: { SANDI_THROTTLE__CORPORATEEGRESSNETWORKS: "198.51.100.0/33" }, cwd });
    expect(bad.ok ? [] : bad.errors).toEqual([
      {
        path: "throttle.corporateEgressNetworks.0",
        message: expect.stringContaining("(from SANDI_THROTTLE__CORPORATEEGRESSNETWORKS)") as unknown,
      },
    ]);
  });
});
