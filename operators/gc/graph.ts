/**
 * The collector's view of the cluster: every object by uid with its owner references, and for each uid
 * the uids of the objects that name it as an owner (Kubernetes' GC `uidToNode` graph). Owners may be
 * unknown (never seen, or gone): dependents are indexed by the owner uid all the same.
 *
 * @module
 */
import type { ObjectMeta, OwnerReference, ResourceRef } from "@skiff/sdk";

/**
 * An object as the graph keeps it.
 *
 * @example
 * ```ts
 * const node: GraphNode = { uid: "u1", resource: podsResource, namespace: "default", name: "web", owners: [], finalizers: [], deleting: false };
 * ```
 */
export interface GraphNode {
  uid: string;
  resource: ResourceRef;
  namespace: string;
  name: string;
  owners: OwnerReference[];
  finalizers: string[];
  /** Whether metadata.deletionTimestamp is set. */
  deleting: boolean;
}

/**
 * Objects by uid and dependents by owner uid.
 *
 * @example
 * ```ts
 * const graph = new Graph();
 * graph.upsert(podsResource, pod);
 * graph.dependents(replicaSetUid); // the pod's node
 * ```
 */
export class Graph {
  readonly #nodes = new Map<string, GraphNode>();
  readonly #dependents = new Map<string, Set<string>>();

  /** Records an object's current state; answers the node it replaced, if any. */
  upsert(resource: ResourceRef, obj: { metadata?: ObjectMeta }): GraphNode | undefined {
    const meta = obj.metadata ?? {};
    if (!meta.uid) return undefined;
    const previous = this.remove(meta.uid);
    const node: GraphNode = {
      uid: meta.uid,
      resource,
      namespace: meta.namespace ?? "",
      name: meta.name ?? "",
      owners: [...meta.ownerReferences ?? []],
      finalizers: [...meta.finalizers ?? []],
      deleting: Boolean(meta.deletionTimestamp),
    };
    this.#nodes.set(node.uid, node);
    for (const owner of node.owners) {
      let set = this.#dependents.get(owner.uid);
      if (!set) this.#dependents.set(owner.uid, set = new Set());
      set.add(node.uid);
    }
    return previous;
  }

  /** Forgets an object; answers its node. Its dependents stay indexed under its uid. */
  remove(uid: string): GraphNode | undefined {
    const node = this.#nodes.get(uid);
    if (!node) return undefined;
    this.#nodes.delete(uid);
    for (const owner of node.owners) {
      const set = this.#dependents.get(owner.uid);
      set?.delete(uid);
      if (set?.size === 0) this.#dependents.delete(owner.uid);
    }
    return node;
  }

  get(uid: string): GraphNode | undefined {
    return this.#nodes.get(uid);
  }

  /** The nodes naming `uid` as an owner. */
  dependents(uid: string): GraphNode[] {
    return [...this.#dependents.get(uid) ?? []].flatMap((d) => this.#nodes.get(d) ?? []);
  }

  get size(): number {
    return this.#nodes.size;
  }
}
