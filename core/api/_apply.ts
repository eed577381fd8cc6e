/**
 * Server-side apply: PATCH with `application/apply-patch+yaml`. The body is merged into the stored object
 * (or creates it, 201) by @skiff/patch's applyConfiguration, which also records the manager's `Apply`
 * entry in managedFields and refuses to change fields other managers own (409 with one
 * FieldManagerConflict cause per field) unless `force=true`.
 *
 * @module
 */
import type { Context } from "hono";
import { applyConfiguration, ApplyConflictError, PatchError, rootType } from "@skiff/patch";
import type { KubeObject } from "./admission.ts";
import { decode, readBody } from "./body.ts";
import { ApiError } from "./errors.ts";
import type { Objects, WriteOptions } from "./objects.ts";
import type { ResourceTarget } from "./_paths.ts";
import { resetFields } from "./_managed_fields.ts";

/**
 * Answers an apply PATCH on `t` (a named object or its /status).
 *
 * @example
 * ```ts
 * if (patchType === APPLY_PATCH) return await serveApply(c, objects, target, writeOptions(c));
 * ```
 */
export async function serveApply(
  c: Context,
  objects: Objects,
  t: ResourceTarget,
  options: WriteOptions,
): Promise<Response> {
  const { resource: res, namespace, subresource } = t;
  const name = t.name!;
  const manager = c.req.query("fieldManager") ?? "";
  if (!manager) {
    throw ApiError.invalid("PatchOptions", { resource: "", group: "meta.k8s.io", name: "" }, [{
      reason: "FieldValueRequired",
      field: "fieldManager",
      message: "Required value: is required for apply patch",
    }]);
  }
  // Go's strconv.ParseBool spellings of true, as Kubernetes reads the query.
  const force = ["1", "t", "T", "true", "TRUE", "True"].includes(c.req.query("force") ?? "");
  const config = readConfig(await readBody(c.req.raw));
  const type = rootType(res.schema);
  const apply = (live: KubeObject | undefined): KubeObject => {
    const next = applyConfiguration(live, config, type, {
      manager,
      apiVersion: res.apiVersion,
      kind: res.kind,
      subresource,
      reset: resetFields(res, subresource),
      force,
    }) as KubeObject;
    checkName(next, name, namespace);
    return next;
  };
  const write = { ...options, fieldManager: manager, applied: true };
  try {
    try {
      const { object, warnings } = await objects.patch(res, namespace, name, apply, {
        ...write,
        subresource,
      });
      return respond(c, object, 200, warnings);
    } catch (e) {
      // Apply creates what does not exist (not through a subresource).
      if (subresource || !(e instanceof ApiError && e.code === 404 && e.details?.name === name)) throw e;
    }
    const { object, warnings } = await objects.create(res, namespace, apply(undefined), write);
    return respond(c, object, 201, warnings);
  } catch (e) {
    if (e instanceof ApplyConflictError) {
      throw new ApiError(409, "Conflict", e.message, { causes: e.causes });
    }
    // A configuration the schema cannot type is a plain error in Kubernetes: 500 without a reason.
    if (e instanceof PatchError && e.code === 500 && e.reason === "") throw new ApiError(500, "", e.message);
    throw e;
  }
}

/** The applied configuration: YAML (JSON is YAML), an object. */
function readConfig(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = decode(text, "application/yaml");
  } catch (e) {
    throw ApiError.badRequest(`error decoding patch: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw ApiError.badRequest("error decoding patch: the applied configuration must be an object");
  }
  return value as Record<string, unknown>;
}

/** Kubernetes' checkName on the patched object: its name and namespace must be the URL's. */
function checkName(obj: KubeObject, name: string, namespace: string | undefined): void {
  const objName = obj.metadata?.name ?? "";
  if (objName !== name) {
    throw ApiError.badRequest(
      `the name of the object (${objName}) does not match the name on the URL (${name})`,
    );
  }
  const objNamespace = obj.metadata?.namespace;
  if (namespace && objNamespace && objNamespace !== namespace) {
    throw ApiError.badRequest(
      `the namespace of the object (${objNamespace}) does not match the namespace on the request (${namespace})`,
    );
  }
}

function respond(c: Context, object: KubeObject, code: 200 | 201, warnings: string[]): Response {
  for (const w of warnings) c.header("Warning", `299 - ${JSON.stringify(w)}`, { append: true });
  return c.json(object, code);
}
