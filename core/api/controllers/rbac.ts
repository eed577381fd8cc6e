/**
 * The RBAC controller: creates the bootstrap roles and bindings that are missing, keeps the
 * authorizer's in-memory copy of Roles, ClusterRoles, RoleBindings and ClusterRoleBindings current from
 * their watches, and fills the rules of every ClusterRole with an aggregationRule (Kubernetes' rbac
 * bootstrap post-start hook, the RBAC informers and the clusterrole-aggregation controller in one).
 *
 * @module
 */
import {
  aggregatedRules,
  bootstrapClusterRoleBindings,
  bootstrapClusterRoles,
  type RbacAuthorizer,
  type RbacKind,
  sameRules,
} from "@skiff/auth";
import type { ClusterRole } from "@skiff/kinds";
import type { KubeObject } from "../admission.ts";
import { ApiError } from "../errors.ts";
import type { Objects } from "../objects.ts";
import { collectionKey, type Registry } from "../registry.ts";
import { type Loop, startLoop } from "./_loop.ts";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const KINDS: [RbacKind, string][] = [
  ["Role", "roles"],
  ["ClusterRole", "clusterroles"],
  ["RoleBinding", "rolebindings"],
  ["ClusterRoleBinding", "clusterrolebindings"],
];

/**
 * Bootstraps the default policy, loads every RBAC object into `rbac` (so it decides from the first
 * request on), then keeps it current. Resolves once the copy is loaded.
 *
 * @example
 * ```ts
 * const rbac = new RbacAuthorizer();
 * const loops = await startRbacController(objects, registry, rbac, console.error);
 * ```
 */
export async function startRbacController(
  objects: Objects,
  registry: Registry,
  rbac: RbacAuthorizer,
  log: (line: string) => void,
): Promise<Loop[]> {
  const resource = (plural: string) => registry.lookup(RBAC_GROUP, "v1", plural)!;
  const clusterRoles = resource("clusterroles");
  await Promise.all([
    createMissing(objects, clusterRoles, bootstrapClusterRoles() as KubeObject[]),
    createMissing(objects, resource("clusterrolebindings"), bootstrapClusterRoleBindings() as KubeObject[]),
  ]);
  const lists = await Promise.all(KINDS.map(([, plural]) => objects.list(resource(plural), undefined)));
  KINDS.forEach(([kind], i) => lists[i].items.forEach((obj) => rbac.set(kind, obj as never)));
  await aggregate(objects, clusterRoles, rbac);

  return KINDS.map(([kind, plural]) => {
    const res = resource(plural);
    return startLoop(objects.store, collectionKey(res), async (id, obj) => {
      if (obj) rbac.set(kind, obj as never);
      else {
        // The id is the store key: .../PLURAL[/NAMESPACE]/NAME.
        const parts = id.split("/");
        rbac.delete(kind, res.namespaced ? parts.at(-2)! : "", parts.at(-1)!);
      }
      if (kind === "ClusterRole") await aggregate(objects, clusterRoles, rbac);
    }, (line) => log(`rbac controller: ${line}`));
  });
}

async function createMissing(objects: Objects, res: Parameters<Objects["create"]>[0], items: KubeObject[]) {
  for (const obj of items) {
    try {
      await objects.create(res, undefined, obj);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === "AlreadyExists")) throw e;
    }
  }
}

/** Writes the aggregated rules of each aggregating ClusterRole whose stored rules differ. */
async function aggregate(objects: Objects, res: Parameters<Objects["create"]>[0], rbac: RbacAuthorizer) {
  const all = rbac.clusterRoles();
  for (const role of all) {
    const rules = aggregatedRules(role, all);
    if (!rules || sameRules(rules, role.rules)) continue;
    try {
      const { object } = await objects.patch(res, undefined, role.metadata!.name!, (cur) => {
        cur.rules = rules;
        return cur;
      });
      // Decide from the new rules at once; the watch brings the same object again shortly.
      rbac.set("ClusterRole", object as ClusterRole);
    } catch (e) {
      // Deleted meanwhile: its deletion event comes through the watch.
      if (!(e instanceof ApiError && e.reason === "NotFound")) throw e;
    }
  }
}
