/**
 * Per-topology sums kept up to date between scheduling cycles. Plugins such as InterPodAffinity and
 * PodTopologySpread add up, over every node, what the node's pods contribute to the node's topology
 * domains (its value of a label such as topology.kubernetes.io/zone). Between two cycles only the node
 * the last pod landed on has usually changed, so a sum is kept per question (an interned key) and
 * brought up to date from a log of the nodes that changed since: the changed node's old contribution
 * is taken out and its new one put in. 1,000 nodes cost one node's work instead of a thousand.
 *
 * @module
 */
import type { NodeInfo } from "./node_info.ts";

/** Sums by topology key, then by topology value (topologyToMatchedTermCount, TpValueToMatchNum). */
export type TopologyCounts = Map<string, Map<string, number>>;

/** What one node adds: [topology key, weight] pairs, booked under the node's value of that key. */
export type Contribution = readonly (readonly [topologyKey: string, weight: number])[];

/** How many changes the log keeps by default. */
export const CHANGE_LOG_CAPACITY = 4096;
/** How many sums are kept by default. */
export const MAX_AGGREGATES = 256;

/**
 * A generation counter and the nodes that changed at each generation, the last `capacity` or more of them.
 *
 * @example
 * ```ts
 * import { ChangeLog, NodeInfo } from "@skiff/scheduler";
 *
 * const log = new ChangeLog();
 * const node = new NodeInfo("n1");
 * const before = log.generation;
 * log.record(node);
 * log.changedSince(before, 10); // Set { node }
 * ```
 */
export class ChangeLog {
  /** Bumped on every change. */
  generation = 0;
  private entries: NodeInfo[] = [];
  /** The generation before entries[0] was recorded. */
  private base = 0;

  constructor(private readonly capacity: number = CHANGE_LOG_CAPACITY) {}

  /** Notes that a node's pods or node object changed, or that the node came or went. */
  record(info: NodeInfo): void {
    this.entries.push(info);
    this.generation++;
    // Dropping the oldest half at once keeps the cost per change constant.
    if (this.entries.length >= 2 * this.capacity) {
      this.entries = this.entries.slice(this.capacity);
      this.base += this.capacity;
    }
  }

  /**
   * The distinct nodes changed after `generation`; undefined when the log no longer reaches back that
   * far or when more than `limit` nodes changed (a rebuild is then cheaper).
   */
  changedSince(generation: number, limit: number): Set<NodeInfo> | undefined {
    if (generation < this.base) return undefined;
    const changed = new Set<NodeInfo>();
    const entries = this.entries;
    for (let i = generation - this.base; i < entries.length; i++) {
      changed.add(entries[i]);
      if (changed.size > limit) return undefined;
    }
    return changed;
  }
}

/** One booked pair: the topology key, the node's value for it at the time, and the weight. */
type Booked = [key: string, value: string, weight: number];

interface Aggregate {
  generation: number;
  counts: TopologyCounts;
  /** How many booked pairs make up each entry of counts, so an entry goes when its last pair does. */
  refs: TopologyCounts;
  /** What each node booked, for nodes that booked anything. */
  byNode: Map<NodeInfo, Booked[]>;
}

/**
 * Incremental per-topology sums under interned keys, over the nodes a snapshot lists.
 *
 * `counts(key, contribute)` equals, entry for entry, what this loop builds:
 * `for (node of nodes()) for ([k, w] of contribute(node)) if (typeof node.labels?.[k] === "string")
 * counts[k][node.labels[k]] += w` (an entry exists once any pair was booked there, even if the weights
 * cancel out). `contribute` must depend only on the node (its pods and labels) and on what `key` names.
 *
 * @example
 * ```ts
 * import { ChangeLog, NodeInfo, TopologyAggregates } from "@skiff/scheduler";
 *
 * const log = new ChangeLog();
 * const nodes = [new NodeInfo("n1", { metadata: { name: "n1", labels: { zone: "a" } } })];
 * const aggregates = new TopologyAggregates(log, () => nodes);
 * aggregates.counts("one-per-node", () => [["zone", 1]]).get("zone")?.get("a"); // 1
 * ```
 */
export class TopologyAggregates {
  private readonly store = new Map<string, Aggregate>();

  /**
   * @param log the changes of the nodes `listed` returns
   * @param listed every node that counts; a node whose `node` is undefined is taken as not listed
   */
  constructor(
    private readonly log: ChangeLog,
    private readonly listed: () => readonly NodeInfo[],
    private readonly maxAggregates: number = MAX_AGGREGATES,
  ) {}

  /** How many sums are kept. */
  get size(): number {
    return this.store.size;
  }

  /**
   * The sums for `key`, brought up to date. The map is shared: read it, do not change it; it stays
   * valid until the nodes next change.
   */
  counts(key: string, contribute: (node: NodeInfo) => Contribution): TopologyCounts {
    let aggregate = this.store.get(key);
    if (aggregate) {
      // Least recently used goes first: move this one to the end.
      this.store.delete(key);
      this.store.set(key, aggregate);
      if (aggregate.generation !== this.log.generation) {
        const nodes = this.listed();
        const changed = this.log.changedSince(aggregate.generation, nodes.length / 4);
        if (changed) {
          for (const info of changed) update(aggregate, info, contribute);
          aggregate.generation = this.log.generation;
        } else {
          aggregate = this.build(key, nodes, contribute);
        }
      }
    } else {
      aggregate = this.build(key, this.listed(), contribute);
    }
    return aggregate.counts;
  }

  /** Forgets every sum (what the contributions depend on beyond the nodes changed, e.g. namespaces). */
  clear(): void {
    this.store.clear();
  }

  private build(
    key: string,
    nodes: readonly NodeInfo[],
    contribute: (node: NodeInfo) => Contribution,
  ): Aggregate {
    const aggregate: Aggregate = {
      generation: this.log.generation,
      counts: new Map(),
      refs: new Map(),
      byNode: new Map(),
    };
    for (const info of nodes) book(aggregate, info, contribute);
    this.store.delete(key);
    if (this.store.size >= this.maxAggregates) this.store.delete(this.store.keys().next().value!);
    this.store.set(key, aggregate);
    return aggregate;
  }
}

/** Takes a changed node's old pairs out and books its new ones (none when it is no longer listed). */
function update(
  aggregate: Aggregate,
  info: NodeInfo,
  contribute: (node: NodeInfo) => Contribution,
): void {
  const old = aggregate.byNode.get(info);
  if (old) {
    aggregate.byNode.delete(info);
    for (const [key, value, weight] of old) add(aggregate, key, value, -weight, -1);
  }
  if (info.node !== undefined) book(aggregate, info, contribute);
}

function book(aggregate: Aggregate, info: NodeInfo, contribute: (node: NodeInfo) => Contribution): void {
  const labels = info.labels;
  if (!labels) return;
  const pairs = contribute(info);
  if (pairs.length === 0) return;
  const booked: Booked[] = [];
  for (const [key, weight] of pairs) {
    const value = labels[key];
    if (typeof value !== "string") continue;
    // The value is kept rather than looked up again later, since the labels may have changed by then.
    booked.push([key, value, weight]);
    add(aggregate, key, value, weight, 1);
  }
  if (booked.length > 0) aggregate.byNode.set(info, booked);
}

function add(aggregate: Aggregate, key: string, value: string, weight: number, ref: 1 | -1): void {
  let byValue = aggregate.counts.get(key);
  let refsByValue = aggregate.refs.get(key);
  if (!byValue || !refsByValue) {
    aggregate.counts.set(key, byValue = new Map());
    aggregate.refs.set(key, refsByValue = new Map());
  }
  const refs = (refsByValue.get(value) ?? 0) + ref;
  if (refs > 0) {
    refsByValue.set(value, refs);
    byValue.set(value, (byValue.get(value) ?? 0) + weight);
    return;
  }
  refsByValue.delete(value);
  byValue.delete(value);
  if (byValue.size === 0) {
    aggregate.counts.delete(key);
    aggregate.refs.delete(key);
  }
}
