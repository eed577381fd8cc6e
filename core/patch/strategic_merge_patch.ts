/**
 * application/strategic-merge-patch+json as the Kubernetes API server applies it
 * (k8s.io/apimachinery/pkg/util/strategicpatch, StrategicMergeMapPatch), with the merge semantics of each
 * field read from the kind's schema instead of Go struct tags.
 *
 * @module
 */
import type { JSONSchemaProps } from "../schema/types.ts";
import { PatchError } from "./errors.ts";
import { cloneJson, isObject, jsonTypeName } from "./_json.ts";
import { objectSchema } from "./_patch_meta.ts";
import { mergeMap } from "./_smp_map.ts";

/**
 * Applies a strategic merge patch to a copy of `doc` (neither argument is changed), with the merge
 * semantics of each field taken from `schema` (the kind's openAPIV3Schema):
 *
 * - maps merge key by key; `null` deletes a key; a field with `x-kubernetes-patch-strategy: replace` is
 *   replaced whole;
 * - lists with strategy `merge` merge: lists of maps item by item on `x-kubernetes-patch-merge-key`, lists
 *   of primitives as sets; other lists are replaced (so is everything under a field the schema does not
 *   declare, which is JSON merge patch semantics);
 * - `retainKeys` (alone or as `merge,retainKeys`) lets a patch carry `$retainKeys: [...]`, clearing every
 *   other key of that map;
 * - directives: `$patch: replace` or `$patch: delete` in a map; list items `{"$patch": "replace"}` (the
 *   rest of the patch list becomes the list) and `{name: x, "$patch": "delete"}`;
 *   `$setElementOrder/<field>: [...]`; `$deleteFromPrimitiveList/<field>: [...]`.
 *
 * Items merge in the order Kubernetes gives them: patch items in the patch's (or `$setElementOrder`'s)
 * order, interleaved with the items only the server had, which keep the server's order.
 *
 * Errors are Kubernetes' ones, with its HTTP answers: a patch that is not a JSON object is a 400 (`json:
 * cannot unmarshal array into Go value of type map[string]interface {}`), as are malformed `$retainKeys`,
 * `$setElementOrder` and `$deleteFromPrimitiveList`; a list of lists is a 422; other errors such as
 * `map: map[image:nginx] does not contain declared merge key: name` or `unknown patch type: merge in map:
 * map[$patch:merge]` (`$patch: merge` is refused on maps, and on list items with `merging lists cannot yet
 * be specified in the patch`) are 500s without a reason, as Kubernetes sends them. A key that merely looks
 * like a directive (`$foo`) is an ordinary field, left for validation or pruning to refuse. A null patch
 * changes nothing.
 *
 * @example
 * ```ts
 * const live = { spec: { containers: [{ name: "app", image: "app:1" }, { name: "sidecar", image: "s:1" }] } };
 * const out = applyStrategicMergePatch(live, { spec: { containers: [{ name: "app", image: "app:2" }] } }, podSchema);
 * // containers: [{ name: "app", image: "app:2" }, { name: "sidecar", image: "s:1" }]
 * ```
 */
export function applyStrategicMergePatch(
  doc: Record<string, unknown>,
  patch: unknown,
  schema: JSONSchemaProps | undefined,
): Record<string, unknown> {
  if (!isObject(doc)) throw new TypeError("applyStrategicMergePatch: doc must be an object");
  if (patch === null) return cloneJson(doc);
  if (!isObject(patch)) {
    throw PatchError.badRequest(
      `json: cannot unmarshal ${jsonTypeName(patch)} into Go value of type map[string]interface {}`,
    );
  }
  return mergeMap(cloneJson(doc), cloneJson(patch), objectSchema(schema));
}
