/**
 * The workload kinds' defaulting and validation as admission steps for the API's in-process chain
 * (core/api/admission.ts): one mutating step that applies Kubernetes' defaults (and a Job's generated
 * selector, which needs the uid the API server has just assigned), one validating step per kind that
 * runs the create, update or status checks. Status writes (`subresource: "status"`) are checked as
 * Kubernetes' Validate*StatusUpdate does; spec validation is for the main resource.
 *
 * @module
 */
import type { FieldError } from "@skiff/schema";
import {
  fillDaemonSetDefaults,
  fillDeploymentDefaults,
  fillReplicaSetDefaults,
  fillStatefulSetDefaults,
} from "../defaults/apps.ts";
import { fillCronJobDefaults, fillJobDefaults, generateJobSelector } from "../defaults/batch.ts";
import { fillReplicationControllerDefaults } from "../defaults/replication_controller.ts";
import {
  validateControllerRevision,
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
  validateReplicaStatus,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from "../validation/apps.ts";
import { validateCronJob, validateJob, validateJobUpdate } from "../validation/batch.ts";
import { validateReplicationController } from "../validation/replication_controller.ts";

/** A Kubernetes object as the API handles it (core/api's KubeObject). */
// deno-lint-ignore no-explicit-any
export type KubeObject = Record<string, any> & { metadata: Record<string, any> };

/**
 * What the API's AdmissionChain passes a step: the part of core/api's AdmissionRequest these steps
 * read, so the module needs no import of the API server.
 */
export interface WorkloadAdmissionRequest {
  operation: "CREATE" | "UPDATE" | "DELETE";
  subresource?: string;
  object: KubeObject;
  oldObject?: KubeObject;
}

/** An admission step as core/api's AdmissionChain takes it. */
export interface WorkloadAdmissionStep {
  name: string;
  kinds?: string[];
  mutate?(req: WorkloadAdmissionRequest): void;
  validate?(req: WorkloadAdmissionRequest): FieldError[];
}

// deno-lint-ignore no-explicit-any
type Any = any;

interface KindRules {
  key: string;
  fill?(obj: Any, req: WorkloadAdmissionRequest): void;
  create(obj: Any): FieldError[];
  update(obj: Any, old: Any): FieldError[];
  status?(obj: Any, old: Any): FieldError[];
}

const replicaStatus = (obj: Any, old: Any) => validateReplicaStatus(obj.status, old?.status);

const RULES: KindRules[] = [
  {
    key: "apps/v1/Deployment",
    fill: fillDeploymentDefaults,
    create: validateDeployment,
    update: validateDeploymentUpdate,
    status: replicaStatus,
  },
  {
    key: "apps/v1/ReplicaSet",
    fill: fillReplicaSetDefaults,
    create: validateReplicaSet,
    update: validateReplicaSetUpdate,
    status: replicaStatus,
  },
  {
    key: "apps/v1/StatefulSet",
    fill: fillStatefulSetDefaults,
    create: validateStatefulSet,
    update: validateStatefulSetUpdate,
    status: replicaStatus,
  },
  {
    key: "apps/v1/DaemonSet",
    fill: fillDaemonSetDefaults,
    create: validateDaemonSet,
    update: validateDaemonSetUpdate,
  },
  {
    key: "apps/v1/ControllerRevision",
    create: (obj) => validateControllerRevision(obj),
    update: (obj, old) => validateControllerRevision(obj, old),
  },
  {
    key: "batch/v1/Job",
    fill(job, req) {
      fillJobDefaults(job);
      // Kubernetes generates the selector in the create strategy's Validate; it is the same object
      // as the defaulted one, so a Job that took its template's labels is labelled too.
      if (req.operation === "CREATE") {
        generateJobSelector(job);
        // Kubernetes decodes what it stored with SetDefaults_Job again, so a Job created without
        // labels (kubectl create job) reads back with the template's generated ones.
        fillJobDefaults(job);
      }
    },
    create: validateJob,
    update: validateJobUpdate,
  },
  {
    key: "batch/v1/CronJob",
    fill: fillCronJobDefaults,
    create: (obj) => validateCronJob(obj),
    update: (obj, old) => validateCronJob(obj, old),
  },
  {
    key: "v1/ReplicationController",
    fill: fillReplicationControllerDefaults,
    create: validateReplicationController,
    update: validateReplicationController,
    status: replicaStatus,
  },
];

/**
 * The workloads module's admission steps: add each to the API's AdmissionChain.
 *
 * @example
 * ```ts
 * import { admissionSteps } from "@skiff/workloads";
 *
 * for (const step of admissionSteps) api.admission.add(step);
 * ```
 */
export const admissionSteps: WorkloadAdmissionStep[] = RULES.map((rules) => ({
  name: `workloads-${rules.key.split("/").pop()!.toLowerCase()}`,
  kinds: [rules.key],
  mutate(req) {
    if (req.operation === "DELETE" || req.subresource) return;
    rules.fill?.(req.object, req);
  },
  validate(req) {
    if (req.operation === "DELETE") return [];
    if (req.subresource === "status") return rules.status?.(req.object, req.oldObject) ?? [];
    if (req.subresource) return [];
    return req.operation === "CREATE" || !req.oldObject
      ? rules.create(req.object)
      : rules.update(req.object, req.oldObject);
  },
}));
