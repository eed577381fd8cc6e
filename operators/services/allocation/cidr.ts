/**
 * IPv4 addresses and CIDR ranges as numbers, and the shape of Kubernetes' bitmap allocators over them
 * (pkg/registry/core/service/ipallocator and portallocator): a range leaves out its network and broadcast
 * addresses, and splits into a lower band kept for addresses users ask for by value and an upper band
 * the random allocation prefers (KEP-3070, "reserved ranges").
 *
 * @module
 */

/**
 * An IPv4 address as a number, or undefined when `text` is not one. Leading zeros are accepted, as Go's
 * netutils.ParseIPSloppy accepts them.
 *
 * @example
 * ```ts
 * import { parseIPv4 } from "@skiff/services";
 *
 * parseIPv4("10.96.0.1"); // 174063617
 * ```
 */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/**
 * Dotted-quad text of a numeric IPv4 address.
 *
 * @example
 * ```ts
 * import { formatIPv4 } from "@skiff/services";
 *
 * formatIPv4(174063617); // "10.96.0.1"
 * ```
 */
export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/**
 * Whether `text` is an IPv6 address.
 *
 * @example
 * ```ts
 * import { isIPv6 } from "@skiff/services";
 *
 * isIPv6("2001:db8::1"); // true
 * ```
 */
export function isIPv6(text: string): boolean {
  if (!text.includes(":") || !/^[0-9a-fA-F:.]+$/.test(text)) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `text` is an IP address of either family (validation.IsValidIP).
 *
 * @example
 * ```ts
 * import { isIP } from "@skiff/services";
 *
 * isIP("10.96.0.10"); // true
 * isIP("None"); // false
 * ```
 */
export function isIP(text: string): boolean {
  return parseIPv4(text) !== undefined || isIPv6(text);
}

/**
 * An IPv4 CIDR range with the addresses an allocator hands out: all but the network and broadcast
 * addresses, so 10.96.0.0/12 offers 10.96.0.1 ... 10.111.255.254.
 *
 * @example
 * ```ts
 * import { Ipv4Range } from "@skiff/services";
 *
 * const r = Ipv4Range.parse("10.96.0.0/12");
 * r.first; // "10.96.0.1"
 * r.contains("10.112.0.1"); // false
 * ```
 */
export class Ipv4Range {
  private constructor(
    readonly cidr: string,
    /** Numeric network address. */
    readonly base: number,
    /** How many addresses the range offers. */
    readonly size: number,
  ) {}

  /** Parses "A.B.C.D/N"; throws for anything else. */
  static parse(cidr: string): Ipv4Range {
    const [ip, bits] = cidr.split("/");
    const addr = parseIPv4(ip ?? "");
    const prefix = Number(bits);
    if (addr === undefined || !/^\d+$/.test(bits ?? "") || prefix < 0 || prefix > 30) {
      throw new TypeError(
        `invalid service CIDR "${cidr}": want an IPv4 CIDR of /30 or wider, like 10.96.0.0/12`,
      );
    }
    const span = 2 ** (32 - prefix);
    const base = addr - (addr % span);
    return new Ipv4Range(`${formatIPv4(base)}/${prefix}`, base, span - 2);
  }

  /** The first address offered: the `kubernetes` Service's ClusterIP. */
  get first(): string {
    return formatIPv4(this.base + 1);
  }

  /** The offset (0 ... size-1) of `ip` in the range, or undefined when it is not offered by it. */
  offsetOf(ip: string): number | undefined {
    const n = parseIPv4(ip);
    if (n === undefined) return undefined;
    const offset = n - this.base - 1;
    return offset >= 0 && offset < this.size ? offset : undefined;
  }

  /** Whether the range offers `ip`. */
  contains(ip: string): boolean {
    return this.offsetOf(ip) !== undefined;
  }

  /** The address at `offset`. */
  at(offset: number): string {
    return formatIPv4(this.base + 1 + offset);
  }
}

/**
 * The size of the lower band an allocator keeps for values asked for by number (calculateRangeOffset in
 * Kubernetes): none below 16 values, else size/16 clamped to 16 ... 256.
 *
 * @example
 * ```ts
 * import { reservedBand } from "@skiff/services";
 *
 * reservedBand(2768); // 173 (node ports 30000-32767)
 * ```
 */
export function reservedBand(size: number): number {
  const min = 16, max = 256, step = 16;
  if (size < min) return 0;
  return Math.max(min, Math.min(Math.floor(size / step), max));
}
