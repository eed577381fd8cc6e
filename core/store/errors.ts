/**
 * Typed errors of the storage layer.
 *
 * @module
 */

/**
 * A read, list cursor or watch asked for history the store no longer keeps. The API server turns it into
 * 410 Gone ("too old resource version").
 *
 * @example
 * ```ts
 * try {
 *   await store.list({ prefix: ["pods"] }, { revision: 3 });
 * } catch (e) {
 *   if (e instanceof RevisionCompactedError) console.log(e.compactedRevision);
 * }
 * ```
 */
export class RevisionCompactedError extends Error {
  override name = "RevisionCompactedError";
  constructor(
    /** The revision that was asked for. */
    readonly requestedRevision: number,
    /** The newest revision that was compacted away; history starts after it. */
    readonly compactedRevision: number,
  ) {
    super(`revision ${requestedRevision} has been compacted (history starts after ${compactedRevision})`);
  }
}

/**
 * The backend does not answer: etcd is unreachable, or the store was closed.
 *
 * @example
 * ```ts
 * throw new StoreUnavailableError("etcd at http://127.0.0.1:2379 did not answer within 5 s");
 * ```
 */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}

/**
 * A key or value the store cannot hold: an empty key, a part that is not a string, a value JSON cannot
 * encode, or one over the backend's size limit.
 *
 * @example
 * ```ts
 * throw new InvalidEntryError("key part 2 is empty");
 * ```
 */
export class InvalidEntryError extends Error {
  override name = "InvalidEntryError";
}

/**
 * A read asked for a revision newer than the store's newest. The API server answers 504 "Too large
 * resource version", as Kubernetes does.
 *
 * @example
 * ```ts
 * throw new FutureRevisionError(120, 97);
 * ```
 */
export class FutureRevisionError extends Error {
  override name = "FutureRevisionError";
  constructor(readonly requestedRevision: number, readonly currentRevision: number) {
    super(`revision ${requestedRevision} is newer than the current revision ${currentRevision}`);
  }
}
