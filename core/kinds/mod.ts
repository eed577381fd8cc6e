/**
 * The minimal kinds every Skiff cluster serves (Namespace, Node, Pod, Event, Lease, ServiceAccount,
 * CustomResourceDefinition, RBAC), written once as valibot schemas with their TypeScript types, turned into
 * ResourceDefinitions for the API server and into crds/*.yaml, plus the validation Kubernetes does
 * beyond the schema and the building blocks operators use for their own kinds.
 *
 * @example
 * ```ts
 * import { builtinDefinitions, defaultPod, type Pod, validatePod } from "@skiff/kinds";
 *
 * const pod: Pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } };
 * validatePod(defaultPod(pod)); // []
 * builtinDefinitions.length; // 14
 * ```
 *
 * @module
 */

// Building blocks for kinds written as valibot.
export * from "./k8s.ts";
export * from "./to_json_schema.ts";
export * from "./definition.ts";
export * from "./quantity.ts";

// The kinds: schemas and inferred types.
export * from "./api/meta.ts";
export * from "./api/object_reference.ts";
export * from "./api/selectors.ts";
export * from "./api/volume.ts";
export * from "./api/probe.ts";
export * from "./api/security_context.ts";
export * from "./api/container.ts";
export * from "./api/scheduling.ts";
export * from "./api/pod_status.ts";
export * from "./api/pod.ts";
export * from "./api/namespace.ts";
export * from "./api/node.ts";
export * from "./api/event.ts";
export * from "./api/events_v1_event.ts";
export * from "./api/lease.ts";
export * from "./api/service_account.ts";
export * from "./api/custom_resource_definition.ts";
export * from "./api/rbac.ts";
export * from "./api/access_review.ts";
export * from "./api/admission_registration.ts";
export * from "./api/list.ts";

// The kinds as the API server serves them.
export * from "./builtin.ts";
export * from "./conversion/event.ts";

// Defaulting and validation beyond the schema.
export * from "./defaults/pod.ts";
export * from "./defaults/namespace.ts";
export * from "./validation/pod.ts";
export * from "./validation/namespace.ts";
export * from "./validation/rbac.ts";
export * from "./validation/admission_registration.ts";
