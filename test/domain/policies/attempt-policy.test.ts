/** The per-IP limits of SPEC §8.2: I1 and I2 as written, ten times them inside a corporate egress network. */
import { describe, expect, it } from "vitest";
import { ipLimitsFor } from "../../../src/domain/policies/attempt-policy.js";
import { DEFAULT_FLOOD_SETTINGS } from "../../../src/domain/policies/flood-limits.js";
import { parseNetworks } from "../../../src/lib/cidr.js";

const OFFICES = parseNetworks(["198.51.100.0/24", "2001:db8:1::/48"]);

describe("ipLimitsFor", () => {
  it("gives an ordinary IP SPEC's I1 (30 per 10 min for the harder CAPTCHA, 100 per hour) and I2 (20 per hour)", () => {
    const limits = ipLimitsFor("203.0.113.5", OFFICES, DEFAULT_FLOOD_SETTINGS);
    expect(limits.identify).toMatchObject({ hardAfter: 30, hardWindowSeconds: 600, blockAfter: 100 });
    expect(limits.identify).toMatchObject({ blockWindowSeconds: 3600, blockSeconds: 3600, hardSeconds: 3600 });
    expect(limits.codes).toEqual({ limit: 20, windowSeconds: 3600 });
  });

  it("gives an IP inside a corporate egress network ten times the counts, over the same windows", () => {
    for (const ip of ["198.51.100.77", "2001:db8:1:9::1", "::ffff:198.51.100.77"]) {
      const limits = ipLimitsFor(ip, OFFICES, DEFAULT_FLOOD_SETTINGS);
      expect(limits.identify, ip).toMatchObject({ hardAfter: 300, hardWindowSeconds: 600, blockAfter: 1000 });
      expect(limits.identify, ip).toMatchObject({ blockWindowSeconds: 3600, blockSeconds: 3600, hardSeconds: 3600 });
      expect(limits.codes, ip).toEqual({ limit: 200, windowSeconds: 3600 });
    }
  });

  it("takes the counts from the policy's flood settings, ten times them for a corporate egress network", () => {
    const flood = {
      ...DEFAULT_FLOOD_SETTINGS,
      identifyPerIpPer10Minutes: 7,
      identifyPerIpPerHour: 40,
      codesPerIpPerHour: 9,
    };
    expect(ipLimitsFor("203.0.113.5", OFFICES, flood).identify).toMatchObject({ hardAfter: 7, blockAfter: 40 });
    expect(ipLimitsFor("203.0.113.5", OFFICES, flood).codes).toEqual({ limit: 9, windowSeconds: 3600 });
    expect(ipLimitsFor("198.51.100.77", OFFICES, flood).identify).toMatchObject({ hardAfter: 70, blockAfter: 400 });
    expect(ipLimitsFor("198.51.100.77", OFFICES, flood).codes.limit).toBe(90);
  });
});
