// Which IP addresses a fetch may reach: public unicast only. Every IANA special-purpose range of
// both families is refused (loopback, private, link-local, shared, documentation, benchmarking,
// reserved, multicast), and an IPv6 address that carries an IPv4 one (mapped, compatible,
// translated, NAT64, 6to4, Teredo) is judged by the IPv4 address it carries, in whatever notation
// it is written: "::ffff:127.0.0.1", "::ffff:7f00:1" and "0:0:0:0:0:ffff:7f00:1" are one address.
// Sources: the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates).

/** An IPv4 range as [first address, prefix length]; the address as a 32-bit number. */
type V4Range = readonly [number, number];

const v4 = (dotted: string, bits: number): V4Range => [parseIPv4(dotted)!, bits];

/** IPv4 ranges no news page is fetched from. */
const V4_SPECIAL: readonly V4Range[] = [
  v4('0.0.0.0', 8), // "this network"
  v4('10.0.0.0', 8), // private
  v4('100.64.0.0', 10), // shared address space (carrier-grade NAT)
  v4('127.0.0.0', 8), // loopback
  v4('169.254.0.0', 16), // link-local (cloud metadata services live here)
  v4('172.16.0.0', 12), // private
  v4('192.0.0.0', 24), // IETF protocol assignments
  v4('192.0.2.0', 24), // documentation (TEST-NET-1)
  v4('192.31.196.0', 24), // AS112-v4
  v4('192.52.193.0', 24), // AMT
  v4('192.88.99.0', 24), // 6to4 relay anycast (deprecated)
  v4('192.168.0.0', 16), // private
  v4('192.175.48.0', 24), // AS112 direct delegation
  v4('198.18.0.0', 15), // benchmarking
  v4('198.51.100.0', 24), // documentation (TEST-NET-2)
  v4('203.0.113.0', 24), // documentation (TEST-NET-3)
  v4('224.0.0.0', 4), // multicast
  v4('240.0.0.0', 4), // reserved, and the limited broadcast address
];

/**
 * The IPv4 address as a 32-bit number, in the forms a URL parser accepts (RFC 3986 dotted quad,
 * and the inet_aton forms WHATWG URL still reads: "127.1", "0x7f.0.0.1", "0177.0.0.1",
 * "2130706433"); null when it is not one.
 */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = /^0x[0-9a-f]*$/i.test(part)
      ? part.length === 2
        ? 0
        : Number.parseInt(part.slice(2), 16)
      : /^0[0-7]+$/.test(part)
        ? Number.parseInt(part.slice(1), 8)
        : /^(?:0|[1-9][0-9]*)$/.test(part)
          ? Number(part)
          : Number.NaN;
    if (!Number.isFinite(n)) return null;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, IPv4 tail allowed); null when it is not one. */
export function parseIPv6(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        // Only the strict dotted quad here: "::ffff:1.2.3.4".
        if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(piece)) return null;
        const value = parseIPv4(piece.replace(/(?<=^|\.)0+(?=\d)/g, ''));
        if (value === null) return null;
        out.push(value >>> 16, value & 0xffff);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(Number.parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}

function inV4(address: number, [first, bits]: V4Range): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (address & mask) >>> 0 === (first & mask) >>> 0;
}

function isSpecialV4(address: number): boolean {
  return V4_SPECIAL.some((range) => inV4(address, range));
}

/** The IPv4 address in groups `i` and `i + 1`. */
const v4At = (groups: readonly number[], i: number): number => groups[i]! * 0x10000 + groups[i + 1]!;

/** The IPv4 addresses an IPv6 address carries and is reached through; empty for a plain IPv6 address. */
function embeddedV4(g: readonly number[]): number[] | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // ::a.b.c.d (compatible, deprecated), ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated)
  if (zeros(0, 5) && (g[5] === 0 || g[5] === 0xffff)) return [v4At(g, 6)];
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return [v4At(g, 6)];
  // NAT64 well-known prefix 64:ff9b::/96: the gateway reaches the IPv4 address in the last 32 bits.
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return [v4At(g, 6)];
  // 6to4 2002::/16: the IPv4 address follows the prefix.
  if (g[0] === 0x2002) return [v4At(g, 1)];
  // Teredo 2001::/32: the server's IPv4 address, and the client's with every bit flipped.
  if (g[0] === 0x2001 && g[1] === 0) return [v4At(g, 2), (v4At(g, 6) ^ 0xffffffff) >>> 0];
  return null;
}

/** IPv6 ranges inside global unicast (2000::/3) that are special: [first groups, prefix length]. */
const V6_SPECIAL_IN_GLOBAL: readonly (readonly [readonly number[], number])[] = [
  [[0x2001, 0], 23], // IETF protocol assignments (benchmarking 2001:2::/48, ORCHID, AMT, ...)
  [[0x2001, 0xdb8], 32], // documentation
  [[0x2620, 0x4f, 0x8000], 48], // AS112 direct delegation
  [[0x3fff], 20], // documentation (RFC 9637)
];

function inV6(g: readonly number[], [first, bits]: readonly [readonly number[], number]): boolean {
  for (let i = 0; i * 16 < bits; i++) {
    const take = Math.min(16, bits - i * 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((g[i]! ^ (first[i] ?? 0)) & mask) !== 0) return false;
  }
  return true;
}

/**
 * True unless `address` is a public unicast IPv4 or IPv6 address: loopback, private, link-local,
 * shared, documentation, benchmarking, reserved, multicast, NAT64 local-use, and IPv6 forms that
 * carry such an IPv4 address. Anything that is not an IP address at all counts as private too:
 * the check fails closed.
 */
export function isPrivateAddress(address: string): boolean {
  const text = address.trim();
  if (!text.includes(':')) {
    const value = parseIPv4(text);
    return value === null || isSpecialV4(value);
  }
  const groups = parseIPv6(text);
  if (!groups) return true;
  const carried = embeddedV4(groups);
  if (carried) return carried.some(isSpecialV4);
  // Outside 2000::/3 nothing is global unicast: unspecified, loopback, discard-only 100::/64,
  // NAT64 local-use 64:ff9b:1::/48, SRv6 5f00::/16, unique local fc00::/7, link-local fe80::/10,
  // site-local fec0::/10, multicast ff00::/8, and the unassigned rest.
  if ((groups[0]! & 0xe000) !== 0x2000) return true;
  return V6_SPECIAL_IN_GLOBAL.some((range) => inV6(groups, range));
}
