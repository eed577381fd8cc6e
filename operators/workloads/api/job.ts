/**
 * The Job kind (batch/v1).
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api batch/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of batch/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, LabelSelectorSchema, ObjectMetaSchema, time } from "@skiff/kinds";
import { PodTemplateSpecSchema } from "./pod_template.ts";

/**
 * PodFailurePolicyOnExitCodesRequirement describes the requirement for handling a failed pod based on its container exit codes. In particular, it lookups the .state.terminated.exitCode for each app container and init container status, represented by the .status.containerStatuses and .status.initContainerStatuses fields in the Pod status, respectively. Containers completed with success (exit code 0) are excluded from the requirement check.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodFailurePolicyOnExitCodesRequirementSchema } from "@skiff/workloads";
 *
 * v.parse(PodFailurePolicyOnExitCodesRequirementSchema, { operator: "In", values: [42] });
 * ```
 */
export const PodFailurePolicyOnExitCodesRequirementSchema = v.pipe(
  v.object({
    containerName: v.optional(v.string()),
    operator: v.picklist(["In", "NotIn"]),
    values: v.pipe(v.array(int32()), k8s({ "x-kubernetes-list-type": "set" })),
  }),
  fieldDocs({
    containerName:
      "Restricts the check for exit codes to the container with the specified name. When null, the rule applies to all containers. When specified, it should match one the container or initContainer names in the pod template.",
    operator:
      "Represents the relationship between the container exit code(s) and the specified values. Containers completed with success (exit code 0) are excluded from the requirement check. Possible values are:\n\n- In: the requirement is satisfied if at least one container exit code\n  (might be multiple if there are multiple containers not restricted\n  by the 'containerName' field) is in the set of specified values.\n- NotIn: the requirement is satisfied if at least one container exit code\n  (might be multiple if there are multiple containers not restricted\n  by the 'containerName' field) is not in the set of specified values.\nAdditional values are considered to be added in the future. Clients should react to an unknown operator by assuming the requirement is not satisfied.",
    values:
      "Specifies the set of values. Each returned container exit code (might be multiple in case of multiple containers) is checked against this set of values with respect to the operator. The list of values must be ordered and must not contain duplicates. Value '0' cannot be used for the In operator. At least one element is required. At most 255 elements are allowed.",
  }),
);

/**
 * PodFailurePolicyOnExitCodesRequirement as TypeScript sees it (see {@link PodFailurePolicyOnExitCodesRequirementSchema}).
 *
 * @example
 * ```ts
 * import type { PodFailurePolicyOnExitCodesRequirement } from "@skiff/workloads";
 *
 * const value: PodFailurePolicyOnExitCodesRequirement = { operator: "In", values: [42] };
 * ```
 */
export type PodFailurePolicyOnExitCodesRequirement = v.InferOutput<
  typeof PodFailurePolicyOnExitCodesRequirementSchema
>;

/**
 * PodFailurePolicyOnPodConditionsPattern describes a pattern for matching an actual pod condition type.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodFailurePolicyOnPodConditionsPatternSchema } from "@skiff/workloads";
 *
 * v.parse(PodFailurePolicyOnPodConditionsPatternSchema, { type: "ContainersReady", status: "True" });
 * ```
 */
export const PodFailurePolicyOnPodConditionsPatternSchema = v.pipe(
  v.object({
    type: v.string(),
    // Required in Kubernetes' OpenAPI, yet SetDefaults_PodFailurePolicyOnPodConditionsPattern fills it
    // before validation; the default lets structural defaulting do the same ahead of the required check.
    status: v.pipe(v.string(), k8s({ default: "True" })),
  }),
  fieldDocs({
    type:
      "Specifies the required Pod condition type. To match a pod condition it is required that specified type equals the pod condition type.",
    status:
      "Specifies the required Pod condition status. To match a pod condition it is required that the specified status equals the pod condition status. Defaults to True.",
  }),
);

/**
 * PodFailurePolicyOnPodConditionsPattern as TypeScript sees it (see {@link PodFailurePolicyOnPodConditionsPatternSchema}).
 *
 * @example
 * ```ts
 * import type { PodFailurePolicyOnPodConditionsPattern } from "@skiff/workloads";
 *
 * const value: PodFailurePolicyOnPodConditionsPattern = { type: "ContainersReady", status: "True" };
 * ```
 */
export type PodFailurePolicyOnPodConditionsPattern = v.InferOutput<
  typeof PodFailurePolicyOnPodConditionsPatternSchema
>;

/**
 * PodFailurePolicyRule describes how a pod failure is handled when the requirements are met. One of onExitCodes and onPodConditions, but not both, can be used in each rule.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodFailurePolicyRuleSchema } from "@skiff/workloads";
 *
 * v.parse(PodFailurePolicyRuleSchema, { action: "FailJob", onExitCodes: { operator: "In", values: [42] } });
 * ```
 */
export const PodFailurePolicyRuleSchema = v.pipe(
  v.object({
    action: v.picklist(["Count", "FailIndex", "FailJob", "Ignore"]),
    onExitCodes: v.optional(PodFailurePolicyOnExitCodesRequirementSchema),
    onPodConditions: v.optional(
      v.pipe(
        v.array(PodFailurePolicyOnPodConditionsPatternSchema),
        k8s({ "x-kubernetes-list-type": "atomic" }),
      ),
    ),
  }),
  fieldDocs({
    action:
      "Specifies the action taken on a pod failure when the requirements are satisfied. Possible values are:\n\n- FailJob: indicates that the pod's job is marked as Failed and all\n  running pods are terminated.\n- FailIndex: indicates that the pod's index is marked as Failed and will\n  not be restarted.\n  This value is beta-level. It can be used when the\n  `JobBackoffLimitPerIndex` feature gate is enabled (enabled by default).\n- Ignore: indicates that the counter towards the .backoffLimit is not\n  incremented and a replacement pod is created.\n- Count: indicates that the pod is handled in the default way - the\n  counter towards the .backoffLimit is incremented.\nAdditional values are considered to be added in the future. Clients should react to an unknown action by skipping the rule.",
    onExitCodes: "Represents the requirement on the container exit codes.",
    onPodConditions:
      "Represents the requirement on the pod conditions. The requirement is represented as a list of pod condition patterns. The requirement is satisfied if at least one pattern matches an actual pod condition. At most 20 elements are allowed.",
  }),
);

/**
 * PodFailurePolicyRule as TypeScript sees it (see {@link PodFailurePolicyRuleSchema}).
 *
 * @example
 * ```ts
 * import type { PodFailurePolicyRule } from "@skiff/workloads";
 *
 * const value: PodFailurePolicyRule = { action: "FailJob", onExitCodes: { operator: "In", values: [42] } };
 * ```
 */
export type PodFailurePolicyRule = v.InferOutput<typeof PodFailurePolicyRuleSchema>;

/**
 * PodFailurePolicy describes how failed pods influence the backoffLimit.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodFailurePolicySchema } from "@skiff/workloads";
 *
 * v.parse(PodFailurePolicySchema, { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] });
 * ```
 */
export const PodFailurePolicySchema = v.pipe(
  v.object({
    rules: v.pipe(v.array(PodFailurePolicyRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
  }),
  fieldDocs({
    rules:
      "A list of pod failure policy rules. The rules are evaluated in order. Once a rule matches a Pod failure, the remaining of the rules are ignored. When no rule matches the Pod failure, the default handling applies - the counter of pod failures is incremented and it is checked against the backoffLimit. At most 20 elements are allowed.",
  }),
);

/**
 * PodFailurePolicy as TypeScript sees it (see {@link PodFailurePolicySchema}).
 *
 * @example
 * ```ts
 * import type { PodFailurePolicy } from "@skiff/workloads";
 *
 * const value: PodFailurePolicy = { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] };
 * ```
 */
export type PodFailurePolicy = v.InferOutput<typeof PodFailurePolicySchema>;

/**
 * SuccessPolicyRule describes rule for declaring a Job as succeeded. Each rule must have at least one of the "succeededIndexes" or "succeededCount" specified.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SuccessPolicyRuleSchema } from "@skiff/workloads";
 *
 * v.parse(SuccessPolicyRuleSchema, {});
 * ```
 */
export const SuccessPolicyRuleSchema = v.pipe(
  v.object({
    succeededIndexes: v.optional(v.string()),
    succeededCount: v.optional(int32()),
  }),
  fieldDocs({
    succeededIndexes:
      'succeededIndexes specifies the set of indexes which need to be contained in the actual set of the succeeded indexes for the Job. The list of indexes must be within 0 to ".spec.completions-1" and must not contain duplicates. At least one element is required. The indexes are represented as intervals separated by commas. The intervals can be a decimal integer or a pair of decimal integers separated by a hyphen. The number are listed in represented by the first and last element of the series, separated by a hyphen. For example, if the completed indexes are 1, 3, 4, 5 and 7, they are represented as "1,3-5,7". When this field is null, this field doesn\'t default to any value and is never evaluated at any time.',
    succeededCount:
      'succeededCount specifies the minimal required size of the actual set of the succeeded indexes for the Job. When succeededCount is used along with succeededIndexes, the check is constrained only to the set of indexes specified by succeededIndexes. For example, given that succeededIndexes is "1-4", succeededCount is "3", and completed indexes are "1", "3", and "5", the Job isn\'t declared as succeeded because only "1" and "3" indexes are considered in that rules. When this field is null, this doesn\'t default to any value and is never evaluated at any time. When specified it needs to be a positive integer.',
  }),
);

/**
 * SuccessPolicyRule as TypeScript sees it (see {@link SuccessPolicyRuleSchema}).
 *
 * @example
 * ```ts
 * import type { SuccessPolicyRule } from "@skiff/workloads";
 *
 * const value: SuccessPolicyRule = {};
 * ```
 */
export type SuccessPolicyRule = v.InferOutput<typeof SuccessPolicyRuleSchema>;

/**
 * SuccessPolicy describes when a Job can be declared as succeeded based on the success of some indexes.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SuccessPolicySchema } from "@skiff/workloads";
 *
 * v.parse(SuccessPolicySchema, { rules: [{ succeededIndexes: "0-2" }] });
 * ```
 */
export const SuccessPolicySchema = v.pipe(
  v.object({
    rules: v.pipe(v.array(SuccessPolicyRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
  }),
  fieldDocs({
    rules:
      'rules represents the list of alternative rules for the declaring the Jobs as successful before `.status.succeeded >= .spec.completions`. Once any of the rules are met, the "SucceededCriteriaMet" condition is added, and the lingering pods are removed. The terminal state for such a Job has the "Complete" condition. Additionally, these rules are evaluated in order; Once the Job meets one of the rules, other rules are ignored. At most 20 elements are allowed.',
  }),
);

/**
 * SuccessPolicy as TypeScript sees it (see {@link SuccessPolicySchema}).
 *
 * @example
 * ```ts
 * import type { SuccessPolicy } from "@skiff/workloads";
 *
 * const value: SuccessPolicy = { rules: [{ succeededIndexes: "0-2" }] };
 * ```
 */
export type SuccessPolicy = v.InferOutput<typeof SuccessPolicySchema>;

/**
 * JobSpec describes how the job execution will look like.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { JobSpecSchema } from "@skiff/workloads";
 *
 * v.parse(JobSpecSchema, { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } });
 * ```
 */
export const JobSpecSchema = v.pipe(
  v.object({
    parallelism: v.optional(int32()),
    completions: v.optional(int32()),
    activeDeadlineSeconds: v.optional(int64()),
    podFailurePolicy: v.optional(PodFailurePolicySchema),
    successPolicy: v.optional(SuccessPolicySchema),
    backoffLimit: v.optional(int32()),
    backoffLimitPerIndex: v.optional(int32()),
    maxFailedIndexes: v.optional(int32()),
    selector: v.optional(LabelSelectorSchema),
    manualSelector: v.optional(v.boolean()),
    template: PodTemplateSpecSchema,
    ttlSecondsAfterFinished: v.optional(int32()),
    completionMode: v.optional(v.picklist(["Indexed", "NonIndexed"])),
    suspend: v.optional(v.boolean()),
    podReplacementPolicy: v.optional(v.picklist(["Failed", "TerminatingOrFailed"])),
    managedBy: v.optional(v.string()),
  }),
  fieldDocs({
    parallelism:
      "Specifies the maximum desired number of pods the job should run at any given time. The actual number of pods running in steady state will be less than this number when ((.spec.completions - .status.successful) < .spec.parallelism), i.e. when the work left to do is less than max parallelism. More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/",
    completions:
      "Specifies the desired number of successfully finished pods the job should be run with.  Setting to null means that the success of any pod signals the success of all pods, and allows parallelism to have any positive value.  Setting to 1 means that parallelism is limited to 1 and the success of that pod signals the success of the job. More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/",
    activeDeadlineSeconds:
      "Specifies the duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it; value must be positive integer. If a Job is suspended (at creation or through an update), this timer will effectively be stopped and reset when the Job is resumed again.",
    podFailurePolicy:
      "Specifies the policy of handling failed pods. In particular, it allows to specify the set of actions and conditions which need to be satisfied to take the associated action. If empty, the default behaviour applies - the counter of failed pods, represented by the jobs's .status.failed field, is incremented and it is checked against the backoffLimit. This field cannot be used in combination with restartPolicy=OnFailure.",
    successPolicy:
      "successPolicy specifies the policy when the Job can be declared as succeeded. If empty, the default behavior applies - the Job is declared as succeeded only when the number of succeeded pods equals to the completions. When the field is specified, it must be immutable and works only for the Indexed Jobs. Once the Job meets the SuccessPolicy, the lingering pods are terminated.\n\nThis field is beta-level. To use this field, you must enable the `JobSuccessPolicy` feature gate (enabled by default).",
    backoffLimit: "Specifies the number of retries before marking this job failed. Defaults to 6",
    backoffLimitPerIndex:
      "Specifies the limit for the number of retries within an index before marking this index as failed. When enabled the number of failures per index is kept in the pod's batch.kubernetes.io/job-index-failure-count annotation. It can only be set when Job's completionMode=Indexed, and the Pod's restart policy is Never. The field is immutable. This field is beta-level. It can be used when the `JobBackoffLimitPerIndex` feature gate is enabled (enabled by default).",
    maxFailedIndexes:
      "Specifies the maximal number of failed indexes before marking the Job as failed, when backoffLimitPerIndex is set. Once the number of failed indexes exceeds this number the entire Job is marked as Failed and its execution is terminated. When left as null the job continues execution of all of its indexes and is marked with the `Complete` Job condition. It can only be specified when backoffLimitPerIndex is set. It can be null or up to completions. It is required and must be less than or equal to 10^4 when is completions greater than 10^5. This field is beta-level. It can be used when the `JobBackoffLimitPerIndex` feature gate is enabled (enabled by default).",
    selector:
      "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    manualSelector:
      "manualSelector controls generation of pod labels and pod selectors. Leave `manualSelector` unset unless you are certain what you are doing. When false or unset, the system pick labels unique to this job and appends those labels to the pod template.  When true, the user is responsible for picking unique labels and specifying the selector.  Failure to pick a unique label may cause this and other jobs to not function correctly.  However, You may see `manualSelector=true` in jobs that were created with the old `extensions/v1beta1` API. More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/#specifying-your-own-pod-selector",
    template:
      'Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are "Never" or "OnFailure". More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/',
    ttlSecondsAfterFinished:
      "ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed). If this field is set, ttlSecondsAfterFinished after the Job finishes, it is eligible to be automatically deleted. When the Job is being deleted, its lifecycle guarantees (e.g. finalizers) will be honored. If this field is unset, the Job won't be automatically deleted. If this field is set to zero, the Job becomes eligible to be deleted immediately after it finishes.",
    completionMode:
      "completionMode specifies how Pod completions are tracked. It can be `NonIndexed` (default) or `Indexed`.\n\n`NonIndexed` means that the Job is considered complete when there have been .spec.completions successfully completed Pods. Each Pod completion is homologous to each other.\n\n`Indexed` means that the Pods of a Job get an associated completion index from 0 to (.spec.completions - 1), available in the annotation batch.kubernetes.io/job-completion-index. The Job is considered complete when there is one successfully completed Pod for each index. When value is `Indexed`, .spec.completions must be specified and `.spec.parallelism` must be less than or equal to 10^5. In addition, The Pod name takes the form `$(job-name)-$(index)-$(random-string)`, the Pod hostname takes the form `$(job-name)-$(index)`.\n\nMore completion modes can be added in the future. If the Job controller observes a mode that it doesn't recognize, which is possible during upgrades due to version skew, the controller skips updates for the Job.",
    suspend:
      "suspend specifies whether the Job controller should create Pods or not. If a Job is created with suspend set to true, no Pods are created by the Job controller. If a Job is suspended after creation (i.e. the flag goes from false to true), the Job controller will delete all active Pods associated with this Job. Users must design their workload to gracefully handle this. Suspending a Job will reset the StartTime field of the Job, effectively resetting the ActiveDeadlineSeconds timer too. Defaults to false.",
    podReplacementPolicy:
      "podReplacementPolicy specifies when to create replacement Pods. Possible values are: - TerminatingOrFailed means that we recreate pods\n  when they are terminating (has a metadata.deletionTimestamp) or failed.\n- Failed means to wait until a previously created Pod is fully terminated (has phase\n  Failed or Succeeded) before creating a replacement Pod.\n\nWhen using podFailurePolicy, Failed is the the only allowed value. TerminatingOrFailed and Failed are allowed values when podFailurePolicy is not in use. This is an beta field. To use this, enable the JobPodReplacementPolicy feature toggle. This is on by default.",
    managedBy:
      'ManagedBy field indicates the controller that manages a Job. The k8s Job controller reconciles jobs which don\'t have this field at all or the field value is the reserved string `kubernetes.io/job-controller`, but skips reconciling Jobs with a custom value for this field. The value must be a valid domain-prefixed path (e.g. acme.io/foo) - all characters before the first "/" must be a valid subdomain as defined by RFC 1123. All characters trailing the first "/" must be valid HTTP Path characters as defined by RFC 3986. The value cannot exceed 63 characters. This field is immutable.\n\nThis field is beta-level. The job controller accepts setting the field when the feature gate JobManagedBy is enabled (enabled by default).',
  }),
);

/**
 * JobSpec as TypeScript sees it (see {@link JobSpecSchema}).
 *
 * @example
 * ```ts
 * import type { JobSpec } from "@skiff/workloads";
 *
 * const value: JobSpec = { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } };
 * ```
 */
export type JobSpec = v.InferOutput<typeof JobSpecSchema>;

/**
 * JobCondition describes current state of a job.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { JobConditionSchema } from "@skiff/workloads";
 *
 * v.parse(JobConditionSchema, { type: "Suspended", status: "True" });
 * ```
 */
export const JobConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastProbeTime: v.optional(time()),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of job condition, Complete or Failed.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastProbeTime: "Last time the condition was checked.",
    lastTransitionTime: "Last time the condition transit from one status to another.",
    reason: "(brief) reason for the condition's last transition.",
    message: "Human readable message indicating details about last transition.",
  }),
);

/**
 * JobCondition as TypeScript sees it (see {@link JobConditionSchema}).
 *
 * @example
 * ```ts
 * import type { JobCondition } from "@skiff/workloads";
 *
 * const value: JobCondition = { type: "Suspended", status: "True" };
 * ```
 */
export type JobCondition = v.InferOutput<typeof JobConditionSchema>;

/**
 * UncountedTerminatedPods holds UIDs of Pods that have terminated but haven't been accounted in Job status counters.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { UncountedTerminatedPodsSchema } from "@skiff/workloads";
 *
 * v.parse(UncountedTerminatedPodsSchema, {});
 * ```
 */
export const UncountedTerminatedPodsSchema = v.pipe(
  v.object({
    succeeded: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "set" }))),
    failed: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "set" }))),
  }),
  fieldDocs({
    succeeded: "succeeded holds UIDs of succeeded Pods.",
    failed: "failed holds UIDs of failed Pods.",
  }),
);

/**
 * UncountedTerminatedPods as TypeScript sees it (see {@link UncountedTerminatedPodsSchema}).
 *
 * @example
 * ```ts
 * import type { UncountedTerminatedPods } from "@skiff/workloads";
 *
 * const value: UncountedTerminatedPods = {};
 * ```
 */
export type UncountedTerminatedPods = v.InferOutput<typeof UncountedTerminatedPodsSchema>;

/**
 * JobStatus represents the current state of a Job.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { JobStatusSchema } from "@skiff/workloads";
 *
 * v.parse(JobStatusSchema, {});
 * ```
 */
export const JobStatusSchema = v.pipe(
  v.object({
    conditions: v.optional(
      v.pipe(
        v.array(JobConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "atomic",
        }),
      ),
    ),
    startTime: v.optional(time()),
    completionTime: v.optional(time()),
    active: v.optional(int32()),
    succeeded: v.optional(int32()),
    failed: v.optional(int32()),
    terminating: v.optional(int32()),
    completedIndexes: v.optional(v.string()),
    failedIndexes: v.optional(v.string()),
    uncountedTerminatedPods: v.optional(UncountedTerminatedPodsSchema),
    ready: v.optional(int32()),
  }),
  fieldDocs({
    conditions:
      'The latest available observations of an object\'s current state. When a Job fails, one of the conditions will have type "Failed" and status true. When a Job is suspended, one of the conditions will have type "Suspended" and status true; when the Job is resumed, the status of this condition will become false. When a Job is completed, one of the conditions will have type "Complete" and status true.\n\nA job is considered finished when it is in a terminal condition, either "Complete" or "Failed". A Job cannot have both the "Complete" and "Failed" conditions. Additionally, it cannot be in the "Complete" and "FailureTarget" conditions. The "Complete", "Failed" and "FailureTarget" conditions cannot be disabled.\n\nMore info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/',
    startTime:
      "Represents time when the job controller started processing a job. When a Job is created in the suspended state, this field is not set until the first time it is resumed. This field is reset every time a Job is resumed from suspension. It is represented in RFC3339 form and is in UTC.\n\nOnce set, the field can only be removed when the job is suspended. The field cannot be modified while the job is unsuspended or finished.",
    completionTime:
      "Represents time when the job was completed. It is not guaranteed to be set in happens-before order across separate operations. It is represented in RFC3339 form and is in UTC. The completion time is set when the job finishes successfully, and only then. The value cannot be updated or removed. The value indicates the same or later point in time as the startTime field.",
    active:
      "The number of pending and running pods which are not terminating (without a deletionTimestamp). The value is zero for finished jobs.",
    succeeded:
      "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.",
    failed: "The number of pods which reached phase Failed. The value increases monotonically.",
    terminating:
      "The number of pods which are terminating (in phase Pending or Running and have a deletionTimestamp).\n\nThis field is beta-level. The job controller populates the field when the feature gate JobPodReplacementPolicy is enabled (enabled by default).",
    completedIndexes:
      'completedIndexes holds the completed indexes when .spec.completionMode = "Indexed" in a text format. The indexes are represented as decimal integers separated by commas. The numbers are listed in increasing order. Three or more consecutive numbers are compressed and represented by the first and last element of the series, separated by a hyphen. For example, if the completed indexes are 1, 3, 4, 5 and 7, they are represented as "1,3-5,7".',
    failedIndexes:
      'FailedIndexes holds the failed indexes when spec.backoffLimitPerIndex is set. The indexes are represented in the text format analogous as for the `completedIndexes` field, ie. they are kept as decimal integers separated by commas. The numbers are listed in increasing order. Three or more consecutive numbers are compressed and represented by the first and last element of the series, separated by a hyphen. For example, if the failed indexes are 1, 3, 4, 5 and 7, they are represented as "1,3-5,7". The set of failed indexes cannot overlap with the set of completed indexes.\n\nThis field is beta-level. It can be used when the `JobBackoffLimitPerIndex` feature gate is enabled (enabled by default).',
    uncountedTerminatedPods:
      "uncountedTerminatedPods holds the UIDs of Pods that have terminated but the job controller hasn't yet accounted for in the status counters.\n\nThe job controller creates pods with a finalizer. When a pod terminates (succeeded or failed), the controller does three steps to account for it in the job status:\n\n1. Add the pod UID to the arrays in this field. 2. Remove the pod finalizer. 3. Remove the pod UID from the arrays while increasing the corresponding\n    counter.\n\nOld jobs might not be tracked using this field, in which case the field remains null. The structure is empty for finished jobs.",
    ready:
      "The number of active pods which have a Ready condition and are not terminating (without a deletionTimestamp).",
  }),
);

/**
 * JobStatus as TypeScript sees it (see {@link JobStatusSchema}).
 *
 * @example
 * ```ts
 * import type { JobStatus } from "@skiff/workloads";
 *
 * const value: JobStatus = {};
 * ```
 */
export type JobStatus = v.InferOutput<typeof JobStatusSchema>;

/**
 * Job represents the configuration of a single job.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { JobSchema } from "@skiff/workloads";
 *
 * v.parse(JobSchema, { apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } } });
 * ```
 */
export const JobSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(JobSpecSchema),
    status: v.optional(JobStatusSchema),
  }),
  v.description(
    "Job represents the configuration of a single job.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Specification of the desired behavior of a job. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Current status of a job. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * Job as TypeScript sees it (see {@link JobSchema}).
 *
 * @example
 * ```ts
 * import type { Job } from "@skiff/workloads";
 *
 * const value: Job = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } } };
 * ```
 */
export type Job = v.InferOutput<typeof JobSchema>;

/**
 * JobTemplateSpec describes the data a Job should have when created from a template
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { JobTemplateSpecSchema } from "@skiff/workloads";
 *
 * v.parse(JobTemplateSpecSchema, { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } } });
 * ```
 */
export const JobTemplateSpecSchema = v.pipe(
  v.object({
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(JobSpecSchema),
  }),
  fieldDocs({
    metadata:
      "Standard object's metadata of the jobs created from this template. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Specification of the desired behavior of the job. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * JobTemplateSpec as TypeScript sees it (see {@link JobTemplateSpecSchema}).
 *
 * @example
 * ```ts
 * import type { JobTemplateSpec } from "@skiff/workloads";
 *
 * const value: JobTemplateSpec = { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } } };
 * ```
 */
export type JobTemplateSpec = v.InferOutput<typeof JobTemplateSpecSchema>;
