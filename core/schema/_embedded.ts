/**
 * The checks apiextensions makes on an x-kubernetes-embedded-resource object
 * (pkg/apiserver/schema/objectmeta/validation.go): apiVersion and kind required strings, kind a
 * DNS-1035 label in any case, and metadata valid ObjectMeta with path-segment names.
 *
 * @module
 */
import { objectMetaDecodeError } from "./_object_meta.ts";
import { invalid, required } from "./field_error.ts";
import { validateObjectMeta } from "./metadata.ts";
import { isDNS1035Label, nameIsPathSegment } from "./names.ts";
import type { FieldError } from "./types.ts";

function child(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}

/**
 * The field errors of one embedded resource at `path` ("" for the root).
 *
 * @example
 * ```ts
 * import { checkEmbeddedResource } from "./_embedded.ts";
 * checkEmbeddedResource({ kind: "Pod" }, "spec.template")[0].field; // "spec.template.apiVersion"
 * ```
 */
export function checkEmbeddedResource(x: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!Object.hasOwn(x, "apiVersion")) errors.push(required(child(path, "apiVersion")));
  if (!Object.hasOwn(x, "kind")) errors.push(required(child(path, "kind")));
  for (const [k, v] of Object.entries(x)) {
    switch (k) {
      case "apiVersion": {
        const p = child(path, k);
        if (typeof v !== "string") errors.push(invalid(p, v, "must be a string"));
        else if (!v) errors.push(invalid(p, v, "must not be empty"));
        else if (v.split("/").length > 2) errors.push(invalid(p, v, `unexpected GroupVersion string: ${v}`));
        break;
      }
      case "kind": {
        const p = child(path, k);
        if (typeof v !== "string") errors.push(invalid(p, v, "must be a string"));
        else if (!v) errors.push(invalid(p, v, "must not be empty"));
        else {
          const errs = isDNS1035Label(v.toLowerCase());
          if (errs.length) {
            errors.push(invalid(p, v, "may have mixed case, but should otherwise match: " + errs.join(",")));
          }
        }
        break;
      }
      case "metadata": {
        const p = child(path, k);
        const decodeError = objectMetaDecodeError(v);
        if (decodeError) {
          errors.push(invalid(p, v, decodeError));
          break;
        }
        const meta = typeof v === "object" && v !== null ? v as Record<string, unknown> : {};
        // Kubernetes fills in a name so that a nameless embedded object is not reported as such.
        const named = meta.name ? meta : { ...meta, name: "fakename" };
        errors.push(
          ...validateObjectMeta(named, {
            namespaced: typeof meta.namespace === "string" && meta.namespace.length > 0,
            nameValidator: nameIsPathSegment,
            path: p,
          }),
        );
        break;
      }
    }
  }
  return errors;
}
