/**
 * What differs between kinds in how the API treats writes, kept as data per kind (Kubernetes calls these
 * REST strategies): status reset on create, kind-specific validation, the default grace period of a
 * delete, and whether a delete answers with the object or a Status.
 *
 * @module
 */
import type { FieldError } from "@skiff/schema";
import type { KubeObject } from "./admission.ts";

/** Per-kind hooks; every one is optional. */
export interface Strategy {
  /** Adjusts a new object before validation (e.g. a Pod's status becomes Pending). */
  prepareForCreate?(obj: KubeObject): void;
  /** Adjusts an updated object before validation. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Checks Kubernetes makes beyond the schema. */
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Name rule: "subdomain" (default), "label" (DNS-1123 label) or "path" (anything a path segment holds). */
  nameRule?: "subdomain" | "label" | "path";
  /**
   * Seconds a delete waits, given the grace period the request asked for if any (Pods: the request's,
   * else spec.terminationGracePeriodSeconds; 0 for a pod no node runs). Kinds without it are deleted at
   * once.
   */
  gracePeriodSeconds?(obj: KubeObject, requested: number | undefined): number;
  /** Whether a delete answers with the deleted object (true) or a Status (false). */
  returnDeletedObject?: boolean;
  /**
   * Whether something besides metadata.finalizers keeps a deleted object (a Namespace's spec.finalizers):
   * the object stays, with deletionTimestamp set, until this answers false.
   */
  holds?(obj: KubeObject): boolean;
  /** Adjusts an object whose deletion starts but cannot finish yet (a Namespace becomes Terminating). */
  prepareForDelete?(obj: KubeObject): void;
  /**
   * Seconds after each write that the store deletes the object by itself (Events: one hour, as
   * kube-apiserver's --event-ttl); watchers see the deletion. Unset: objects stay.
   */
  ttlSeconds?: number;
  /**
   * Subresources whose handler builds the whole new object itself (a Pod's `binding` sets
   * spec.nodeName, which updates may not change): written as given, without `validateUpdate`.
   */
  shapedSubresources?: string[];
}

/** Strategies keyed by `apiVersion/Kind`. */
export class Strategies {
  #byKind = new Map<string, Strategy>();

  set(apiVersion: string, kind: string, strategy: Strategy): void {
    this.#byKind.set(`${apiVersion}/${kind}`, strategy);
  }

  get(apiVersion: string, kind: string): Strategy {
    return this.#byKind.get(`${apiVersion}/${kind}`) ?? {};
  }
}
