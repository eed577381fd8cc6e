/**
 * The strategies of the built-in kinds: what Kubernetes' registry does for Pods, Namespaces,
 * ServiceAccounts and CustomResourceDefinitions beyond the generic rules.
 *
 * @module
 */
import {
  defaultNamespace,
  defaultPod,
  fillPodDefaults,
  type Namespace,
  type Pod,
  validatePod,
  validatePodUpdate,
} from "@skiff/kinds";
import { checkStructural, type FieldError, type ResourceDefinition } from "@skiff/schema";
import type { KubeObject } from "./admission.ts";
import { CRD_CLEANUP_FINALIZER } from "./controllers/crds.ts";
import { Strategies } from "./strategy.ts";

/**
 * Strategies for the built-in kinds.
 *
 * @example
 * ```ts
 * const strategies = builtinStrategies();
 * strategies.get("v1", "Pod").gracePeriodSeconds?.(pod); // 30 for a scheduled pod
 * ```
 */
export function builtinStrategies(): Strategies {
  const s = new Strategies();
  s.set("v1", "Pod", {
    // Kubernetes defaults pod specs on every write. A create works on its own copy of the request, so
    // in place; an update's object may share parts with a patch that is applied again on a conflict,
    // so a copy (defaultPod copies; only the spec changes).
    prepareForCreate(pod) {
      fillPodDefaults(pod as Pod);
      pod.status = { phase: "Pending", qosClass: qosClass(pod) };
    },
    prepareForUpdate(pod) {
      pod.spec = defaultPod(pod as Pod).spec;
    },
    validate: (pod) => validatePod(pod),
    validateUpdate: (pod, old) => validatePodUpdate(pod, old),
    // A pod no kubelet runs yet goes at once; a scheduled one gets its grace period (the kubelet ends it).
    gracePeriodSeconds: (pod) => pod.spec?.nodeName ? (pod.spec.terminationGracePeriodSeconds ?? 30) : 0,
    returnDeletedObject: true,
  });
  s.set("v1", "Namespace", {
    nameRule: "label",
    prepareForCreate(ns) {
      ns.metadata.labels = defaultNamespace(ns as Namespace).metadata?.labels;
      ns.spec = { ...ns.spec, finalizers: ns.spec?.finalizers ?? ["kubernetes"] };
      ns.status = { phase: "Active" };
    },
    prepareForUpdate(ns, old) {
      // spec.finalizers change only through /finalize.
      ns.spec = { ...ns.spec, finalizers: old.spec?.finalizers ?? [] };
    },
    holds: (ns) => (ns.spec?.finalizers ?? []).length > 0,
    prepareForDelete(ns) {
      ns.status = { ...ns.status, phase: "Terminating" };
    },
    returnDeletedObject: true,
  });
  s.set("v1", "ServiceAccount", { returnDeletedObject: true });
  s.set("apiextensions.k8s.io/v1", "CustomResourceDefinition", {
    prepareForCreate(crd) {
      crd.status = {};
      const f = crd.metadata.finalizers ?? [];
      if (!f.includes(CRD_CLEANUP_FINALIZER)) crd.metadata.finalizers = [...f, CRD_CLEANUP_FINALIZER];
    },
    validate: validateCrd,
    validateUpdate(crd, old) {
      const errors: FieldError[] = [];
      for (const f of ["group", "scope"] as const) {
        if (crd.spec?.[f] !== old.spec?.[f]) {
          errors.push({
            reason: "FieldValueInvalid",
            field: `spec.${f}`,
            message: `Invalid value: "${crd.spec?.[f]}": field is immutable`,
          });
        }
      }
      return errors;
    },
    returnDeletedObject: true,
  });
  return s;
}

/** Kubernetes' QoS class: Guaranteed when every container's requests equal its limits, BestEffort when none has any. */
function qosClass(pod: KubeObject): string {
  const containers = [...pod.spec?.containers ?? [], ...pod.spec?.initContainers ?? []];
  const res = containers.map((c) => c.resources ?? {});
  if (res.every((r) => !Object.keys(r.requests ?? {}).length && !Object.keys(r.limits ?? {}).length)) {
    return "BestEffort";
  }
  const guaranteed = res.every((r) => {
    const limits = r.limits ?? {};
    const requests = { ...limits, ...r.requests };
    return ["cpu", "memory"].every((k) =>
      limits[k] !== undefined && String(requests[k]) === String(limits[k])
    );
  });
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** The CRD checks Kubernetes makes on create: name, names, versions and structural schemas. */
function validateCrd(crd: KubeObject): FieldError[] {
  const spec = crd.spec as ResourceDefinition | undefined;
  const errors: FieldError[] = [];
  if (!spec) return [{ reason: "FieldValueRequired", field: "spec", message: "Required value" }];
  const want = `${spec.names?.plural}.${spec.group}`;
  if (crd.metadata.name !== want) {
    errors.push({
      reason: "FieldValueInvalid",
      field: "metadata.name",
      message: `Invalid value: "${crd.metadata.name}": must be spec.names.plural+"."+spec.group`,
    });
  }
  if (!spec.group?.includes(".")) {
    errors.push({
      reason: "FieldValueInvalid",
      field: "spec.group",
      message: `Invalid value: "${spec.group ?? ""}": should be a domain with at least one dot`,
    });
  }
  const storage = (spec.versions ?? []).filter((v) => v.storage).length;
  if (storage !== 1) {
    errors.push({
      reason: "FieldValueInvalid",
      field: "spec.versions",
      message: `Invalid value: ${
        JSON.stringify(spec.versions?.map((v) => v.name) ?? [])
      }: must have exactly one version marked as storage version`,
    });
  }
  (spec.versions ?? []).forEach((v, i) => {
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) {
      errors.push({
        reason: "FieldValueRequired",
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
        message: "Required value: schemas are required",
      });
      return;
    }
    for (const e of checkStructural(schema)) {
      errors.push({
        ...e,
        field: `spec.versions[${i}].schema.openAPIV3Schema${e.field ? `.${e.field}` : ""}`,
      });
    }
  });
  return errors;
}
