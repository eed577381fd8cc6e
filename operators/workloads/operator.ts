/**
 * The workloads module as an operator: its kinds served in-process as built-in kinds (with kubectl's
 * printers), Kubernetes' defaulting and validation as admission steps, and its controllers.
 *
 * @module
 */
import type { AdmissionStep } from "@skiff/api";
import { defineOperator, type DefinitionSpec, type Operator } from "@skiff/sdk";
import { admissionSteps, type WorkloadAdmissionStep } from "./admission/admission.ts";
import { CronJobController } from "./cronjob/controller.ts";
import { workloadsDefinitions } from "./api/definitions.ts";
import { DaemonSetController } from "./daemonset/controller.ts";
import { daemonSetTemplateGeneration } from "./daemonset/template_generation.ts";
import { DeploymentController } from "./deployment/controller.ts";
import { JobController } from "./job/controller.ts";
import { TtlAfterFinishedController } from "./job/ttl.ts";
import { workloadPrinters } from "./printers/mod.ts";
import { ReplicaSetController } from "./replicaset/controller.ts";
import { replicaSetKind, replicationControllerKind } from "./replicaset/kinds.ts";
import { StatefulSetController } from "./statefulset/controller.ts";

/**
 * Each kind with a status subresource and the status a create starts with: Go's zero value, in which
 * the counts that are not omitempty (a ReplicaSet's `replicas`, a DaemonSet's four) are 0.
 */
const EMPTY_STATUS = new Map(
  workloadsDefinitions
    .filter((d) => d.versions.some((v) => v.subresources?.status))
    .map((d) => {
      const version = d.versions[0];
      // deno-lint-ignore no-explicit-any
      const status = (version.schema?.openAPIV3Schema as any)?.properties?.status;
      const zero = Object.fromEntries(
        ((status?.required ?? []) as string[])
          .filter((f) => status.properties?.[f]?.type === "integer")
          .map((f) => [f, 0]),
      );
      return [`${d.group ? `${d.group}/` : ""}${version.name}/${d.names.kind}`, zero] as const;
    }),
);

/**
 * The registry strategies' PrepareForCreate: `Status = XStatus{}`. A client cannot create a workload with
 * a status of its own (generation starts at 1, observedGeneration absent), as Kubernetes' strategies
 * reset it; updates keep the stored status (the API does that for every kind with a status subresource).
 *
 * @example
 * ```ts
 * import { resetStatusOnCreate } from "@skiff/workloads";
 *
 * api.admission.add(resetStatusOnCreate);
 * ```
 */
export const resetStatusOnCreate: WorkloadAdmissionStep & { operations: ["CREATE"] } = {
  name: "workloads-reset-status",
  kinds: [...EMPTY_STATUS.keys()],
  operations: ["CREATE"],
  mutate(req) {
    if (req.operation !== "CREATE" || req.subresource) return;
    req.object.status = { ...EMPTY_STATUS.get(`${req.object.apiVersion}/${req.object.kind}`) };
  },
};

/**
 * The workloads operator: the ReplicaSet, ReplicationController, Deployment, Job (with TTL-after-finished),
 * CronJob, StatefulSet and DaemonSet controllers.
 *
 * @example
 * ```ts
 * import { workloadsOperator } from "@skiff/workloads";
 *
 * await host.install("workloads"); // BUNDLED_MODULES.workloads loads it
 * workloadsOperator.controllers.length; // 8
 * ```
 */
export const workloadsOperator: Operator = defineOperator({
  name: "workloads",
  crds: [],
  builtinKinds: {
    // ResourceDefinition's versions are closed types; the SDK's DefinitionSpec takes any field.
    definitions: workloadsDefinitions as unknown as DefinitionSpec[],
    printers: workloadPrinters,
  },
  // The template generation compares defaulted templates: after the defaulting step.
  admission: [
    resetStatusOnCreate,
    ...admissionSteps,
    daemonSetTemplateGeneration,
  ] as unknown as AdmissionStep[],
  controllers: [
    () => new ReplicaSetController(replicaSetKind),
    () => new ReplicaSetController(replicationControllerKind),
    () => new DeploymentController(),
    () => new JobController(),
    () => new TtlAfterFinishedController(),
    () => new CronJobController(),
    () => new StatefulSetController(),
    () => new DaemonSetController(),
  ],
});
