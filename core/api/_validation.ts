/**
 * The schema side of every write: prune unknown fields (reported per fieldValidation), apply defaults,
 * then validate against the kind's OpenAPI schema and Kubernetes' metadata rules.
 *
 * @module
 */
import {
  applyDefaults,
  type FieldError,
  prune,
  unknownFieldErrors,
  unknownFieldWarnings,
  validate,
  validateObjectMeta,
} from "@skiff/schema";
import type { KubeObject } from "./admission.ts";
import type { Resource } from "./registry.ts";
import type { Strategy } from "./strategy.ts";

/** How unknown fields are treated: dropped silently, dropped with a warning, or refused. */
export type FieldValidation = "Ignore" | "Warn" | "Strict";

/** The two halves of the schema checks, run around the mutating admission steps. */
export const checkObject = {
  /** Prunes and defaults `obj` in place; Strict turns unknown fields into errors, Warn into warnings. */
  prepare(
    res: Resource,
    obj: KubeObject,
    mode: FieldValidation,
  ): { errors: FieldError[]; warnings: string[] } {
    if (!res.schema) return { errors: [], warnings: [] };
    const unknown = prune(obj, res.schema);
    applyDefaults(obj, res.schema);
    if (!unknown.length || mode === "Ignore") return { errors: [], warnings: [] };
    if (mode === "Warn") return { errors: [], warnings: unknownFieldWarnings(unknown) };
    return { errors: unknownFieldErrors(unknown), warnings: [] };
  },

  /** Schema and metadata errors of `obj`. */
  validate(res: Resource, obj: KubeObject, nameRule: Strategy["nameRule"]): FieldError[] {
    const errors = validateObjectMeta(obj.metadata, { namespaced: res.namespaced, nameRule });
    if (res.schema) {
      // Metadata was checked above; an empty one stands in for it so schemas that list `metadata` as
      // required (core/v1 Event, as Kubernetes' own OpenAPI does) still pass.
      const { metadata: _, ...rest } = obj;
      errors.push(...validate({ ...rest, metadata: {} }, res.schema));
    }
    return errors;
  },
};
