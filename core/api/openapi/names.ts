/**
 * What OpenAPI documents call things: definition names as kube-apiserver gives them
 * (`io.k8s.api.core.v1.Pod`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, `com.example.v1.Widget`
 * for a CRD), references to them, and the group-version paths of the v3 index.
 *
 * @module
 */
import type { Schema } from "./types.ts";

/**
 * Where meta/v1 types (ObjectMeta, ListMeta, Status, DeleteOptions, ...) live.
 *
 * @example
 * ```ts
 * `${META_V1}.ObjectMeta`; // "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
 * ```
 */
export const META_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1";

/**
 * Kubernetes' own API groups and the Go packages their types live in. Operators serve some of these
 * groups (apps, batch, networking.k8s.io, ...), so their kinds are named as Kubernetes names them.
 */
const KUBERNETES_PACKAGES: Record<string, string> = {
  "": "io.k8s.api.core",
  "admissionregistration.k8s.io": "io.k8s.api.admissionregistration",
  apps: "io.k8s.api.apps",
  "authentication.k8s.io": "io.k8s.api.authentication",
  "authorization.k8s.io": "io.k8s.api.authorization",
  autoscaling: "io.k8s.api.autoscaling",
  batch: "io.k8s.api.batch",
  "certificates.k8s.io": "io.k8s.api.certificates",
  "coordination.k8s.io": "io.k8s.api.coordination",
  "discovery.k8s.io": "io.k8s.api.discovery",
  "events.k8s.io": "io.k8s.api.events",
  "flowcontrol.apiserver.k8s.io": "io.k8s.api.flowcontrol",
  "internal.apiserver.k8s.io": "io.k8s.api.apiserverinternal",
  "networking.k8s.io": "io.k8s.api.networking",
  "node.k8s.io": "io.k8s.api.node",
  policy: "io.k8s.api.policy",
  "rbac.authorization.k8s.io": "io.k8s.api.rbac",
  "resource.k8s.io": "io.k8s.api.resource",
  "scheduling.k8s.io": "io.k8s.api.scheduling",
  "storage.k8s.io": "io.k8s.api.storage",
  "storagemigration.k8s.io": "io.k8s.api.storagemigration",
  "apiextensions.k8s.io": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
  "apiregistration.k8s.io": "io.k8s.kube-aggregator.pkg.apis.apiregistration",
};

/**
 * The definition name of a kind: its Go package for Kubernetes' groups, otherwise the reversed group
 * (apiextensions' `ToRESTFriendlyName`: `example.com/v1.Widget` becomes `com.example.v1.Widget`).
 *
 * @example
 * ```ts
 * definitionName("", "v1", "Pod"); // "io.k8s.api.core.v1.Pod"
 * definitionName("example.com", "v1", "Widget"); // "com.example.v1.Widget"
 * ```
 */
export function definitionName(group: string, version: string, kind: string): string {
  const pkg = KUBERNETES_PACKAGES[group] ?? group.split(".").reverse().join(".");
  return `${pkg}.${version}.${kind}`;
}

/**
 * A reference to a definition in an OpenAPI 3 document.
 *
 * @example
 * ```ts
 * ref("io.k8s.api.core.v1.Pod"); // { $ref: "#/components/schemas/io.k8s.api.core.v1.Pod" }
 * ```
 */
export function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * A field whose type is a definition, the way kube-openapi writes it in v3: the field's own
 * description beside an `allOf` holding the reference (a `$ref` may not have siblings in OpenAPI 3.0).
 *
 * @example
 * ```ts
 * refField("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "Standard object's metadata.");
 * // { description: "Standard object's metadata.", allOf: [{ $ref: "#/components/schemas/io.k8s...ObjectMeta" }] }
 * ```
 */
export function refField(name: string, description?: string): Schema {
  return description === undefined ? { allOf: [ref(name)] } : { description, allOf: [ref(name)] };
}

/**
 * The definition a `$ref` points at, or undefined for anything else.
 *
 * @example
 * ```ts
 * refName("#/components/schemas/io.k8s.api.core.v1.Pod"); // "io.k8s.api.core.v1.Pod"
 * ```
 */
export function refName(reference: string | undefined): string | undefined {
  const prefix = "#/components/schemas/";
  return reference?.startsWith(prefix) ? reference.slice(prefix.length) : undefined;
}

/**
 * The key of a group-version in the v3 index, and its path under /openapi/v3.
 *
 * @example
 * ```ts
 * groupVersionPath("", "v1"); // "api/v1"
 * groupVersionPath("apps", "v1"); // "apis/apps/v1"
 * ```
 */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}
