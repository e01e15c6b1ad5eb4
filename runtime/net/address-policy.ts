// SSRF defence: which addresses egress may connect to, and a DNS lookup that
// checks every address a name resolves to and hands the socket exactly the
// address it checked, so a second resolution (DNS rebinding) never happens.
//
// Fail closed: a name with any non-public address among its answers is
// refused, even if another answer is public, because which one a client or a
// retry uses is not ours to choose. An address is let through anyway only
// when the caller's `allow` predicate says so (a route whose host is that IP).
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';
import { EgressRefusedError } from '../errors.ts';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

/**
 * Cloud instance-metadata endpoints. Most sit inside a range that is refused
 * anyway; naming them gives a clearer refusal and covers the ones that do not.
 */
const METADATA_V4 = new Set([
  '169.254.169.254', // AWS, GCP, Azure, DigitalOcean, OpenStack
  '169.254.170.2', // AWS ECS task credentials
  '169.254.170.23', // AWS EKS pod identity
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud
]);
const METADATA_V6 = new Set(['fd00:ec2::254', 'fd00:ec2::23']);

function classifyV4(a: ipaddr.IPv4): AddressClass {
  if (METADATA_V4.has(a.toString())) return 'metadata';
  switch (a.range() as string) {
    case 'unicast':
    case 'as112': // globally reachable special-purpose ranges (IANA)
    case 'amt':
      return 'public';
    case 'loopback':
      return 'loopback';
    case 'private':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    case 'carrierGradeNat':
      return 'cgnat';
    case 'unspecified':
      return 'unspecified';
    case 'multicast':
      return 'multicast';
    default: // broadcast, documentation, benchmarking, 240/4, 192.0.0/24 …
      return 'reserved';
  }
}

function v4From(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function classifyV6(a: ipaddr.IPv6): AddressClass {
  const p = a.parts;
  if (METADATA_V6.has(new ipaddr.IPv6(p).toString())) return 'metadata';
  switch (a.range() as string) {
    // Forms that carry an IPv4 address the packet really goes to: judge that.
    case 'ipv4Mapped': // ::ffff:a.b.c.d (ipaddr.js also reads deprecated ::a.b.c.d this way)
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return classifyV4(v4From(p[6]!, p[7]!));
    case 'rfc6052': // NAT64 well-known prefix 64:ff9b::/96; the local-use 64:ff9b:1::/48 is network-specific
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? classifyV4(v4From(p[6]!, p[7]!)) : 'reserved';
    case '6to4': // 2002:aabb:ccdd::/48
      return classifyV4(v4From(p[1]!, p[2]!));
    case 'unicast': // global unicast is 2000::/3 only; the rest (::/8 IPv4-compatible …) is not routable
      return (p[0]! & 0xe000) === 0x2000 ? 'public' : 'reserved';
    case 'amt':
    case 'as112v6':
      return 'public';
    case 'loopback':
      return 'loopback';
    case 'linkLocal':
      return 'link-local';
    case 'uniqueLocal':
      return 'unique-local';
    case 'deprecatedSiteLocal':
      return 'private';
    case 'unspecified':
      return 'unspecified';
    case 'multicast':
      return 'multicast';
    default: // teredo (the client address is obfuscated), documentation, benchmarking, ORCHID, discard …
      return 'reserved';
  }
}

function stripBrackets(host: string): string {
  return host.length > 1 && host[0] === '[' && host[host.length - 1] === ']' ? host.slice(1, -1) : host;
}

function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const text = stripBrackets(ip);
  if (!ipaddr.isValid(text)) return null;
  return ipaddr.parse(text);
}

/** Class of an IP address (IPv4, IPv6, bracketed, v4-mapped, NAT64, 6to4); anything unparsable is `reserved`. */
export function classifyAddress(ip: string): AddressClass {
  const a = parseAddress(ip);
  if (!a) return 'reserved';
  return a.kind() === 'ipv4' ? classifyV4(a as ipaddr.IPv4) : classifyV6(a as ipaddr.IPv6);
}

/**
 * The comparison key of an address: canonical text, an IPv4-mapped IPv6
 * address as its IPv4 form, null for text that is not an address. Also reads
 * the lenient IPv4 forms `getaddrinfo` accepts (`127.1`, `0x7f.0.0.1`).
 */
export function addressKey(ip: string): string | null {
  const a = parseAddress(ip);
  if (!a) return null;
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) return (a as ipaddr.IPv6).toIPv4Address().toString();
  return a.kind() === 'ipv6' ? new ipaddr.IPv6((a as ipaddr.IPv6).parts).toString() : a.toString();
}

/** An `allow` predicate from a list of addresses, e.g. a route table's `allowedAddresses`. */
export function addressAllowList(ips: Iterable<string>): (ip: string) => boolean {
  const keys = new Set<string>();
  for (const ip of ips) {
    const k = addressKey(ip);
    if (k) keys.add(k);
  }
  if (keys.size === 0) return () => false;
  return (ip) => {
    const k = addressKey(ip);
    return k !== null && keys.has(k);
  };
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** The shape of `dns.lookup` with `{all: true}`; tests pass a stub. */
export type Resolver = (
  hostname: string,
  options: { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: ResolvedAddress[]) => void,
) => void;

export type CheckedAddress =
  | {
      ok: true;
      /** The first resolved address: connect to this one. */
      address: string;
      family: 4 | 6;
      /** Every resolved address, all of them checked. */
      addresses: ReadonlyArray<{ address: string; family: 4 | 6 }>;
    }
  | {
      ok: false;
      rule: 'egress.ssrf' | 'proxy.dns-failure';
      reason: string;
      /** For `egress.ssrf`: the refused address and its class. */
      address?: string;
      addressClass?: AddressClass;
    };

function checkOne(hostname: string, address: string, allow: (ip: string) => boolean): CheckedAddress | null {
  const cls = classifyAddress(address);
  if (cls === 'public' || allow(address)) return null;
  const via = stripBrackets(hostname) === address ? '' : ` (${hostname} resolves to it)`;
  return {
    ok: false,
    rule: 'egress.ssrf',
    reason: `address ${address} is ${cls}${via}; egress reaches it only when a route names that address`,
    address,
    addressClass: cls,
  };
}

function familyOf(address: string): 4 | 6 {
  return net.isIPv6(address) ? 6 : 4;
}

/** An IP literal host, checked without DNS; null when `host` is a name. */
function literal(host: string, allow: (ip: string) => boolean): CheckedAddress | null {
  const a = parseAddress(host);
  if (!a) return null;
  const address = a.toString();
  const refused = checkOne(host, address, allow);
  if (refused) return refused;
  const family = familyOf(address);
  return { ok: true, address, family, addresses: [{ address, family }] };
}

/**
 * Resolve `hostname` (every address, `{all: true}`) and check each one. IP
 * literals skip DNS but get the same check. Never rejects: a refusal or a DNS
 * failure comes back as `{ok: false}`.
 */
export async function checkedLookup(
  hostname: string,
  allow: (ip: string) => boolean,
  resolver: Resolver = dns.lookup,
): Promise<CheckedAddress> {
  const lit = literal(hostname, allow);
  if (lit) return lit;
  let answers: ResolvedAddress[];
  try {
    answers = await new Promise<ResolvedAddress[]>((resolve, reject) =>
      resolver(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
    );
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { ok: false, rule: 'proxy.dns-failure', reason: `${hostname} did not resolve (${code})` };
  }
  if (!Array.isArray(answers) || answers.length === 0) {
    return { ok: false, rule: 'proxy.dns-failure', reason: `${hostname} resolved to no address` };
  }
  const addresses: Array<{ address: string; family: 4 | 6 }> = [];
  for (const a of answers) {
    const refused = checkOne(hostname, a.address, allow);
    if (refused) return refused;
    addresses.push({ address: a.address, family: familyOf(a.address) });
  }
  return { ok: true, address: addresses[0]!.address, family: addresses[0]!.family, addresses };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
/** The `lookup` option of `net.connect`, `tls.connect` and undici's `connect: {lookup}`. */
export type LookupFunction = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` that runs `checkedLookup` and gives the socket only checked
 * addresses: the check and the connection use one resolution. A refusal
 * surfaces as an `EgressRefusedError` from the connect attempt. Handles both
 * call forms Node uses: single address, and `{all: true}` (autoSelectFamily,
 * the Node 20 default, which then tries every returned address).
 *
 * Node skips `lookup` for a host that is already an IP literal: check those
 * with `checkedLookup` before connecting, or use `checkedConnector`.
 */
export function createCheckedLookup(allow: (ip: string) => boolean, resolver: Resolver = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    void checkedLookup(hostname, allow, resolver).then((r) => {
      if (!r.ok) {
        callback(r.rule === 'egress.ssrf' ? new EgressRefusedError(r.rule, r.reason) : lookupError(hostname, r.reason), '', 0);
        return;
      }
      deliver(r.addresses, options, hostname, callback);
    });
  };
}

function deliver(
  addresses: ReadonlyArray<{ address: string; family: 4 | 6 }>,
  options: dns.LookupOptions,
  hostname: string,
  callback: LookupCallback,
): void {
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
  const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
  if (usable.length === 0) {
    callback(lookupError(hostname, `no IPv${family} address`), '', 0);
  } else if (options.all) {
    callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
  } else {
    callback(null, usable[0]!.address, usable[0]!.family);
  }
}

function lookupError(hostname: string, reason: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}: ${reason}`), { code: 'ENOTFOUND', hostname });
}

/**
 * An undici connector (`new Agent({connect: checkedConnector(allow)})`) that
 * checks every connection: names through `createCheckedLookup`, IP-literal
 * origins (which `net.connect` never passes to `lookup`) before connecting.
 */
export function checkedConnector(
  allow: (ip: string) => boolean,
  resolver: Resolver = dns.lookup,
  options: buildConnector.BuildOptions = {},
): buildConnector.connector {
  const connect = buildConnector({ ...options, lookup: createCheckedLookup(allow, resolver) } as buildConnector.BuildOptions);
  return (opts, callback) => {
    if (net.isIP(stripBrackets(opts.hostname))) {
      const r = literal(opts.hostname, allow);
      if (r && !r.ok) {
        queueMicrotask(() => callback(new EgressRefusedError(r.rule, r.reason), null));
        return;
      }
    }
    connect(opts, callback);
  };
}
