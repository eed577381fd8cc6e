/**
 * The DaemonSet's template generation, which Kubernetes' API server keeps (pkg/registry/apps/daemonset
 * strategy.go with the apps/v1 conversion): spec.templateGeneration is internal-only, and apps/v1 shows it
 * as the `deprecated.daemonset.template.generation` annotation. A create starts it at the client's value
 * or 1; an update keeps the stored value whatever the client sent, and adds 1 when the pod template
 * changed. Daemon pods carry it as their pod-template-generation label.
 *
 * @module
 */
import type { WorkloadAdmissionRequest, WorkloadAdmissionStep } from "../admission/admission.ts";
import { canonicalJson } from "../rollout/hash.ts";
import { TEMPLATE_GENERATION_ANNOTATION } from "./util.ts";

function parseGeneration(value: unknown): number | undefined {
  return typeof value === "string" && /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

/** apiequality.Semantic.DeepEqual of two templates: an absent field equals its empty value ({}, [], ""). */
function sameTemplate(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalJson(a) ?? null) === JSON.stringify(canonicalJson(b) ?? null);
}

/**
 * The admission step that sets the annotation on DaemonSet creates and updates. It must run after the
 * defaulting step, so a template compares equal to its stored (defaulted) self.
 *
 * @example
 * ```ts
 * import { daemonSetTemplateGeneration } from "@skiff/workloads";
 *
 * api.admission.add(daemonSetTemplateGeneration);
 * // kubectl create -f ds.yaml  → metadata.annotations["deprecated.daemonset.template.generation"] == "1"
 * // kubectl set image ds/x ... → "2"
 * ```
 */
export const daemonSetTemplateGeneration: WorkloadAdmissionStep & { operations: ("CREATE" | "UPDATE")[] } = {
  name: "daemonset-template-generation",
  kinds: ["apps/v1/DaemonSet"],
  operations: ["CREATE", "UPDATE"],
  mutate(req: WorkloadAdmissionRequest) {
    if (req.subresource) return;
    const obj = req.object;
    let generation: number;
    if (req.operation === "CREATE") {
      generation = Math.max(
        1,
        parseGeneration(obj.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION]) ?? 0,
      );
    } else if (req.operation === "UPDATE" && req.oldObject) {
      const old = req.oldObject;
      generation = parseGeneration(old.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION]) ?? 0;
      if (!sameTemplate(obj.spec?.template, old.spec?.template)) generation++;
    } else {
      return;
    }
    obj.metadata.annotations = {
      ...obj.metadata.annotations,
      [TEMPLATE_GENERATION_ANNOTATION]: String(generation),
    };
  },
};
