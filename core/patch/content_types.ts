/**
 * The Content-Types a PATCH request may carry, and the choice among them as Kubernetes' handler makes it.
 *
 * @module
 */
import { PatchError } from "./errors.ts";

/** RFC 6902 JSON patch: a list of operations. */
export const JSON_PATCH = "application/json-patch+json";
/** RFC 7386 JSON merge patch. */
export const MERGE_PATCH = "application/merge-patch+json";
/** Kubernetes' strategic merge patch (built-in kinds only). */
export const STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
/** Server-side apply (see applyConfiguration). */
export const APPLY_PATCH = "application/apply-patch+yaml";

/** One of the patch Content-Types. */
export type PatchType =
  | typeof JSON_PATCH
  | typeof MERGE_PATCH
  | typeof STRATEGIC_MERGE_PATCH
  | typeof APPLY_PATCH;

/** What built-in kinds accept, in the order Kubernetes lists them in a 415 message. */
export const BUILTIN_PATCH_TYPES: readonly PatchType[] = [
  JSON_PATCH,
  MERGE_PATCH,
  STRATEGIC_MERGE_PATCH,
  APPLY_PATCH,
];

/** What custom resources accept: no strategic merge patch, as in Kubernetes. */
export const CUSTOM_RESOURCE_PATCH_TYPES: readonly PatchType[] = [JSON_PATCH, MERGE_PATCH, APPLY_PATCH];

/**
 * The patch type a Content-Type header names (parameters such as `; charset=utf-8` are dropped), or a
 * 415 {@link PatchError} naming the `accepted` types, worded as Kubernetes words it.
 *
 * @example
 * ```ts
 * patchTypeOf("application/merge-patch+json; charset=utf-8"); // "application/merge-patch+json"
 * patchTypeOf("application/strategic-merge-patch+json", CUSTOM_RESOURCE_PATCH_TYPES); // throws 415
 * ```
 */
export function patchTypeOf(
  contentType: string | null | undefined,
  accepted: readonly PatchType[] = BUILTIN_PATCH_TYPES,
): PatchType {
  let type = contentType ?? "";
  // Kubernetes cuts at the first ";" only when it is not the first character.
  const semi = type.indexOf(";");
  if (semi > 0) type = type.slice(0, semi);
  const found = accepted.find((t) => t === type);
  if (found) return found;
  throw new PatchError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );
}
