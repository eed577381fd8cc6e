/**
 * Kubernetes' defaulting of a Namespace (SetDefaults_Namespace and SetDefaults_NamespaceStatus in
 * kubernetes/pkg/apis/core/v1/defaults.go). Adding the "kubernetes" finalizer and resetting status on
 * create are the registry's job in Kubernetes, not defaulting, and are left to the API layer.
 *
 * @module
 */
import type { Namespace } from "../api/namespace.ts";

/** The label every namespace carries with its own name, so selectors can pick namespaces by name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * A copy of `namespace` with Kubernetes' defaults: the `kubernetes.io/metadata.name` label (when the
 * name is known) and `status.phase: Active`.
 *
 * @example
 * ```ts
 * import { defaultNamespace } from "@skiff/kinds";
 *
 * defaultNamespace({ metadata: { name: "team-a" } }).metadata?.labels;
 * // { "kubernetes.io/metadata.name": "team-a" }
 * ```
 */
export function defaultNamespace(namespace: Namespace): Namespace {
  const out = structuredClone(namespace);
  const name = out.metadata?.name;
  // A namespace created with generateName gets the label once the name exists (Kubernetes does this in
  // the registry's Canonicalize); nothing to add yet.
  if (name) {
    out.metadata = { ...out.metadata, labels: { ...out.metadata?.labels, [NAMESPACE_NAME_LABEL]: name } };
  }
  out.status = { ...out.status, phase: out.status?.phase || "Active" };
  return out;
}
