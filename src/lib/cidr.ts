/** IPv4 and IPv6 addresses and networks (CIDR) as plain data: parsing and membership, no I/O. */

/** An address as its version and its bits. IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are IPv4. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** A network: its first address (host bits cleared) and its prefix length. */
export interface IpNetwork extends IpAddress {
  readonly prefix: number;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;
const PREFIX = /^(0|[1-9]\d{0,2})$/;

function bitsOf(version: 4 | 6): number {
  return version === 4 ? 32 : 128;
}

function parseIPv4Bits(text: string): bigint | null {
  const octets = text.split(".");
  if (octets.length !== 4 || !octets.every((octet) => IPV4_OCTET.test(octet))) return null;
  return octets.reduce((bits, octet) => (bits << 8n) | BigInt(octet), 0n);
}

/** The 16-bit groups of one side of `::`; a dotted IPv4 tail counts as two groups. */
function ipv6Groups(side: string, allowIPv4Tail: boolean): bigint[] | null {
  if (side === "") return [];
  const parts = side.split(":");
  const last = parts.at(-1) ?? "";
  const tail = allowIPv4Tail && last.includes(".") ? parseIPv4Bits(last) : null;
  if (last.includes(".") && tail === null) return null;
  const groups = tail === null ? parts : parts.slice(0, -1);
  if (!groups.every((group) => IPV6_GROUP.test(group))) return null;
  const values = groups.map((group) => BigInt(`0x${group}`));
  return tail === null ? values : [...values, tail >> 16n, tail & 0xffffn];
}

function parseIPv6Bits(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const [head = "", tail] = halves;
  const headGroups = ipv6Groups(head, tail === undefined);
  const tailGroups = tail === undefined ? [] : ipv6Groups(tail, true);
  if (headGroups === null || tailGroups === null) return null;
  const count = headGroups.length + tailGroups.length;
  // Without `::` there must be 8 groups; with it, `::` stands for at least one.
  if (tail === undefined ? count !== 8 : count > 7) return null;
  const groups = [...headGroups, ...Array<bigint>(8 - count).fill(0n), ...tailGroups];
  return groups.reduce((bits, group) => (bits << 16n) | group, 0n);
}

/** Parses an IPv4 or IPv6 address (no zone, no brackets); null when it is not one. */
export function parseIpAddress(text: string): IpAddress | null {
  const v4 = parseIPv4Bits(text);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = text.includes(":") ? parseIPv6Bits(text) : null;
  if (v6 === null) return null;
  return v6 >> 32n === 0xffffn ? { version: 4, value: v6 & 0xffff_ffffn } : { version: 6, value: v6 };
}

function mask(version: 4 | 6, prefix: number): bigint {
  const bits = BigInt(bitsOf(version));
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/**
 * Parses `address/prefix`, or a bare address as a network of one; null when it is neither. Host bits after the
 * prefix are cleared (`10.1.2.3/8` is `10.0.0.0/8`), as most network tools read it.
 */
export function parseCidr(text: string): IpNetwork | null {
  const [addressText = "", prefixText, extra] = text.trim().split("/");
  if (extra !== undefined || (prefixText !== undefined && !PREFIX.test(prefixText))) return null;
  const address = parseIpAddress(addressText);
  if (address === null) return null;
  // A mapped network such as ::ffff:10.0.0.0/104 counts its prefix in IPv6 bits; as IPv4 it is 96 shorter.
  const written = addressText.includes(":") ? 6 : 4;
  const given = prefixText === undefined ? bitsOf(written) : Number(prefixText);
  const prefix = address.version === 4 && written === 6 ? given - 96 : given;
  if (prefix < 0 || prefix > bitsOf(address.version)) return null;
  return { version: address.version, value: address.value & mask(address.version, prefix), prefix };
}

/** True when `address` lies inside `network`. */
export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  if (network.version !== address.version) return false;
  return (address.value & mask(network.version, network.prefix)) === network.value;
}

/** True when the address text lies inside any of `networks`; an unparsable address is in none. */
export function isInAnyNetwork(networks: readonly IpNetwork[], addressText: string): boolean {
  if (networks.length === 0) return false;
  const address = parseIpAddress(addressText);
  return address !== null && networks.some((network) => networkContains(network, address));
}

/** Parses every entry; throws naming the first that is not an address or CIDR (callers validate earlier). */
export function parseNetworks(texts: readonly string[]): IpNetwork[] {
  return texts.map((text) => {
    const network = parseCidr(text);
    if (network === null) throw new RangeError(`not an IP address or CIDR: ${JSON.stringify(text)}`);
    return network;
  });
}
