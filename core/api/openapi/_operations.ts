/**
 * The operations one resource serves, as data that both the OpenAPI 3 and the Swagger 2.0 writers read:
 * paths, verbs, `x-kubernetes-action`, parameters, bodies, media types and responses, named and worded
 * as apiserver's installer and apiextensions' builder do (`listCoreV1NamespacedPod`, "partially update
 * the specified Pod").
 *
 * @module
 */
import { BUILTIN_PATCH_TYPES, CUSTOM_RESOURCE_PATCH_TYPES } from "@skiff/patch";
import type { Resource } from "../registry.ts";
import { ACTION_PARAMS, nameParam, NAMESPACE, type Param, PRETTY } from "./_parameters.ts";
import { AUTOSCALING_V1 } from "./_common_schemas.ts";
import { definitionName, META_V1 } from "./names.ts";
import type { GroupVersionKind } from "./types.ts";

/**
 * One operation on one path. Schemas are definition names.
 *
 * @example
 * ```ts
 * const op: Operation = resourceOperations(pods)[0];
 * op.operationId; // "listCoreV1PodForAllNamespaces"
 * ```
 */
export interface Operation {
  path: string;
  method: "get" | "put" | "post" | "delete" | "patch";
  action: string;
  operationId: string;
  tags: string[];
  description: string;
  gvk: GroupVersionKind;
  params: Param[];
  body?: { schema: string; required: boolean };
  consumes: string[];
  produces: string[];
  responses: { code: number; schema?: string }[];
}

const JSON_TYPE = "application/json";
const WATCH_TYPE = "application/json;stream=watch";
const STATUS = `${META_V1}.Status`;
const WATCH_EVENT = `${META_V1}.WatchEvent`;
const DELETE_OPTIONS = `${META_V1}.DeleteOptions`;
const PATCH = `${META_V1}.Patch`;

/**
 * Every operation on `r`, in a stable order.
 *
 * @example
 * ```ts
 * resourceOperations(pods).find((o) => o.method === "patch")?.operationId; // "patchCoreV1NamespacedPod"
 * ```
 */
export function resourceOperations(r: Resource): Operation[] {
  const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const scope = r.namespaced ? "Namespaced" : "";
  const nsPath = r.namespaced ? `/namespaces/{namespace}` : "";
  const collection = `${prefix}${nsPath}/${r.plural}`;
  const item = `${collection}/{name}`;
  const kind = definitionName(r.group, r.version, r.kind);
  const list = definitionName(r.group, r.version, r.listKind);
  // kube-apiserver declares any media type for its own kinds, apiextensions JSON and YAML for CRDs.
  const bodyTypes = r.builtin ? ["*/*"] : [JSON_TYPE, "application/yaml"];
  const patchTypes = [...(r.builtin ? BUILTIN_PATCH_TYPES : CUSTOM_RESOURCE_PATCH_TYPES)];
  const op = (path: string, spec: OperationSpec): Operation => {
    const gvk = spec.gvk ?? { group: r.group, version: r.version, kind: r.kind };
    const pathParams = [
      ...(path.includes("{name}") ? [nameParam(gvk.kind)] : []),
      ...(path.includes("{namespace}") ? [NAMESPACE] : []),
    ];
    const streams = spec.action === "list" || spec.action.startsWith("watch");
    return {
      path,
      method: spec.method,
      action: spec.action,
      ...operationIdAndTags(spec.name, path),
      description: spec.text,
      gvk,
      params: [...pathParams, PRETTY, ...ACTION_PARAMS[spec.action]],
      body: spec.body,
      consumes: spec.method === "patch" ? patchTypes : spec.body ? bodyTypes : ["*/*"],
      produces: streams ? [JSON_TYPE, WATCH_TYPE] : [JSON_TYPE],
      responses: spec.codes.map((code) => ({ code, schema: spec.returns })),
    };
  };
  const deleteOptions = { schema: DELETE_OPTIONS, required: false };

  const ops: Operation[] = [];
  const create = op(collection, {
    method: "post",
    action: "post",
    name: `create${scope}${r.kind}`,
    text: `create${article(r.kind)}${r.kind}`,
    body: { schema: kind, required: true },
    returns: kind,
    codes: [200, 201, 202],
  });
  // Access reviews are only created: one POST on the collection.
  if (r.createOnly) return [create];
  const listSpec = { method: "get", action: "list", text: listText(r), returns: list, codes: [200] } as const;
  if (r.namespaced) {
    ops.push(op(`${prefix}/${r.plural}`, { ...listSpec, name: `list${r.kind}ForAllNamespaces` }));
  }
  ops.push(
    op(collection, { ...listSpec, name: `list${scope}${r.kind}` }),
    create,
    op(collection, {
      method: "delete",
      action: "deletecollection",
      name: `deletecollection${scope}${r.kind}`,
      text: `delete collection of ${r.kind}`,
      body: deleteOptions,
      returns: STATUS,
      codes: [200],
    }),
  );
  const readWrite = (path: string, sub: string, returns: string, gvk?: GroupVersionKind) => {
    const title = sub && sub[0].toUpperCase() + sub.slice(1);
    const of = sub ? `${sub} of ` : "";
    ops.push(
      op(path, {
        method: "get",
        action: "get",
        name: `read${scope}${r.kind}${title}`,
        text: `read ${of}the specified ${r.kind}`,
        returns,
        codes: [200],
        gvk,
      }),
      op(path, {
        method: "put",
        action: "put",
        name: `replace${scope}${r.kind}${title}`,
        text: `replace ${of}the specified ${r.kind}`,
        body: { schema: returns, required: true },
        returns,
        codes: [200, 201],
        gvk,
      }),
      op(path, {
        method: "patch",
        action: "patch",
        name: `patch${scope}${r.kind}${title}`,
        text: `partially update ${of}the specified ${r.kind}`,
        body: { schema: PATCH, required: true },
        returns,
        codes: [200, 201],
        gvk,
      }),
    );
  };
  readWrite(item, "", kind);
  ops.push(op(item, {
    method: "delete",
    action: "delete",
    name: `delete${scope}${r.kind}`,
    text: `delete${article(r.kind)}${r.kind}`,
    body: deleteOptions,
    // Built-in kinds answer with the object being deleted; apiextensions declares a Status for CRDs.
    returns: r.builtin ? kind : STATUS,
    codes: [200, 202],
  }));
  if (r.status) readWrite(`${item}/status`, "status", kind);
  if (r.scale) {
    readWrite(`${item}/scale`, "scale", `${AUTOSCALING_V1}.Scale`, {
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
    });
  }
  if (r.group === "" && r.plural === "namespaces") {
    ops.push(op(`${item}/finalize`, {
      method: "put",
      action: "put",
      name: "replaceNamespaceFinalize",
      text: "replace finalize of the specified Namespace",
      body: { schema: kind, required: true },
      returns: kind,
      codes: [200, 201],
    }));
  }
  // apiextensions leaves the deprecated /watch/ paths out for CRDs; built-in kinds still declare them.
  if (r.builtin) {
    const watchList = { method: "get", action: "watchlist", returns: WATCH_EVENT, codes: [200] } as const;
    const watchListText = `watch individual changes to a list of ${r.kind}. ${WATCH_DEPRECATED}.`;
    const watchCollection = `${prefix}/watch${nsPath}/${r.plural}`;
    if (r.namespaced) {
      ops.push(op(`${prefix}/watch/${r.plural}`, {
        ...watchList,
        name: `watch${r.kind}ListForAllNamespaces`,
        text: watchListText,
      }));
    }
    ops.push(
      op(watchCollection, { ...watchList, name: `watch${scope}${r.kind}List`, text: watchListText }),
      op(`${watchCollection}/{name}`, {
        ...watchList,
        action: "watch",
        name: `watch${scope}${r.kind}`,
        text:
          `watch changes to an object of kind ${r.kind}. ${WATCH_DEPRECATED}, filtered to a single item with the 'fieldSelector' parameter.`,
      }),
    );
  }
  return ops;
}

/** What an operation is, before paths and parameters are worked out. */
interface OperationSpec {
  method: Operation["method"];
  action: string;
  /** apiserver's operation name (`listNamespacedPod`), which {@link operationIdAndTags} rewrites. */
  name: string;
  text: string;
  body?: Operation["body"];
  /** The definition the response codes answer with. */
  returns: string;
  codes: readonly number[];
  /** For subresources of another kind (scale); the resource's own otherwise. */
  gvk?: GroupVersionKind;
}

const WATCH_DEPRECATED = "deprecated: use the 'watch' parameter with a list operation instead";

function listText(r: Resource): string {
  // The two servers word it differently; clients only show it.
  return r.builtin ? `list or watch objects of kind ${r.kind}` : `list objects of kind ${r.kind}`;
}

/** apiserver's GetArticleForNoun: plurals take none, vowels "an". */
function article(noun: string): string {
  if (!noun.endsWith("ss") && noun.endsWith("s")) return " ";
  return /^[aeiouAEIOU]/.test(noun) ? " an " : " a ";
}

/** The verbs operation names start with; the shortest match wins, as in apiserver's trie. */
const VERBS = [
  "get",
  "log",
  "read",
  "replace",
  "patch",
  "delete",
  "deletecollection",
  "watch",
  "connect",
  "proxy",
  "list",
  "create",
];

/**
 * apiserver's GetOperationIDAndTags: the verb, then group and version, then the rest; the tag is
 * group_version (`core_v1`, `apps_v1`, `exampleCom_v1`).
 *
 * @example
 * ```ts
 * operationIdAndTags("listNamespacedPod", "/api/v1/namespaces/{namespace}/pods");
 * // { operationId: "listCoreV1NamespacedPod", tags: ["core_v1"] }
 * ```
 */
export function operationIdAndTags(operation: string, path: string): { operationId: string; tags: string[] } {
  const verb = VERBS.filter((v) => operation.startsWith(v)).sort((a, b) => a.length - b.length)[0] ?? "";
  const rest = operation.slice(verb.length);
  let parts = path.replace(/^\/+|\/+$/g, "").split("/");
  if (parts[0] === "api") parts = ["apis", "core", ...parts.slice(1)];
  let prefix = verb;
  let tag = "";
  if (parts.length >= 2 && parts[0] === "apis") {
    const group = parts[1].replace(/\.k8s\.io$/, "");
    prefix += validOperationId(group, prefix !== "");
    tag = validOperationId(group, false);
    if (parts.length > 2) {
      prefix += validOperationId(parts[2], prefix !== "");
      tag += `_${validOperationId(parts[2], false)}`;
    }
  }
  return { operationId: prefix + validOperationId(rest, prefix !== ""), tags: tag ? [tag] : [] };
}

/** apiserver's ToValidOperationID: letters, digits and underscores kept, a capital after anything else. */
function validOperationId(s: string, capitalizeFirst: boolean): string {
  let out = "";
  let capitalize = capitalizeFirst;
  [...s].forEach((ch, i) => {
    if (/\p{L}/u.test(ch) || ch === "_" || (i !== 0 && /\p{Nd}/u.test(ch))) {
      out += capitalize ? ch.toUpperCase() : ch;
      capitalize = false;
    } else {
      capitalize = true;
    }
  });
  return out;
}
