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
  add(def: ResourceDefinition, options: { builtin: boolean; createOnly?: boolean; printer?: Printer }): void {
    this.#drop(def.group, def.names.plural);
    const storage = def.versions.find((v) => v.storage)?.name ?? def.versions[0].name;
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
        storageVersion: storage,
        schema: v.schema?.openAPIV3Schema,
        status: v.subresources?.status !== undefined,
        scale: v.subresources?.scale,
        printerColumns: v.additionalPrinterColumns ?? [],
        builtin: options.builtin,
        createOnly: options.createOnly ?? false,
        printer: options.printer,
        definition: def,
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
  r: Pick<Resource, "group" | "plural" | "namespaced">,
  namespace: string,
  name: string,
): KvKey {
  return r.namespaced ? [...collectionKey(r, namespace), name] : [...collectionKey(r), name];
}

/** The store prefix of a collection, in one namespace or (without one) in all. */
export function collectionKey(
  r: Pick<Resource, "group" | "plural" | "namespaced">,
  namespace?: string,
): KvKey {
  const base = ["registry", r.group || "core", r.plural];
  return r.namespaced && namespace ? [...base, namespace] : base;
}

const pathKey = (group: string, version: string, plural: string) => `${group}/${version}/${plural}`;
