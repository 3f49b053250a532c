// Which network an IP address is on: the public internet, this machine, the local link (where
// cloud metadata answers, 169.254.169.254), a private or carrier-grade NAT network, or nowhere
// one connects to. IPv6 forms that carry an IPv4 address (::ffff:a.b.c.d, 64:ff9b::/96, 2002::/16)
// are judged by that address, so a private address cannot hide behind them.
import { isIP } from 'node:net';

export type AddressClass = 'public' | 'loopback' | 'linkLocal' | 'private' | 'sharedNat' | 'reserved';

/** Four bytes of a dotted-quad IPv4 address (isIP checked it). */
function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

function ipv4Class(b: readonly number[]): AddressClass {
  const [a, c] = [b[0], b[1]];
  if (a === 127) return 'loopback';
  if (a === 169 && c === 254) return 'linkLocal';
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return 'private';
  if (a === 100 && c >= 64 && c <= 127) return 'sharedNat';
  // 0.0.0.0/8 ("this network": 0.0.0.0 reaches this machine), multicast, 240/4 and broadcast.
  if (a === 0 || a >= 224) return 'reserved';
  return 'public';
}

/** Eight 16-bit groups of an IPv6 address (isIP checked it; a zone such as %eth0 is dropped). */
function ipv6Groups(text: string): number[] {
  let t = text.split('%')[0];
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes its two groups (::ffff:102:304).
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(t);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    t = `${t.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (s: string): number[] => (s ? s.split(':').map((x) => parseInt(x, 16)) : []);
  const gap = t.indexOf('::');
  if (gap < 0) return parse(t);
  const front = parse(t.slice(0, gap));
  const back = parse(t.slice(gap + 2));
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function embeddedIpv4(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function ipv6Class(g: readonly number[]): AddressClass {
  const zeroUpTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'reserved';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (the old "compatible" form), 64:ff9b::a.b.c.d (NAT64).
  if (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return ipv4Class(embeddedIpv4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return ipv4Class(embeddedIpv4(g[6], g[7]));
  // 6to4 carries the IPv4 address of its relay in the next 32 bits.
  if (g[0] === 0x2002) return ipv4Class(embeddedIpv4(g[1], g[2]));
  if ((g[0] & 0xffc0) === 0xfe80) return 'linkLocal';
  // Unique local (fc00::/7) and the old site-local (fec0::/10).
  if ((g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfec0) return 'private';
  if ((g[0] & 0xff00) === 0xff00) return 'reserved';
  return 'public';
}

/** The class of an IP address (brackets allowed); undefined when `address` is not one. */
export function addressClass(address: string): AddressClass | undefined {
  const a = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(a.split('%')[0]);
  if (family === 4) return ipv4Class(ipv4Bytes(a));
  if (family === 6) return ipv6Class(ipv6Groups(a));
  return undefined;
}
