/**
 * ControllerRevision values (pkg/controller/history/controller_history.go): building one for a parent,
 * ordering a history, telling equal revisions apart, and the template patch StatefulSets and DaemonSets
 * store as a revision's data (their getPatch).
 *
 * @module
 */
import { newControllerRef } from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { PodTemplateSpec } from "../api/pod_template.ts";
import {
  CONTROLLER_REVISION_HASH_LABEL,
  controllerRevisionName,
  goJson,
  hashControllerRevision,
} from "./hash.ts";

/**
 * The owner of a history: a StatefulSet or a DaemonSet (name, namespace and uid are read).
 *
 * @example
 * ```ts
 * const parent: RevisionParent = { metadata: { name: "web", namespace: "default", uid: "1" } };
 * ```
 */
export interface RevisionParent {
  metadata?: { name?: string; namespace?: string; uid?: string; deletionTimestamp?: string };
}

/**
 * The parent's group/version and kind, as its owner references say it.
 *
 * @example
 * ```ts
 * const kind: ParentKind = { apiVersion: "apps/v1", kind: "StatefulSet" };
 * ```
 */
export interface ParentKind {
  apiVersion: string;
  kind: string;
}

/**
 * getPatch (statefulset and daemon controllers): the pod template as a strategic merge patch that puts
 * it back whole, `{"spec":{"template":{...,"$patch":"replace"}}}`. The template is written as Go encodes
 * a PodTemplateSpec, so the data (and its hash) match Kubernetes': `metadata.creationTimestamp: null`
 * (a struct Go never omits) and `resources: {}` on every container (likewise).
 *
 * @example
 * ```ts
 * import { templatePatch } from "@skiff/workloads";
 *
 * templatePatch({ metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } });
 * // { spec: { template: { $patch: "replace", metadata: { creationTimestamp: null, labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx", resources: {} }] } } } }
 * ```
 */
export function templatePatch(template: PodTemplateSpec | undefined): Record<string, unknown> {
  // deno-lint-ignore no-explicit-any
  const t: any = structuredClone(template ?? {});
  t.metadata = { creationTimestamp: null, ...t.metadata };
  if (t.spec) {
    for (const list of ["initContainers", "containers"]) {
      t.spec[list] = t.spec[list]?.map((c: Record<string, unknown>) => ({ resources: {}, ...c }));
      if (t.spec[list] === undefined) delete t.spec[list];
    }
  } else {
    t.spec = { containers: null };
  }
  t.$patch = "replace";
  return { spec: { template: t } };
}

/**
 * The template a revision's data holds (the inverse of {@link templatePatch}, for ApplyRevision): the
 * patch's template without the directive and Go's null timestamp.
 *
 * @example
 * ```ts
 * import { templateOf, templatePatch } from "@skiff/workloads";
 *
 * templateOf({ revision: 1, data: templatePatch({ metadata: { labels: { a: "b" } } }) })?.metadata; // { labels: { a: "b" } }
 * ```
 */
export function templateOf(revision: ControllerRevision): PodTemplateSpec | undefined {
  // deno-lint-ignore no-explicit-any
  const t = (revision.data as any)?.spec?.template;
  if (!t || typeof t !== "object") return undefined;
  const copy = structuredClone(t);
  delete copy.$patch;
  if (copy.metadata) {
    if (copy.metadata.creationTimestamp === null) delete copy.metadata.creationTimestamp;
    if (Object.keys(copy.metadata).length === 0) delete copy.metadata;
  }
  return copy as PodTemplateSpec;
}

/**
 * NewControllerRevision: a revision controlled by `parent`, labelled with the template's labels and the
 * hash of `data`, named `PARENT-HASH` (the hash taking `collisionCount` into account).
 *
 * @example
 * ```ts
 * import { newControllerRevision, templatePatch } from "@skiff/workloads";
 *
 * const cr = newControllerRevision(sts, { apiVersion: "apps/v1", kind: "StatefulSet" }, { app: "web" }, templatePatch(sts.spec.template), 1, 0);
 * cr.metadata.name; // "web-<hash>"
 * ```
 */
export function newControllerRevision(
  parent: RevisionParent,
  parentKind: ParentKind,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount?: number,
): ControllerRevision {
  const owner = newControllerRef(parent, parentKind);
  const cr: ControllerRevision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      namespace: parent.metadata?.namespace,
      labels: { ...templateLabels },
      ownerReferences: [owner],
    },
    data: data as ControllerRevision["data"],
    revision,
  };
  const hash = hashControllerRevision(cr, collisionCount);
  cr.metadata!.name = controllerRevisionName(parent.metadata!.name!, hash);
  cr.metadata!.labels![CONTROLLER_REVISION_HASH_LABEL] = hash;
  return cr;
}

/**
 * SortControllerRevisions: by revision, ties broken by creation time, then name (a stable sort, in place).
 *
 * @example
 * ```ts
 * import { sortControllerRevisions } from "@skiff/workloads";
 *
 * sortControllerRevisions(revisions).at(-1); // the newest
 * ```
 */
export function sortControllerRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = Date.parse(a.metadata?.creationTimestamp ?? "") || 0;
    const tb = Date.parse(b.metadata?.creationTimestamp ?? "") || 0;
    if (ta !== tb) return ta - tb;
    const na = a.metadata?.name ?? "";
    const nb = b.metadata?.name ?? "";
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}

/** The hash label read as Go's strconv.ParseInt(hs, 10, 32) would (most safe-encoded hashes are not). */
function labelHash(cr: ControllerRevision): number | undefined {
  const hs = cr.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
  if (hs === undefined || !/^[+-]?\d+$/.test(hs)) return undefined;
  const n = Number(hs);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n >>> 0 : undefined;
}

/**
 * EqualRevision: both absent, or both present with equal data (hash labels, when both parse as numbers,
 * must agree first).
 *
 * @example
 * ```ts
 * import { equalRevision } from "@skiff/workloads";
 *
 * equalRevision({ revision: 1, data: { a: 1 } }, { revision: 2, data: { a: 1 } }); // true
 * ```
 */
export function equalRevision(
  lhs: ControllerRevision | undefined,
  rhs: ControllerRevision | undefined,
): boolean {
  if (!lhs || !rhs) return lhs === rhs;
  const l = labelHash(lhs);
  const r = labelHash(rhs);
  if (l !== undefined && r !== undefined && l !== r) return false;
  return goJson(lhs.data ?? null) === goJson(rhs.data ?? null);
}

/**
 * FindEqualRevisions: the revisions equal to `needle`, in their order.
 *
 * @example
 * ```ts
 * import { findEqualRevisions } from "@skiff/workloads";
 *
 * findEqualRevisions(revisions, candidate).length; // 0 when the template is new
 * ```
 */
export function findEqualRevisions(
  revisions: readonly ControllerRevision[],
  needle: ControllerRevision,
): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/**
 * nextRevision: 1 for an empty history, else one more than the last (the revisions sorted).
 *
 * @example
 * ```ts
 * import { nextRevision } from "@skiff/workloads";
 *
 * nextRevision([{ revision: 1 }, { revision: 4 }]); // 5
 * ```
 */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  return revisions.length === 0 ? 1 : revisions[revisions.length - 1].revision + 1;
}
