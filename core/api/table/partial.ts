/**
 * PartialObjectMetadata(List): an object's metadata alone, what metadata-only clients (client-go's
 * metadata informers, so Kubernetes' garbage collector and namespace controller) ask for with
 * `Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1`. kube-apiserver builds it in
 * endpoints/handlers/response.go (asPartialObjectMetadata, asPartialObjectMetadataList), after the
 * read: a form that does not fit the answer (a list asked for as one object, or the reverse) is a 406,
 * worded with the Go type of what was read.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import { ApiError } from "../errors.ts";
import type { Resource } from "../registry.ts";
import type {
  MetaVersion,
  PartialObjectMetadata,
  PartialObjectMetadataList,
  TableListMeta,
} from "./types.ts";

/** The metadata form a client negotiated: one object or a list, in a meta.k8s.io version. */
export interface PartialTarget {
  kind: "PartialObjectMetadata" | "PartialObjectMetadataList";
  version: MetaVersion;
}

/**
 * An object's metadata as a PartialObjectMetadata (the metadata object itself, not a copy: callers
 * serialize it right away).
 *
 * @example
 * ```ts
 * asPartialObjectMetadata(pod, "v1");
 * // { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: pod.metadata }
 * ```
 */
export function asPartialObjectMetadata(
  object: { metadata?: Record<string, unknown> },
  version: MetaVersion,
): PartialObjectMetadata {
  return {
    kind: "PartialObjectMetadata",
    apiVersion: `meta.k8s.io/${version}`,
    metadata: object.metadata ?? {},
  };
}

/**
 * The answer to a read of one object for a client that asked for `target`: its PartialObjectMetadata,
 * or Kubernetes' 406 when the client asked for a list. `goType` names what was read in the message
 * (default: the Go type kube-apiserver would have read for `res`).
 *
 * @example
 * ```ts
 * partialObject(pods, pod, { kind: "PartialObjectMetadata", version: "v1" }); // { kind: "PartialObjectMetadata", ... }
 * partialObject(pods, pod, { kind: "PartialObjectMetadataList", version: "v1" });
 * // throws 406: you requested PartialObjectMetadataList, but the requested object is not a list (*core.Pod)
 * ```
 */
export function partialObject(
  res: Pick<Resource, "group" | "kind" | "listKind" | "builtin">,
  object: KubeObject,
  target: PartialTarget,
  goType: string = goTypeOf(res, false),
): PartialObjectMetadata {
  if (target.kind !== "PartialObjectMetadata") {
    throw notAcceptableAs(
      `you requested PartialObjectMetadataList, but the requested object is not a list (${goType})`,
    );
  }
  return asPartialObjectMetadata(object, target.version);
}

/**
 * The answer to a list for a client that asked for `target`: a PartialObjectMetadataList of the items
 * with the list's resourceVersion and continue token, or Kubernetes' 406 when the client asked for one
 * object.
 *
 * @example
 * ```ts
 * partialList(pods, list.items, { kind: "PartialObjectMetadataList", version: "v1" }, { resourceVersion: "42" });
 * // { kind: "PartialObjectMetadataList", apiVersion: "meta.k8s.io/v1", metadata: { resourceVersion: "42" }, items: [...] }
 * ```
 */
export function partialList(
  res: Pick<Resource, "group" | "kind" | "listKind" | "builtin">,
  items: readonly KubeObject[],
  target: PartialTarget,
  listMeta: TableListMeta = {},
): PartialObjectMetadataList {
  if (target.kind !== "PartialObjectMetadataList") {
    throw notAcceptableAs(
      `you requested PartialObjectMetadata, but the requested object is a list (${goTypeOf(res, true)})`,
    );
  }
  const metadata: TableListMeta = {};
  if (listMeta.resourceVersion) metadata.resourceVersion = listMeta.resourceVersion;
  if (listMeta.continue) metadata.continue = listMeta.continue;
  if (listMeta.remainingItemCount !== undefined) metadata.remainingItemCount = listMeta.remainingItemCount;
  return {
    kind: "PartialObjectMetadataList",
    apiVersion: `meta.k8s.io/${target.version}`,
    metadata,
    // An empty list is `"items":[]`, as kube-apiserver's streaming list encoder writes it.
    items: items.map((item) => asPartialObjectMetadata(item, target.version)),
  };
}

/** kube-apiserver's errNotAcceptable: a 406 with only a message. */
function notAcceptableAs(message: string): ApiError {
  return new ApiError(406, "NotAcceptable", message);
}

/**
 * Where a built-in group's internal Go types live when the package is not the group's first label.
 * events.k8s.io serves core's Event.
 */
const INTERNAL_PACKAGES: Record<string, string> = {
  "": "core",
  "events.k8s.io": "core",
  "internal.apiserver.k8s.io": "apiserverinternal",
};

/**
 * The Go type (`%T`) of what kube-apiserver reads for `res`: its internal type for a Kubernetes group
 * (`*core.Pod`, `*apps.DeploymentList`), an unstructured one for custom resources.
 *
 * @example
 * ```ts
 * goTypeOf(pods, true); // "*core.PodList"
 * goTypeOf(widgets, false); // "*unstructured.Unstructured"
 * ```
 */
export function goTypeOf(
  res: Pick<Resource, "group" | "kind" | "listKind" | "builtin">,
  list: boolean,
): string {
  // Kubernetes' own groups have no dot or end in .k8s.io; anything else is served from a CRD.
  const kubernetesGroup = !res.group.includes(".") || res.group.endsWith(".k8s.io");
  if (!res.builtin || !kubernetesGroup) {
    return list ? "*unstructured.UnstructuredList" : "*unstructured.Unstructured";
  }
  const pkg = INTERNAL_PACKAGES[res.group] ?? res.group.split(".")[0];
  return `*${pkg}.${list ? res.listKind : res.kind}`;
}
