/**
 * The strategies of the built-in kinds: what Kubernetes' registry does for Pods, Namespaces,
 * ServiceAccounts and CustomResourceDefinitions beyond the generic rules.
 *
 * @module
 */
import {
  type ClusterRole,
  type ClusterRoleBinding,
  defaultNamespace,
  defaultPod,
  defaultRoleBinding,
  fillPodDefaults,
  type Namespace,
  type Pod,
  type Role,
  type RoleBinding,
  validateClusterRole,
  validateClusterRoleBinding,
  validateMutatingWebhookConfiguration,
  validatePod,
  validatePodUpdate,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
  validateValidatingWebhookConfiguration,
} from "@skiff/kinds";
import { checkStructural, type FieldError, type ResourceDefinition } from "@skiff/schema";
import type { KubeObject } from "./admission.ts";
import { CRD_CLEANUP_FINALIZER } from "./controllers/crds.ts";
import { Strategies } from "./strategy.ts";

/** How long an Event lives after its last write (kube-apiserver's --event-ttl default, 1h). */
export const EVENT_TTL_SECONDS = 3600;

/**
 * Strategies for the built-in kinds.
 *
 * @example
 * ```ts
 * const strategies = builtinStrategies();
 * strategies.get("v1", "Pod").gracePeriodSeconds?.(pod, undefined); // 30 for a scheduled pod
 * ```
 */
export function builtinStrategies(): Strategies {
  const s = new Strategies();
  // kube-apiserver keeps Events for --event-ttl, one hour by default, counted from each write.
  s.set("v1", "Event", { ttlSeconds: EVENT_TTL_SECONDS });
  s.set("events.k8s.io/v1", "Event", { ttlSeconds: EVENT_TTL_SECONDS });
  s.set("v1", "Pod", {
    // Kubernetes defaults pod specs on every write. A create works on its own copy of the request, so
    // in place; an update's object may share parts with a patch that is applied again on a conflict,
    // so a copy (defaultPod copies; only the spec changes).
    prepareForCreate(pod) {
      fillPodDefaults(pod as Pod);
      const spec = pod.spec;
      // Kubernetes' ServiceAccount and Priority admission plugins: the namespace's "default" account,
      // and priority 0 with the default preemption policy when no PriorityClass is named.
      spec.serviceAccountName ||= spec.serviceAccount || "default";
      if (!spec.priorityClassName) {
        spec.priority ??= 0;
        spec.preemptionPolicy ??= "PreemptLowerPriority";
      }
      mirrorServiceAccount(spec);
      pod.status = { phase: "Pending", qosClass: qosClass(pod) };
    },
    prepareForUpdate(pod) {
      pod.spec = defaultPod(pod as Pod).spec;
      mirrorServiceAccount(pod.spec);
    },
    validate: (pod) => validatePod(pod),
    validateUpdate: (pod, old) => validatePodUpdate(pod, old),
    // Kubernetes' podStrategy.CheckGracefulDelete: a pod no kubelet runs yet, or one that has finished,
    // goes at once whatever was asked; a running one gets the requested period, else its own (the
    // kubelet ends it).
    gracePeriodSeconds(pod, requested) {
      const phase = pod.status?.phase;
      if (!pod.spec?.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
      return requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    },
    returnDeletedObject: true,
    shapedSubresources: ["binding"],
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
  // RBAC: names are path segments (ValidateRBACName); bindings get their apiGroups defaulted first.
  const rbac = "rbac.authorization.k8s.io/v1";
  s.set(rbac, "Role", { nameRule: "path", validate: (o) => validateRole(o as Role) });
  s.set(rbac, "ClusterRole", { nameRule: "path", validate: (o) => validateClusterRole(o as ClusterRole) });
  const binding = (validate: (b: KubeObject) => FieldError[]) => ({
    nameRule: "path" as const,
    prepareForCreate: (b: KubeObject) => defaultRoleBinding(b),
    prepareForUpdate: (b: KubeObject) => defaultRoleBinding(b),
    validate,
    validateUpdate: (b: KubeObject, old: KubeObject) =>
      validateRoleBindingUpdate(b as RoleBinding, old as RoleBinding),
  });
  s.set(rbac, "RoleBinding", binding((b) => validateRoleBinding(b as RoleBinding)));
  s.set(rbac, "ClusterRoleBinding", binding((b) => validateClusterRoleBinding(b as ClusterRoleBinding)));
  const admissionRegistration = "admissionregistration.k8s.io/v1";
  s.set(admissionRegistration, "ValidatingWebhookConfiguration", {
    validate: validateValidatingWebhookConfiguration,
  });
  s.set(admissionRegistration, "MutatingWebhookConfiguration", {
    validate: validateMutatingWebhookConfiguration,
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

/**
 * v1 keeps the deprecated `serviceAccount` equal to `serviceAccountName`, taking it as the name when
 * only it is given (Kubernetes' PodSpec conversion).
 */
function mirrorServiceAccount(spec: { serviceAccount?: string; serviceAccountName?: string }): void {
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
}
