/**
 * The core/v1 Event kind.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, time } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";
import { ObjectReferenceSchema } from "./object_reference.ts";

/**
 * EventSource contains information for an event.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EventSourceSchema } from "@skiff/kinds";
 *
 * v.parse(EventSourceSchema, {});
 * ```
 */
export const EventSourceSchema = v.pipe(
  v.object({
    component: v.optional(v.string()),
    host: v.optional(v.string()),
  }),
  fieldDocs({
    component: "Component from which the event is generated.",
    host: "Node name on which the event is generated.",
  }),
);

/**
 * EventSource as TypeScript sees it (see {@link EventSourceSchema}).
 *
 * @example
 * ```ts
 * import type { EventSource } from "@skiff/kinds";
 *
 * const value: EventSource = {};
 * ```
 */
export type EventSource = v.InferOutput<typeof EventSourceSchema>;

/**
 * EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EventSeriesSchema } from "@skiff/kinds";
 *
 * v.parse(EventSeriesSchema, {});
 * ```
 */
export const EventSeriesSchema = v.pipe(
  v.object({
    count: v.optional(int32()),
    lastObservedTime: v.optional(time()),
  }),
  fieldDocs({
    count: "Number of occurrences in this series up to the last heartbeat time",
    lastObservedTime: "Time of the last occurrence observed",
  }),
);

/**
 * EventSeries as TypeScript sees it (see {@link EventSeriesSchema}).
 *
 * @example
 * ```ts
 * import type { EventSeries } from "@skiff/kinds";
 *
 * const value: EventSeries = {};
 * ```
 */
export type EventSeries = v.InferOutput<typeof EventSeriesSchema>;

/**
 * Event is a report of an event somewhere in the cluster.  Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EventSchema } from "@skiff/kinds";
 *
 * v.parse(EventSchema, { apiVersion: "v1", kind: "Event", metadata: { name: "web.17c4", namespace: "default" }, involvedObject: { kind: "Pod", name: "web", namespace: "default" }, reason: "Scheduled", message: "Successfully assigned default/web to node-1", type: "Normal" });
 * ```
 */
export const EventSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: ObjectMetaSchema,
    involvedObject: ObjectReferenceSchema,
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
    source: v.optional(EventSourceSchema),
    firstTimestamp: v.optional(time()),
    lastTimestamp: v.optional(time()),
    count: v.optional(int32()),
    type: v.optional(v.string()),
    eventTime: v.optional(time()),
    series: v.optional(EventSeriesSchema),
    action: v.optional(v.string()),
    related: v.optional(ObjectReferenceSchema),
    reportingComponent: v.optional(v.string()),
    reportingInstance: v.optional(v.string()),
  }),
  v.description(
    "Event is a report of an event somewhere in the cluster.  Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    involvedObject: "The object that this event is about.",
    reason:
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    message: "A human-readable description of the status of this operation.",
    source: "The component reporting this event. Should be a short machine understandable string.",
    firstTimestamp:
      "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
    lastTimestamp: "The time at which the most recent occurrence of this event was recorded.",
    count: "The number of times this event has occurred.",
    type: "Type of this event (Normal, Warning), new types could be added in the future",
    eventTime: "Time when this Event was first observed.",
    series: "Data about the Event series this event represents or nil if it's a singleton Event.",
    action: "What action was taken/failed regarding to the Regarding object.",
    related: "Optional secondary object for more complex actions.",
    reportingComponent: "Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.",
    reportingInstance: "ID of the controller instance, e.g. `kubelet-xyzf`.",
  }),
);

/**
 * Event as TypeScript sees it (see {@link EventSchema}).
 *
 * @example
 * ```ts
 * import type { Event } from "@skiff/kinds";
 *
 * const value: Event = { apiVersion: "v1", kind: "Event", metadata: { name: "web.17c4", namespace: "default" }, involvedObject: { kind: "Pod", name: "web", namespace: "default" }, reason: "Scheduled", message: "Successfully assigned default/web to node-1", type: "Normal" };
 * ```
 */
export type Event = v.InferOutput<typeof EventSchema>;
