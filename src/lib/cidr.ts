/**
 * IPv4 and IPv6 addresses and networks (CIDR): parsing and membership, no I/O. Node does the work: `node:net`'s
 * `isIP` and `SocketAddress` read and canonicalise addresses, and its `BlockList` answers membership (IPv4-mapped
 * IPv6 addresses included); this module adds only the CIDR syntax and the rules Sandi's settings need.
 */
import { BlockList, isIP, SocketAddress } from "node:net";

/** An address in its canonical text. IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are IPv4. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly address: string;
}

/** A network: an address and a prefix length (in the address's own bits). */
export interface IpNetwork extends IpAddress {
  readonly prefix: number;
}

const PREFIX = /^(0|[1-9]\d{0,2})$/;
const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/;
const MAPPED_PREFIX_BITS = 96;

function bitsOf(version: 4 | 6): number {
  return version === 4 ? 32 : 128;
}

/** Parses an IPv4 or IPv6 address (no zone, no brackets); null when it is not one. */
export function parseIpAddress(text: string): IpAddress | null {
  // Node accepts a zone (`fe80::1%eth0`); a setting or a peer address with one is not what Sandi compares.
  const version = text.includes("%") ? 0 : isIP(text);
  if (version === 4) return { version, address: text };
  if (version !== 6) return null;
  const canonical = new SocketAddress({ address: text, family: "ipv6" }).address;
  const mapped = MAPPED_IPV4.exec(canonical)?.[1];
  return mapped === undefined ? { version, address: canonical } : { version: 4, address: mapped };
}

/**
 * Parses `address/prefix`, or a bare address as a network of one; null when it is neither. Bits after the prefix
 * are ignored (`10.1.2.3/8` holds 10.0.0.0 to 10.255.255.255), as most network tools read it.
 */
export function parseCidr(text: string): IpNetwork | null {
  const [addressText = "", prefixText, extra] = text.trim().split("/");
  if (extra !== undefined || (prefixText !== undefined && !PREFIX.test(prefixText))) return null;
  const address = parseIpAddress(addressText);
  if (address === null) return null;
  // A mapped network such as ::ffff:10.0.0.0/104 counts its prefix in IPv6 bits; as IPv4 it is 96 shorter.
  const writtenAsIPv6 = addressText.includes(":");
  const given = prefixText === undefined ? bitsOf(writtenAsIPv6 ? 6 : 4) : Number(prefixText);
  const prefix = address.version === 4 && writtenAsIPv6 ? given - MAPPED_PREFIX_BITS : given;
  if (prefix < 0 || prefix > bitsOf(address.version)) return null;
  return { ...address, prefix };
}

/** Node's BlockList of `networks`, built once per list. */
const blockLists = new WeakMap<readonly IpNetwork[], BlockList>();

function blockListOf(networks: readonly IpNetwork[]): BlockList {
  let list = blockLists.get(networks);
  if (list === undefined) {
    list = new BlockList();
    for (const network of networks)
      list.addSubnet(network.address, network.prefix, network.version === 4 ? "ipv4" : "ipv6");
    blockLists.set(networks, list);
  }
  return list;
}

/** True when the address text lies inside any of `networks`; an unparsable address is in none. */
export function isInAnyNetwork(networks: readonly IpNetwork[], addressText: string): boolean {
  if (networks.length === 0) return false;
  const address = parseIpAddress(addressText);
  return address !== null && blockListOf(networks).check(address.address, address.version === 4 ? "ipv4" : "ipv6");
}

/** Parses every entry; throws naming the first that is not an address or CIDR (callers validate earlier). */
export function parseNetworks(texts: readonly string[]): IpNetwork[] {
  return texts.map((text) => {
    const network = parseCidr(text);
    if (network === null) throw new RangeError(`not an IP address or CIDR: ${JSON.stringify(text)}`);
    return network;
  });
}
