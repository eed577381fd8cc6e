/**
 * The store behind an informer: objects by key ("NAMESPACE/NAME"), frozen, with secondary indexes
 * (namespace, owner uid, a label, or any function) kept up to date on every change.
 *
 * @module
 */
import { type KubeObject, objectKey } from "../client/types.ts";
import { deepFreeze } from "./freeze.ts";

/**
 * An index function: the index values an object is filed under (none, one or many).
 *
 * @example
 * ```ts
 * const byNode: IndexFunc<Pod> = (pod) => pod.spec?.nodeName ? [pod.spec.nodeName] : [];
 * ```
 */
export type IndexFunc<T> = (obj: T) => string[];

/**
 * The name of the namespace index every Indexer has.
 *
 * @example
 * ```ts
 * indexer.byIndex(NAMESPACE_INDEX, "default");
 * ```
 */
export const NAMESPACE_INDEX = "namespace";

/**
 * Files objects under their namespace ("" for cluster-scoped ones).
 *
 * @example
 * ```ts
 * indexByNamespace({ metadata: { namespace: "default", name: "a" } }); // ["default"]
 * ```
 */
export function indexByNamespace(obj: unknown): string[] {
  return [(obj as KubeObject).metadata?.namespace ?? ""];
}

/**
 * Files objects under the uid of each owner (client-go's usual "owner" index).
 *
 * @example
 * ```ts
 * indexer.addIndexers({ ownerUid: indexByOwnerUid });
 * indexer.byIndex("ownerUid", replicaSet.metadata.uid);
 * ```
 */
export function indexByOwnerUid(obj: unknown): string[] {
  return ((obj as KubeObject).metadata?.ownerReferences ?? []).map((r) => r.uid);
}

/**
 * An index function that files objects under the value of one label.
 *
 * @example
 * ```ts
 * indexer.addIndexers({ app: indexByLabel("app") });
 * indexer.byIndex("app", "web");
 * ```
 */
export function indexByLabel(label: string): IndexFunc<unknown> {
  return (obj) => {
    const value = (obj as KubeObject).metadata?.labels?.[label];
    return value === undefined ? [] : [value];
  };
}

/**
 * Objects by key, frozen, with indexes.
 *
 * @example
 * ```ts
 * const indexer = new Indexer<Pod>({ ownerUid: indexByOwnerUid });
 * indexer.set(pod);
 * indexer.byIndex("namespace", "default"); // [pod], frozen
 * ```
 */
export class Indexer<T = KubeObject> {
  #items = new Map<string, T>();
  #funcs = new Map<string, IndexFunc<T>>();
  /** index name -> index value -> keys */
  #indexes = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Record<string, IndexFunc<NoInfer<T>>> = {}) {
    this.addIndexers({ [NAMESPACE_INDEX]: indexByNamespace, ...indexers });
  }

  /**
   * Adds indexes, filing the objects already stored; a name already in use is an error.
   *
   * @example
   * ```ts
   * indexer.addIndexers({ node: (pod) => [pod.spec?.nodeName ?? ""] });
   * ```
   */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.#funcs.has(name)) {
        if (this.#funcs.get(name) === fn) continue;
        throw new Error(`index "${name}" already exists`);
      }
      this.#funcs.set(name, fn);
      const index = new Map<string, Set<string>>();
      this.#indexes.set(name, index);
      for (const [key, obj] of this.#items) this.#file(index, fn, key, obj);
    }
  }

  /** Whether an index of this name exists. */
  hasIndex(name: string): boolean {
    return this.#funcs.has(name);
  }

  /**
   * Stores an object (frozen) under its key; answers the object it replaced.
   *
   * @example
   * ```ts
   * const old = indexer.set(pod);
   * ```
   */
  set(obj: T): T | undefined {
    const key = objectKey(obj as KubeObject);
    const old = this.#items.get(key);
    if (old !== undefined) this.#unfile(key, old);
    deepFreeze(obj);
    this.#items.set(key, obj);
    for (const [name, fn] of this.#funcs) this.#file(this.#indexes.get(name)!, fn, key, obj);
    return old;
  }

  /**
   * Removes the object with this key; answers it.
   *
   * @example
   * ```ts
   * indexer.delete("default/web");
   * ```
   */
  delete(key: string): T | undefined {
    const old = this.#items.get(key);
    if (old === undefined) return undefined;
    this.#unfile(key, old);
    this.#items.delete(key);
    return old;
  }

  /**
   * The object with this key ("NAMESPACE/NAME" or "NAME").
   *
   * @example
   * ```ts
   * indexer.get("default/web");
   * ```
   */
  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  /**
   * Every object, in no particular order.
   *
   * @example
   * ```ts
   * for (const pod of indexer.list()) console.log(pod.metadata?.name);
   * ```
   */
  list(): T[] {
    return [...this.#items.values()];
  }

  /** Every key. */
  keys(): string[] {
    return [...this.#items.keys()];
  }

  /** How many objects are stored. */
  get size(): number {
    return this.#items.size;
  }

  /**
   * The objects filed under `value` in the index `name`.
   *
   * @example
   * ```ts
   * indexer.byIndex("namespace", "kube-system");
   * ```
   */
  byIndex(name: string, value: string): T[] {
    const index = this.#indexes.get(name);
    if (!index) throw new Error(`no index named "${name}"`);
    return [...index.get(value) ?? []].map((key) => this.#items.get(key)!);
  }

  /**
   * The keys filed under `value` in the index `name`.
   *
   * @example
   * ```ts
   * indexer.indexKeys("ownerUid", rs.metadata.uid);
   * ```
   */
  indexKeys(name: string, value: string): string[] {
    const index = this.#indexes.get(name);
    if (!index) throw new Error(`no index named "${name}"`);
    return [...index.get(value) ?? []];
  }

  #file(index: Map<string, Set<string>>, fn: IndexFunc<T>, key: string, obj: T): void {
    for (const value of fn(obj)) {
      let keys = index.get(value);
      if (!keys) index.set(value, keys = new Set());
      keys.add(key);
    }
  }

  #unfile(key: string, obj: T): void {
    for (const [name, fn] of this.#funcs) {
      const index = this.#indexes.get(name)!;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
