/**
 * The pod template defaults every workload shares: Kubernetes' generated SetObjectDefaults_* walk into
 * `spec.template.spec` and apply SetDefaults_PodSpec and everything below it (containers, probes,
 * volumes), but not the Pod-only SetDefaults_Pod.
 *
 * @module
 */
import { defaultPodSpec } from "@skiff/kinds";
import type { PodTemplateSpec } from "../api/pod_template.ts";
import type { PersistentVolumeClaim } from "../api/persistent_volume_claim.ts";

/** Fills a pod template's spec defaults in place; a template without a spec is left alone. */
export function fillTemplateDefaults(template: PodTemplateSpec | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

/**
 * Fills a volume claim template's defaults in place, as SetDefaults_PersistentVolumeClaim and
 * SetDefaults_PersistentVolumeClaimSpec do: `volumeMode: Filesystem` and `status.phase: Pending`
 * (which is why `kubectl get sts -o yaml` shows a Pending status inside every claim template).
 */
export function fillClaimTemplateDefaults(claim: PersistentVolumeClaim): void {
  claim.spec ??= {};
  claim.spec.volumeMode ??= "Filesystem";
  claim.status ??= {};
  claim.status.phase ||= "Pending";
}
