/**
 * Addresses of simulated nodes and their pods: each node has an InternalIP and a /24 pod CIDR of its
 * own, as a cluster whose node IPAM hands out 10.244.0.0/16-style ranges; pod IPs come from the CIDR of
 * the pod's node.
 *
 * @module
 */

/** Nodes that fit the address plan: 12 × 256 /24s in 10.244-255.x, then 64 × 256 in 100.64.0.0/10. */
export const MAX_SIMULATED_NODES = 12 * 256 + 64 * 256;

/**
 * The /24 pod CIDR of node `index`: 10.244.INDEX.0/24 for the first 256 nodes, then 10.245.0.0/24 and on
 * (the brief's 10.244.X.0/24 cannot hold more than 256 nodes), then the shared 100.64.0.0/10 range.
 *
 * @example
 * ```ts
 * podCidr(3); // "10.244.3.0/24"
 * podCidr(256); // "10.245.0.0/24"
 * ```
 */
export function podCidr(index: number): string {
  return `${cidrPrefix(index)}.0/24`;
}

/**
 * The InternalIP of node `index`, from 172.16.0.0/12 (kind and most local clusters use that range).
 *
 * @example
 * ```ts
 * nodeInternalIp(0); // "172.16.0.2"
 * ```
 */
export function nodeInternalIp(index: number): string {
  checkIndex(index);
  // .0 and .1 of the first /24 are the network and the gateway.
  const n = index + 2;
  return `172.${16 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

function cidrPrefix(index: number): string {
  checkIndex(index);
  if (index < 12 * 256) return `10.${244 + (index >> 8)}.${index & 255}`;
  const i = index - 12 * 256;
  return `100.${64 + (i >> 8)}.${i & 255}`;
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_SIMULATED_NODES) {
    throw new RangeError(`node index ${index} is outside 0..${MAX_SIMULATED_NODES - 1}`);
  }
}

/**
 * Hands out pod IPs from each node's /24 (.2 to .254; .1 is the node's bridge, as with the bridge CNI),
 * one per pod uid, and takes them back when the pod goes. IPs pods already carry (a simulator restarted)
 * are reserved with {@link PodIpAllocator.reserve} so they are not handed out twice.
 *
 * @example
 * ```ts
 * const ips = new PodIpAllocator();
 * ips.allocate(3, "uid-a"); // "10.244.3.2"
 * ips.allocate(3, "uid-a"); // "10.244.3.2" again: one IP per pod
 * ips.release("uid-a");
 * ```
 */
export class PodIpAllocator {
  /** Per node index: host numbers in use. */
  #used = new Map<number, Set<number>>();
  /** Per pod uid: its node index and host number. */
  #byUid = new Map<string, { node: number; host: number }>();

  /** The pod's IP on node `node`, allocating one when it has none; undefined when the /24 is full. */
  allocate(node: number, uid: string): string | undefined {
    const held = this.#byUid.get(uid);
    if (held && held.node === node) return this.#ip(held.node, held.host);
    if (held) this.release(uid);
    const used = this.#usedOn(node);
    for (let host = 2; host <= 254; host++) {
      if (used.has(host)) continue;
      used.add(host);
      this.#byUid.set(uid, { node, host });
      return this.#ip(node, host);
    }
    return undefined;
  }

  /** Records that pod `uid` already has `ip`; answers false when the IP is not in the node's /24 or taken. */
  reserve(node: number, uid: string, ip: string): boolean {
    const prefix = `${cidrPrefix(node)}.`;
    if (!ip.startsWith(prefix)) return false;
    const host = Number(ip.slice(prefix.length));
    if (!Number.isInteger(host) || host < 1 || host > 254) return false;
    const held = this.#byUid.get(uid);
    if (held?.node === node && held.host === host) return true;
    const used = this.#usedOn(node);
    if (used.has(host)) return false;
    if (held) this.release(uid);
    used.add(host);
    this.#byUid.set(uid, { node, host });
    return true;
  }

  /** Frees the pod's IP, if it had one. */
  release(uid: string): void {
    const held = this.#byUid.get(uid);
    if (!held) return;
    this.#byUid.delete(uid);
    this.#used.get(held.node)?.delete(held.host);
  }

  /** How many IPs are handed out on node `node`. */
  inUse(node: number): number {
    return this.#used.get(node)?.size ?? 0;
  }

  #usedOn(node: number): Set<number> {
    let used = this.#used.get(node);
    if (!used) this.#used.set(node, used = new Set());
    return used;
  }

  #ip(node: number, host: number): string {
    return `${cidrPrefix(node)}.${host}`;
  }
}
