/**
 * A fleet of simulated nodes: registers them as kubelets do (the Node with its first status, then its
 * Lease; a node that exists already gets its status through the status subresource), renews each Lease
 * every 10 s, and re-reports status through /status every 5 minutes (kubelet's
 * nodeStatusReportFrequency) until the node is forgotten or the fleet stops.
 *
 * @module
 */
import {
  type Client,
  isAlreadyExists,
  isConflict,
  isNotFound,
  leasesResource,
  nodesResource,
} from "@skiff/sdk";
import type { Lease, Node } from "@skiff/kinds";
import {
  DEFAULT_NODE_TEMPLATE,
  formatMicroTime,
  heartbeatConditions,
  NODE_LEASE_NAMESPACE,
  nodeLease,
  type NodeTemplate,
  simNodeName,
  simulatedNode,
} from "./node_object.ts";
import { MAX_SIMULATED_NODES, nodeInternalIp } from "./addresses.ts";
import { inPool } from "./_pool.ts";

/**
 * Options of a {@link NodeFleet}.
 *
 * @example
 * ```ts
 * const options: NodeFleetOptions = { count: 100, concurrency: 32, leaseRenewMs: 10_000 };
 * ```
 */
export interface NodeFleetOptions {
  count: number;
  /** Names, capacity and instance type; {@link DEFAULT_NODE_TEMPLATE} unless given. */
  template?: NodeTemplate;
  /** Overrides the template's name prefix ("sim-node"). */
  prefix?: string;
  /** Requests in flight while registering; default 64. */
  concurrency?: number;
  /** kubelet renews its lease every leaseDuration/4 = 10 s. */
  leaseRenewMs?: number;
  /** kubelet writes an unchanged status every 5 minutes (nodeStatusReportFrequency). */
  statusReportMs?: number;
  /** Problems that do not stop the fleet (a failed renewal is tried again at the next period). */
  log?: (line: string) => void;
}

interface Member {
  index: number;
  name: string;
  lease?: Lease;
  timer?: ReturnType<typeof setTimeout>;
  renewals: number;
  conditions: NonNullable<NonNullable<Node["status"]>["conditions"]>;
}

/**
 * The simulated nodes of one simulator.
 *
 * @example
 * ```ts
 * const fleet = new NodeFleet(client, { count: 3 });
 * await fleet.register();
 * fleet.startHeartbeats();
 * fleet.indexOf("sim-node-2"); // 2
 * await fleet.stop();
 * ```
 */
export class NodeFleet {
  readonly template: NodeTemplate;
  #members = new Map<string, Member>();
  #options: Required<Omit<NodeFleetOptions, "template" | "prefix">>;
  #running = false;
  /** Heartbeats under way, so stop() can wait for them instead of leaving requests to a closed client. */
  #inFlight = new Set<Promise<void>>();

  constructor(readonly client: Client, options: NodeFleetOptions) {
    if (!Number.isInteger(options.count) || options.count < 0 || options.count > MAX_SIMULATED_NODES) {
      throw new RangeError(`simulated nodes must number 0 to ${MAX_SIMULATED_NODES}, not ${options.count}`);
    }
    const template = options.template ?? DEFAULT_NODE_TEMPLATE;
    this.template = options.prefix ? { ...template, prefix: options.prefix } : template;
    this.#options = {
      count: options.count,
      concurrency: options.concurrency ?? 64,
      leaseRenewMs: options.leaseRenewMs ?? 10_000,
      statusReportMs: options.statusReportMs ?? 300_000,
      log: options.log ?? (() => {}),
    };
    for (let index = 0; index < options.count; index++) {
      const name = simNodeName(this.template.prefix, index);
      this.#members.set(name, { index, name, renewals: 0, conditions: [] });
    }
  }

  /** The names of the nodes still simulated. */
  get names(): string[] {
    return [...this.#members.keys()];
  }

  /** The index of a simulated node (its CIDR and address derive from it), or undefined. */
  indexOf(name: string | undefined): number | undefined {
    return name === undefined ? undefined : this.#members.get(name)?.index;
  }

  /** The InternalIP of a simulated node. */
  hostIp(name: string): string | undefined {
    const index = this.indexOf(name);
    return index === undefined ? undefined : nodeInternalIp(index);
  }

  /**
   * Registers every node: creates the Node with its status (an existing one is taken over, its status
   * written through /status), and creates or takes over its Lease.
   */
  async register(signal?: AbortSignal): Promise<void> {
    await inPool([...this.#members.values()], this.#options.concurrency, async (member) => {
      if (signal?.aborted) return;
      await this.#registerOne(member);
    });
  }

  /** Renews leases (and re-reports status) from now on, each node on its own timer, spread over a period. */
  startHeartbeats(): void {
    if (this.#running) return;
    this.#running = true;
    const period = this.#options.leaseRenewMs;
    for (const member of this.#members.values()) {
      // Spread over the period so 1,000 nodes do not renew in one burst.
      this.#schedule(member, Math.floor(Math.random() * period));
    }
  }

  /** Stops simulating a node (deleted by a user): no more heartbeats, its pods are no longer ours. */
  forget(name: string): void {
    const member = this.#members.get(name);
    if (!member) return;
    clearTimeout(member.timer);
    this.#members.delete(name);
  }

  /** Stops every heartbeat; resolves once those under way have finished. */
  async stop(): Promise<void> {
    this.#running = false;
    for (const member of this.#members.values()) clearTimeout(member.timer);
    await Promise.all(this.#inFlight);
  }

  async #registerOne(member: Member): Promise<void> {
    const nodes = this.client.resource(nodesResource);
    const desired = simulatedNode(member.index, this.template, new Date());
    let node: Node;
    try {
      // As kubelet's registerWithAPIServer: the first status goes with the create (the API server keeps a
      // Node's status on create), so the node is never seen without Ready; later reports use /status.
      node = await nodes.create(desired);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      node = await this.#takeOver(member, desired);
    }
    member.conditions = node.status?.conditions ?? [];
    await this.#ensureLease(member, node);
  }

  /** An existing node of our name (a restarted simulator): its status is reported again through /status. */
  async #takeOver(member: Member, desired: Node): Promise<Node> {
    const nodes = this.client.resource(nodesResource);
    const node = await nodes.get(member.name);
    const status = desired.status!;
    // Conditions that hold still keep their transition times, as the kubelet's report does.
    const was = new Map((node.status?.conditions ?? []).map((c) => [c.type, c]));
    for (const c of status.conditions ?? []) {
      const old = was.get(c.type);
      if (old?.status === c.status && old.lastTransitionTime) c.lastTransitionTime = old.lastTransitionTime;
    }
    return await nodes.updateStatus({ ...node, status });
  }

  async #ensureLease(member: Member, node: Node): Promise<void> {
    const leases = this.client.resource(leasesResource).namespace(NODE_LEASE_NAMESPACE);
    const desired = nodeLease(node, new Date());
    try {
      member.lease = await leases.create(desired);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      const current = await leases.get(member.name);
      member.lease = await leases.update({ ...current, spec: { ...current.spec, ...desired.spec } });
    }
  }

  #schedule(member: Member, delay: number): void {
    if (!this.#running) return;
    member.timer = setTimeout(async () => {
      const beat = this.#heartbeat(member).catch((e) => {
        if (this.#running) {
          this.#options.log(`node ${member.name}: heartbeat failed: ${(e as Error).message ?? e}`);
        }
      });
      this.#inFlight.add(beat);
      await beat;
      this.#inFlight.delete(beat);
      if (this.#members.get(member.name) === member) this.#schedule(member, this.#options.leaseRenewMs);
    }, delay);
  }

  async #heartbeat(member: Member): Promise<void> {
    const leases = this.client.resource(leasesResource).namespace(NODE_LEASE_NAMESPACE);
    const now = new Date();
    member.renewals++;
    try {
      if (!member.lease) throw new LeaseLost();
      member.lease = await leases.update({
        ...member.lease,
        spec: { ...member.lease.spec, holderIdentity: member.name, renewTime: formatMicroTime(now) },
      });
    } catch (e) {
      if (!(e instanceof LeaseLost) && !isConflict(e) && !isNotFound(e)) throw e;
      // Someone else wrote it, or it went: read the node (gone means a user deleted it) and start over.
      const node = await this.client.resource(nodesResource).get(member.name).catch((err) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (!node) return this.forget(member.name);
      await this.#ensureLease(member, node);
    }
    const every = Math.max(1, Math.round(this.#options.statusReportMs / this.#options.leaseRenewMs));
    if (member.renewals % every === 0) {
      member.conditions = heartbeatConditions(member.conditions, now);
      await this.client.resource(nodesResource).patchStatus(member.name, {
        status: { conditions: member.conditions },
      }).catch((e) => {
        if (isNotFound(e)) return this.forget(member.name);
        throw e;
      });
    }
  }
}

/** A member whose lease was never written (its registration failed part way). */
class LeaseLost extends Error {}
