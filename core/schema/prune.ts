/**
 * Pruning of unknown fields, as apiextensions-apiserver does when it decodes a custom resource
 * (customresource_handler.go: unstructuredSchemaCoercer.apply): unknown ObjectMeta fields are dropped,
 * fields the structural schema does not declare are removed (pkg/apiserver/schema/pruning), nulls of
 * non-nullable fields without a default disappear (defaulting/prunenulls.go), and embedded resources'
 * metadata is coerced to ObjectMeta. The returned paths drive fieldValidation: Ignore drops them
 * silently, Warn sends `unknown field "<path>"` warnings, Strict refuses the request.
 *
 * @module
 */
import { additionalNode, compile, itemsNode, type Node } from "./_compile.ts";
import { fieldPath, joinField, Path, prunedPath, rootPath } from "./_path.ts";
import { coerceObjectMeta } from "./_object_meta.ts";
import type { JSONSchemaProps } from "./types.ts";

/** How {@link prune} treats the value. */
export interface PruneOptions {
  /**
   * The value is a whole object (the default): apiVersion, kind and metadata are kept whatever the
   * schema says, and metadata is reduced to the fields ObjectMeta has.
   */
  isResourceRoot?: boolean;
  /** Remove nulls of non-nullable fields that have no default, as Kubernetes does (default true). */
  pruneNulls?: boolean;
}

const META_FIELDS = new Set(["apiVersion", "kind", "metadata"]);

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One pruning pass: the unknown-field paths it found, and whether to drop non-nullable nulls. */
class Pruner {
  readonly unknown: string[] = [];
  readonly embeddedUnknown: string[] = [];

  constructor(readonly nulls: boolean, readonly coerce: boolean) {}

  /** pruning.prune: `node` undefined means no schema, so every field below is unknown. */
  prune(x: unknown, node: Node | undefined, path: Path, embeddedRoot = false): void {
    if (node?.preserveUnknown) {
      this.skip(x, node, path, embeddedRoot);
      return;
    }
    if (Array.isArray(x)) {
      const items = node ? itemsNode(node) : undefined;
      for (let i = 0; i < x.length; i++) {
        if (typeof x[i] === "object" && x[i] !== null) this.prune(x[i], items, new Path(path, i, false));
      }
      return;
    }
    if (!isMap(x)) return;
    if (!node) {
      for (const k of Object.keys(x)) {
        this.unknown.push(prunedPath(new Path(path, k, false)));
        delete x[k];
      }
      return;
    }
    this.#fields(x, node, path, embeddedRoot, false);
  }

  /** pruning.skipPrune: under x-kubernetes-preserve-unknown-fields, only declared fields are pruned. */
  skip(x: unknown, node: Node, path: Path, embeddedRoot: boolean): void {
    if (Array.isArray(x)) {
      const items = itemsNode(node);
      if (!items) return;
      // Kubernetes keeps skipping into the items, whatever their own schema says: an item of a
      // preserving array keeps its unknown fields while its declared ones are pruned normally.
      for (let i = 0; i < x.length; i++) this.skip(x[i], items, new Path(path, i, false), false);
      return;
    }
    if (isMap(x)) this.#fields(x, node, path, embeddedRoot, true);
  }

  #fields(
    x: Record<string, unknown>,
    node: Node,
    path: Path,
    embeddedRoot: boolean,
    preserve: boolean,
  ): void {
    const embedded = node.embedded || embeddedRoot;
    if (node.embedded && this.coerce && !embeddedRoot) {
      coerceObjectMeta(x.metadata, joinField(fieldPath(path), "metadata"), this.embeddedUnknown);
    }
    const props = node.propNodes;
    for (const k of Object.keys(x)) {
      if (embedded && META_FIELDS.has(k)) {
        this.dropNull(x, k, node);
        continue;
      }
      const prop = props?.get(k);
      if (prop) {
        if (this.dropNull(x, k, node)) continue;
        const v = x[k];
        if (typeof v === "object" && v !== null) this.prune(v, prop, new Path(path, k, false));
      } else if (node.additional !== undefined) {
        if (this.dropNull(x, k, node)) continue;
        const v = x[k];
        if (typeof v === "object" && v !== null) this.prune(v, additionalNode(node), new Path(path, k, true));
      } else if (!preserve) {
        // At the root, apiVersion/kind/metadata go without a report; everywhere else they are fields.
        if (!META_FIELDS.has(k) || path.parent) this.unknown.push(prunedPath(new Path(path, k, false)));
        delete x[k];
      }
    }
  }

  /** PruneNonNullableNullsWithoutDefaults for one field; true when it removed the field. */
  dropNull(x: Record<string, unknown>, k: string, parent: Node): boolean {
    if (!this.nulls || x[k] !== null) return false;
    const n = parent.propNodes?.get(k) ?? additionalNode(parent);
    if (!n || n.nullable || n.hasDefault) return false;
    delete x[k];
    return true;
  }
}

/**
 * Removes from `value` (in place) every field `schema` does not declare and returns their paths in
 * Kubernetes' order and form: unknown metadata fields first, then the pruned fields sorted, then
 * unknown fields of embedded resources' metadata (`spec.containers[0].images`, `metadata.foo`).
 *
 * @example
 * ```ts
 * import { prune } from "./prune.ts";
 * const schema = { type: "object" as const, properties: { spec: { type: "object" as const, properties: {} } } };
 * const obj = { apiVersion: "v1", kind: "X", metadata: { name: "a" }, spec: { foo: 1 } };
 * prune(obj, schema); // ["spec.foo"]
 * ```
 */
export function prune(
  value: unknown,
  schema: JSONSchemaProps | undefined,
  options: PruneOptions = {},
): string[] {
  const root = options.isResourceRoot ?? true;
  const p = new Pruner(options.pruneNulls ?? true, true);
  const metaUnknown: string[] = [];
  if (root && isMap(value)) coerceObjectMeta(value.metadata, "metadata", metaUnknown);
  p.prune(value, schema ? compile(schema) : root ? compile({}) : undefined, rootPath(), root);
  p.unknown.sort();
  p.embeddedUnknown.sort();
  return [...metaUnknown, ...p.unknown, ...p.embeddedUnknown];
}

/**
 * Pruning alone, without null removal or metadata coercion: what Kubernetes does to a default value
 * before it applies it (defaulting.PruneDefaults).
 *
 * @example
 * ```ts
 * import { pruneValue } from "./prune.ts";
 * const value = { a: 1, b: 2 };
 * pruneValue(value, { type: "object", properties: { a: { type: "integer" } } }); // ["b"]
 * ```
 */
export function pruneValue(value: unknown, schema: JSONSchemaProps): string[] {
  const p = new Pruner(false, false);
  p.prune(value, compile(schema), rootPath());
  return p.unknown;
}
