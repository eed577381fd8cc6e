/**
 * Typed get, list, watch, create, update, patch, apply and delete for one kind, and its /status.
 *
 * @module
 */
import type { Client } from "./client.ts";
import { readWatchEvents } from "./_ndjson.ts";
import {
  apiVersionOf,
  type KubeObject,
  type ObjectList,
  type PartialObjectMetadata,
  type ResourceRef,
  type Status,
  type WatchEvent,
} from "./types.ts";

/**
 * Options of list and watch.
 *
 * @example
 * ```ts
 * const opts: ListOptions = { labelSelector: "app=web", limit: 100 };
 * ```
 */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: "Exact" | "NotOlderThan";
  /** Overrides the client's namespace for this call. */
  namespace?: string;
  signal?: AbortSignal;
}

/**
 * Options of a watch.
 *
 * @example
 * ```ts
 * const opts: WatchOptions = { resourceVersion: "42", allowWatchBookmarks: true, timeoutSeconds: 300 };
 * ```
 */
export interface WatchOptions extends Omit<ListOptions, "limit" | "continue" | "resourceVersionMatch"> {
  allowWatchBookmarks?: boolean;
  /** The server ends the watch after this long. */
  timeoutSeconds?: number;
}

/**
 * Options of create, update and patch.
 *
 * @example
 * ```ts
 * const opts: WriteOptions = { dryRun: true, fieldManager: "my-controller" };
 * ```
 */
export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: "Ignore" | "Warn" | "Strict";
  namespace?: string;
  signal?: AbortSignal;
}

/**
 * Options of delete.
 *
 * @example
 * ```ts
 * const opts: DeleteOptions = { propagationPolicy: "Foreground", gracePeriodSeconds: 0 };
 * ```
 */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  namespace?: string;
  signal?: AbortSignal;
}

/**
 * The patch types: JSON merge patch, strategic merge patch (built-in kinds only), JSON patch, and
 * server-side apply.
 *
 * @example
 * ```ts
 * const type: PatchType = "merge";
 * ```
 */
export type PatchType = "merge" | "strategic" | "json" | "apply";

/**
 * The Accept headers of metadata-only reads, as client-go's metadata client sends them less its
 * protobuf clause (this client reads JSON): the metadata form first, the whole object from a server
 * that lacks it. Watches ask for PartialObjectMetadata, not the List form, as client-go does.
 */
const METADATA_ACCEPT = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
const METADATA_LIST_ACCEPT =
  "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  json: "application/json-patch+json",
  apply: "application/apply-patch+yaml",
};

/**
 * The client of one kind, optionally scoped to a namespace with {@link ResourceClient.namespace}.
 * A namespaced kind without a namespace lists and watches across all namespaces; calls on one object
 * take the namespace from the scope, the options, the object, or the client's default, in that order.
 *
 * @example
 * ```ts
 * const pods = client.resource(podsResource).namespace("default");
 * const pod = await pods.create({ metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx" }] } });
 * await pods.patch("web", { metadata: { labels: { tier: "front" } } });
 * await pods.delete("web");
 * ```
 */
export class ResourceClient<T = KubeObject> {
  /** What get, list and watch ask the server for: whole objects, or their metadata alone. */
  readonly form: "object" | "metadata";

  constructor(
    readonly client: Client,
    readonly ref: ResourceRef<T>,
    /** The namespace this client is scoped to, if any. */
    readonly scope?: string,
    options: { form?: "object" | "metadata" } = {},
  ) {
    this.form = options.form ?? "object";
  }

  /**
   * This kind in one namespace.
   *
   * @example
   * ```ts
   * const kubeSystem = client.resource(podsResource).namespace("kube-system");
   * ```
   */
  namespace(namespace: string): ResourceClient<T> {
    return new ResourceClient(this.client, this.ref, namespace, { form: this.form });
  }

  /**
   * This kind read as metadata alone, as client-go's metadata client reads it: get answers a
   * PartialObjectMetadata, list a PartialObjectMetadataList's items, and each watch event's object is a
   * PartialObjectMetadata, so the server sends (and this process parses) no spec or status. `kind` and
   * `apiVersion` are then meta.k8s.io's; an older server may still send whole objects. Writes are
   * unchanged (and answer whole objects).
   *
   * @example
   * ```ts
   * const podMeta = client.resource(podsResource).metadataOnly();
   * for await (const e of podMeta.watch({ resourceVersion: "0" })) console.log(e.object.metadata?.ownerReferences);
   * ```
   */
  metadataOnly(): ResourceClient<PartialObjectMetadata> {
    const ref = this.ref as ResourceRef<unknown> as ResourceRef<PartialObjectMetadata>;
    return new ResourceClient(this.client, ref, this.scope, { form: "metadata" });
  }

  /**
   * The URL path of the collection, an object, or an object's subresource.
   *
   * @example
   * ```ts
   * client.resource(podsResource).namespace("default").path("web", "status"); // "/api/v1/namespaces/default/pods/web/status"
   * ```
   */
  path(name?: string, subresource?: string, namespace: string | undefined = this.scope): string {
    const { group, version, plural, namespaced } = this.ref;
    let p = group ? `/apis/${group}/${version}` : `/api/${version}`;
    if (namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
    p += `/${plural}`;
    if (name !== undefined) p += `/${encodeURIComponent(name)}`;
    if (subresource) p += `/${subresource}`;
    return p;
  }

  /**
   * Reads one object.
   *
   * @example
   * ```ts
   * const pod = await pods.get("web");
   * ```
   */
  async get(name: string, options: { namespace?: string; signal?: AbortSignal } = {}): Promise<T> {
    return await this.client.json<T>("GET", this.path(name, undefined, this.#ns(options.namespace)), {
      signal: options.signal,
      accept: this.form === "metadata" ? METADATA_ACCEPT : undefined,
    });
  }

  /**
   * One page of the collection (all of it unless `limit` is set; follow `metadata.continue`).
   *
   * @example
   * ```ts
   * const page = await pods.list({ limit: 50, labelSelector: "app=web" });
   * ```
   */
  async list(options: ListOptions = {}): Promise<ObjectList<T>> {
    const { namespace, signal, ...query } = options;
    return await this.client.json<ObjectList<T>>(
      "GET",
      this.path(undefined, undefined, namespace ?? this.scope),
      {
        query: query as Record<string, string | number | undefined>,
        signal,
        accept: this.form === "metadata" ? METADATA_LIST_ACCEPT : undefined,
      },
    );
  }

  /**
   * Every page of the collection, read `pageSize` objects at a time at one resourceVersion.
   *
   * @example
   * ```ts
   * const all = await pods.listAll({ pageSize: 500 });
   * all.metadata.resourceVersion; // where a watch picks up
   * ```
   */
  async listAll(
    options: Omit<ListOptions, "limit" | "continue"> & { pageSize?: number } = {},
  ): Promise<ObjectList<T>> {
    const { pageSize = 500, ...rest } = options;
    let page = await this.list({ ...rest, limit: pageSize });
    const items = [...page.items];
    while (page.metadata.continue) {
      page = await this.list({ ...rest, limit: pageSize, continue: page.metadata.continue });
      items.push(...page.items);
    }
    return { ...page, metadata: { resourceVersion: page.metadata.resourceVersion }, items };
  }

  /**
   * The events of a watch, until the server ends it, the signal aborts, or the connection is lost (a
   * `ConnectionError`). ERROR events (410 Gone among them) are yielded as they come. Over an in-process
   * transport the events are deep-frozen and shared with the server's other in-process watchers: copy
   * one (`structuredClone`) before changing it.
   *
   * @example
   * ```ts
   * for await (const e of pods.watch({ resourceVersion: list.metadata.resourceVersion, signal })) {
   *   console.log(e.type, e.object.metadata?.name);
   * }
   * ```
   */
  async *watch(options: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    const { namespace, signal, ...query } = options;
    const res = await this.client.request("GET", this.path(undefined, undefined, namespace ?? this.scope), {
      query: { ...query, watch: true } as Record<string, string | number | boolean | undefined>,
      signal,
      accept: this.form === "metadata" ? METADATA_ACCEPT : undefined,
    });
    if (!res.body) return;
    yield* readWatchEvents<T>(res.body, signal);
  }

  /**
   * Creates an object; apiVersion and kind are filled in when missing.
   *
   * @example
   * ```ts
   * const lease = await leases.create({ metadata: { name: "lock" }, spec: { holderIdentity: "me" } });
   * ```
   */
  async create(obj: T, options: WriteOptions = {}): Promise<T> {
    const ns = this.#ns(options.namespace, obj);
    return await this.#write("POST", this.path(undefined, undefined, ns), this.#typed(obj), options);
  }

  /**
   * Replaces an object (PUT); its metadata.resourceVersion makes it fail with a Conflict when stale.
   *
   * @example
   * ```ts
   * pod.metadata!.labels = { tier: "front" };
   * await pods.update(pod);
   * ```
   */
  async update(obj: T, options: WriteOptions = {}): Promise<T> {
    return await this.#write(
      "PUT",
      this.path(this.#name(obj), undefined, this.#ns(options.namespace, obj)),
      this.#typed(obj),
      options,
    );
  }

  /**
   * Replaces an object's status through the /status subresource.
   *
   * @example
   * ```ts
   * await pods.updateStatus({ ...pod, status: { phase: "Running" } });
   * ```
   */
  async updateStatus(obj: T, options: WriteOptions = {}): Promise<T> {
    return await this.#write(
      "PUT",
      this.path(this.#name(obj), "status", this.#ns(options.namespace, obj)),
      this.#typed(obj),
      options,
    );
  }

  /**
   * Patches an object: a merge patch unless `type` says otherwise ("strategic", "json", "apply").
   *
   * @example
   * ```ts
   * await pods.patch("web", [{ op: "add", path: "/metadata/labels/a", value: "b" }], { type: "json" });
   * ```
   */
  async patch(
    name: string,
    patch: unknown,
    options: WriteOptions & { type?: PatchType; subresource?: string; force?: boolean } = {},
  ): Promise<T> {
    const type = options.type ?? "merge";
    return await this.#write(
      "PATCH",
      this.path(name, options.subresource, this.#ns(options.namespace)),
      patch,
      options,
      PATCH_CONTENT_TYPES[type],
      type === "apply" && options.force !== undefined ? { force: options.force } : {},
    );
  }

  /**
   * Patches an object's status through the /status subresource.
   *
   * @example
   * ```ts
   * await pods.patchStatus("web", { status: { phase: "Succeeded" } });
   * ```
   */
  async patchStatus(
    name: string,
    patch: unknown,
    options: WriteOptions & { type?: PatchType } = {},
  ): Promise<T> {
    return await this.patch(name, patch, { ...options, subresource: "status" });
  }

  /**
   * Server-side apply: sends the object as an apply patch with a field manager (required) and `force`.
   *
   * @example
   * ```ts
   * await pods.apply({ apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec }, { fieldManager: "me", force: true });
   * ```
   */
  async apply(
    obj: T,
    options: WriteOptions & { fieldManager: string; force?: boolean; subresource?: string },
  ): Promise<T> {
    return await this.patch(this.#name(obj), this.#typed(obj), {
      ...options,
      namespace: this.#ns(options.namespace, obj),
      type: "apply",
    });
  }

  /**
   * Deletes an object; answers the object (still there while finalizers or grace hold it, or as it was)
   * or the Status some kinds answer with.
   *
   * @example
   * ```ts
   * await pods.delete("web", { gracePeriodSeconds: 0 });
   * ```
   */
  async delete(name: string, options: DeleteOptions = {}): Promise<T | Status> {
    const { namespace, signal, dryRun, ...rest } = options;
    const body = { kind: "DeleteOptions", apiVersion: "v1", ...rest, ...(dryRun ? { dryRun: ["All"] } : {}) };
    return await this.client.json<T | Status>("DELETE", this.path(name, undefined, this.#ns(namespace)), {
      body,
      signal,
    });
  }

  /**
   * Deletes every object the selectors match in the scope.
   *
   * @example
   * ```ts
   * await pods.deleteCollection({ labelSelector: "app=web" });
   * ```
   */
  async deleteCollection(
    options: Pick<ListOptions, "labelSelector" | "fieldSelector" | "namespace" | "signal"> & DeleteOptions =
      {},
  ): Promise<ObjectList<T>> {
    const { namespace, signal, labelSelector, fieldSelector, dryRun, ...rest } = options;
    const body = { kind: "DeleteOptions", apiVersion: "v1", ...rest, ...(dryRun ? { dryRun: ["All"] } : {}) };
    return await this.client.json<ObjectList<T>>(
      "DELETE",
      this.path(undefined, undefined, namespace ?? this.scope),
      { query: { labelSelector, fieldSelector }, body, signal },
    );
  }

  async #write(
    method: string,
    path: string,
    body: unknown,
    options: WriteOptions,
    contentType?: string,
    extra: Record<string, string | boolean> = {},
  ): Promise<T> {
    return await this.client.json<T>(method, path, {
      body,
      contentType,
      signal: options.signal,
      query: {
        dryRun: options.dryRun ? "All" : undefined,
        fieldManager: options.fieldManager,
        fieldValidation: options.fieldValidation,
        ...extra,
      },
    });
  }

  /** The object with apiVersion and kind filled in, as the server wants them on writes. */
  #typed(obj: T): KubeObject {
    const o = obj as KubeObject;
    return { ...o, apiVersion: o.apiVersion ?? apiVersionOf(this.ref), kind: o.kind ?? this.ref.kind };
  }

  #name(obj: T): string {
    const name = (obj as KubeObject).metadata?.name;
    if (!name) throw new TypeError(`${this.ref.kind} has no metadata.name`);
    return name;
  }

  #ns(given: string | undefined, obj?: T): string | undefined {
    if (!this.ref.namespaced) return undefined;
    return given ?? this.scope ?? (obj as KubeObject | undefined)?.metadata?.namespace ??
      this.client.defaultNamespace;
  }
}
