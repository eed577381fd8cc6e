/**
 * The storage interface every backend implements. It is shaped like `Deno.Kv` (get, getMany, list,
 * atomic().check().set().delete().commit(), watch, close) so it reads familiar, and adds what an API
 * server needs and Deno KV lacks: a global revision, lists pinned to one revision, prefix watches from
 * a revision with the previous value, compaction, and keys with a time to live.
 *
 * Keys are arrays of strings (`["registry", "pods", "default", "web-0"]`); values are anything
 * `JSON.stringify` accepts. A `versionstamp` is the decimal revision of the write that last changed the
 * key (etcd's mod_revision); it is what the API server hands out as `metadata.resourceVersion`.
 *
 * @module
 */

/** A key: its parts, from the most general to the most specific. */
export type KvKey = readonly string[];

/** A stored entry, as returned by get, getMany and list. */
export interface KvEntry<T = unknown> {
  key: KvKey;
  value: T;
  /** Revision of the write that last changed this key, as a decimal string. */
  versionstamp: string;
}

/** The answer of `get`: an entry, or nulls when the key is absent. */
export type KvEntryMaybe<T = unknown> = KvEntry<T> | {
  key: KvKey;
  value: null;
  versionstamp: null;
};

/** Options of `list`. */
export interface ListOptions {
  /** At most this many entries in the page (default: all). */
  limit?: number;
  /** The `cursor` of an earlier page: continues after it, at that page's revision. */
  cursor?: string;
  /** Newest key first. */
  reverse?: boolean;
  /** Read at this revision instead of the newest (ignored when a cursor is given). */
  revision?: number;
}

/** One page of a list. */
export interface ListPage<T = unknown> {
  entries: KvEntry<T>[];
  /** Pass to the next `list` call for the next page; `""` when this page is the last. */
  cursor: string;
  /** The revision every entry of every page of this list was read at. */
  revision: number;
}

/** Options of `set`. */
export interface SetOptions {
  /** The key is deleted (with a watch event) about this many milliseconds after the write. */
  expireIn?: number;
}

/** Result of a successful commit; `versionstamp` is the commit's revision. */
export interface KvCommitResult {
  ok: true;
  versionstamp: string;
}

/** Result of a commit whose checks failed; nothing was written. */
export interface KvCommitError {
  ok: false;
}

/** A check: the key must be at this versionstamp, or absent when `null`. */
export interface AtomicCheck {
  key: KvKey;
  versionstamp: string | null;
}

/** A transaction: all checks hold and every mutation applies at one new revision, or nothing does. */
export interface AtomicOperation {
  check(...checks: AtomicCheck[]): this;
  set(key: KvKey, value: unknown, options?: SetOptions): this;
  delete(key: KvKey): this;
  commit(): Promise<KvCommitResult | KvCommitError>;
}

/** One change seen by a watch. */
export interface WatchEvent<T = unknown> {
  type: "put" | "delete";
  key: KvKey;
  /** The new value; `null` for a delete. */
  value: T | null;
  /**
   * The value before this change; `null` when the key was created. A read-only watch's may be decoded
   * only when first read (see {@link WatchOptions.readOnly}): test `created` to tell a create from an
   * update without decoding it.
   */
  prevValue: T | null;
  /** Whether the change created the key (prevValue is null); a store may leave it out. */
  created?: boolean;
  /** Revision of the change. */
  revision: number;
}

/** Options of `watch`. */
export interface WatchOptions {
  /**
   * Deliver every change with a revision greater than this one (default: the current revision, so only
   * changes made after the call). A compacted revision makes the stream error with
   * `RevisionCompactedError`.
   */
  after?: number;
  /**
   * The reader never changes the values it gets: the store may then hand it the very objects a write
   * through this store passed in (instead of decoding etcd's copy), shared with that writer and with
   * other read-only watches. The writer must not change an object after writing it either (setting
   * `metadata.resourceVersion` to the write's revision is the one change allowed). An update's
   * prevValue may then be decoded only when first read, once for all read-only watches.
   */
  readOnly?: boolean;
}

/** The storage interface the API server is built on. */
export interface Store {
  /** The backend's name, as `skiff up` logs it. */
  readonly backend: string;
  /** The current revision: that of the newest write. */
  revision(): Promise<number>;
  get<T = unknown>(key: KvKey): Promise<KvEntryMaybe<T>>;
  getMany<T = unknown>(keys: readonly KvKey[]): Promise<KvEntryMaybe<T>[]>;
  /** Entries whose key starts with `prefix` (the prefix itself excluded), in key order. */
  list<T = unknown>(selector: { prefix: KvKey }, options?: ListOptions): Promise<ListPage<T>>;
  set(key: KvKey, value: unknown, options?: SetOptions): Promise<KvCommitResult>;
  delete(key: KvKey): Promise<void>;
  atomic(): AtomicOperation;
  /**
   * Changes under `prefix`, in revision order, with previous values. Cancel the stream (or break out of
   * `for await`) to stop it; `close()` ends every open watch.
   */
  watch<T = unknown>(selector: { prefix: KvKey }, options?: WatchOptions): ReadableStream<WatchEvent<T>>;
  /** Forget history at and below `revision`; reads and watches from there fail afterwards. */
  compact(revision: number): Promise<void>;
  /** The newest compacted revision (0 when nothing was compacted). */
  compactedRevision(): Promise<number>;
  /** Whether the backend answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
