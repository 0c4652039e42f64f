// Client addresses: the key a client's limits are counted under, and the per-address connection cap.
import net from 'node:net';

/**
 * The eight 16-bit groups of an IPv6 address in any textual form (`::`, leading zeros, upper case,
 * an embedded IPv4 tail, a `%zone`); undefined when it is not one.
 * @param {string} ip
 * @returns {number[]|undefined}
 */
export function ipv6Groups(ip) {
  const address = ip.replace(/%.*$/, '');
  if (!net.isIPv6(address)) return undefined;
  /** @param {string} part */
  const groups = (part) => {
    if (part === '') return [];
    const out = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const [a, b, c, d] = g.split('.').map(Number);
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const [head, tail] = address.split('::');
  const left = groups(head);
  if (tail === undefined) return left;
  const right = groups(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The key a client's limits are counted under: an IPv4 address as it is (also when written as an
 * IPv4-mapped IPv6 address), and for IPv6 its /64 written out in full — one /64 is one household or
 * phone, and its compressed text form differs from address to address inside it.
 * @param {string} ip
 */
export function clientKey(ip) {
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16).padStart(4, '0'))
    .join(':')}::/64`;
}

/** The ranges behind proxy-addr's names, for `trustProxy` lists that use them. */
const NAMED_RANGES = /** @type {Record<string, string[]>} */ ({
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
});

/**
 * Whether a connection comes from a proxy the config trusts (its connections carry many residents).
 * @param {false|number|string[]} trustProxy
 * @returns {(address: string) => boolean}
 */
export function trustedProxy(trustProxy) {
  if (trustProxy === false) return () => false;
  // A hop count trusts whoever connects: every connection is a proxy's.
  if (typeof trustProxy === 'number') return () => true;
  const list = new net.BlockList();
  for (const entry of trustProxy.flatMap((e) => NAMED_RANGES[e] ?? [e])) {
    const [address, prefix] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    const groups = ipv6Groups(address);
    const key = groups ? clientKey(address) : address;
    // IPv4-mapped addresses are checked as IPv4.
    if (groups && !key.endsWith('/64')) return list.check(key, 'ipv4');
    return list.check(address.replace(/%.*$/, ''), groups ? 'ipv6' : 'ipv4');
  };
}

/**
 * Closes at once every connection beyond `max` open ones from one client (one IPv4 address or IPv6
 * /64), so that one client cannot hold all the sockets. Connections from trusted proxies are not
 * counted (limit those at the proxy).
 * @param {import('node:net').Server} server
 * @param {number} max 0 = no cap
 * @param {(address: string) => boolean} exempt
 * @param {(entry: Record<string, unknown>) => void} log
 */
export function capConnections(server, max, exempt, log) {
  if (max <= 0) return;
  /** @type {Map<string, number>} */
  const open = new Map();
  let warned = 0;
  server.on('connection', (/** @type {net.Socket} */ socket) => {
    const address = socket.remoteAddress;
    if (!address || exempt(address)) return;
    const key = clientKey(address);
    const n = open.get(key) ?? 0;
    if (n >= max) {
      socket.destroy();
      // One line a minute at most: the log must not become the next thing to flood.
      if (Date.now() - warned > 60_000) {
        warned = Date.now();
        log({ level: 'warn', msg: 'connections refused: one client holds too many', limit: max });
      }
      return;
    }
    open.set(key, n + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
