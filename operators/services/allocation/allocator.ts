/**
 * ClusterIP and NodePort allocation, Kubernetes' registry-side allocators (pkg/registry/core/service/
 * storage/alloc.go with the bitmap ipallocator and portallocator) run as an admission step.
 *
 * Kubernetes allocates inside the Service registry and rolls back when the write fails. An admission
 * step cannot see whether the write that follows it commits, so every value is a hold owned by a
 * Service (namespace/name and uid) and the store decides what a hold is worth: a value asked for by
 * number that another Service holds is checked against that Service as stored, and is free when the
 * owner no longer carries it, because the owner was deleted, changed type, or never got written (after
 * a grace period that covers the write in flight). A repair pass over the stored Services, as
 * Kubernetes' repair controllers run, rebuilds the holds at start and then every minute. Random
 * allocation only hands out values nobody holds, so concurrent creates never share a value; all of it
 * runs one request at a time.
 *
 * @module
 */
import { ApiError } from "@skiff/api";
import { type FieldError, goStrings, invalid } from "@skiff/schema";
import type { Service } from "../api/service.ts";
import { Ipv4Range, reservedBand } from "./cidr.ts";

/** Kubernetes' --service-cluster-ip-range default. */
export const DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
/** Kubernetes' --service-node-port-range default. */
export const DEFAULT_NODE_PORT_RANGE = "30000-32767";

/**
 * Options of a {@link ServiceAllocator}.
 *
 * @example
 * ```ts
 * const options: AllocatorOptions = { serviceCIDR: "10.0.0.0/24", nodePortRange: "30000-30100" };
 * ```
 */
export interface AllocatorOptions {
  /** The Service ClusterIP range (IPv4); 10.96.0.0/12 when absent. */
  serviceCIDR?: string;
  /** The NodePort range, "MIN-MAX"; 30000-32767 when absent. */
  nodePortRange?: string;
  /** How long a new hold counts as taken although its Service is not stored (yet); 30 s when absent. */
  graceMs?: number;
}

/** Reads a Service as stored; undefined when there is none. */
export type ServiceLookup = (namespace: string, name: string) => Promise<Service | undefined>;

interface Owner {
  key: string;
  uid: string;
}

interface Hold extends Owner {
  since: number;
  /** The owner is being deleted or let go of the value: free as soon as the store agrees. */
  dropping: boolean;
}

type Kind = "ip" | "port";

/** A NodePort range. */
interface PortRange {
  min: number;
  max: number;
  text: string;
}

function parsePortRange(text: string): PortRange {
  const m = /^(\d+)-(\d+)$/.exec(text);
  const min = Number(m?.[1]), max = Number(m?.[2]);
  if (!m || min < 1 || max > 65535 || min > max) {
    throw new TypeError(`invalid node port range "${text}": want MIN-MAX, like 30000-32767`);
  }
  return { min, max, text };
}

/**
 * Whether the Service type takes a ClusterIP (even "None"): all but ExternalName.
 *
 * @example
 * ```ts
 * import { needsClusterIP } from "@skiff/services";
 *
 * needsClusterIP({ spec: { type: "ExternalName" } }); // false
 * ```
 */
export function needsClusterIP(svc: Service | undefined): boolean {
  return !!svc && svc.spec?.type !== "ExternalName";
}

/**
 * Whether the Service type takes node ports: NodePort and LoadBalancer.
 *
 * @example
 * ```ts
 * import { needsNodePort } from "@skiff/services";
 *
 * needsNodePort({ spec: { type: "LoadBalancer" } }); // true
 * ```
 */
export function needsNodePort(svc: Service | undefined): boolean {
  return svc?.spec?.type === "NodePort" || svc?.spec?.type === "LoadBalancer";
}

/**
 * Whether the Service takes a health-check node port: a LoadBalancer with externalTrafficPolicy Local.
 *
 * @example
 * ```ts
 * import { needsHealthCheckNodePort } from "@skiff/services";
 *
 * needsHealthCheckNodePort({ spec: { type: "LoadBalancer", externalTrafficPolicy: "Local" } }); // true
 * ```
 */
export function needsHealthCheckNodePort(svc: Service | undefined): boolean {
  return svc?.spec?.type === "LoadBalancer" && svc.spec.externalTrafficPolicy === "Local";
}

/**
 * Whether the Service is headless (`clusterIP: None`).
 *
 * @example
 * ```ts
 * import { isHeadless } from "@skiff/services";
 *
 * isHeadless({ spec: { clusterIPs: ["None"] } }); // true
 * ```
 */
export function isHeadless(svc: Service | undefined): boolean {
  const ips = svc?.spec?.clusterIPs;
  return (ips?.length === 1 && ips[0] === "None") || (!ips?.length && svc?.spec?.clusterIP === "None");
}

/**
 * One process's ClusterIP and NodePort allocations.
 *
 * @example
 * ```ts
 * import { ServiceAllocator } from "@skiff/services";
 *
 * const allocator = new ServiceAllocator();
 * allocator.attach(lookup, storedServices);
 * await allocator.allocate(svc, undefined, { dryRun: false }); // fills spec.clusterIP(s), nodePorts
 * ```
 */
export class ServiceAllocator {
  /** The ClusterIP range. */
  readonly range: Ipv4Range;
  /** The NodePort range. */
  readonly nodePorts: PortRange;
  readonly #graceMs: number;
  readonly #ips = new Map<number, Hold>();
  readonly #ports = new Map<number, Hold>();
  #lookup?: ServiceLookup;
  #queue: Promise<unknown> = Promise.resolve();
  #markReady!: () => void;
  readonly #ready = new Promise<void>((resolve) => this.#markReady = resolve);
  #isReady = false;

  constructor(options: AllocatorOptions = {}) {
    this.range = Ipv4Range.parse(options.serviceCIDR ?? DEFAULT_SERVICE_CIDR);
    this.nodePorts = parsePortRange(options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE);
    this.#graceMs = options.graceMs ?? 30_000;
  }

  /** Whether {@link attach} ran: allocations wait until it did. */
  get ready(): boolean {
    return this.#isReady;
  }

  /**
   * Connects the allocator to the store: `lookup` reads one Service, `stored` is every Service stored
   * now (their values become holds). Allocations waiting for this go on.
   */
  attach(lookup: ServiceLookup, stored: readonly Service[]): void {
    this.#lookup = lookup;
    this.#rebuild(stored);
    this.#isReady = true;
    this.#markReady();
  }

  /** Resolves once attached; throws a 500 after `timeoutMs` (the module's runnable did not start). */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    if (this.#isReady) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(ApiError.internal("the service IP and port allocators are not initialized yet")),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.#ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether `ip` is held by some Service. */
  hasIP(ip: string): boolean {
    const offset = this.range.offsetOf(ip);
    return offset !== undefined && this.#ips.has(offset);
  }

  /** Whether node port `port` is held by some Service. */
  hasNodePort(port: number): boolean {
    return this.#ports.has(port);
  }

  /** How many ClusterIPs and node ports are held. */
  get used(): { ips: number; ports: number } {
    return { ips: this.#ips.size, ports: this.#ports.size };
  }

  /**
   * Allocates what a create (no `old`) or an update of `svc` needs, in place: a ClusterIP (and
   * clusterIPs) unless headless or ExternalName, node ports for NodePort and LoadBalancer, a health-check
   * node port for a Local LoadBalancer, each as asked for or at random. Values `old` held that `svc`
   * no longer does are let go once the write is stored. Answers the field errors Kubernetes answers
   * for a value out of range or taken (nothing is held then); a dry run holds nothing either.
   */
  allocate(svc: Service, old: Service | undefined, options: { dryRun: boolean }): Promise<FieldError[]> {
    return this.#serial(() => this.#allocate(svc, old, options.dryRun));
  }

  /** Lets go of everything `svc` holds once the store no longer has it (a delete under way). */
  release(svc: Service): Promise<void> {
    return this.#serial(() => {
      const owner = ownerOf(svc);
      for (const [pool, values] of this.#valuesOf(svc)) {
        for (const v of values) {
          const hold = pool.get(v);
          if (hold && hold.key === owner.key) hold.dropping = true;
        }
      }
      return Promise.resolve();
    });
  }

  /**
   * Brings the holds in line with the stored Services (Kubernetes' repair loops): values a stored
   * Service carries are held by it; holds no stored Service carries go once dropping or past the grace
   * period.
   */
  repair(stored: readonly Service[]): Promise<void> {
    return this.#serial(() => {
      this.#rebuild(stored);
      return Promise.resolve();
    });
  }

  // ---- internals -------------------------------------------------------------------------------------

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => {});
    return run;
  }

  #rebuild(stored: readonly Service[]): void {
    const now = Date.now();
    const carried = new Map<Map<number, Hold>, Map<number, Owner>>([[this.#ips, new Map()], [
      this.#ports,
      new Map(),
    ]]);
    for (const svc of stored) {
      for (const [pool, values] of this.#valuesOf(svc)) {
        for (const v of values) carried.get(pool)!.set(v, ownerOf(svc));
      }
    }
    for (const [pool, owners] of carried) {
      for (const [v, hold] of pool) {
        if (owners.has(v)) continue;
        if (hold.dropping || now - hold.since > this.#graceMs) pool.delete(v);
      }
      for (const [v, owner] of owners) {
        const hold = pool.get(v);
        if (hold?.key === owner.key && hold.uid === owner.uid) hold.dropping = false;
        else pool.set(v, { ...owner, since: now, dropping: false });
      }
    }
  }

  /** The pools and the values in them `svc` carries (ClusterIPs in range as offsets, node ports). */
  #valuesOf(svc: Service): [Map<number, Hold>, number[]][] {
    const ips = (svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []))
      .map((ip) => this.range.offsetOf(ip))
      .filter((o): o is number => o !== undefined);
    const ports = (svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0);
    if (svc.spec?.healthCheckNodePort) ports.push(svc.spec.healthCheckNodePort);
    return [[this.#ips, ips], [this.#ports, [...new Set(ports.filter((p) => p > 0))]]];
  }

  async #allocate(svc: Service, old: Service | undefined, dryRun: boolean): Promise<FieldError[]> {
    const owner = ownerOf(svc);
    const taken: [Map<number, Hold>, number][] = [];
    const undo = () => {
      for (const [pool, v] of taken) pool.delete(v);
    };
    const take = (pool: Map<number, Hold>, v: number) => {
      if (dryRun || pool.get(v)?.uid === owner.uid) return;
      pool.set(v, { ...owner, since: Date.now(), dropping: false });
      taken.push([pool, v]);
    };
    const spec = svc.spec ??= {};
    try {
      // ClusterIPs: a create without one, or a type change away from ExternalName, gets one.
      if (needsClusterIP(svc) && !isHeadless(svc)) {
        const oldIPs = needsClusterIP(old) ? old?.spec?.clusterIPs ?? [] : [];
        const ip = spec.clusterIPs?.[0];
        if (!ip) {
          const offset = await this.#next("ip");
          take(this.#ips, offset);
          spec.clusterIP = this.range.at(offset);
          spec.clusterIPs = [spec.clusterIP];
        } else if (oldIPs[0] !== ip) {
          const offset = this.range.offsetOf(ip);
          const fail = (why: string) => [
            invalid("spec.clusterIPs", goStrings(spec.clusterIPs), `failed to allocate IP ${ip}: ${why}`),
          ];
          if (offset === undefined) {
            return fail(
              `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.range.cidr}`,
            );
          }
          if (!await this.#free("ip", offset, owner)) return fail("provided IP is already allocated");
          take(this.#ips, offset);
        }
      }

      // Node ports: ports asked for by number first, then one per service port number that has none
      // (ports with the same number share one, as initNodePorts does).
      const oldPorts = new Set((needsNodePort(old) ? old?.spec?.ports ?? [] : []).map((p) => p.nodePort));
      const ports = spec.ports ?? [];
      const allocateMissing = needsNodePort(svc) &&
        (spec.type === "NodePort" || spec.allocateLoadBalancerNodePorts !== false);
      for (let i = 0; i < ports.length; i++) {
        const np = ports[i].nodePort;
        if (!np || oldPorts.has(np) || taken.some(([pool, v]) => pool === this.#ports && v === np)) continue;
        const error = await this.#requestPort(np, owner, `spec.ports[${i}].nodePort`);
        if (error) {
          undo();
          return [error];
        }
        take(this.#ports, np);
      }
      if (allocateMissing) {
        const byPort = new Map<number, number>();
        for (const p of ports) if (p.nodePort) byPort.set(p.port, byPort.get(p.port) ?? p.nodePort);
        for (const p of ports) {
          if (p.nodePort) continue;
          let np = byPort.get(p.port);
          if (!np) {
            np = await this.#next("port");
            take(this.#ports, np);
            byPort.set(p.port, np);
          }
          p.nodePort = np;
        }
      }

      // The health-check node port of a Local LoadBalancer.
      if (needsHealthCheckNodePort(svc)) {
        const hc = spec.healthCheckNodePort;
        const oldHc = needsHealthCheckNodePort(old) ? old?.spec?.healthCheckNodePort : undefined;
        if (!hc) {
          const np = await this.#next("port");
          take(this.#ports, np);
          spec.healthCheckNodePort = np;
        } else if (hc !== oldHc && !taken.some(([pool, v]) => pool === this.#ports && v === hc)) {
          const error = await this.#requestPort(hc, owner, "spec.healthCheckNodePort");
          if (error) {
            undo();
            return [error];
          }
          take(this.#ports, hc);
        }
      }
    } catch (e) {
      undo();
      throw e;
    }

    // What the old object held and the new one does not: free once the update is stored.
    if (old && !dryRun) {
      const now = new Map(this.#valuesOf(svc));
      for (const [pool, values] of this.#valuesOf(old)) {
        for (const v of values) {
          const hold = pool.get(v);
          if (!now.get(pool)!.includes(v) && hold?.key === owner.key) hold.dropping = true;
        }
      }
    }
    return [];
  }

  async #requestPort(port: number, owner: Owner, field: string): Promise<FieldError | undefined> {
    if (port < this.nodePorts.min || port > this.nodePorts.max) {
      return invalid(
        field,
        port,
        `provided port is not in the valid range. The range of valid ports is ${this.nodePorts.text}`,
      );
    }
    if (!await this.#free("port", port, owner)) {
      return invalid(field, port, "provided port is already allocated");
    }
    return undefined;
  }

  /** Whether `value` may go to `owner`: nobody holds it, the owner does, or the holder let it go. */
  async #free(kind: Kind, value: number, owner: Owner): Promise<boolean> {
    const pool = kind === "ip" ? this.#ips : this.#ports;
    const hold = pool.get(value);
    if (!hold || (hold.key === owner.key && hold.uid === owner.uid)) return true;
    const [namespace, name] = hold.key.split("/");
    const current = await this.#lookup?.(namespace, name);
    if (current) {
      const carried = new Map(this.#valuesOf(current)).get(pool)!;
      if (carried.includes(value)) {
        // The stored Service carries it: held, whatever the hold remembered of it.
        pool.set(value, { ...ownerOf(current), since: hold.since, dropping: false });
        return false;
      }
    }
    // Not stored under the owner's name: a write that failed, or a retry of it under the same name.
    if (!current && hold.key === owner.key) {
      pool.delete(value);
      return true;
    }
    if (hold.dropping || Date.now() - hold.since > this.#graceMs) {
      pool.delete(value);
      return true;
    }
    return false;
  }

  /**
   * A value nobody holds: random in the upper band first, then the lower band kept for values asked
   * for by number; a repair pass once before giving up with Kubernetes' "range is full".
   */
  async #next(kind: Kind): Promise<number> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const found = kind === "ip" ? this.#scan(this.#ips, 0, this.range.size) : this.#scan(
        this.#ports,
        this.nodePorts.min,
        this.nodePorts.max - this.nodePorts.min + 1,
      );
      if (found !== undefined) return found;
      if (attempt === 0 && this.#lookup) await this.#sweep(kind === "ip" ? this.#ips : this.#ports);
    }
    throw ApiError.internal(
      kind === "ip"
        ? "failed to allocate a serviceIP: range is full"
        : "failed to allocate a nodePort: range is full",
    );
  }

  #scan(pool: Map<number, Hold>, base: number, size: number): number | undefined {
    const band = reservedBand(size);
    const search = (from: number, count: number) => {
      if (count <= 0) return undefined;
      const start = Math.floor(Math.random() * count);
      for (let i = 0; i < count; i++) {
        const v = base + from + (start + i) % count;
        if (!pool.has(v)) return v;
      }
      return undefined;
    };
    return search(band, size - band) ?? search(0, band);
  }

  /** Checks every hold that may have gone stale against the store. */
  async #sweep(pool: Map<number, Hold>): Promise<void> {
    const kind: Kind = pool === this.#ips ? "ip" : "port";
    for (const v of [...pool.keys()]) await this.#free(kind, v, { key: "", uid: "" });
  }
}

function ownerOf(svc: Service): Owner {
  return {
    key: `${svc.metadata?.namespace ?? ""}/${svc.metadata?.name ?? ""}`,
    uid: svc.metadata?.uid ?? "",
  };
}
