/**
 * Event filters (controller-runtime's `predicate` package): which adds, updates and deletes of a watched
 * kind reach the work queue. A predicate leaves out a method to let every such event through.
 *
 * @module
 */
import type { KubeObject } from "../client/types.ts";

/**
 * Filters events by type; an absent method lets events of that type through.
 *
 * @example
 * ```ts
 * const onlyUpdates: Predicate = { create: () => false, delete: () => false };
 * ```
 */
export interface Predicate<T = KubeObject> {
  create?(obj: T): boolean;
  /** `oldObj === newObj` for a periodic resync. */
  update?(oldObj: T, newObj: T): boolean;
  delete?(obj: T): boolean;
}

type Meta = { metadata?: { generation?: number; labels?: unknown; annotations?: unknown } };

/**
 * Lets an update through only when metadata.generation changed, i.e. the spec changed (status-only
 * writes and metadata edits are dropped). Creates and deletes pass.
 *
 * @example
 * ```ts
 * new Controller({ name: "widget", for: widgets, predicates: [generationChanged], reconcile });
 * ```
 */
export const generationChanged: Predicate<unknown> = {
  update: (oldObj, newObj) =>
    (oldObj as Meta)?.metadata?.generation !== (newObj as Meta)?.metadata?.generation,
};

/**
 * Lets an update through only when the labels changed.
 *
 * @example
 * ```ts
 * const predicates = [labelsChanged];
 * ```
 */
export const labelsChanged: Predicate<unknown> = {
  update: (oldObj, newObj) =>
    !sameMap((oldObj as Meta)?.metadata?.labels, (newObj as Meta)?.metadata?.labels),
};

/**
 * Lets an update through only when the annotations changed.
 *
 * @example
 * ```ts
 * const predicates = [anyOf(generationChanged, annotationsChanged)];
 * ```
 */
export const annotationsChanged: Predicate<unknown> = {
  update: (oldObj, newObj) =>
    !sameMap((oldObj as Meta)?.metadata?.annotations, (newObj as Meta)?.metadata?.annotations),
};

/**
 * A predicate from one test applied to every event (the new object for updates), as
 * controller-runtime's `predicate.NewPredicateFuncs`.
 *
 * @example
 * ```ts
 * const labelled = predicate((obj) => obj.metadata?.labels?.["app"] === "web");
 * ```
 */
export function predicate<T = KubeObject>(test: (obj: T) => boolean): Predicate<T> {
  return { create: test, update: (_old, obj) => test(obj), delete: test };
}

/**
 * Lets an event through when any of the predicates does (controller-runtime's `predicate.Or`).
 *
 * @example
 * ```ts
 * const specOrLabels = anyOf(generationChanged, labelsChanged);
 * ```
 */
export function anyOf<T = KubeObject>(...predicates: Predicate<T>[]): Predicate<T> {
  return {
    create: (obj) => predicates.some((p) => p.create?.(obj) ?? true),
    update: (oldObj, newObj) => predicates.some((p) => p.update?.(oldObj, newObj) ?? true),
    delete: (obj) => predicates.some((p) => p.delete?.(obj) ?? true),
  };
}

/**
 * Whether an event passes every predicate (controller-runtime ANDs the predicates of a watch).
 *
 * @example
 * ```ts
 * passes([generationChanged], "update", oldObj, newObj);
 * ```
 */
export function passes<T>(
  predicates: readonly Predicate<T>[],
  type: "create" | "update" | "delete",
  obj: T,
  newObj?: T,
): boolean {
  return predicates.every((p) => {
    if (type === "update") return p.update?.(obj, newObj as T) ?? true;
    return p[type]?.(obj) ?? true;
  });
}

function sameMap(a: unknown, b: unknown): boolean {
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && x[k] === y[k]);
}
