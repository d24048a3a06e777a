/** Addresses and networks: what parses, what does not, and who is inside. */
import { describe, expect, it } from "vitest";
import { isInAnyNetwork, parseCidr, parseIpAddress, parseNetworks } from "../../src/lib/cidr.js";

describe("parseIpAddress", () => {
  it("reads IPv4, IPv6 in its short and long forms, and IPv4-mapped IPv6 as IPv4", () => {
    expect(parseIpAddress("192.0.2.1")).toEqual({ version: 4, address: "192.0.2.1" });
    expect(parseIpAddress("2001:db8::1")).toEqual({ version: 6, address: "2001:db8::1" });
    expect(parseIpAddress("2001:0db8:0000:0000:0000:0000:0000:0001")).toEqual(parseIpAddress("2001:db8::1"));
    expect(parseIpAddress("::")).toEqual({ version: 6, address: "::" });
    expect(parseIpAddress("::1")).toEqual({ version: 6, address: "::1" });
    expect(parseIpAddress("1::")).toEqual({ version: 6, address: "1::" });
    expect(parseIpAddress("64:ff9b::192.0.2.1")).toEqual({ version: 6, address: "64:ff9b::c000:201" });
    expect(parseIpAddress("::ffff:192.0.2.1")).toEqual({ version: 4, address: "192.0.2.1" });
    expect(parseIpAddress("::FFFF:C000:0201")).toEqual({ version: 4, address: "192.0.2.1" });
  });

  it("refuses what is not an address", () => {
    const bad = [
      "",
      "1.2.3",
      "1.2.3.4.5",
      "256.0.0.1",
      "01.2.3.4",
      "1.2.3.4 ",
      "a.b.c.d",
      "1:2:3:4:5:6:7",
      "1::2::3",
      ":1::",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7::8",
      "12345::",
      "fe80::1%eth0",
      "[::1]",
      "1.2.3.4::",
      "::1.2.3",
    ];
    for (const text of bad) expect(parseIpAddress(text), text).toBeNull();
  });
});

describe("parseCidr", () => {
  it("reads address/prefix, takes a bare address as a network of one, and ignores host bits", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({ version: 4, address: "10.1.2.3", prefix: 8 });
    expect(isInAnyNetwork(parseNetworks(["10.1.2.3/8"]), "10.200.0.1")).toBe(true);
    expect(isInAnyNetwork(parseNetworks(["10.1.2.3/8"]), "11.0.0.1")).toBe(false);
    expect(parseCidr("203.0.113.7")).toEqual({ version: 4, address: "203.0.113.7", prefix: 32 });
    expect(parseCidr("0.0.0.0/0")).toEqual({ version: 4, address: "0.0.0.0", prefix: 0 });
    expect(parseCidr("2001:db8:1::/48")).toEqual({ version: 6, address: "2001:db8:1::", prefix: 48 });
    expect(parseCidr("2001:db8::5")).toMatchObject({ version: 6, prefix: 128 });
    // An IPv4-mapped network counts its prefix in IPv6 bits.
    expect(parseCidr("::ffff:192.0.2.0/120")).toEqual({ version: 4, address: "192.0.2.0", prefix: 24 });
  });

  it("refuses prefixes out of range or badly written, and anything that is not a network", () => {
    const bad = [
      "10.0.0.0/33",
      "10.0.0.0/-1",
      "10.0.0.0/",
      "10.0.0.0/08",
      "10.0.0.0/8/8",
      "2001:db8::/129",
      "10.0.0/8",
      "office",
      "::ffff:192.0.2.0/95",
      "/24",
    ];
    for (const text of bad) expect(parseCidr(text), text).toBeNull();
  });
});

describe("isInAnyNetwork", () => {
  const networks = parseNetworks(["198.51.100.0/24", "2001:db8:1::/48", "192.0.2.7"]);

  it("finds IPv4 and IPv6 addresses inside, mapped addresses as IPv4, and nothing outside", () => {
    for (const inside of ["198.51.100.0", "198.51.100.255", "::ffff:198.51.100.9", "2001:db8:1:ffff::1", "192.0.2.7"])
      expect(isInAnyNetwork(networks, inside), inside).toBe(true);
    for (const outside of ["198.51.101.0", "198.51.99.255", "2001:db8:2::1", "192.0.2.8", "::c633:6409", "junk"])
      expect(isInAnyNetwork(networks, outside), outside).toBe(false);
  });

  it("an empty list holds nobody", () => {
    expect(isInAnyNetwork([], "198.51.100.1")).toBe(false);
  });
});

describe("parseNetworks", () => {
  it("names the entry it cannot read", () => {
    expect(() => parseNetworks(["198.51.100.0/24", "10.0.0/8"])).toThrow('not an IP address or CIDR: "10.0.0/8"');
  });
});
