/**
 * Validation of a ReplicationController beyond the schema (ValidateReplicationController in
 * pkg/apis/core/validation): a non-empty selector that matches the template's labels, a template with
 * restartPolicy Always, non-negative replicas and minReadySeconds.
 *
 * @module
 */
import { type FieldError, goStringMap, invalid, nonNegative, required } from "@skiff/schema";
import type { ReplicationController } from "../api/replication_controller.ts";
import { validateLongRunningTemplate } from "./_common.ts";

/**
 * ValidateReplicationController.
 *
 * @example
 * ```ts
 * import { validateReplicationController } from "@skiff/workloads";
 *
 * validateReplicationController({ metadata: { name: "rc" }, spec: {} }).map((e) => e.field);
 * // ["spec.selector", "spec.template"]
 * ```
 */
export function validateReplicationController(rc: ReplicationController): FieldError[] {
  const spec = rc.spec ?? {};
  const errors = nonNegative(spec.minReadySeconds, "spec.minReadySeconds");
  const selector = spec.selector ?? {};
  if (Object.keys(selector).length === 0) errors.push(required("spec.selector"));
  errors.push(...nonNegative(spec.replicas, "spec.replicas"));
  if (!spec.template) errors.push(required("spec.template"));
  else {
    const labels = spec.template.metadata?.labels ?? {};
    if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
      errors.push(
        invalid(
          "spec.template.metadata.labels",
          goStringMap(spec.template.metadata?.labels),
          "`selector` does not match template `labels`",
        ),
      );
    }
    errors.push(...validateLongRunningTemplate(spec.template, "ReplicationController"));
  }
  return errors;
}
