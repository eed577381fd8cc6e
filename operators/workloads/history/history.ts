/**
 * realHistory (pkg/controller/history/controller_history.go): a controller's ControllerRevisions read
 * from an informer's cache and written through the API.
 *
 * @module
 */
import {
  type Client,
  getControllerOf,
  type Informer,
  isAlreadyExists,
  isConflict,
  isInvalid,
  isNotFound,
  newControllerRef,
} from "@skiff/sdk";
import type { LabelSelector } from "@skiff/kinds";
import type { ControllerRevision } from "../api/controller_revision.ts";
import { controllerRevisionsResource } from "../resources.ts";
import { matchesSelector } from "../selector/selector.ts";
import { controllerRevisionName, goJson, hashControllerRevision } from "./hash.ts";
import type { ParentKind, RevisionParent } from "./revision.ts";

/** How often an update that keeps conflicting is retried (retry.DefaultBackoff's five steps). */
const UPDATE_RETRIES = 5;

/**
 * A created (or found equal) revision and the collision count after creating it.
 *
 * @example
 * ```ts
 * const { revision, collisionCount } = await history.createControllerRevision(sts, cr, 0);
 * ```
 */
export interface CreatedRevision {
  revision: ControllerRevision;
  /** Incremented once for every name taken by a revision with other data. */
  collisionCount: number;
}

/**
 * The ControllerRevisions of the parents of one kind: listing from the cache, creating with hash
 * collision handling, renumbering (a rollback), deleting, adopting and releasing.
 *
 * @example
 * ```ts
 * import { RevisionHistory } from "@skiff/workloads";
 *
 * const history = new RevisionHistory(client, runtime.informers.informerFor(controllerRevisionsResource));
 * const revisions = history.listControllerRevisions(sts, sts.spec.selector);
 * ```
 */
export class RevisionHistory {
  constructor(readonly client: Client, readonly informer: Informer<ControllerRevision>) {}

  #api(namespace: string) {
    return this.client.resource(controllerRevisionsResource).namespace(namespace);
  }

  /**
   * ListControllerRevisions: the namespace's revisions the selector matches that the parent controls
   * or that nobody controls (candidates for adoption).
   */
  listControllerRevisions(parent: RevisionParent, selector: LabelSelector | undefined): ControllerRevision[] {
    const namespace = parent.metadata?.namespace ?? "";
    return this.informer.store.byIndex("namespace", namespace).filter((cr) => {
      if (!matchesSelector(selector, cr.metadata?.labels ?? {})) return false;
      const ref = getControllerOf(cr);
      return !ref || ref.uid === parent.metadata?.uid;
    });
  }

  /**
   * CreateControllerRevision: creates the revision named `PARENT-HASH(data, collisionCount)`. When the
   * name is taken by a revision with the same data that one is the answer; when by other data (a hash
   * collision) the count goes up and the next name is tried.
   */
  async createControllerRevision(
    parent: RevisionParent,
    revision: ControllerRevision,
    collisionCount: number,
  ): Promise<CreatedRevision> {
    const namespace = parent.metadata!.namespace!;
    const api = this.#api(namespace);
    for (;;) {
      const hash = hashControllerRevision(revision, collisionCount);
      const clone: ControllerRevision = structuredClone(revision);
      clone.metadata = {
        ...clone.metadata,
        namespace,
        name: controllerRevisionName(parent.metadata!.name!, hash),
      };
      try {
        return { revision: await api.create(clone), collisionCount };
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const exists = await api.get(clone.metadata.name!);
        if (goJson(exists.data ?? null) === goJson(clone.data ?? null)) {
          return { revision: exists, collisionCount };
        }
        collisionCount++;
      }
    }
  }

  /**
   * UpdateControllerRevision: gives the revision a new number (what a rollback to it does), retrying on
   * conflicts with the cached copy.
   */
  async updateControllerRevision(
    revision: ControllerRevision,
    newRevision: number,
  ): Promise<ControllerRevision> {
    let clone = structuredClone(revision);
    const namespace = clone.metadata!.namespace!;
    for (let attempt = 0;; attempt++) {
      if (clone.revision === newRevision) return clone;
      clone.revision = newRevision;
      try {
        return await this.#api(namespace).update(clone);
      } catch (e) {
        if (!isConflict(e) || attempt + 1 >= UPDATE_RETRIES) throw e;
        const cached = this.informer.store.get(`${namespace}/${clone.metadata!.name}`);
        clone = structuredClone(cached ?? await this.#api(namespace).get(clone.metadata!.name!));
      }
    }
  }

  /** DeleteControllerRevision. */
  async deleteControllerRevision(revision: ControllerRevision): Promise<void> {
    await this.#api(revision.metadata!.namespace!).delete(revision.metadata!.name!);
  }

  /**
   * AdoptControllerRevision: makes the parent the controller of an orphan revision (a strategic merge
   * patch guarded by the revision's uid); a revision already controlled is an error.
   */
  async adoptControllerRevision(
    parent: RevisionParent,
    parentKind: ParentKind,
    revision: ControllerRevision,
  ): Promise<ControllerRevision> {
    const owner = getControllerOf(revision);
    if (owner) throw new Error(`attempt to adopt revision owned by ${JSON.stringify(owner)}`);
    return await this.#api(parent.metadata!.namespace!).patch(revision.metadata!.name!, {
      metadata: {
        ownerReferences: [newControllerRef(parent, parentKind)],
        uid: revision.metadata!.uid,
      },
    }, { type: "strategic" });
  }

  /**
   * ReleaseControllerRevision: drops the parent's owner reference; a revision gone, or no longer the
   * parent's, answers undefined.
   */
  async releaseControllerRevision(
    parent: RevisionParent,
    revision: ControllerRevision,
  ): Promise<ControllerRevision | undefined> {
    try {
      return await this.#api(revision.metadata!.namespace!).patch(revision.metadata!.name!, {
        metadata: {
          ownerReferences: [{ $patch: "delete", uid: parent.metadata!.uid }],
          uid: revision.metadata!.uid,
        },
      }, { type: "strategic" });
    } catch (e) {
      if (isNotFound(e) || isInvalid(e)) return undefined;
      throw e;
    }
  }
}
