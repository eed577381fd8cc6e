/**
 * Kubernetes' field manager (k8s.io/apimachinery/pkg/util/managedfields) over structured-merge-diff's
 * Updater (merge/update.go): `metadata.managedFields` read and written, the ownership an `Update`
 * (create, update, patch) takes, and server-side apply with its merge, pruning and conflicts.
 *
 * @module
 */
import { PatchError } from "../errors.ts";
import { goJson, type Path, pathString } from "./_path.ts";
import type { TypeNode } from "./_schema.ts";
import { FieldSet, type FieldsV1 } from "./field_set.ts";
import { jsonEqual, nowRfc3339 } from "@skiff/schema";
import {
  addedFieldsV1,
  compareValues,
  ensureNamedFieldsAreMembers,
  mergeValues,
  removeItems,
  toFieldSet,
  validateConfiguration,
} from "./typed.ts";

/** One `metadata.managedFields` entry (meta/v1 ManagedFieldsEntry). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: "Apply" | "Update";
  apiVersion?: string;
  time?: string;
  fieldsType?: "FieldsV1";
  fieldsV1?: FieldsV1;
  subresource?: string;
}

/** One manager's fields, keyed in {@link Managers} by its identifier. */
interface Managed {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** Managers by identifier (Kubernetes' BuildManagerIdentifier). */
type Managers = Map<string, Managed>;

/** Who writes and how (the request's field manager, the URL's version and subresource). */
export interface ManagerOptions {
  /** The field manager: `fieldManager` from the query, else the User-Agent's product name. */
  manager: string;
  /** The version of the resource written (`v1`, `apps/v1`). */
  apiVersion: string;
  /** `status` for writes through /status. */
  subresource?: string;
  /**
   * Fields whose changes the write may not make and nobody owns through it (Kubernetes' reset fields):
   * `"status"` on the main resource of a kind with a status subresource, `"allButStatus"` on /status.
   */
  reset?: "status" | "allButStatus";
  /** The time to record (RFC 3339, whole seconds); now when unset. */
  now?: string;
}

/** Options of {@link applyConfiguration}. */
export interface ApplyOptions extends ManagerOptions {
  /** Take the fields other managers own instead of failing with a conflict. */
  force?: boolean;
}

/** Kubernetes keeps at most 10 Update managers; older ones merge into "ancient-changes". */
const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = "ancient-changes";
const BEFORE_FIRST_APPLY = "before-first-apply";

const STRIPPED_META = [
  "f:name",
  "f:namespace",
  "f:creationTimestamp",
  "f:selfLink",
  "f:uid",
  "f:clusterName",
  "f:generation",
  "f:managedFields",
  "f:resourceVersion",
];

// Fields no manager owns (managedfields' stripMetaManager): exact paths, not what is below them.
const STRIPPED: FieldSet = (() => {
  const s = new FieldSet();
  s.insert(["f:apiVersion"]);
  s.insert(["f:kind"]);
  s.insert(["f:metadata"]);
  for (const f of STRIPPED_META) s.insert(["f:metadata", f]);
  return s;
})();

/**
 * 409 Conflict from an apply that would change fields other managers own, with Kubernetes' message and
 * one `FieldManagerConflict` cause per field.
 *
 * @example
 * ```ts
 * try {
 *   applyConfiguration(live, config, type, { manager: "other", apiVersion: "v1" });
 * } catch (e) {
 *   if (e instanceof ApplyConflictError) e.causes; // [{ reason: "FieldManagerConflict", message: 'conflict with "kubectl"', field: ".spec.replicas" }]
 * }
 * ```
 */
export class ApplyConflictError extends PatchError {
  /** The Status causes: who owns which field. */
  readonly causes: { reason: "FieldManagerConflict"; message: string; field: string }[];

  /** Who owns which path, in the order of the message. */
  readonly conflicts: { manager: string; path: Path }[];

  constructor(conflicts: { manager: string; path: Path }[]) {
    super(409, "Conflict", conflictMessage(conflicts));
    this.conflicts = conflicts;
    this.causes = conflicts.map((c) => ({
      reason: "FieldManagerConflict",
      message: `conflict with ${c.manager}`,
      field: pathString(c.path),
    }));
  }
}

function conflictMessage(conflicts: { manager: string; path: Path }[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${conflicts[0].manager}: ${
      pathString(conflicts[0].path)
    }`;
  }
  const by = new Map<string, string[]>();
  for (const c of conflicts) by.set(c.manager, [...by.get(c.manager) ?? [], pathString(c.path)]);
  const lines: string[] = [];
  for (const m of [...by.keys()].sort()) {
    lines.push(
      `conflicts with ${m}:`,
      ...by.get(m)!.map((p) => `- ${p}`),
    );
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
}

/** How Kubernetes names a manager in conflicts: `"kubectl"`, `"kube-controller-manager" using apps/v1`. */
function printManager(m: Managed): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === "Update") s += ` using ${m.apiVersion}`;
  return s;
}

/** BuildManagerIdentifier: the entry without fields and time; appliers without apiVersion. */
function identifier(m: Pick<Managed, "manager" | "operation" | "apiVersion" | "subresource">): string {
  const id: Record<string, string> = {};
  if (m.manager) id.manager = m.manager;
  id.operation = m.operation;
  if (m.operation === "Update" && m.apiVersion) id.apiVersion = m.apiVersion;
  if (m.subresource) id.subresource = m.subresource;
  return JSON.stringify(id);
}

// ---- decode / encode ------------------------------------------------------------------------------

/**
 * Reads `metadata.managedFields` (DecodeManagedFields); throws on an entry Kubernetes would refuse.
 */
function decode(entries: unknown): Managers {
  const out: Managers = new Map();
  if (entries === undefined || entries === null) return out;
  if (!Array.isArray(entries)) throw new Error("managedFields must be a list");
  entries.forEach((e: ManagedFieldsEntry, i) => {
    if (e === null || typeof e !== "object") throw new Error(`invalid managed fields entry ${i}`);
    if (e.operation !== "Apply" && e.operation !== "Update") {
      throw new Error("operation must be `Apply` or `Update`");
    }
    if (!e.apiVersion) throw new Error("apiVersion must not be empty");
    if (e.fieldsType !== "FieldsV1") {
      throw new Error(
        e.fieldsType
          ? `invalid fieldsType ${JSON.stringify(e.fieldsType)} in managed fields entry ${i}`
          : `missing fieldsType in managed fields entry ${i}`,
      );
    }
    const m: Managed = {
      manager: e.manager ?? "",
      operation: e.operation,
      apiVersion: e.apiVersion,
      subresource: e.subresource || undefined,
      time: e.time,
      set: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}),
    };
    out.set(identifier(m), m);
  });
  return out;
}

/** managedFields as Kubernetes writes them: Apply before Update, then by time, manager, version. */
function encode(managers: Managers): ManagedFieldsEntry[] | undefined {
  const list = [...managers.values()].filter((m) => !m.set.empty());
  if (!list.length) return undefined;
  const seconds = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  list.sort((p, q) =>
    p.operation !== q.operation ? (p.operation < q.operation ? -1 : 1) : seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? "", q.subresource ?? "")
  );
  return list.map((m) => {
    const e: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (!m.manager) delete e.manager;
    if (m.time) e.time = m.time;
    e.fieldsType = "FieldsV1";
    e.fieldsV1 = m.set.toFieldsV1();
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- the Updater ----------------------------------------------------------------------------------

type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> };

/** A shallow copy without metadata.managedFields: ownership is never about the ownership list itself. */
function withoutManagedFields(o: Obj | undefined): Obj {
  if (!o) return {};
  if (!o.metadata || !("managedFields" in o.metadata)) return o;
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata };
}

function filterReset(set: FieldSet, reset: ManagerOptions["reset"]): FieldSet {
  if (reset === "status") return set.withoutPrefix(["f:status"]);
  if (reset === "allButStatus") return set.onlyPrefix(["f:status"]);
  return set;
}

/**
 * structured-merge-diff's Updater.update: what `oldObj` → `newObj` changed, taken from every manager but
 * `self` (a conflict when not forced), and the comparison.
 */
function transfer(
  oldObj: unknown,
  newObj: unknown,
  node: TypeNode,
  managers: Managers,
  self: string,
  options: { force: boolean; reset: ManagerOptions["reset"] },
) {
  const c = compareValues(oldObj, newObj, node);
  const modified = filterReset(c.modified, options.reset);
  const added = filterReset(c.added, options.reset);
  const removed = filterReset(c.removed, options.reset);
  const changed = modified.union(added);
  const conflicts: { manager: string; path: Path }[] = [];
  const taken = new Map<string, FieldSet>();
  for (const id of [...managers.keys()].sort()) {
    if (id === self) continue;
    const m = managers.get(id)!;
    const conflict = m.set.intersection(changed);
    if (!conflict.empty()) {
      taken.set(id, conflict);
      conflict.iterate((path) => conflicts.push({ manager: printManager(m), path }));
    }
  }
  if (!options.force && conflicts.length) throw new ApplyConflictError(conflicts);
  for (const [id, m] of managers) {
    if (id === self) continue;
    let set = m.set;
    const t = taken.get(id);
    if (t) set = set.difference(t);
    if (!removed.empty()) set = set.difference(removed);
    if (set.empty()) managers.delete(id);
    else if (set !== m.set) managers.set(id, { ...m, set });
  }
  return { modified, added, removed };
}

/** Updater.Update under a temporary name, merged into the manager's entry when it took anything. */
function update(
  oldObj: unknown,
  newObj: unknown,
  node: TypeNode,
  managers: Managers,
  who: Omit<Managed, "set" | "time">,
  options: { reset: ManagerOptions["reset"]; now: string },
): void {
  const { modified, added } = transfer(oldObj, newObj, node, managers, "", { force: true, ...options });
  const took = modified.union(added).difference(STRIPPED);
  if (took.empty()) return;
  const id = identifier(who);
  const previous = managers.get(id);
  managers.set(id, { ...who, time: options.now, set: previous ? previous.set.union(took) : took });
}

/** Merges the oldest Update managers past the cap into "ancient-changes" (capManagersManager). */
function capUpdateManagers(managers: Managers): void {
  const updaters = [...managers.entries()].filter(([, m]) => m.operation === "Update");
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const seconds = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  updaters.sort(([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || cmp(ia, ib));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const [id, m] = updaters[i];
    const bucketWho = { manager: ANCIENT_CHANGES, operation: "Update" as const, apiVersion: m.apiVersion };
    const bucket = identifier(bucketWho);
    const first = firstOfVersion.get(m.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(m.apiVersion, id);
      continue;
    }
    if (!managers.has(bucket)) {
      const s = managers.get(first)!;
      managers.delete(first);
      managers.set(bucket, { ...s, ...bucketWho });
    }
    managers.set(bucket, { ...bucketWho, time: m.time, set: m.set.union(managers.get(bucket)!.set) });
    managers.delete(id);
    length--;
  }
}

/** Whether `list` asks to clear managedFields: `[]` or `[{}]` (isResetManagedFields). */
function isReset(list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  if (list.length === 0) return true;
  return list.length === 1 && list[0] !== null && typeof list[0] === "object" &&
    Object.keys(list[0]).length === 0;
}

/**
 * Records a create, update or patch in `next.metadata.managedFields` as Kubernetes' field manager does
 * for an `Update`: the fields this write added or changed become the manager's (merged with its earlier
 * Update entry) and leave every other manager; removed fields leave everyone. `live` is undefined for a
 * create. managedFields the client sent are kept when they decode (`[]` or `[{}]` clears them), else the
 * live ones are used; an existing object without managedFields stays without, as in Kubernetes. Never
 * throws: on a value the schema cannot type, managedFields are dropped (Kubernetes' UpdateNoErrors).
 *
 * @example
 * ```ts
 * updateManagedFields(undefined, pod, rootType(podSchema), { manager: "kubectl", apiVersion: "v1" });
 * pod.metadata.managedFields; // [{ manager: "kubectl", operation: "Update", apiVersion: "v1", time, fieldsType: "FieldsV1", fieldsV1 }]
 * ```
 */
export function updateManagedFields(
  live: Obj | undefined,
  next: Obj,
  node: TypeNode,
  options: ManagerOptions,
): void {
  next.metadata ??= {};
  const sent = next.metadata.managedFields;
  try {
    let managers: Managers;
    if (options.subresource) managers = decodeOrEmpty(live?.metadata?.managedFields);
    else if (isReset(sent)) managers = new Map();
    else {
      try {
        managers = decode(sent);
      } catch {
        managers = new Map();
      }
      if (managers.size === 0) managers = decodeOrEmpty(live?.metadata?.managedFields);
    }
    // An existing object nobody tracks stays untracked (skipNonAppliedManager).
    if (managers.size === 0 && live) {
      delete next.metadata.managedFields;
      return;
    }
    const now = options.now ?? nowRfc3339();
    if (!live && managers.size === 0) {
      created(next, node, options, now);
      return;
    }
    const who = {
      manager: options.manager,
      operation: "Update" as const,
      apiVersion: options.apiVersion,
      subresource: options.subresource,
    };
    update(withoutManagedFields(live), withoutManagedFields(next), node, managers, who, {
      reset: options.reset,
      now,
    });
    capUpdateManagers(managers);
    const encoded = encode(managers);
    if (encoded) next.metadata.managedFields = encoded;
    else delete next.metadata.managedFields;
  } catch {
    delete next.metadata.managedFields;
  }
}

/** A create nobody tracked yet: the manager owns everything the object sets, but what is stripped. */
function created(next: Obj, node: TypeNode, options: ManagerOptions, now: string): void {
  let obj = next;
  if (next.metadata!.managedFields !== undefined) {
    const { managedFields: _, ...metadata } = next.metadata!;
    obj = { ...next, metadata };
  }
  const fields = addedFieldsV1(obj, node);
  delete fields["f:apiVersion"];
  delete fields["f:kind"];
  const meta = fields["f:metadata"];
  if (meta) {
    for (const f of STRIPPED_META) delete meta[f];
    delete meta["."];
    if (Object.keys(meta).length === 0) delete fields["f:metadata"];
  }
  let owned = fields;
  if (options.reset === "status") delete owned["f:status"];
  else if (options.reset === "allButStatus") {
    owned = fields["f:status"] ? { "f:status": fields["f:status"] } : {};
  }
  if (Object.keys(owned).length === 0) {
    delete next.metadata!.managedFields;
    return;
  }
  const entry: ManagedFieldsEntry = {
    manager: options.manager,
    operation: "Update",
    apiVersion: options.apiVersion,
  };
  if (!options.manager) delete entry.manager;
  entry.time = now;
  entry.fieldsType = "FieldsV1";
  entry.fieldsV1 = owned;
  if (options.subresource) entry.subresource = options.subresource;
  next.metadata!.managedFields = [entry];
}

function decodeOrEmpty(list: unknown): Managers {
  try {
    return decode(list);
  } catch {
    return new Map();
  }
}

/**
 * Server-side apply (FieldManager.Apply over Updater.Apply): merges `config` into `live` (undefined to
 * create), removes what this manager applied last time and no longer applies unless another manager
 * owns it, and records the manager's `Apply` entry. Throws {@link ApplyConflictError} when the result
 * changes fields other managers own and `force` is not set, and a 400 {@link PatchError} for a
 * configuration Kubernetes refuses (wrong apiVersion or kind, managedFields set).
 *
 * @example
 * ```ts
 * const next = applyConfiguration(live, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } },
 *   rootType(configMapSchema), { manager: "kubectl", apiVersion: "v1", kind: "ConfigMap" });
 * ```
 */
export function applyConfiguration(
  live: Obj | undefined,
  config: Obj,
  node: TypeNode,
  options: ApplyOptions & { kind: string },
): Obj {
  const gvk = parseGvk(config.apiVersion);
  const [group, version] = splitApiVersion(options.apiVersion);
  if (gvk.group !== group || gvk.version !== version || config.kind !== options.kind) {
    throw PatchError.badRequest(
      `invalid object type: ${gvk.group}/${gvk.version}, Kind=${
        typeof config.kind === "string" ? config.kind : ""
      }`,
    );
  }
  if (config.metadata?.managedFields !== undefined && config.metadata.managedFields !== null) {
    throw PatchError.badRequest("metadata.managedFields must be nil");
  }
  const invalid = validateConfiguration(config, node);
  if (invalid.length) {
    const meta = config.metadata as Record<string, unknown> | undefined;
    throw PatchError.plain(
      `failed to create typed patch object (${meta?.namespace ?? ""}/${
        meta?.name ?? ""
      }; ${gvk.group}/${gvk.version}, Kind=${config.kind}): ${
        invalid.length === 1 ? invalid[0] : ["errors:", ...invalid.map((e) => `  ${e}`)].join("\n")
      }`,
    );
  }
  const now = options.now ?? nowRfc3339();
  let out: Obj;
  try {
    out = applyOnce(live, config, node, { ...options, now }, options.force ?? false);
  } catch (e) {
    // kubectl's own server-side apply takes over what its client-side apply set (lastAppliedManager).
    if (!(e instanceof ApplyConflictError) || options.manager !== "kubectl" || options.force) throw e;
    const allowed = fromLastApplied(live, node, options.apiVersion);
    const rest = e.conflicts.filter((c) => !allowed?.has(c.path));
    if (rest.length) throw rest.length === e.conflicts.length ? e : new ApplyConflictError(rest);
    out = applyOnce(live, config, node, { ...options, now }, true);
  }
  // ... and keeps the client-side apply annotation in step with what it applied (lastAppliedUpdater).
  const annotations = out.metadata?.annotations as Record<string, string> | undefined;
  if (options.manager === "kubectl" && annotations?.[LAST_APPLIED]) {
    const copy = structuredClone(config);
    const configAnnotations = copy.metadata?.annotations as Record<string, string> | undefined;
    if (configAnnotations) delete configAnnotations[LAST_APPLIED];
    const next: Record<string, string> = { ...annotations, [LAST_APPLIED]: goJson(copy) + "\n" };
    let size = 0;
    for (const [k, v] of Object.entries(next)) size += k.length + v.length;
    if (size > MAX_ANNOTATIONS_BYTES) delete next[LAST_APPLIED];
    out.metadata = { ...out.metadata, annotations: next };
  }
  return out;
}

/** The last-applied annotation kubectl's client-side apply writes. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
/** Kubernetes' limit on all annotations of an object together. */
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/**
 * The fields the live object's last-applied annotation sets to the values they still have: conflicts on
 * them are kubectl's own, from before it applied server-side. Undefined without a usable annotation.
 */
function fromLastApplied(live: Obj | undefined, node: TypeNode, apiVersion: string): FieldSet | undefined {
  const text = (live?.metadata?.annotations as Record<string, string> | undefined)?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    const last = JSON.parse(text) as Obj;
    if (last.apiVersion !== apiVersion) return undefined;
    const liveObj = withoutManagedFields(live);
    const c = compareValues(last, liveObj, node);
    return toFieldSet(last, node).difference(c.modified).difference(c.added).difference(c.removed);
  } catch {
    return undefined;
  }
}

/** One Updater.Apply, with the managers the live object records. */
function applyOnce(
  live: Obj | undefined,
  config: Obj,
  node: TypeNode,
  options: ApplyOptions & { now: string },
  force: boolean,
): Obj {
  let managers: Managers;
  try {
    managers = decode(live?.metadata?.managedFields);
  } catch (e) {
    throw PatchError.plain(`failed to decode managed fields: ${(e as Error).message}`);
  }
  const now = options.now;
  let liveObj = withoutManagedFields(live);
  // Fields set before anyone applied belong to "before-first-apply" (skipNonAppliedManager).
  if (managers.size === 0 && live) {
    update({}, liveObj, node, managers, {
      manager: BEFORE_FIRST_APPLY,
      operation: "Update",
      apiVersion: options.apiVersion,
    }, { reset: options.reset, now });
  }
  liveObj = withoutManagedFields(liveObj);

  const self = identifier({
    manager: options.manager,
    operation: "Apply",
    apiVersion: "",
    subresource: options.subresource,
  });
  let merged = mergeValues(liveObj, config, node) as Obj;
  const last = managers.get(self);
  const set = filterReset(toFieldSet(config, node), options.reset);
  managers.set(self, {
    manager: options.manager,
    operation: "Apply",
    apiVersion: options.apiVersion,
    subresource: options.subresource,
    time: last?.time,
    set,
  });
  if (last && !last.set.empty()) merged = prune(merged, managers, last.set, node) as Obj;
  transfer(liveObj, merged, node, managers, self, { force, reset: options.reset });

  const mine = managers.get(self)!;
  const stripped = mine.set.difference(STRIPPED);
  const changed = !jsonEqual(liveObj, merged);
  if (stripped.empty()) managers.delete(self);
  else managers.set(self, { ...mine, set: stripped, time: changed || !mine.time ? now : mine.time });
  capUpdateManagers(managers);
  const out = changed ? merged : structuredClone(liveObj);
  const encoded = encode(managers);
  out.metadata = { ...(out.metadata ?? {}) };
  if (encoded) out.metadata.managedFields = encoded;
  else delete out.metadata.managedFields;
  return out;
}

/**
 * Updater.prune: what the manager applied last time and no longer applies goes, unless some manager
 * (this one's new configuration included) owns it.
 */
function prune(merged: unknown, managers: Managers, last: FieldSet, node: TypeNode): unknown {
  let owned = new FieldSet();
  for (const m of managers.values()) owned = owned.union(m.set);
  const mergedSet = ensureNamedFieldsAreMembers(toFieldSet(merged, node), node);
  const remove = mergedSet.intersection(ensureNamedFieldsAreMembers(last, node))
    .difference(ensureNamedFieldsAreMembers(owned, node));
  return remove.empty() ? merged : removeItems(merged, remove, node);
}

function parseGvk(apiVersion: unknown): { group: string; version: string } {
  if (typeof apiVersion !== "string" || apiVersion === "") return { group: "", version: "" };
  const parts = apiVersion.split("/");
  if (parts.length === 1) return { group: "", version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: "", version: "" };
}

function splitApiVersion(apiVersion: string): [string, string] {
  const { group, version } = parseGvk(apiVersion);
  return [group, version];
}
