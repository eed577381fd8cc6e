/**
 * The object shape the helpers work on: any Kubernetes object as plain JSON, the client's `KubeObject`
 * (the valibot-typed kinds fit it too).
 *
 * @module
 */
import type { KubeObject } from "../client/types.ts";

export type { OwnerReference } from "../client/types.ts";

/**
 * Any Kubernetes object.
 *
 * @example
 * ```ts
 * const pod: MetaObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" } };
 * ```
 */
export type MetaObject = KubeObject;
