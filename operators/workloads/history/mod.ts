/**
 * ControllerRevision history (pkg/controller/history): the hash and name of a revision, the template
 * patch StatefulSets and DaemonSets store, ordering and equality, and {@link RevisionHistory}, which
 * lists from an informer and writes through the API.
 *
 * @example
 * ```ts
 * import { controllerRevisionName, hashControllerRevision, templatePatch } from "@skiff/workloads";
 *
 * const data = templatePatch({ metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } });
 * controllerRevisionName("web", hashControllerRevision({ revision: 1, data }));
 * ```
 *
 * @module
 */
export * from "./hash.ts";
export * from "./revision.ts";
export * from "./history.ts";
