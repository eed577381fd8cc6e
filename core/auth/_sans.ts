/**
 * The names the serving certificate must cover. Kubernetes clients reach the API server by loopback,
 * by the host's name and addresses, and from inside pods by the `kubernetes` Service's DNS names.
 *
 * @module
 */
import { canonicalIp } from "./_ip.ts";

/** Subject alternative names split the way X.509 stores them, canonical, deduplicated and sorted. */
export type SubjectAltNames = { dnsNames: string[]; ipAddresses: string[] };

/** The Service names pods use for the API server (cluster domain cluster.local, as kubeadm defaults). */
export const KUBERNETES_SERVICE_NAMES = [
  "kubernetes",
  "kubernetes.default",
  "kubernetes.default.svc",
  "kubernetes.default.svc.cluster.local",
] as const;

// A DNS name, optionally a leading wildcard label; underscores appear in real hostnames, so allowed.
const DNS_NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * Splits names into DNS names and IP addresses (an entry that parses as an address is one). Throws on
 * anything that is neither, since a certificate with a malformed name is refused by Go clients.
 */
export function splitSans(names: Iterable<string>): SubjectAltNames {
  const dns = new Set<string>();
  const ips = new Set<string>();
  for (const raw of names) {
    const ip = canonicalIp(raw);
    if (ip) {
      ips.add(ip);
      continue;
    }
    const name = raw.trim().toLowerCase().replace(/\.$/, "");
    if (!DNS_NAME.test(name) || name.length > 253) {
      throw new TypeError(`not a DNS name or IP address: "${raw}"`);
    }
    dns.add(name);
  }
  return { dnsNames: [...dns].sort(), ipAddresses: [...ips].sort() };
}

/**
 * Loopback, this host's name and interface addresses, the `kubernetes` Service names, and `extra`.
 * Without --allow-sys the host's own name or addresses are left out rather than failing start-up.
 */
export function defaultSans(extra: Iterable<string> = []): SubjectAltNames {
  const names: string[] = ["localhost", "127.0.0.1", "::1", ...KUBERNETES_SERVICE_NAMES];
  try {
    // A host name that is no valid DNS name (rare, but hosts can be named anything) is skipped, not fatal.
    const host = Deno.hostname().toLowerCase();
    if (DNS_NAME.test(host)) names.push(host);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied)) throw e;
  }
  try {
    for (const nic of Deno.networkInterfaces()) names.push(nic.address);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied)) throw e;
  }
  return splitSans([...names, ...extra]);
}

/** True when both sets hold the same names, whatever their order. */
export function sameSans(a: SubjectAltNames, b: SubjectAltNames): boolean {
  const key = (s: SubjectAltNames) => JSON.stringify([[...s.dnsNames].sort(), [...s.ipAddresses].sort()]);
  return key(a) === key(b);
}
