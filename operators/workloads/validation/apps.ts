/**
 * Validation of the apps/v1 kinds beyond the schema, as kube-apiserver does it (pkg/apis/apps/validation
 * and the registry strategies' ValidateUpdate, which make selectors immutable in apps/v1), with
 * Kubernetes' field paths and messages. Objects are validated after defaulting, as in Kubernetes.
 *
 * @module
 */
import {
  type FieldError,
  forbidden,
  GoValue,
  invalid,
  nonNegative,
  notSupported,
  required,
  validateLabels,
} from "@skiff/schema";
import type { DaemonSet } from "../api/daemon_set.ts";
import type { Deployment } from "../api/deployment.ts";
import type { ReplicaSet } from "../api/replica_set.ts";
import type { StatefulSet } from "../api/stateful_set.ts";
import type { ControllerRevision } from "../api/controller_revision.ts";
import {
  canonical,
  immutableSelector,
  intOrPercentValue,
  notMoreThan100Percent,
  validateIntOrPercent,
  validateLongRunningTemplate,
  validateSelectorAndTemplate,
} from "./_common.ts";

/**
 * ValidateDeployment: replicas, selector (required, not empty, matching the template's labels), the pod
 * template (restartPolicy Always), the strategy (maxSurge and maxUnavailable not both 0), minReadySeconds,
 * revisionHistoryLimit and progressDeadlineSeconds (greater than minReadySeconds).
 *
 * @example
 * ```ts
 * import { defaultDeployment, validateDeployment } from "@skiff/workloads";
 *
 * validateDeployment(defaultDeployment({
 *   metadata: { name: "web" },
 *   spec: { selector: { matchLabels: { app: "x" } }, template: { metadata: { labels: { app: "y" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
 * }))[0].message;
 * // 'Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`'
 * ```
 */
export function validateDeployment(deployment: Deployment): FieldError[] {
  const spec = deployment.spec;
  if (!spec) return [required("spec")];
  const errors = nonNegative(spec.replicas, "spec.replicas");
  errors.push(
    ...validateSelectorAndTemplate(
      spec.selector,
      spec.template,
      "deployment",
      () => validateLongRunningTemplate(spec.template, "ReplicaSet"),
    ),
  );
  errors.push(...validateDeploymentStrategy(spec.strategy));
  errors.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errors.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  if (spec.progressDeadlineSeconds !== undefined) {
    errors.push(...nonNegative(spec.progressDeadlineSeconds, "spec.progressDeadlineSeconds"));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errors.push(
        invalid(
          "spec.progressDeadlineSeconds",
          spec.progressDeadlineSeconds,
          "must be greater than minReadySeconds",
        ),
      );
    }
  }
  return errors;
}

function validateDeploymentStrategy(strategy: NonNullable<Deployment["spec"]>["strategy"]): FieldError[] {
  const type = strategy?.type ?? "RollingUpdate";
  if (type === "Recreate") {
    return strategy?.rollingUpdate
      ? [forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  }
  if (type !== "RollingUpdate") {
    return [
      notSupported("spec.strategy", new GoValue(JSON.stringify(strategy)), ["Recreate", "RollingUpdate"]),
    ];
  }
  const ru = strategy?.rollingUpdate;
  if (!ru) return [required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil")];
  const at = "spec.strategy.rollingUpdate";
  const errors = [
    ...validateIntOrPercent(ru.maxUnavailable, `${at}.maxUnavailable`),
    ...validateIntOrPercent(ru.maxSurge, `${at}.maxSurge`),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errors.push(invalid(`${at}.maxUnavailable`, ru.maxUnavailable ?? 0, "may not be 0 when `maxSurge` is 0"));
  }
  errors.push(...notMoreThan100Percent(ru.maxUnavailable, `${at}.maxUnavailable`));
  return errors;
}

/**
 * ValidateDeploymentUpdate plus the apps/v1 strategy's rule: the selector cannot change.
 *
 * @example
 * ```ts
 * import { validateDeploymentUpdate } from "@skiff/workloads";
 *
 * validateDeploymentUpdate(changed, stored)[0]?.message;
 * // 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'
 * ```
 */
export function validateDeploymentUpdate(deployment: Deployment, old: Deployment): FieldError[] {
  return [
    ...immutableSelector(deployment.spec?.selector, old.spec?.selector),
    ...validateDeployment(deployment),
  ];
}

/**
 * ValidateReplicaSet: replicas, minReadySeconds, the selector and the template (restartPolicy Always).
 *
 * @example
 * ```ts
 * import { validateReplicaSet } from "@skiff/workloads";
 *
 * validateReplicaSet({ spec: { replicas: -1, selector: { matchLabels: { app: "x" } }, template: {} } })[0].message;
 * // "Invalid value: -1: must be greater than or equal to 0"
 * ```
 */
export function validateReplicaSet(replicaSet: ReplicaSet): FieldError[] {
  const spec = replicaSet.spec;
  if (!spec) return [required("spec")];
  const errors = [
    ...nonNegative(spec.replicas, "spec.replicas"),
    ...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"),
  ];
  // Kubernetes words an empty ReplicaSet selector as a deployment's (ValidateReplicaSetSpec reuses it).
  errors.push(
    ...validateSelectorAndTemplate(
      spec.selector,
      spec.template,
      "deployment",
      () => validateLongRunningTemplate(spec.template, "ReplicaSet"),
    ),
  );
  return errors;
}

/**
 * ValidateReplicaSetUpdate plus the immutable selector of apps/v1.
 *
 * @example
 * ```ts
 * import { validateReplicaSetUpdate } from "@skiff/workloads";
 *
 * validateReplicaSetUpdate(rs, rs); // []
 * ```
 */
export function validateReplicaSetUpdate(replicaSet: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [
    ...immutableSelector(replicaSet.spec?.selector, old.spec?.selector),
    ...validateReplicaSet(replicaSet),
  ];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * ValidateStatefulSet: a DNS-label name (pods are named `<name>-<ordinal>`), podManagementPolicy,
 * updateStrategy (partition ≥ 0, maxUnavailable not 0), the PVC retention policy, replicas,
 * minReadySeconds, ordinals, the selector and the template's labels and restartPolicy. Like Kubernetes,
 * the template's pod spec is not validated (its volumes may come from volumeClaimTemplates).
 *
 * @example
 * ```ts
 * import { defaultStatefulSet, validateStatefulSet } from "@skiff/workloads";
 *
 * validateStatefulSet(defaultStatefulSet({ metadata: { name: "db" }, spec: { serviceName: "db", selector: { matchLabels: { app: "db" } }, template: { metadata: { labels: { app: "db" } } } } })); // []
 * ```
 */
export function validateStatefulSet(statefulSet: StatefulSet): FieldError[] {
  const errors: FieldError[] = [];
  const name = statefulSet.metadata?.name;
  if (name && !DNS_LABEL.test(name) && name.length <= 63) {
    errors.push(
      invalid(
        "metadata.name",
        name,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ),
    );
  }
  const spec = statefulSet.spec;
  if (!spec) return [...errors, required("spec")];
  const policy = spec.podManagementPolicy ?? "";
  if (policy === "") errors.push(required("spec.podManagementPolicy"));
  else if (policy !== "OrderedReady" && policy !== "Parallel") {
    errors.push(invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = spec.updateStrategy;
  const type = strategy?.type ?? "";
  if (type === "") errors.push(required("spec.updateStrategy"));
  else if (type === "OnDelete") {
    if (strategy?.rollingUpdate) {
      errors.push(
        invalid(
          "spec.updateStrategy.rollingUpdate",
          new GoValue(JSON.stringify(strategy.rollingUpdate)),
          "only allowed for updateStrategy 'RollingUpdate'",
        ),
      );
    }
  } else if (type === "RollingUpdate") {
    const ru = strategy?.rollingUpdate;
    if (ru) {
      const at = "spec.updateStrategy.rollingUpdate";
      errors.push(...nonNegative(ru.partition, `${at}.partition`));
      if (ru.maxUnavailable !== undefined) {
        errors.push(...validateIntOrPercent(ru.maxUnavailable, `${at}.maxUnavailable`));
        if (intOrPercentValue(ru.maxUnavailable) === 0) {
          errors.push(invalid(`${at}.maxUnavailable`, ru.maxUnavailable, "cannot be 0"));
        }
        errors.push(...notMoreThan100Percent(ru.maxUnavailable, `${at}.maxUnavailable`));
      }
    }
  } else {
    errors.push(
      invalid(
        "spec.updateStrategy",
        new GoValue(JSON.stringify(strategy)),
        "must be 'RollingUpdate' or 'OnDelete'",
      ),
    );
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const f of ["whenDeleted", "whenScaled"] as const) {
      const value = retention[f] ?? "";
      if (value !== "Retain" && value !== "Delete") {
        errors.push(
          notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, value, ["Retain", "Delete"]),
        );
      }
    }
  }
  errors.push(...nonNegative(spec.replicas, "spec.replicas"));
  errors.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  if (spec.ordinals) errors.push(...nonNegative(spec.ordinals.start, "spec.ordinals.start"));
  // ValidatePodTemplateSpecForStatefulSet checks the template's labels but not its pod spec (volumes may
  // come from volumeClaimTemplates); restartPolicy and activeDeadlineSeconds are checked either way.
  errors.push(
    ...validateSelectorAndTemplate(
      spec.selector,
      spec.template,
      "statefulset",
      () => validateLabels(spec.template?.metadata?.labels, "spec.template.labels"),
    ),
  );
  errors.push(...validateLongRunningTemplate(spec.template, "StatefulSet", { podSpec: false }));
  return errors;
}

/**
 * ValidateStatefulSetUpdate: the spec is valid and only replicas, ordinals, template, updateStrategy,
 * persistentVolumeClaimRetentionPolicy and minReadySeconds changed.
 *
 * @example
 * ```ts
 * import { validateStatefulSetUpdate } from "@skiff/workloads";
 *
 * validateStatefulSetUpdate({ ...sts, spec: { ...sts.spec, serviceName: "other" } }, sts)[0].message;
 * // "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
 * ```
 */
export function validateStatefulSetUpdate(statefulSet: StatefulSet, old: StatefulSet): FieldError[] {
  const errors = validateStatefulSet({
    ...statefulSet,
    metadata: { ...statefulSet.metadata, name: undefined },
  });
  const mutable = [
    "replicas",
    "template",
    "updateStrategy",
    "minReadySeconds",
    "ordinals",
    "persistentVolumeClaimRetentionPolicy",
  ];
  const fixed = (s: StatefulSet["spec"]) =>
    canonical(Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !mutable.includes(k))));
  if (JSON.stringify(fixed(statefulSet.spec)) !== JSON.stringify(fixed(old.spec))) {
    errors.push(
      forbidden(
        "spec",
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errors;
}

/**
 * ValidateDaemonSet: the selector (valid, not empty, matching the template), the pod template
 * (restartPolicy Always, no activeDeadlineSeconds), minReadySeconds, the update strategy (exactly one
 * of maxSurge and maxUnavailable non-zero) and revisionHistoryLimit.
 *
 * @example
 * ```ts
 * import { validateDaemonSet } from "@skiff/workloads";
 *
 * validateDaemonSet(ds); // []
 * ```
 */
export function validateDaemonSet(daemonSet: DaemonSet): FieldError[] {
  const spec = daemonSet.spec;
  if (!spec) return [required("spec")];
  const errors = validateSelectorAndTemplate(spec.selector, spec.template, "daemonset");
  errors.push(...validateLongRunningTemplate(spec.template, "DaemonSet"));
  errors.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  const strategy = spec.updateStrategy;
  const type = strategy?.type;
  if (type === "RollingUpdate") {
    const ru = strategy?.rollingUpdate;
    if (!ru) errors.push(required("spec.updateStrategy.rollingUpdate"));
    else {
      const at = "spec.updateStrategy.rollingUpdate";
      errors.push(...validateIntOrPercent(ru.maxUnavailable, `${at}.maxUnavailable`));
      errors.push(...validateIntOrPercent(ru.maxSurge, `${at}.maxSurge`));
      errors.push(...notMoreThan100Percent(ru.maxUnavailable, `${at}.maxUnavailable`));
      errors.push(...notMoreThan100Percent(ru.maxSurge, `${at}.maxSurge`));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) {
        errors.push(invalid(`${at}.maxSurge`, ru.maxSurge, "may not be set when maxUnavailable is non-zero"));
      } else if (!hasUnavailable && !hasSurge) {
        errors.push(required(`${at}.maxUnavailable`, "cannot be 0 when maxSurge is 0"));
      }
    }
  } else if (type !== "OnDelete") {
    errors.push(
      notSupported("spec.updateStrategy", new GoValue(JSON.stringify(strategy ?? {})), [
        "RollingUpdate",
        "OnDelete",
      ]),
    );
  }
  errors.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return errors;
}

/**
 * ValidateDaemonSetUpdate plus the immutable selector of apps/v1.
 *
 * @example
 * ```ts
 * import { validateDaemonSetUpdate } from "@skiff/workloads";
 *
 * validateDaemonSetUpdate(ds, ds); // []
 * ```
 */
export function validateDaemonSetUpdate(daemonSet: DaemonSet, old: DaemonSet): FieldError[] {
  return [
    ...immutableSelector(daemonSet.spec?.selector, old.spec?.selector),
    ...validateDaemonSet(daemonSet),
  ];
}

/**
 * ValidateControllerRevision: data is mandatory and revision non-negative; on update data is immutable.
 *
 * @example
 * ```ts
 * import { validateControllerRevision } from "@skiff/workloads";
 *
 * validateControllerRevision({ metadata: { name: "r" }, revision: -1 }).map((e) => e.field); // ["data", "revision"]
 * ```
 */
export function validateControllerRevision(
  revision: ControllerRevision,
  old?: ControllerRevision,
): FieldError[] {
  const errors: FieldError[] = [];
  if (revision.data === undefined || revision.data === null) {
    errors.push(required("data", "data is mandatory"));
  }
  errors.push(...nonNegative(revision.revision, "revision"));
  if (old && JSON.stringify(canonical(revision.data)) !== JSON.stringify(canonical(old.data))) {
    errors.push(invalid("data", new GoValue(JSON.stringify(revision.data)), "field is immutable"));
  }
  return errors;
}

/** The replica counters of a workload status and the rule that none exceeds status.replicas. */
type Counts = Record<string, number | undefined>;

/**
 * The status checks of ValidateDeploymentStatus, ValidateReplicaSetStatus, ValidateStatefulSetStatus and
 * ValidateReplicationControllerStatus: every counter non-negative, none above status.replicas,
 * availableReplicas not above readyReplicas, collisionCount never decremented.
 *
 * @example
 * ```ts
 * import { validateReplicaStatus } from "@skiff/workloads";
 *
 * validateReplicaStatus({ replicas: 1, readyReplicas: 2 })[0].message;
 * // "Invalid value: 2: cannot be greater than status.replicas"
 * ```
 */
export function validateReplicaStatus(status: Counts | undefined, old?: Counts): FieldError[] {
  const s = status ?? {};
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(s)) {
    if (typeof v === "number") errors.push(...nonNegative(v, `status.${k}`));
  }
  const replicas = s.replicas ?? 0;
  for (
    const k of [
      "updatedReplicas",
      "currentReplicas",
      "fullyLabeledReplicas",
      "readyReplicas",
      "availableReplicas",
    ]
  ) {
    if (s[k] !== undefined && s[k]! > replicas) {
      errors.push(invalid(`status.${k}`, s[k], "cannot be greater than status.replicas"));
    }
  }
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errors.push(
      invalid("status.availableReplicas", s.availableReplicas, "cannot be greater than readyReplicas"),
    );
  }
  if (old?.collisionCount !== undefined && (s.collisionCount ?? 0) < old.collisionCount) {
    errors.push(invalid("status.collisionCount", s.collisionCount ?? 0, "cannot be decremented"));
  }
  return errors;
}
