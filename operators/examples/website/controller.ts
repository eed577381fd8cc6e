/**
 * The Website controller: one Pod per replica, owned by the Website so the garbage collector deletes them
 * with it; a Ready condition; and an entry in its namespace's directory annotation, which only a finalizer
 * can take out again.
 *
 * @module
 */
import {
  addFinalizer,
  type Condition,
  Controller,
  hasFinalizer,
  indexByOwnerUid,
  isAlreadyExists,
  isNotFound,
  namespacesResource,
  type OperatorContext,
  podsResource,
  type ReconcileContext,
  type ReconcileResult,
  removeFinalizer,
  setCondition,
  setControllerReference,
} from "@skiff/sdk";
import type { Pod } from "@skiff/kinds";
import { type Website, websitesResource, type WebsiteStatus } from "./api.ts";

/** The finalizer that keeps a deleted Website until its namespace's directory no longer lists it. */
export const FINALIZER = "example.skiff.dev/directory";
/** The namespace annotation listing the namespace's Websites, "blog,shop" (sorted, comma-separated). */
export const DIRECTORY_ANNOTATION = "example.skiff.dev/websites";
/** The label every Pod of a Website carries, with the Website's name. */
export const WEBSITE_LABEL = "example.skiff.dev/website";
/** The index of the shared Pod informer that files Pods under their owners' uids. */
const OWNER_INDEX = "website-owner-uid";

/**
 * The controller, as `defineOperator({ controllers })` wants it: a factory called with the manager.
 *
 * @example
 * ```ts
 * import { defineOperator } from "@skiff/sdk";
 * import { websiteController, websiteCrd } from "@skiff/example-website";
 *
 * const op = defineOperator({ name: "websites", crds: [websiteCrd], controllers: [websiteController] });
 * ```
 */
export function websiteController(ctx: OperatorContext): Controller<Website> {
  // Added before the controller asks for the same shared informer, so the index exists from the start.
  ctx.informers.informerFor(podsResource, { indexers: { [OWNER_INDEX]: indexByOwnerUid } });
  return new Controller<Website>({
    name: "website",
    for: websitesResource,
    owns: [podsResource],
    reconcile: reconcileWebsite,
  });
}

/**
 * Brings one Website ("NAMESPACE/NAME") to what its spec asks for. Level-based: it reads everything from
 * the cache each time and may run any number of times.
 *
 * @example
 * ```ts
 * await reconcileWebsite("default/blog", ctx);
 * ```
 */
export async function reconcileWebsite(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
  const cached = ctx.cache.get(websitesResource, key);
  if (!cached) return; // deleted: the garbage collector removes its Pods
  // Cached objects are frozen and shared with other controllers: work on a copy.
  const site: Website = { apiVersion: "example.skiff.dev/v1", kind: "Website", ...structuredClone(cached) };
  const websites = ctx.client.resource(websitesResource).namespace(site.metadata!.namespace!);

  if (site.metadata?.deletionTimestamp) {
    if (!hasFinalizer(site, FINALIZER)) return;
    await updateDirectory(ctx, site, "remove");
    removeFinalizer(site, FINALIZER);
    await websites.update(site);
    ctx.log.info("removed from the namespace directory");
    return;
  }
  if (addFinalizer(site, FINALIZER)) {
    // The update's own watch event brings the Website back with the finalizer in place.
    await websites.update(site);
    return;
  }
  await updateDirectory(ctx, site, "add");

  const pods = await syncPods(ctx, site);
  const status = statusFor(site, pods);
  if (JSON.stringify(status) !== JSON.stringify(site.status ?? {})) {
    await websites.patchStatus(site.metadata!.name!, { status });
  }
}

/** Creates the missing Pods and deletes the extra ones and those of another image; answers what is left. */
async function syncPods(ctx: ReconcileContext, site: Website): Promise<Pod[]> {
  const { name, namespace, uid } = site.metadata!;
  const replicas = site.spec?.replicas ?? 1;
  const image = site.spec?.image ?? "nginx:1.27";
  const client = ctx.client.resource(podsResource).namespace(namespace!);
  const owned = ctx.cache.list(podsResource, { namespace, index: [OWNER_INDEX, uid!] })
    .filter((pod) => !pod.metadata?.deletionTimestamp);
  const kept: Pod[] = [];
  for (const pod of owned) {
    const ordinal = Number(pod.metadata!.name!.slice(name!.length + 1));
    const stale = pod.spec?.containers[0]?.image !== image;
    if (ordinal < replicas && !stale) {
      kept.push(pod);
      continue;
    }
    await client.delete(pod.metadata!.name!).catch((e) => isNotFound(e) ? undefined : Promise.reject(e));
    await ctx.recorder.event(
      site,
      "Normal",
      "DeletedPod",
      `Deleted pod ${pod.metadata!.name}${stale ? ` (image ${pod.spec?.containers[0]?.image})` : ""}`,
    );
  }
  const have = new Set(kept.map((p) => p.metadata!.name));
  for (let i = 0; i < replicas; i++) {
    const podName = `${name}-${i}`;
    // A Pod of another image still being deleted keeps its name until it is gone; its delete event
    // brings the Website back here.
    if (have.has(podName) || owned.some((p) => p.metadata?.name === podName)) continue;
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: podName, namespace, labels: { [WEBSITE_LABEL]: name! } },
      spec: { containers: [{ name: "web", image, ports: [{ name: "http", containerPort: 80 }] }] },
    };
    setControllerReference(site, pod);
    try {
      kept.push(await client.create(pod));
    } catch (e) {
      // The cache has not seen a Pod an earlier reconcile made: the next event brings us back.
      if (isAlreadyExists(e)) continue;
      throw e;
    }
    await ctx.recorder.event(site, "Normal", "CreatedPod", `Created pod ${podName}`);
  }
  return kept;
}

/** The status the Pods give, with the Ready condition for this generation. */
function statusFor(site: Website, pods: Pod[]): WebsiteStatus {
  const replicas = site.spec?.replicas ?? 1;
  const ready =
    pods.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
      .length;
  const conditions = structuredClone(site.status?.conditions ?? []) as Condition[];
  const generation = site.metadata?.generation;
  if (ready >= replicas) {
    setCondition(conditions, {
      type: "Ready",
      status: "True",
      reason: "PodsReady",
      message: `${ready}/${replicas} pods ready`,
    }, generation);
  } else {
    setCondition(conditions, {
      type: "Ready",
      status: "False",
      reason: "PodsNotReady",
      message: `${ready}/${replicas} pods ready`,
    }, generation);
  }
  return { observedGeneration: generation, replicas: pods.length, readyReplicas: ready, conditions };
}

/**
 * Adds the Website to, or removes it from, its namespace's directory annotation. A namespaced object
 * cannot own its Namespace, and the annotation is shared by every Website there, so the garbage collector
 * cannot clean this up: the finalizer makes the controller do it before the Website goes.
 */
async function updateDirectory(ctx: ReconcileContext, site: Website, op: "add" | "remove"): Promise<void> {
  const namespaces = ctx.client.resource(namespacesResource);
  const ns = await namespaces.get(site.metadata!.namespace!);
  const listed = (ns.metadata?.annotations?.[DIRECTORY_ANNOTATION] ?? "").split(",").filter(Boolean);
  const names = new Set(listed);
  if (op === "add") names.add(site.metadata!.name!);
  else names.delete(site.metadata!.name!);
  const value = [...names].sort().join(",");
  if (value === listed.join(",")) return;
  const annotations = { ...ns.metadata?.annotations };
  if (value) annotations[DIRECTORY_ANNOTATION] = value;
  else delete annotations[DIRECTORY_ANNOTATION];
  // An update (not a patch) carries the resourceVersion read above: when another Website's reconcile
  // changed the list in between, it fails with a Conflict and this reconcile is retried.
  await namespaces.update({ ...ns, metadata: { ...ns.metadata, annotations } });
  await ctx.recorder.event(
    site,
    "Normal",
    op === "add" ? "Listed" : "Unlisted",
    `${op === "add" ? "Added to" : "Removed from"} the ${
      ns.metadata!.name
    } namespace's ${DIRECTORY_ANNOTATION}`,
  );
}
