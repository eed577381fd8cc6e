/**
 * Finding, creating, annotating and scaling a deployment's ReplicaSets (pkg/controller/deployment/sync.go:
 * getAllReplicaSetsAndSyncRevision, getNewReplicaSet, scaleReplicaSet).
 *
 * @module
 */
import { isAlreadyExists, newControllerRef } from "@skiff/sdk";
import type { ReplicaSet } from "../api/replica_set.ts";
import { newRSNewReplicas } from "../rollout/fenceposts.ts";
import { computeHash, POD_TEMPLATE_HASH_LABEL } from "../rollout/hash.ts";
import { maxRevision, REVISION_ANNOTATION, revisionOf, setRevision } from "../rollout/revision.ts";
import { asObject, type DeploymentSync, writeStatus } from "./context.ts";
import {
  copyDeploymentAnnotations,
  equalIgnoreHash,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  maxReplicas,
  newCondition,
  REASONS,
  setCondition,
  setReplicasAnnotations,
  specReplicas,
} from "./util.ts";

/**
 * The new ReplicaSet (if any) and the old ones.
 *
 * @example
 * ```ts
 * const { newRS, oldRSs }: ReplicaSets = await allReplicaSets(sync, false);
 * ```
 */
export interface ReplicaSets {
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (made when `create` and missing) and the old ones,
 * with the revision annotations of the new one and of the deployment brought up to date.
 *
 * @example
 * ```ts
 * const { newRS, oldRSs } = await allReplicaSets(sync, true);
 * ```
 */
export async function allReplicaSets(sync: DeploymentSync, create: boolean): Promise<ReplicaSets> {
  const existing = findNewReplicaSet(sync.d, sync.rsList);
  const oldRSs = sync.rsList.filter((rs) => rs !== existing);
  const newRS = await newReplicaSet(sync, existing, oldRSs, create);
  if (newRS) sync.rsList = [...oldRSs, newRS];
  return { newRS, oldRSs };
}

/**
 * setNewReplicaSetAnnotations: the deployment's annotations, the revision (recording an older one in
 * revision-history), and for a new ReplicaSet desired-replicas and max-replicas.
 */
function setNewAnnotations(sync: DeploymentSync, rs: ReplicaSet, revision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(sync.d, rs);
  if (setRevision(rs, revision)) changed = true;
  if (!exists && setReplicasAnnotations(rs, sync.d.spec?.replicas ?? 1, maxReplicas(sync.d))) changed = true;
  return changed;
}

/** SetDeploymentRevision, written as a metadata patch (a status write cannot change annotations). */
async function syncDeploymentRevision(sync: DeploymentSync, revision: string | undefined): Promise<void> {
  if (revision === undefined || sync.d.metadata?.annotations?.[REVISION_ANNOTATION] === revision) return;
  sync.d = await sync.deployments.patch(sync.d.metadata!.name!, {
    metadata: {
      annotations: { [REVISION_ANNOTATION]: revision },
      resourceVersion: sync.d.metadata?.resourceVersion,
    },
  }, { type: "merge" });
}

async function newReplicaSet(
  sync: DeploymentSync,
  existing: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
  create: boolean,
): Promise<ReplicaSet | undefined> {
  const d = sync.d;
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    let rs = structuredClone(existing);
    const annotationsChanged = setNewAnnotations(sync, rs, newRevision, true);
    const minReadyChanged = (rs.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsChanged || minReadyChanged) {
      rs.spec!.minReadySeconds = d.spec?.minReadySeconds;
      rs = await sync.replicaSets.update(rs);
    }
    await syncDeploymentRevision(sync, rs.metadata?.annotations?.[REVISION_ANNOTATION]);
    if (hasProgressDeadline(sync.d) && !getCondition(sync.d.status, "Progressing")) {
      const status = structuredClone(sync.d.status ?? {});
      setCondition(
        status,
        newCondition(
          "Progressing",
          "True",
          REASONS.foundNewReplicaSet,
          `Found new replica set "${rs.metadata?.name}"`,
        ),
      );
      await writeStatus(sync, status);
    }
    return rs;
  }
  if (!create) return undefined;

  const collisionCount = d.status?.collisionCount;
  const template = structuredClone(d.spec!.template);
  const hash = computeHash(template, collisionCount);
  ((template.metadata ??= {}).labels ??= {})[POD_TEMPLATE_HASH_LABEL] = hash;
  const selector = structuredClone(d.spec!.selector);
  (selector.matchLabels ??= {})[POD_TEMPLATE_HASH_LABEL] = hash;
  const owner = asObject(d);
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata!.name}-${hash}`,
      namespace: d.metadata!.namespace,
      labels: { ...template.metadata!.labels },
      ownerReferences: [newControllerRef(d, { apiVersion: owner.apiVersion!, kind: owner.kind! })],
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds, selector, template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec!.replicas = replicas;
  setNewAnnotations(sync, rs, newRevision, false);

  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = await sync.replicaSets.create(rs);
  } catch (e) {
    if (isAlreadyExists(e)) {
      // Ours, and the cache has not seen it yet? Then it is the new ReplicaSet.
      const found = await sync.replicaSets.get(rs.metadata!.name!);
      const ref = found.metadata?.ownerReferences?.find((r) => r.controller);
      if (ref?.uid === d.metadata?.uid && equalIgnoreHash(found.spec?.template, d.spec?.template)) {
        created = found;
        alreadyExisted = true;
      } else {
        // A hash collision: count it, so the next sync hashes differently.
        const status = structuredClone(sync.d.status ?? {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        await writeStatus(sync, status);
        throw new Error(
          `found a hash collision for deployment "${d.metadata?.name}" - bumping collisionCount`,
        );
      }
    } else {
      const status = structuredClone(sync.d.status ?? {});
      setCondition(
        status,
        newCondition(
          "Progressing",
          "False",
          REASONS.replicaSetCreateError,
          `Failed to create new replica set "${rs.metadata?.name}": ${(e as Error).message}`,
        ),
      );
      await writeStatus(sync, status).catch(() => {});
      throw e;
    }
  }
  if (!alreadyExisted && replicas > 0) {
    await sync.recorder.event(
      owner,
      "Normal",
      "ScalingReplicaSet",
      `Scaled up replica set ${created.metadata?.name} from 0 to ${replicas}`,
    );
  }
  await syncDeploymentRevision(sync, String(revisionOf(created) || newRevision));
  if (!alreadyExisted && hasProgressDeadline(sync.d)) {
    const status = structuredClone(sync.d.status ?? {});
    setCondition(
      status,
      newCondition(
        "Progressing",
        "True",
        REASONS.newReplicaSetCreated,
        `Created new replica set "${created.metadata?.name}"`,
      ),
    );
    await writeStatus(sync, status);
  }
  return created;
}

/**
 * scaleReplicaSetAndRecordEvent: sets a ReplicaSet's replicas (and its desired/max annotations), with a
 * ScalingReplicaSet event when the size changed. Answers the ReplicaSet as written.
 *
 * @example
 * ```ts
 * const rs2 = await scaleReplicaSet(sync, rs, 3); // event "Scaled up replica set web-5d4b9c7f8 from 1 to 3"
 * ```
 */
export async function scaleReplicaSet(
  sync: DeploymentSync,
  rs: ReplicaSet,
  size: number,
): Promise<ReplicaSet> {
  const old = specReplicas(rs);
  const copy = structuredClone(rs);
  const annotationsChanged = setReplicasAnnotations(copy, sync.d.spec?.replicas ?? 1, maxReplicas(sync.d));
  if (old === size && !annotationsChanged) return rs;
  copy.spec!.replicas = size;
  const written = await sync.replicaSets.update(copy);
  replaceInList(sync, written);
  if (old !== size) {
    await sync.recorder.event(
      asObject(sync.d),
      "Normal",
      "ScalingReplicaSet",
      `Scaled ${size > old ? "up" : "down"} replica set ${rs.metadata?.name} from ${old} to ${size}`,
    );
  }
  return written;
}

function replaceInList(sync: DeploymentSync, rs: ReplicaSet): void {
  sync.rsList = sync.rsList.map((r) => r.metadata?.uid === rs.metadata?.uid ? rs : r);
}
