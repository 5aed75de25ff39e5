/**
 * What a per-address limit counts: one IPv4 address, or one IPv6 /64. An IPv6 subscriber is routinely given a whole
 * /64 (2^64 addresses), so counting single IPv6 addresses would let one visitor take a fresh address per request
 * and never meet a limit. IPv4-mapped IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address it carries.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function addressKey(ip: string): string {
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  const groups = expandIPv6(ip);
  const mapped = groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff';
  if (mapped) {
    const [high, low] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)];
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** Eight lower-case hex groups without leading zeros, whatever the notation (`::`, embedded IPv4, zone id). */
function expandIPv6(ip: string): string[] {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const embeddedIPv4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (embeddedIPv4) {
    const [a, b, c, d] = embeddedIPv4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, embeddedIPv4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16).toString(16));
}
