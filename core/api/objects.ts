/**
 * Object semantics over the store, independent of HTTP (Kubernetes' generic registry): create, get, list,
 * update, patch, delete and deletecollection with resourceVersion conflicts, generation, finalizers,
 * graceful deletion, dry runs, and the validation pipeline every write passes. The HTTP handlers and
 * in-process controllers both call it.
 *
 * @module
 */
import { storedJsonAt } from "./_stored_json.ts";
import type { KvEntry, SetOptions, Store } from "@skiff/store";
import { cursorAfter, InvalidEntryError, RevisionCompactedError } from "@skiff/store";
import type { AdmissionChain, AdmissionRequest, KubeObject } from "./admission.ts";
import { ApiError } from "./errors.ts";
import {
  collectionKey,
  objectKey,
  type Registry,
  type Resource,
  servedForm,
  storedForm,
} from "./registry.ts";
import type { Strategies } from "./strategy.ts";
import { type FieldSelector, matchFields, matchLabels, type Selector } from "./selectors.ts";
import { checkObject, type FieldValidation } from "./_validation.ts";
import { NamespaceGate } from "./_namespace_gate.ts";
import { cloneJson, type FieldError, jsonEqual } from "@skiff/schema";
import { now, randomSuffix } from "./_util.ts";
import { recordUpdate } from "./_managed_fields.ts";

/** Options every write takes. */
export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  /** Who writes, for managedFields (see _managed_fields.ts); unset leaves managedFields as they are. */
  fieldManager?: string;
  /** A server-side apply, whose object already carries its managedFields. */
  applied?: boolean;
  /** Who writes, for admission (webhooks' AdmissionReview userInfo). */
  user?: AdmissionRequest["user"];
}

/** A write's result: the object as stored and any warnings for the Warning header. */
export interface WriteResult {
  object: KubeObject;
  warnings: string[];
  /** `object` as JSON, when the write could reuse the store's encoding (a create). */
  json?: string;
}

/** Options of a list. */
export interface ListOptions {
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: "Exact" | "NotOlderThan";
}

/** A list's result. */
export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
}

/** meta/v1 DeleteOptions, as far as the API honours them. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  /** Who deletes, for admission (webhooks' AdmissionReview userInfo). */
  user?: AdmissionRequest["user"];
}

/** Creates whose transaction checks the namespace's versionstamp before falling back to read-then-write. */
const MAX_GATED_ATTEMPTS = 5;

/**
 * Object semantics for every served resource.
 *
 * @example
 * ```ts
 * const objects = new Objects(store, registry, { admission, strategies });
 * const { object } = await objects.create(pods, "default", { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec });
 * ```
 */
export class Objects {
  readonly #namespaces: NamespaceGate;

  constructor(
    readonly store: Store,
    readonly registry: Registry,
    readonly hooks: { admission: AdmissionChain; strategies: Strategies },
  ) {
    this.#namespaces = new NamespaceGate(store);
  }

  // ---- reads ---------------------------------------------------------------------------------------

  async get(res: Resource, namespace: string | undefined, name: string): Promise<KubeObject> {
    const entry = await this.store.get<KubeObject>(objectKey(res, namespace ?? "", name));
    if (!entry.versionstamp) throw ApiError.notFound(target(res, name));
    return this.#present(res, entry as KvEntry<KubeObject>);
  }

  async list(res: Resource, namespace: string | undefined, options: ListOptions = {}): Promise<ListResult> {
    const prefix = collectionKey(res, namespace);
    const limit = options.limit && options.limit > 0 ? options.limit : undefined;
    // A continue token is the store's cursor: it pins the first page's revision and the key to go on after.
    let cursor = options.continue || undefined;
    let revision: number | undefined;
    if (!cursor && options.resourceVersion && options.resourceVersion !== "0") {
      const rv = parseRV(options.resourceVersion);
      if (options.resourceVersionMatch === "Exact") revision = rv;
      else if (rv > await this.store.revision()) {
        throw ApiError.timeout(`Too large resource version: ${rv}, current: ${await this.store.revision()}`);
      }
    }
    const filtered = options.labelSelector?.length || options.fieldSelector?.length;
    const items: KubeObject[] = [];
    let rev = 0;
    try {
      // Selectors filter after reading, so keep reading pages until `limit` objects matched.
      for (;;) {
        const page = await this.store.list<KubeObject>({ prefix }, {
          limit: limit ? (filtered ? Math.max(limit, 100) : limit - items.length) : undefined,
          cursor,
          revision,
        });
        rev = page.revision;
        for (let i = 0; i < page.entries.length; i++) {
          const obj = this.#present(res, page.entries[i]);
          if (filtered && !this.matches(obj, options)) continue;
          items.push(obj);
          if (limit && items.length === limit) {
            // Stopped inside a page: continue right after this object, at the same revision.
            const more = i < page.entries.length - 1 || page.cursor !== "";
            return {
              items,
              resourceVersion: String(rev),
              continue: more ? cursorAfter(rev, page.entries[i].key) : undefined,
            };
          }
        }
        if (!page.cursor) return { items, resourceVersion: String(rev) };
        cursor = page.cursor;
      }
    } catch (e) {
      if (e instanceof RevisionCompactedError) {
        if (options.continue) {
          throw ApiError.gone(
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
          );
        }
        throw ApiError.gone(`too old resource version: ${e.requestedRevision} (${e.compactedRevision})`);
      }
      if (e instanceof InvalidEntryError && options.continue) {
        throw ApiError.badRequest(`continue key is not valid: ${options.continue}`);
      }
      throw e;
    }
  }

  /** Whether `obj` passes the label and field selectors of `options`. */
  matches(obj: KubeObject, options: Pick<ListOptions, "labelSelector" | "fieldSelector">): boolean {
    return (!options.labelSelector || matchLabels(options.labelSelector, obj.metadata.labels)) &&
      (!options.fieldSelector || matchFields(options.fieldSelector, obj));
  }

  // ---- create --------------------------------------------------------------------------------------

  async create(
    res: Resource,
    namespace: string | undefined,
    body: KubeObject,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    const cloned = cloneJson(body) as KubeObject;
    checkTypeMeta(res, cloned);
    const obj = headFirst(cloned);
    const meta = obj.metadata;
    if (res.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw ApiError.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      meta.namespace = namespace ?? meta.namespace;
    } else delete meta.namespace;
    if (!meta.name && typeof meta.generateName === "string" && meta.generateName) {
      meta.name = meta.generateName + randomSuffix();
    }
    for (const f of ["resourceVersion", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"]) {
      delete meta[f];
    }
    meta.uid = crypto.randomUUID();
    meta.creationTimestamp = now();
    meta.generation = 1;
    if (res.status && !res.builtin) delete obj.status;

    const warnings = await this.#admit(res, obj, undefined, options, "CREATE");
    // Hooks may have replaced the metadata object: read it again.
    const { namespace: ns, name } = obj.metadata;
    // A dry run commits nothing that could check the namespace, so it reads it as it is now.
    let gate = res.namespaced
      ? await this.#namespaces.accepting(res, ns, name, { fresh: options.dryRun })
      : undefined;
    if (options.dryRun) return { object: obj, warnings };
    const key = objectKey(res, ns, name);
    for (let attempt = 0;; attempt++) {
      const op = this.store.atomic().check({ key, versionstamp: null });
      // The commit also checks that the namespace is as it was when found accepting (see
      // _namespace_gate.ts). A namespace that keeps changing gets the plain read-then-write after 5 tries.
      if (gate && attempt < MAX_GATED_ATTEMPTS) op.check(gate);
      const stored = storedForm(res, obj);
      const result = await op.set(key, stored, this.#expiry(res)).commit();
      if (result.ok) {
        obj.metadata.resourceVersion = result.versionstamp;
        const json = stored === obj ? storedJsonAt(obj, result.versionstamp) : undefined;
        return { object: obj, warnings, json };
      }
      if (!gate || attempt >= MAX_GATED_ATTEMPTS) throw ApiError.alreadyExists(target(res, name));
      // Either the object exists or the namespace changed: look at the namespace again (404 or 403 when
      // it no longer accepts objects); unchanged means the object exists.
      const seen = gate.versionstamp;
      gate = await this.#namespaces.accepting(res, ns, name, { fresh: true });
      if (gate.versionstamp === seen) throw ApiError.alreadyExists(target(res, name));
    }
  }

  // ---- update --------------------------------------------------------------------------------------

  /**
   * Replaces an object (PUT). With `subresource: "status"` only the status changes; on the main resource
   * of a kind with a status subresource, status changes are ignored.
   */
  async update(
    res: Resource,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    options: WriteOptions & { subresource?: string } = {},
  ): Promise<WriteResult> {
    const obj = cloneJson(body) as KubeObject;
    checkTypeMeta(res, obj);
    obj.metadata ??= {};
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw ApiError.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (res.namespaced && obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw ApiError.badRequest(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    const current = await this.get(res, namespace, name);
    const rv = obj.metadata.resourceVersion;
    if (rv === undefined || rv === "") {
      // Kubernetes lets built-in kinds update without a resourceVersion; custom resources must send one.
      if (!res.builtin) {
        throw ApiError.invalid(res.kind, target(res, name), [{
          reason: "FieldValueInvalid",
          field: "metadata.resourceVersion",
          message: "Invalid value: 0x0: must be specified for an update",
        }]);
      }
    } else if (rv !== current.metadata.resourceVersion) throw ApiError.modified(target(res, name));
    return await this.#replace(res, current, obj, options);
  }

  /**
   * Applies `mutate` to the current object and writes the result, retrying on a conflict when the caller
   * did not pin a resourceVersion (as Kubernetes retries patches).
   */
  async patch(
    res: Resource,
    namespace: string | undefined,
    name: string,
    mutate: (current: KubeObject) => KubeObject,
    options: WriteOptions & { subresource?: string } = {},
  ): Promise<WriteResult> {
    for (let attempt = 0;; attempt++) {
      const current = await this.get(res, namespace, name);
      const next = mutate(cloneJson(current));
      if (next === null || typeof next !== "object" || Array.isArray(next)) {
        throw ApiError.badRequest("the patch did not produce an object");
      }
      next.metadata ??= {};
      const pinned = next.metadata.resourceVersion !== current.metadata.resourceVersion;
      if (pinned && next.metadata.resourceVersion) throw ApiError.modified(target(res, name));
      next.metadata.resourceVersion = current.metadata.resourceVersion;
      if (next.metadata.name !== name) {
        throw ApiError.badRequest(
          `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      try {
        return await this.#replace(res, current, next, options);
      } catch (e) {
        if (!(e instanceof ApiError && e.reason === "Conflict" && attempt < 5)) throw e;
      }
    }
  }

  async #replace(
    res: Resource,
    current: KubeObject,
    obj: KubeObject,
    options: WriteOptions & { subresource?: string },
  ): Promise<WriteResult> {
    const name = current.metadata.name;
    let next: KubeObject;
    if (options.subresource === "status") {
      // Only status changes through /status; everything else stays as stored.
      next = cloneJson(current);
      if (obj.status === undefined) delete next.status;
      else next.status = obj.status;
    } else if (options.subresource === "finalize") {
      // A Namespace's /finalize changes only spec.finalizers.
      next = cloneJson(current);
      next.spec = { ...next.spec, finalizers: obj.spec?.finalizers ?? [] };
    } else if (options.subresource && this.#strategy(res).shapedSubresources?.includes(options.subresource)) {
      // The subresource's handler built the whole object (a Pod's binding sets spec.nodeName).
      next = obj;
    } else {
      next = obj;
      if (res.status) {
        if (current.status === undefined) delete next.status;
        else next.status = cloneJson(current.status);
      }
    }
    checkTypeMeta(res, next);
    const old = current.metadata;
    {
      const meta = next.metadata;
      // Fields the server owns.
      for (
        const f of [
          "uid",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "namespace",
        ]
      ) {
        if (old[f] === undefined) delete meta[f];
        else meta[f] = old[f];
      }
      meta.name = name;
      delete meta.selfLink;
      meta.generation = old.generation ?? 1;
    }
    // An apply through /status computed its managedFields on the object it was given.
    if (options.applied && options.subresource) next.metadata.managedFields = obj.metadata.managedFields;
    const shaped = !!options.subresource &&
      !!this.#strategy(res).shapedSubresources?.includes(options.subresource);
    const warnings = await this.#admit(
      res,
      next,
      current,
      { ...options, prepare: !options.subresource, shaped },
      "UPDATE",
    );
    // Hooks may have replaced the metadata object: read it from here on.
    const meta = next.metadata;
    // A binding goes to storage as it is, generation included (see #admit).
    if (!shaped && !specEqual(res, next, current)) meta.generation = (old.generation ?? 1) + 1;
    meta.resourceVersion = old.resourceVersion;
    if (jsonEqual(next, current)) return { object: current, warnings };
    if (options.dryRun) return { object: next, warnings };

    const key = objectKey(res, old.namespace ?? "", name);
    const strategy = this.#strategy(res);
    const finished = meta.deletionTimestamp && !(meta.finalizers?.length) &&
      !meta.deletionGracePeriodSeconds &&
      !strategy.holds?.(next);
    const stored = { ...headFirst(next), metadata: { ...meta } };
    delete stored.metadata.resourceVersion;
    const op = this.store.atomic().check({ key, versionstamp: old.resourceVersion });
    const result = await (finished ? op.delete(key) : op.set(key, storedForm(res, stored), this.#expiry(res)))
      .commit();
    if (!result.ok) throw ApiError.modified(target(res, name));
    meta.resourceVersion = result.versionstamp;
    return { object: next, warnings };
  }

  // ---- delete --------------------------------------------------------------------------------------

  /**
   * Deletes an object: at once when nothing holds it; otherwise sets deletionTimestamp and leaves it to
   * its finalizers (and, for Pods, the grace period). Answers with the object or a Status, per kind.
   */
  async delete(
    res: Resource,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Promise<{ object: KubeObject; deleted: boolean }> {
    for (let attempt = 0;; attempt++) {
      const current = await this.get(res, namespace, name);
      const meta = current.metadata;
      const pre = options.preconditions;
      if (pre?.uid && pre.uid !== meta.uid) {
        throw ApiError.conflict(
          target(res, name),
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`,
        );
      }
      if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
        throw ApiError.conflict(
          target(res, name),
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`,
        );
      }
      await this.#admitDelete(res, current, options);
      const strategy = this.#strategy(res);
      // Only kinds with graceful deletion wait; the rest go at once whatever the request says.
      let grace = strategy.gracePeriodSeconds?.(current, options.gracePeriodSeconds) ?? 0;
      if (grace < 0) grace = 0;
      const next = cloneJson(current);
      const finalizers: string[] = [...(meta.finalizers ?? [])];
      const policy = options.propagationPolicy ??
        (options.orphanDependents === true
          ? "Orphan"
          : options.orphanDependents === false
          ? "Background"
          : undefined);
      // The garbage collector reads the policy from these finalizers, as in Kubernetes.
      if (policy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
      if (policy === "Foreground" && !finalizers.includes("foregroundDeletion")) {
        finalizers.push("foregroundDeletion");
      }
      if (policy === "Background") {
        finalizers.splice(
          0,
          finalizers.length,
          ...finalizers.filter((f) => f !== "orphan" && f !== "foregroundDeletion"),
        );
      }

      const key = objectKey(res, meta.namespace ?? "", name);
      if (finalizers.length === 0 && grace === 0 && !strategy.holds?.(current)) {
        if (options.dryRun) return { object: current, deleted: true };
        const result = await this.store.atomic().check({ key, versionstamp: meta.resourceVersion }).delete(
          key,
        ).commit();
        if (result.ok) return { object: current, deleted: true };
        if (attempt < 5) continue;
        throw ApiError.modified(target(res, name));
      }
      // Graceful: a deletion already under way may only shorten its grace period.
      const prevGrace = meta.deletionGracePeriodSeconds;
      if (
        meta.deletionTimestamp && prevGrace !== undefined && grace >= prevGrace &&
        jsonEqual(finalizers, meta.finalizers ?? [])
      ) {
        return { object: current, deleted: false };
      }
      next.metadata.finalizers = finalizers.length ? finalizers : undefined;
      if (!next.metadata.finalizers) delete next.metadata.finalizers;
      if (!meta.deletionTimestamp || grace < (prevGrace ?? Infinity)) {
        next.metadata.deletionTimestamp = now(grace * 1000);
        next.metadata.deletionGracePeriodSeconds = grace;
      }
      strategy.prepareForDelete?.(next);
      if (options.dryRun) return { object: next, deleted: false };
      const stored = cloneJson(next);
      delete stored.metadata.resourceVersion;
      const result = await this.store.atomic().check({ key, versionstamp: meta.resourceVersion }).set(
        key,
        storedForm(res, stored),
      ).commit();
      if (result.ok) {
        next.metadata.resourceVersion = result.versionstamp;
        return { object: next, deleted: false };
      }
      if (attempt >= 5) throw ApiError.modified(target(res, name));
    }
  }

  /** Deletes every object of a collection that matches the selectors; answers with the deleted ones. */
  async deleteCollection(
    res: Resource,
    namespace: string | undefined,
    list: ListOptions,
    options: DeleteOptions = {},
  ): Promise<KubeObject[]> {
    const { items } = await this.list(res, namespace, { ...list, limit: undefined, continue: undefined });
    const out: KubeObject[] = [];
    for (const item of items) {
      try {
        out.push((await this.delete(res, item.metadata.namespace, item.metadata.name, options)).object);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    return out;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  #strategy(res: Resource) {
    return this.hooks.strategies.get(res.apiVersion, res.kind);
  }

  /**
   * Prune and default from the schema, check the shape, run the kind's own preparation (which may rely
   * on that shape), mutate, then validate everything: throws 422 with every field error, returns warnings.
   */
  async #admit(
    res: Resource,
    obj: KubeObject,
    old: KubeObject | undefined,
    options: WriteOptions & { prepare?: boolean; shaped?: boolean; subresource?: string },
    operation: "CREATE" | "UPDATE",
  ): Promise<string[]> {
    const strategy = this.#strategy(res);
    // A subresource whose handler built the new object itself (a Pod's binding) goes to storage as
    // Kubernetes' BindingREST writes it (a GuaranteedUpdate): the kind's schema checks, strategy and
    // managedFields are not involved, only admission sees it. That also spares every binding ~0.15-0.2 ms
    // of CPU (pruning, defaulting and validating the whole pod twice, a managedFields comparison).
    const own = !options.shaped;
    let unknown: FieldError[] = [], warnings: string[] = [];
    if (own) {
      ({ errors: unknown, warnings } = checkObject.prepare(res, obj, options.fieldValidation ?? "Warn"));
      const shape = checkObject.validate(res, obj, strategy.nameRule);
      if (shape.length) {
        throw ApiError.invalid(res.kind, target(res, obj.metadata.name ?? ""), [...unknown, ...shape]);
      }
      if (operation === "CREATE") strategy.prepareForCreate?.(obj);
      else if (options.prepare !== false) strategy.prepareForUpdate?.(obj, old!);
      // managedFields see the object as Kubernetes' field manager does: decoded and defaulted, before
      // admission plugins change it. An apply recorded its own.
      if (!options.applied) recordUpdate(res, old, obj, options);
    }
    const req: AdmissionRequest = {
      operation,
      resource: res,
      subresource: options.subresource,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name ?? "",
      object: obj,
      oldObject: old,
      dryRun: options.dryRun ?? false,
      user: options.user,
      warnings: [],
    };
    // The shape was checked above; only a step that changed the object makes a second check worth it.
    const mutated = await this.hooks.admission.mutate(req);
    const errors: FieldError[] = own
      ? [
        ...unknown,
        ...(mutated ? checkObject.validate(res, obj, strategy.nameRule) : []),
        ...(strategy.validate?.(obj) ?? []),
        ...(old ? strategy.validateUpdate?.(obj, old) ?? [] : []),
      ]
      : [];
    if (!errors.length) errors.push(...await this.hooks.admission.validate(req));
    if (errors.length) throw ApiError.invalid(res.kind, target(res, obj.metadata.name ?? ""), errors);
    dropEmptyMetadata(obj.metadata);
    return [...warnings, ...req.warnings ?? []];
  }

  /**
   * DELETE admission, for the steps that ask for it (the admission webhooks): the object being deleted
   * is the old object; a step refuses by throwing or with field errors (422).
   */
  async #admitDelete(res: Resource, current: KubeObject, options: DeleteOptions): Promise<void> {
    const req: AdmissionRequest = {
      operation: "DELETE",
      resource: res,
      namespace: current.metadata.namespace,
      name: current.metadata.name,
      object: current,
      oldObject: current,
      dryRun: options.dryRun ?? false,
      user: options.user,
    };
    await this.hooks.admission.mutate(req);
    const errors = await this.hooks.admission.validate(req);
    if (errors.length) throw ApiError.invalid(res.kind, target(res, current.metadata.name), errors);
  }

  /** The store's expiry for a write of `res`, when its strategy gives objects a time to live. */
  #expiry(res: Resource): SetOptions | undefined {
    const ttl = this.#strategy(res).ttlSeconds;
    return ttl ? { expireIn: ttl * 1000 } : undefined;
  }

  /** A stored entry as clients see it: at the URL's version, with its resourceVersion. */
  #present(res: Resource, entry: KvEntry<KubeObject>): KubeObject {
    const obj = servedForm(res, entry.value);
    obj.apiVersion = res.apiVersion;
    obj.kind = res.kind;
    obj.metadata.resourceVersion = entry.versionstamp;
    return obj;
  }
}

/**
 * ObjectMeta's lists and maps are `omitempty` in Go: an object written with `finalizers: []` (the last one
 * removed by a patch) or `labels: {}` reads back without them in Kubernetes, whatever its kind.
 */
function dropEmptyMetadata(meta: KubeObject["metadata"]): void {
  for (const field of ["labels", "annotations", "finalizers", "ownerReferences", "managedFields"]) {
    const value = meta[field];
    if (value && typeof value === "object" && Object.keys(value).length === 0) delete meta[field];
  }
}

/** What names `name` of `res` in errors. */
export function target(res: Resource, name?: string) {
  return { resource: res.plural, group: res.group, name };
}

/** apiVersion and kind may be left out; when given they must be the URL's. */
function checkTypeMeta(res: Resource, obj: KubeObject): void {
  if (obj.apiVersion !== undefined && obj.apiVersion !== res.apiVersion) {
    throw ApiError.badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${res.apiVersion})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== res.kind) {
    throw ApiError.badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${res.kind})`,
    );
  }
  obj.apiVersion = res.apiVersion;
  obj.kind = res.kind;
}

/**
 * `obj` with apiVersion, kind and metadata (made `{}` when absent) as its first keys, in that order; a new
 * object only when they are not. Kubernetes writes every object's JSON in one order too (kind,
 * apiVersion, metadata), and storedJsonAt splices the resourceVersion into what the store wrote only
 * after that head: the SDK, for one, sends apiVersion and kind last, and its creates and their watch
 * events were encoded a second time (~20 µs a Pod).
 */
function headFirst(obj: KubeObject): KubeObject {
  obj.metadata ??= {};
  let i = 0;
  for (const k in obj) {
    if (k !== (i === 0 ? "apiVersion" : i === 1 ? "kind" : "metadata")) {
      // Object.assign keeps the positions these three took first.
      const head: Record<string, unknown> = {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        metadata: obj.metadata,
      };
      return Object.assign(head, obj) as KubeObject;
    }
    if (++i === 3) break;
  }
  return obj;
}

/** Whether nothing but metadata (and status, when it has its own subresource) differs: no new generation. */
function specEqual(res: Resource, a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status, ...rest } = o;
    return res.status ? rest : { ...rest, status };
  };
  return jsonEqual(strip(a), strip(b));
}

function parseRV(rv: string): number {
  if (!/^\d+$/.test(rv)) throw ApiError.badRequest(`invalid resource version "${rv}"`);
  return Number(rv);
}
