// httpmw.ExtractRealIP as coderd runs it with `--proxy-trusted-headers` and
// `--proxy-trusted-origins`: only a peer inside a trusted network may name the client, through
// the first trusted header that holds an address. Anyone else is taken to be the client itself.
// The result keys the per-address rate limits (the sign-in group's 60 a minute among them).
import { BlockList, isIP } from "node:net";

export interface RealIpConfig {
  /** Header names, tried in order (`--proxy-trusted-headers`). */
  headers: readonly string[];
  /** CIDR networks whose peers are proxies (`--proxy-trusted-origins`). */
  origins: readonly string[];
}

/** A CIDR as net.ParseCIDR reads it, or undefined. */
function parseCidr(
  cidr: string,
): { address: string; prefix: number; family: "ipv4" | "ipv6" } | undefined {
  const slash = cidr.indexOf("/");
  if (slash === -1) return undefined;
  const address = cidr.slice(0, slash);
  const bits = cidr.slice(slash + 1);
  const version = isIP(address);
  if (version === 0 || !/^[0-9]{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** ParseRealIPConfig's check: the message Coder's server gives for a bad origin. */
export function invalidOrigin(origins: readonly string[]): string | undefined {
  for (const origin of origins) {
    if (!parseCidr(origin)) {
      return `parse proxy origin ${JSON.stringify(origin)}: invalid CIDR address: ${origin}`;
    }
  }
  return undefined;
}

function blockListOf(origins: readonly string[]): BlockList {
  const list = new BlockList();
  for (const origin of origins) {
    const cidr = parseCidr(origin);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return list;
}

/** getRemoteAddress: one address, its port (if any) dropped; undefined when it is none. */
function parseAddress(value: string): string | undefined {
  let host = value;
  const bracketed = /^\[([^\]]+)\]:[0-9]*$/.exec(value);
  if (bracketed) host = bracketed[1] as string;
  else if (/^[^:]+:[0-9]*$/.test(value)) host = value.slice(0, value.indexOf(":"));
  if (host.startsWith("::ffff:") && isIP(host.slice(7)) === 4) host = host.slice(7);
  return isIP(host) === 0 ? undefined : host;
}

function contains(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * extractForwardedAddress: the rightmost address that is not a trusted proxy (what a client
 * prepends to spoof its address sits further left), or the leftmost when every hop is trusted.
 */
function forwardedAddress(list: BlockList, value: string): string | undefined {
  let leftmost: string | undefined;
  const parts = value.split(",");
  for (let i = parts.length - 1; i >= 0; i--) {
    const address = parseAddress((parts[i] as string).trim());
    if (!address) continue;
    leftmost = address;
    if (!contains(list, address)) return address;
  }
  return leftmost;
}

/** The client address of a request whose TCP peer is `peer`. */
export function realClientIp(config: RealIpConfig, peer: string, headers: Headers): string {
  const peerAddress = parseAddress(peer);
  if (!peerAddress) return peer;
  if (config.origins.length === 0 || config.headers.length === 0) return peerAddress;
  const list = blockListOf(config.origins);
  if (!contains(list, peerAddress)) return peerAddress;
  for (const name of config.headers) {
    // Headers.get joins repeated field lines with ", ", as Coder does for X-Forwarded-For.
    const value = headers.get(name);
    if (value === null) continue;
    const address = forwardedAddress(list, value);
    if (address) return address;
  }
  return peerAddress;
}
