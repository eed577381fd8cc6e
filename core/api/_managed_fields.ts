/**
 * managedFields on the write path: which field manager a request names (Kubernetes' `fieldManager`
 * query parameter, else the User-Agent's product name) and the `Update` entry every create, update and
 * patch records (see @skiff/patch's updateManagedFields).
 *
 * @module
 */
import { rootType, updateManagedFields } from "@skiff/patch";
import type { KubeObject } from "./admission.ts";
import type { Resource } from "./registry.ts";

/** Kubernetes' limit on a field manager's length. */
const MAX_MANAGER_LENGTH = 128;

/**
 * The field manager of a request: the `fieldManager` query parameter, else the User-Agent up to its first
 * "/" without unprintable characters, at most 128 characters (Kubernetes' prefixFromUserAgent).
 *
 * @example
 * ```ts
 * fieldManagerOf(undefined, "kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9"); // "kubectl"
 * fieldManagerOf("helm", "Go-http-client/1.1"); // "helm"
 * ```
 */
export function fieldManagerOf(query: string | undefined, userAgent: string | undefined | null): string {
  if (query) return query;
  let out = "";
  for (const ch of (userAgent ?? "").split("/")[0]) {
    // deno-lint-ignore no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f]/.test(ch)) continue;
    if (out.length >= MAX_MANAGER_LENGTH) break;
    out += ch;
  }
  return out;
}

/**
 * Records a write in `next.metadata.managedFields` for `fieldManager` (nothing when the write names no
 * manager: in-process callers that do not say who they are leave ownership as it was). `live` is the
 * stored object, undefined for a create.
 *
 * @example
 * ```ts
 * recordUpdate(pods, undefined, pod, { fieldManager: "kubectl-create" });
 * ```
 */
export function recordUpdate(
  res: Resource,
  live: KubeObject | undefined,
  next: KubeObject,
  options: { fieldManager?: string; subresource?: string },
): void {
  if (options.fieldManager === undefined) return;
  updateManagedFields(live, next, rootType(res.schema), {
    manager: options.fieldManager,
    apiVersion: res.apiVersion,
    subresource: options.subresource,
    reset: resetFields(res, options.subresource),
  });
}

/**
 * The fields a write through `subresource` may not change: status on the main resource, all but status
 * on /status (for kinds with a status subresource).
 *
 * @example
 * ```ts
 * resetFields(deployments, "status"); // "allButStatus"
 * ```
 */
export function resetFields(
  res: Resource,
  subresource: string | undefined,
): "status" | "allButStatus" | undefined {
  if (!res.status) return undefined;
  if (subresource === "status") return "allButStatus";
  return subresource ? undefined : "status";
}
