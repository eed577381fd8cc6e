/**
 * The REST verbs on resource URLs: each reads its query and body, calls {@link Objects}, and answers with
 * the object, a list, a watch stream or a Status, with the codes Kubernetes uses.
 *
 * @module
 */
import type { Context } from "hono";
import {
  APPLY_PATCH,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  BUILTIN_PATCH_TYPES,
  CUSTOM_RESOURCE_PATCH_TYPES,
  JSON_PATCH,
  MERGE_PATCH,
  parsePatchBody,
  patchTypeOf,
  STRATEGIC_MERGE_PATCH,
} from "@skiff/patch";
import type { KubeObject } from "./admission.ts";
import { decode, mediaType, readBody, readObject } from "./body.ts";
import { ApiError } from "./errors.ts";
import { type DeleteOptions, type ListOptions, type Objects, target, type WriteOptions } from "./objects.ts";
import type { ResourceTarget } from "./_paths.ts";
import { parseFieldSelector, parseLabelSelector } from "./selectors.ts";
import { IN_PROCESS, watchStream } from "./watch.ts";
import {
  negotiate,
  type Negotiated,
  notAcceptable,
  parseIncludeObject,
  partialList,
  partialObject,
  toTable,
} from "./table/mod.ts";
import type { FieldValidation } from "./_validation.ts";
import { serveTokenRequest, type TokenIssuer } from "./_token_request.ts";
import { servePodBinding } from "./_pod_binding.ts";
import { serveApply } from "./_apply.ts";
import { fieldManagerOf } from "./_managed_fields.ts";

/**
 * Answers one request on a resource URL.
 *
 * @example
 * ```ts
 * app.all("/api/*", (c) => serveResource(c, objects, parseResourcePath(registry, c.req.path)!));
 * ```
 */
export async function serveResource(
  c: Context,
  objects: Objects,
  t: ResourceTarget,
  options: { tokenIssuer?: TokenIssuer } = {},
): Promise<Response> {
  const { resource: res, namespace, name, subresource } = t;
  const method = c.req.method;
  const q = (k: string) => c.req.query(k);

  // ServiceAccount tokens (TokenRequest): served only when the server was given a signing key.
  if (
    subresource === "token" && res.group === "" && res.plural === "serviceaccounts" && namespace && name &&
    options.tokenIssuer && !t.watch
  ) {
    return await serveTokenRequest(c, objects, { namespace, name, issuer: options.tokenIssuer });
  }

  if (
    subresource === "binding" && res.group === "" && res.plural === "pods" && namespace && name && !t.watch
  ) {
    return await servePodBinding(c, objects, res, namespace, name);
  }

  const namespaceFinalize = subresource === "finalize" && res.group === "" && res.plural === "namespaces";
  if (
    subresource && !(subresource === "status" && res.status) && !(subresource === "scale" && res.scale) &&
    !namespaceFinalize
  ) {
    throw ApiError.noSuchPath();
  }
  if (t.watch || (method === "GET" && !name && isTrue(q("watch")))) {
    if (name) {
      // /watch/.../NAME is a watch of one object: a field selector on its name.
      return watchResponse(c, objects, t, `metadata.name=${name}`);
    }
    return watchResponse(c, objects, t);
  }

  if (!name) {
    switch (method) {
      case "GET": {
        const form = readForm(c);
        const list = await objects.list(res, namespace, listOptions(c, res));
        const listMeta = { resourceVersion: list.resourceVersion, continue: list.continue };
        if (form.as === "table") return c.json(toTable(res, list.items, { ...form, listMeta }));
        if (form.as === "metadata") return c.json(partialList(res, list.items, form, listMeta));
        const metadata: Record<string, string> = { resourceVersion: list.resourceVersion };
        if (list.continue) metadata.continue = list.continue;
        return c.json({ kind: res.listKind, apiVersion: res.apiVersion, metadata, items: list.items });
      }
      case "POST": {
        if (res.namespaced && !namespace) throw ApiError.methodNotAllowed();
        const body = await readObject(c.req.raw) as KubeObject;
        const { object, warnings, json } = await objects.create(res, namespace, body, writeOptions(c));
        return respond(c, object, 201, warnings, json);
      }
      case "DELETE": {
        const deleted = await objects.deleteCollection(
          res,
          namespace,
          listOptions(c, res),
          await deleteOptions(c),
        );
        return c.json({ kind: res.listKind, apiVersion: res.apiVersion, metadata: {}, items: deleted });
      }
      default:
        throw ApiError.methodNotAllowed();
    }
  }

  switch (method) {
    case "GET": {
      const form = readForm(c);
      const obj = await objects.get(res, namespace, name);
      if (subresource === "scale") {
        const scale = toScale(res, obj);
        return c.json(form.as === "metadata" ? partialObject(res, scale, form, "*autoscaling.Scale") : scale);
      }
      if (form.as === "table") {
        return c.json(
          toTable(res, [obj], { ...form, listMeta: { resourceVersion: obj.metadata.resourceVersion } }),
        );
      }
      return c.json(form.as === "metadata" ? partialObject(res, obj, form) : obj);
    }
    case "PUT": {
      const body = await readObject(c.req.raw) as KubeObject;
      if (subresource === "scale") return respondScale(c, objects, t, () => body);
      const { object, warnings } = await objects.update(res, namespace, name, body, {
        ...writeOptions(c),
        subresource,
      });
      return respond(c, object, 200, warnings);
    }
    case "PATCH": {
      const type = patchTypeOf(
        c.req.header("content-type"),
        res.builtin ? BUILTIN_PATCH_TYPES : CUSTOM_RESOURCE_PATCH_TYPES,
      );
      if (type === APPLY_PATCH && subresource !== "scale") {
        return await serveApply(c, objects, t, writeOptions(c));
      }
      if (type === APPLY_PATCH) {
        throw ApiError.unsupportedMediaType(type, [
          JSON_PATCH,
          MERGE_PATCH,
          ...(res.builtin ? [STRATEGIC_MERGE_PATCH] : []),
        ]);
      }
      const patch = parsePatchBody(await readBody(c.req.raw));
      const fieldValidation = writeOptions(c).fieldValidation;
      const apply = (doc: KubeObject): KubeObject => {
        if (type === JSON_PATCH) return applyJsonPatch(doc, patch, { fieldValidation }) as KubeObject;
        if (type === MERGE_PATCH) return applyMergePatch(doc, patch, { fieldValidation }) as KubeObject;
        return applyStrategicMergePatch(
          doc,
          patch,
          subresource === "scale" ? undefined : res.schema,
        ) as KubeObject;
      };
      if (subresource === "scale") return respondScale(c, objects, t, apply);
      const { object, warnings } = await objects.patch(res, namespace, name, apply, {
        ...writeOptions(c),
        subresource,
      });
      return respond(c, object, 200, warnings);
    }
    case "DELETE": {
      if (subresource) throw ApiError.methodNotAllowed();
      const opts = await deleteOptions(c);
      const { object, deleted } = await objects.delete(res, namespace, name, opts);
      const strategy = objects.hooks.strategies.get(res.apiVersion, res.kind);
      if (deleted && strategy.returnDeletedObject === false) {
        return c.json({
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Success",
          details: { name, group: res.group || undefined, kind: res.plural, uid: object.metadata.uid },
        });
      }
      return c.json(object, 200);
    }
    default:
      throw ApiError.methodNotAllowed();
  }
}

/** The written object; `json` is its encoding when the write had one to reuse. */
function respond(
  c: Context,
  object: KubeObject,
  code: 200 | 201,
  warnings: string[],
  json?: string,
): Response {
  for (const w of warnings) c.header("Warning", `299 - ${JSON.stringify(w)}`, { append: true });
  if (json !== undefined) return c.body(json, code, { "content-type": "application/json" });
  return c.json(object, code);
}

// ---- scale ---------------------------------------------------------------------------------------

/** Reads the value at a JSON path such as `.spec.replicas`. */
function at(obj: KubeObject, path: string): unknown {
  let v: unknown = obj;
  for (const p of path.replace(/^\./, "").split(".")) v = (v as Record<string, unknown> | undefined)?.[p];
  return v;
}

function setAt(obj: KubeObject, path: string, value: unknown): void {
  const parts = path.replace(/^\./, "").split(".");
  let o = obj as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]] = value;
}

/**
 * A Scale's `status.selector` is a string. A custom resource's labelSelectorPath points at one; the
 * built-in kinds' point at their spec's selector, which Kubernetes renders as labels.Selector.String():
 * a LabelSelector (Deployment, ReplicaSet, StatefulSet) or an equality map (ReplicationController).
 */
function selectorText(sel: unknown): unknown {
  if (!sel || typeof sel !== "object") return sel;
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: unknown };
  const isLabelSelector = "matchLabels" in s || "matchExpressions" in s;
  const parts: [string, string][] = Object.entries(
    (isLabelSelector ? s.matchLabels : sel) as Record<string, string> ?? {},
  ).map(([k, v]) => [k, `${k}=${v}`]);
  if (isLabelSelector) {
    for (const r of (s.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
      const values = [...new Set(r.values ?? [])].sort().join(",");
      const text = r.operator === "In"
        ? `${r.key} in (${values})`
        : r.operator === "NotIn"
        ? `${r.key} notin (${values})`
        : r.operator === "Exists"
        ? r.key
        : `!${r.key}`;
      parts.push([r.key, text]);
    }
  }
  return parts.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0).map((p) => p[1]).join(",");
}

/** The autoscaling/v1 Scale of an object, from its definition's scale paths. */
function toScale(res: ResourceTarget["resource"], obj: KubeObject): KubeObject {
  const scale = res.scale!;
  const status: Record<string, unknown> = { replicas: at(obj, scale.statusReplicasPath) ?? 0 };
  if (scale.labelSelectorPath) {
    const sel = at(obj, scale.labelSelectorPath);
    if (sel !== undefined) status.selector = selectorText(sel);
  }
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: at(obj, scale.specReplicasPath) ?? 0 },
    status,
  };
}

async function respondScale(
  c: Context,
  objects: Objects,
  t: ResourceTarget,
  change: (scale: KubeObject) => KubeObject,
): Promise<Response> {
  const res = t.resource;
  const { object } = await objects.patch(res, t.namespace, t.name!, (current) => {
    const scale = change(toScale(res, current));
    const replicas = scale.spec?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw ApiError.invalid("Scale", { resource: res.plural, group: "autoscaling", name: t.name }, [{
        reason: "FieldValueInvalid",
        field: "spec.replicas",
        message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      }]);
    }
    if (
      scale.metadata?.resourceVersion && scale.metadata.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw ApiError.modified(target(res, t.name));
    }
    setAt(current, res.scale!.specReplicasPath, replicas);
    return current;
  }, writeOptions(c));
  return c.json(toScale(res, object));
}

// ---- query parsing -------------------------------------------------------------------------------

/**
 * The form a GET asks for: the object, a meta.k8s.io Table (kubectl get) with its includeObject, or
 * PartialObjectMetadata(List) (metadata-only clients); 406 for nothing we serve.
 */
function readForm(c: Context): ReadForm {
  const form = negotiate(c.req.header("accept") ?? null);
  if (!form) throw notAcceptable();
  if (form.as !== "table") return form;
  return { ...form, includeObject: parseIncludeObject(c.req.query("includeObject")) };
}

type ReadForm =
  | Exclude<Negotiated, { as: "table" }>
  | (Extract<Negotiated, { as: "table" }> & { includeObject: ReturnType<typeof parseIncludeObject> });

function isTrue(v: string | undefined): boolean {
  return v === "true" || v === "1";
}

function options(c: Context): { dryRun: boolean } {
  const values = c.req.queries("dryRun") ?? [];
  for (const v of values) {
    if (v !== "All") throw ApiError.badRequest(`Invalid dry run value: ${v}; supported values: "All"`);
  }
  return { dryRun: values.length > 0 };
}

function writeOptions(c: Context): WriteOptions {
  const fv = c.req.query("fieldValidation");
  if (fv !== undefined && !["Ignore", "Warn", "Strict"].includes(fv)) {
    throw ApiError.badRequest(
      `fieldValidation parameter unsupported: ${fv}; supported values: Ignore, Warn, Strict`,
    );
  }
  return {
    ...options(c),
    fieldValidation: fv as FieldValidation | undefined,
    fieldManager: fieldManagerOf(c.req.query("fieldManager"), c.req.header("user-agent")),
    // Set by core/auth's middleware when the server authenticates; admission webhooks see it.
    user: (c.var as Record<string, unknown>).user as WriteOptions["user"],
  };
}

function integer(c: Context, name: string): number | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) throw ApiError.badRequest(`invalid ${name} "${v}": must be an integer`);
  return Number(v);
}

function listOptions(c: Context, res: { group: string; kind: string }): ListOptions {
  const match = c.req.query("resourceVersionMatch");
  if (match && match !== "Exact" && match !== "NotOlderThan") {
    throw ApiError.badRequest(`invalid resourceVersionMatch "${match}": must be Exact or NotOlderThan`);
  }
  const ls = c.req.query("labelSelector");
  const fs = c.req.query("fieldSelector");
  return {
    labelSelector: ls ? parseLabelSelector(ls) : undefined,
    fieldSelector: fs ? parseFieldSelector(fs, res) : undefined,
    limit: integer(c, "limit"),
    continue: c.req.query("continue") || undefined,
    resourceVersion: c.req.query("resourceVersion"),
    resourceVersionMatch: match as ListOptions["resourceVersionMatch"],
  };
}

async function deleteOptions(c: Context): Promise<DeleteOptions> {
  const text = c.req.raw.body ? await readBody(c.req.raw) : "";
  const body = text.trim() ? decode(text, mediaType(c.req.raw)) as DeleteOptions : {};
  if (body === null || typeof body !== "object") {
    throw ApiError.badRequest("the body must be a DeleteOptions object");
  }
  const grace = integer(c, "gracePeriodSeconds");
  const policy = c.req.query("propagationPolicy") as DeleteOptions["propagationPolicy"];
  const opts: DeleteOptions = {
    ...body,
    gracePeriodSeconds: grace ?? body.gracePeriodSeconds,
    propagationPolicy: policy ?? body.propagationPolicy,
    dryRun: options(c).dryRun || (Array.isArray(body.dryRun) && (body.dryRun as string[]).includes("All")),
    // Always from the authenticated request, never from the body.
    user: (c.var as Record<string, unknown>).user as DeleteOptions["user"],
  };
  if (opts.propagationPolicy && !["Orphan", "Background", "Foreground"].includes(opts.propagationPolicy)) {
    throw ApiError.invalid("DeleteOptions", { resource: "", group: "" }, [{
      reason: "FieldValueNotSupported",
      field: "propagationPolicy",
      message:
        `Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`,
    }]);
  }
  return opts;
}

function watchResponse(
  c: Context,
  objects: Objects,
  t: ResourceTarget,
  extraFieldSelector?: string,
): Response {
  const list = listOptions(c, t.resource);
  if (extraFieldSelector) {
    list.fieldSelector = [
      ...list.fieldSelector ?? [],
      ...parseFieldSelector(extraFieldSelector, t.resource),
    ];
  }
  const sie = c.req.query("sendInitialEvents");
  const form = readForm(c);
  const body = watchStream(objects, t.resource, t.namespace, {
    ...list,
    sendInitialEvents: sie === undefined ? undefined : isTrue(sie),
    allowWatchBookmarks: isTrue(c.req.query("allowWatchBookmarks")),
    timeoutSeconds: integer(c, "timeoutSeconds"),
    table: form.as === "table" ? form : undefined,
    // kube-apiserver turns each event's object into the negotiated form; PartialObjectMetadataList
    // fails for one object, and its watch encoder then logs that and sends the whole object.
    metadata: form.as === "metadata" && form.kind === "PartialObjectMetadata" ? form.version : undefined,
    inProcess: (c.req.raw as unknown as Record<symbol, unknown>)[IN_PROCESS] === true,
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "no-cache, private" },
  });
}
