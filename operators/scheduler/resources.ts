/**
 * Resource accounting as the scheduler does it: a Pod's effective requests
 * (k8s.io/component-helpers resource.PodRequests: containers summed, each init container's request
 * taken as a floor, restartable init containers (sidecars) added, pod overhead on top) and a Node's
 * allocatable, both in the scheduler's integer units (milli-CPU, bytes, pod count, scalar resources).
 *
 * @module
 */
import { parseQuantity, type Pod } from "@skiff/kinds";

/** framework.Resource: what a node offers or a set of pods requests. */
export interface Resource {
  /** CPU in millicores. */
  milliCPU: number;
  /** Memory in bytes. */
  memory: number;
  /** Local ephemeral storage in bytes. */
  ephemeralStorage: number;
  /** The `pods` resource: how many pods fit. */
  allowedPodNumber: number;
  /** Extended resources, hugepages and other scalar resources, by name; undefined when none. */
  scalar: Map<string, number> | undefined;
}

/** schedutil.DefaultMilliCPURequest: what a container without a CPU request counts as when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: what a container without a memory request counts as when scoring. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * An empty Resource.
 *
 * @example
 * ```ts
 * import { emptyResource } from "@skiff/scheduler";
 *
 * emptyResource().milliCPU; // 0
 * ```
 */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: undefined };
}

/**
 * Whether a resource name is a scalar resource (schedutil.IsScalarResourceName): an extended resource
 * (a domain-prefixed name), a hugepages-* size or an attachable-volumes-* count.
 *
 * @example
 * ```ts
 * import { isScalarResourceName } from "@skiff/scheduler";
 *
 * isScalarResourceName("nvidia.com/gpu"); // true
 * isScalarResourceName("cpu"); // false
 * ```
 */
export function isScalarResourceName(name: string): boolean {
  return (name.includes("/") && !name.startsWith("requests.")) || name.startsWith("hugepages-") ||
    name.startsWith("attachable-volumes-");
}

const NANO = 1_000_000_000n;
const quantityCache = new Map<string | number, bigint>();

/** A quantity's exact value in nano-units; cached because pods repeat the same few strings. */
function nanos(value: string | number): bigint {
  let n = quantityCache.get(value);
  if (n === undefined) {
    try {
      n = parseQuantity(value).nanos;
    } catch {
      n = 0n; // the API server validated it; an unparsable value counts as nothing rather than throwing here
    }
    if (quantityCache.size > 10_000) quantityCache.clear();
    quantityCache.set(value, n);
  }
  return n;
}

/** Quantity.Value(): whole units, rounded up. */
function value(n: bigint): number {
  return Number(n >= 0n ? (n + NANO - 1n) / NANO : n / NANO);
}

/** Quantity.MilliValue(): thousandths, rounded up. */
function milliValue(n: bigint): number {
  const m = 1_000_000n;
  return Number(n >= 0n ? (n + m - 1n) / m : n / m);
}

type ResourceList = Map<string, bigint>;
type Requests = Record<string, string | number> | undefined;

function addList(into: ResourceList, from: Requests | ResourceList): void {
  if (!from) return;
  const entries = from instanceof Map ? from.entries() : Object.entries(from);
  for (const [name, q] of entries) {
    into.set(name, (into.get(name) ?? 0n) + (typeof q === "bigint" ? q : nanos(q)));
  }
}

function maxList(into: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const current = into.get(name);
    if (current === undefined || q > current) into.set(name, q);
  }
}

const NON_MISSING: ReadonlyArray<[string, bigint]> = [
  ["cpu", BigInt(DEFAULT_MILLI_CPU_REQUEST) * 1_000_000n],
  ["memory", BigInt(DEFAULT_MEMORY_REQUEST) * NANO],
];

function containerRequests(requests: Requests, nonMissing: boolean): ResourceList {
  const list: ResourceList = new Map();
  addList(list, requests);
  if (nonMissing) {
    for (const [name, q] of NON_MISSING) if (!requests || !Object.hasOwn(requests, name)) list.set(name, q);
  }
  return list;
}

/**
 * resource.PodRequests: the requests of the containers summed, then raised to the largest init
 * container request (each init container also carrying the sidecars started before it), sidecars added
 * to the sum, and the pod overhead added. With `nonMissing`, a container without a cpu or memory
 * request counts as 100m / 200Mi, as scoring does.
 */
function podRequestList(pod: Pod, nonMissing: boolean): ResourceList {
  const spec = pod.spec;
  const reqs: ResourceList = new Map();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) addList(reqs, containerRequests(c.resources?.requests, nonMissing));
  const sidecars: ResourceList = new Map();
  const initReqs: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    let effective = containerRequests(c.resources?.requests, nonMissing);
    if (c.restartPolicy === "Always") {
      addList(reqs, effective);
      addList(sidecars, effective);
      effective = sidecars;
    } else {
      const tmp: ResourceList = new Map();
      addList(tmp, effective);
      addList(tmp, sidecars);
      effective = tmp;
    }
    maxList(initReqs, effective);
  }
  maxList(reqs, initReqs);
  if (spec.overhead) addList(reqs, spec.overhead);
  return reqs;
}

function toResource(list: ResourceList | Requests, into: Resource = emptyResource()): Resource {
  if (!list) return into;
  const entries = list instanceof Map ? list.entries() : Object.entries(list);
  for (const [name, raw] of entries) {
    const q = typeof raw === "bigint" ? raw : nanos(raw);
    switch (name) {
      case "cpu":
        into.milliCPU += milliValue(q);
        break;
      case "memory":
        into.memory += value(q);
        break;
      case "pods":
        into.allowedPodNumber += value(q);
        break;
      case "ephemeral-storage":
        into.ephemeralStorage += value(q);
        break;
      default:
        if (isScalarResourceName(name)) {
          into.scalar ??= new Map();
          into.scalar.set(name, (into.scalar.get(name) ?? 0) + value(q));
        }
    }
  }
  return into;
}

/** What a pod asks of a node: its requests, and the non-zero cpu and memory scoring counts. */
export interface PodResources {
  /** The requests NodeResourcesFit checks and NodeInfo.Requested adds up. */
  requested: Resource;
  /** CPU with 100m for each container that names none, in millicores. */
  nonZeroMilliCPU: number;
  /** Memory with 200Mi for each container that names none, in bytes. */
  nonZeroMemory: number;
}

/**
 * A pod's requests as the scheduler counts them (framework calculateResource).
 *
 * @example
 * ```ts
 * import { podResources } from "@skiff/scheduler";
 *
 * const r = podResources({ spec: {
 *   initContainers: [{ name: "init", resources: { requests: { cpu: "2" } } }],
 *   containers: [{ name: "a", resources: { requests: { cpu: "500m", memory: "1Gi" } } }, { name: "b" }],
 * } });
 * r.requested.milliCPU; // 2000: the init container's request is the floor
 * r.nonZeroMilliCPU; // 2000
 * r.nonZeroMemory; // 1073741824 + 209715200
 * ```
 */
export function podResources(pod: Pod): PodResources {
  const requested = toResource(podRequestList(pod, false));
  const nonZero = podRequestList(pod, true);
  return {
    requested,
    nonZeroMilliCPU: milliValue(nonZero.get("cpu") ?? 0n),
    nonZeroMemory: value(nonZero.get("memory") ?? 0n),
  };
}

/**
 * A node's allocatable resources (status.allocatable) in scheduler units.
 *
 * @example
 * ```ts
 * import { resourceFromList } from "@skiff/scheduler";
 *
 * resourceFromList({ cpu: "4", memory: "8Gi", pods: "110" }).allowedPodNumber; // 110
 * ```
 */
export function resourceFromList(list: Record<string, string | number> | undefined): Resource {
  return toResource(list);
}
