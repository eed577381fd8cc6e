/**
 * Probes and lifecycle hooks: exec, httpGet, tcpSocket, grpc and sleep handlers with their timing fields.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, intOrString, k8s } from "../k8s.ts";

/**
 * ExecAction describes a "run in container" action.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ExecActionSchema } from "@skiff/kinds";
 *
 * v.parse(ExecActionSchema, {});
 * ```
 */
export const ExecActionSchema = v.pipe(
  v.object({
    command: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    command:
      "Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.",
  }),
);

/**
 * ExecAction as TypeScript sees it (see {@link ExecActionSchema}).
 *
 * @example
 * ```ts
 * import type { ExecAction } from "@skiff/kinds";
 *
 * const value: ExecAction = {};
 * ```
 */
export type ExecAction = v.InferOutput<typeof ExecActionSchema>;

/**
 * HTTPHeader describes a custom header to be used in HTTP probes
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { HTTPHeaderSchema } from "@skiff/kinds";
 *
 * v.parse(HTTPHeaderSchema, { name: "web", value: "v" });
 * ```
 */
export const HTTPHeaderSchema = v.pipe(
  v.object({
    name: v.string(),
    value: v.string(),
  }),
  fieldDocs({
    name:
      "The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.",
    value: "The header field value",
  }),
);

/**
 * HTTPHeader as TypeScript sees it (see {@link HTTPHeaderSchema}).
 *
 * @example
 * ```ts
 * import type { HTTPHeader } from "@skiff/kinds";
 *
 * const value: HTTPHeader = { name: "web", value: "v" };
 * ```
 */
export type HTTPHeader = v.InferOutput<typeof HTTPHeaderSchema>;

/**
 * HTTPGetAction describes an action based on HTTP Get requests.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { HTTPGetActionSchema } from "@skiff/kinds";
 *
 * v.parse(HTTPGetActionSchema, { port: 8080 });
 * ```
 */
export const HTTPGetActionSchema = v.pipe(
  v.object({
    path: v.optional(v.pipe(v.string(), k8s({ default: "/" }))),
    port: intOrString(),
    host: v.optional(v.string()),
    scheme: v.optional(v.pipe(v.picklist(["HTTP", "HTTPS"]), k8s({ default: "HTTP" }))),
    httpHeaders: v.optional(v.pipe(v.array(HTTPHeaderSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    path: "Path to access on the HTTP server.",
    port:
      "Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.",
    host:
      'Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.',
    scheme: "Scheme to use for connecting to the host. Defaults to HTTP.",
    httpHeaders: "Custom headers to set in the request. HTTP allows repeated headers.",
  }),
);

/**
 * HTTPGetAction as TypeScript sees it (see {@link HTTPGetActionSchema}).
 *
 * @example
 * ```ts
 * import type { HTTPGetAction } from "@skiff/kinds";
 *
 * const value: HTTPGetAction = { port: 8080 };
 * ```
 */
export type HTTPGetAction = v.InferOutput<typeof HTTPGetActionSchema>;

/**
 * TCPSocketAction describes an action based on opening a socket
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TCPSocketActionSchema } from "@skiff/kinds";
 *
 * v.parse(TCPSocketActionSchema, { port: 8080 });
 * ```
 */
export const TCPSocketActionSchema = v.pipe(
  v.object({
    port: intOrString(),
    host: v.optional(v.string()),
  }),
  fieldDocs({
    port:
      "Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.",
    host: "Optional: Host name to connect to, defaults to the pod IP.",
  }),
);

/**
 * TCPSocketAction as TypeScript sees it (see {@link TCPSocketActionSchema}).
 *
 * @example
 * ```ts
 * import type { TCPSocketAction } from "@skiff/kinds";
 *
 * const value: TCPSocketAction = { port: 8080 };
 * ```
 */
export type TCPSocketAction = v.InferOutput<typeof TCPSocketActionSchema>;

/**
 * GRPCAction specifies an action involving a GRPC service.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { GRPCActionSchema } from "@skiff/kinds";
 *
 * v.parse(GRPCActionSchema, { port: 1 });
 * ```
 */
export const GRPCActionSchema = v.pipe(
  v.object({
    port: int32(),
    service: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
  }),
  fieldDocs({
    port: "Port number of the gRPC service. Number must be in the range 1 to 65535.",
    service:
      "Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).\n\nIf this is not specified, the default behavior is defined by gRPC.",
  }),
);

/**
 * GRPCAction as TypeScript sees it (see {@link GRPCActionSchema}).
 *
 * @example
 * ```ts
 * import type { GRPCAction } from "@skiff/kinds";
 *
 * const value: GRPCAction = { port: 1 };
 * ```
 */
export type GRPCAction = v.InferOutput<typeof GRPCActionSchema>;

/**
 * Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ProbeSchema } from "@skiff/kinds";
 *
 * v.parse(ProbeSchema, { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 5 });
 * ```
 */
export const ProbeSchema = v.pipe(
  v.object({
    exec: v.optional(ExecActionSchema),
    httpGet: v.optional(HTTPGetActionSchema),
    tcpSocket: v.optional(TCPSocketActionSchema),
    grpc: v.optional(GRPCActionSchema),
    initialDelaySeconds: v.optional(int32()),
    timeoutSeconds: v.optional(v.pipe(int32(), k8s({ default: 1 }))),
    periodSeconds: v.optional(v.pipe(int32(), k8s({ default: 10 }))),
    successThreshold: v.optional(v.pipe(int32(), k8s({ default: 1 }))),
    failureThreshold: v.optional(v.pipe(int32(), k8s({ default: 3 }))),
    terminationGracePeriodSeconds: v.optional(int64()),
  }),
  fieldDocs({
    exec: "Exec specifies a command to execute in the container.",
    httpGet: "HTTPGet specifies an HTTP GET request to perform.",
    tcpSocket: "TCPSocket specifies a connection to a TCP port.",
    grpc: "GRPC specifies a GRPC HealthCheckRequest.",
    initialDelaySeconds:
      "Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
    timeoutSeconds:
      "Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
    periodSeconds: "How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.",
    successThreshold:
      "Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.",
    failureThreshold:
      "Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.",
    terminationGracePeriodSeconds:
      "Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.",
  }),
);

/**
 * Probe as TypeScript sees it (see {@link ProbeSchema}).
 *
 * @example
 * ```ts
 * import type { Probe } from "@skiff/kinds";
 *
 * const value: Probe = { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 5 };
 * ```
 */
export type Probe = v.InferOutput<typeof ProbeSchema>;

/**
 * SleepAction describes a "sleep" action.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SleepActionSchema } from "@skiff/kinds";
 *
 * v.parse(SleepActionSchema, { seconds: 1 });
 * ```
 */
export const SleepActionSchema = v.pipe(
  v.object({
    seconds: int64(),
  }),
  fieldDocs({
    seconds: "Seconds is the number of seconds to sleep.",
  }),
);

/**
 * SleepAction as TypeScript sees it (see {@link SleepActionSchema}).
 *
 * @example
 * ```ts
 * import type { SleepAction } from "@skiff/kinds";
 *
 * const value: SleepAction = { seconds: 1 };
 * ```
 */
export type SleepAction = v.InferOutput<typeof SleepActionSchema>;

/**
 * LifecycleHandler defines a specific action that should be taken in a lifecycle hook. One and only one of the fields, except TCPSocket must be specified.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LifecycleHandlerSchema } from "@skiff/kinds";
 *
 * v.parse(LifecycleHandlerSchema, {});
 * ```
 */
export const LifecycleHandlerSchema = v.pipe(
  v.object({
    exec: v.optional(ExecActionSchema),
    httpGet: v.optional(HTTPGetActionSchema),
    tcpSocket: v.optional(TCPSocketActionSchema),
    sleep: v.optional(SleepActionSchema),
  }),
  fieldDocs({
    exec: "Exec specifies a command to execute in the container.",
    httpGet: "HTTPGet specifies an HTTP GET request to perform.",
    tcpSocket:
      "Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified.",
    sleep: "Sleep represents a duration that the container should sleep.",
  }),
);

/**
 * LifecycleHandler as TypeScript sees it (see {@link LifecycleHandlerSchema}).
 *
 * @example
 * ```ts
 * import type { LifecycleHandler } from "@skiff/kinds";
 *
 * const value: LifecycleHandler = {};
 * ```
 */
export type LifecycleHandler = v.InferOutput<typeof LifecycleHandlerSchema>;

/**
 * Lifecycle describes actions that the management system should take in response to container lifecycle events. For the PostStart and PreStop lifecycle handlers, management of the container blocks until the action is complete, unless the container process fails, in which case the handler is aborted.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LifecycleSchema } from "@skiff/kinds";
 *
 * v.parse(LifecycleSchema, {});
 * ```
 */
export const LifecycleSchema = v.pipe(
  v.object({
    postStart: v.optional(LifecycleHandlerSchema),
    preStop: v.optional(LifecycleHandlerSchema),
  }),
  fieldDocs({
    postStart:
      "PostStart is called immediately after a container is created. If the handler fails, the container is terminated and restarted according to its restart policy. Other management of the container blocks until the hook completes. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks",
    preStop:
      "PreStop is called immediately before a container is terminated due to an API request or management event such as liveness/startup probe failure, preemption, resource contention, etc. The handler is not called if the container crashes or exits. The Pod's termination grace period countdown begins before the PreStop hook is executed. Regardless of the outcome of the handler, the container will eventually terminate within the Pod's termination grace period (unless delayed by finalizers). Other management of the container blocks until the hook completes or until the termination grace period is reached. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks",
  }),
);

/**
 * Lifecycle as TypeScript sees it (see {@link LifecycleSchema}).
 *
 * @example
 * ```ts
 * import type { Lifecycle } from "@skiff/kinds";
 *
 * const value: Lifecycle = {};
 * ```
 */
export type Lifecycle = v.InferOutput<typeof LifecycleSchema>;
