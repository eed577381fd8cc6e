/**
 * The column descriptions kubectl's printers take from API documentation (pkg/printers/internalversion
 * cites extensions/v1beta1, batch/v1beta1, batch/v1 and core/v1 swagger docs), as of k8s.io/api v0.32.
 *
 * @module
 */

/** extensions/v1beta1 DeploymentStatus.updatedReplicas. */
export const DEPLOYMENT_UPDATED =
  "Total number of non-terminated pods targeted by this deployment that have the desired template spec.";

/** extensions/v1beta1 DeploymentStatus.availableReplicas. */
export const DEPLOYMENT_AVAILABLE =
  "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.";

/** extensions/v1beta1 DeploymentSpec.selector. */
export const DEPLOYMENT_SELECTOR =
  "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.";

/** extensions/v1beta1 ReplicaSetSpec.replicas. */
export const REPLICA_SET_DESIRED =
  "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";

/** extensions/v1beta1 ReplicaSetStatus.replicas. */
export const REPLICA_SET_CURRENT =
  "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";

/** extensions/v1beta1 ReplicaSetStatus.readyReplicas. */
export const REPLICA_SET_READY = "The number of ready replicas for this replica set.";

/** extensions/v1beta1 ReplicaSetSpec.selector. */
export const REPLICA_SET_SELECTOR =
  "Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

/** extensions/v1beta1 DaemonSetStatus.desiredNumberScheduled. */
export const DAEMON_SET_DESIRED =
  "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/";

/** extensions/v1beta1 DaemonSetStatus.currentNumberScheduled. */
export const DAEMON_SET_CURRENT =
  "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/";

/** extensions/v1beta1 DaemonSetStatus.numberReady. */
export const DAEMON_SET_READY =
  "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.";

/** extensions/v1beta1 DaemonSetStatus.updatedNumberScheduled. */
export const DAEMON_SET_UPDATED = "The total number of nodes that are running updated daemon pod";

/** extensions/v1beta1 DaemonSetStatus.numberAvailable. */
export const DAEMON_SET_AVAILABLE =
  "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)";

/** extensions/v1beta1 DaemonSetSpec.selector. */
export const DAEMON_SET_SELECTOR =
  "A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

/** core/v1 PodSpec.nodeSelector. */
export const NODE_SELECTOR =
  "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/";

/** batch/v1 JobStatus.succeeded. */
export const JOB_SUCCEEDED =
  "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.";

/** batch/v1 JobSpec.selector. */
export const JOB_SELECTOR =
  "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

/** batch/v1beta1 CronJobSpec.schedule. */
export const CRON_JOB_SCHEDULE = "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.";

/** batch/v1beta1 CronJobSpec.timeZone. */
export const CRON_JOB_TIME_ZONE =
  "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones";

/** batch/v1beta1 CronJobSpec.suspend. */
export const CRON_JOB_SUSPEND =
  "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.";

/** batch/v1beta1 CronJobStatus.active. */
export const CRON_JOB_ACTIVE = "A list of pointers to currently running jobs.";

/** batch/v1beta1 CronJobStatus.lastScheduleTime. */
export const CRON_JOB_LAST_SCHEDULE =
  "Information when was the last time the job was successfully scheduled.";

/** core/v1 RCSpec.replicas. */
export const RC_DESIRED =
  "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";

/** core/v1 RCStatus.replicas. */
export const RC_CURRENT =
  "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";

/** core/v1 RCStatus.readyReplicas. */
export const RC_READY = "The number of ready replicas for this replication controller.";

/** core/v1 RCSpec.selector. */
export const RC_SELECTOR =
  "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

/** apps/v1 ControllerRevision.revision. */
export const CONTROLLER_REVISION_REVISION =
  "Revision indicates the revision of the state represented by Data.";
