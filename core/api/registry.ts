/**
 * The kinds the API server serves right now: built-in definitions and established CRDs alike. Lookups by
 * URL (group, version, plural) and by kind; listeners hear when the set changes (discovery caches).
 *
 * @module
 */
import type { DefinitionVersion, JSONSchemaProps, PrinterColumn, ResourceDefinition } from "@skiff/schema";
import type { KvKey } from "@skiff/store";
import type { Printer } from "./table/_printer.ts";

/** One served group/version/resource. */
export interface Resource {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** `v1` for the core group, `GROUP/VERSION` otherwise. */
  apiVersion: string;
  /** The version objects are stored at. */
  storageVersion: string;
  schema?: JSONSchemaProps;
  status: boolean;
  scale?: NonNullable<DefinitionVersion["subresources"]>["scale"];
  printerColumns: PrinterColumn[];
  /** kubectl's printer for this kind when a module brings one (Deployments' READY "2/3"). */
  printer?: Printer;
  /** Built-in kinds take strategic merge patches; CRDs do not (415), as in Kubernetes. */
  builtin: boolean;
  /** Only created, answered from the request and never stored (access reviews): the create verb alone. */
  createOnly: boolean;
  definition: ResourceDefinition;
  /** Set when another resource's collection holds this one's objects (see {@link SharedStorage}). */
  storage?: SharedStorage;
}

/**
 * Where a resource's objects live when another resource's collection holds them, and how they convert:
 * Kubernetes stores events.k8s.io/v1 Events as core/v1 Events, and so does Skiff. Objects are validated
 * and admitted in the served shape, stored in the other one, and converted back on every read and watch.
 */
export interface SharedStorage {
  /** The collection that holds the objects: its group ("" for core) and plural. */
  group: string;
  plural: string;
  /** A served object as stored (a new object; nested values may be shared). */
  toStorage(obj: Record<string, unknown>): Record<string, unknown>;
  /** A stored object as served (a new object; nested values may be shared). */
  fromStorage(obj: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The set of served resources.
 *
 * @example
 * ```ts
 * const registry = new Registry();
 * registry.add(podDefinition, { builtin: true });
 * registry.lookup("", "v1", "pods")?.kind; // "Pod"
 * ```
 */
export class Registry {
  #byPath = new Map<string, Resource>();
  #listeners = new Set<() => void>();

  /** Serves every served version of `def` (replacing an earlier definition of the same group/plural). */
  add(
    def: ResourceDefinition,
    options: { builtin: boolean; createOnly?: boolean; printer?: Printer; storage?: SharedStorage },
  ): void {
    this.#drop(def.group, def.names.plural);
    const storageVersion = def.versions.find((v) => v.storage)?.name ?? def.versions[0].name;
    for (const v of def.versions) {
      if (!v.served) continue;
      this.#byPath.set(pathKey(def.group, v.name, def.names.plural), {
        group: def.group,
        version: v.name,
        plural: def.names.plural,
        singular: def.names.singular || def.names.kind.toLowerCase(),
        kind: def.names.kind,
        listKind: def.names.listKind ?? `${def.names.kind}List`,
        namespaced: def.scope === "Namespaced",
        shortNames: def.names.shortNames ?? [],
        categories: def.names.categories ?? [],
        apiVersion: def.group ? `${def.group}/${v.name}` : v.name,
        storageVersion,
        schema: v.schema?.openAPIV3Schema,
        status: v.subresources?.status !== undefined,
        scale: v.subresources?.scale,
        printerColumns: v.additionalPrinterColumns ?? [],
        builtin: options.builtin,
        createOnly: options.createOnly ?? false,
        printer: options.printer,
        definition: def,
        storage: options.storage,
      });
    }
    this.#changed();
  }

  /** Stops serving group/plural. */
  remove(group: string, plural: string): void {
    if (this.#drop(group, plural)) this.#changed();
  }

  lookup(group: string, version: string, plural: string): Resource | undefined {
    return this.#byPath.get(pathKey(group, version, plural));
  }

  /** The resource serving `kind` in `apiVersion` (`v1`, `apps/v1`). */
  byKind(apiVersion: string, kind: string): Resource | undefined {
    for (const r of this.#byPath.values()) if (r.apiVersion === apiVersion && r.kind === kind) return r;
    return undefined;
  }

  /** Every served resource (one entry per version). */
  all(): Resource[] {
    return [...this.#byPath.values()];
  }

  /** Calls `fn` whenever the set changes; returns a function that stops it. */
  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #drop(group: string, plural: string): boolean {
    let dropped = false;
    for (const [k, r] of this.#byPath) {
      if (r.group === group && r.plural === plural) dropped = this.#byPath.delete(k);
    }
    return dropped;
  }

  #changed(): void {
    for (const fn of this.#listeners) fn();
  }
}

/**
 * The store key of an object: `["registry", group or "core", plural, namespace?, name]`. The store prefix
 * of a list leaves out the name (and the namespace, for a list across namespaces).
 *
 * @example
 * ```ts
 * objectKey(pods, "default", "web"); // ["registry", "core", "pods", "default", "web"]
 * ```
 */
export function objectKey(
  r: Pick<Resource, "group" | "plural" | "namespaced" | "storage">,
  namespace: string,
  name: string,
): KvKey {
  return r.namespaced ? [...collectionKey(r, namespace), name] : [...collectionKey(r), name];
}

/** The store prefix of a collection, in one namespace or (without one) in all. */
export function collectionKey(
  r: Pick<Resource, "group" | "plural" | "namespaced" | "storage">,
  namespace?: string,
): KvKey {
  const { group, plural } = r.storage ?? r;
  const base = ["registry", group || "core", plural];
  return r.namespaced && namespace ? [...base, namespace] : base;
}

/**
 * `obj` in the shape `res` stores it in: another resource's, for a {@link SharedStorage}; else itself.
 *
 * @example
 * ```ts
 * storedForm(eventsV1, { apiVersion: "events.k8s.io/v1", kind: "Event", metadata, note: "x" }).message; // "x"
 * ```
 */
export function storedForm<T extends Record<string, unknown>>(res: Pick<Resource, "storage">, obj: T): T {
  return res.storage ? res.storage.toStorage(obj) as T : obj;
}

/**
 * A stored object in the shape `res` serves: a new object for a {@link SharedStorage}, else itself.
 * Callers present it (apiVersion, kind, resourceVersion) in place.
 *
 * @example
 * ```ts
 * servedForm(eventsV1, storedCoreEvent).regarding; // the core event's involvedObject
 * ```
 */
export function servedForm<T extends Record<string, unknown>>(res: Pick<Resource, "storage">, obj: T): T {
  return res.storage ? res.storage.fromStorage(obj) as T : obj;
}

const pathKey = (group: string, version: string, plural: string) => `${group}/${version}/${plural}`;
