/**
 * The events.k8s.io/v1 Event kind, the newer shape of the same event records.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api events/v1, types_swagger_doc_generated.go).
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, time } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";
import { ObjectReferenceSchema } from "./object_reference.ts";
import { EventSourceSchema } from "./event.ts";

/**
 * EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time. How often to update the EventSeries is up to the event reporters. The default event reporter in "k8s.io/client-go/tools/events/event_broadcaster.go" shows how this struct is updated on heartbeats and can guide customized reporter implementations.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EventsV1EventSeriesSchema } from "@skiff/kinds";
 *
 * v.parse(EventsV1EventSeriesSchema, { count: 1, lastObservedTime: "2024-05-01T12:00:00Z" });
 * ```
 */
export const EventsV1EventSeriesSchema = v.pipe(
  v.object({
    count: int32(),
    lastObservedTime: time(),
  }),
  fieldDocs({
    count: "count is the number of occurrences in this series up to the last heartbeat time.",
    lastObservedTime:
      "lastObservedTime is the time when last Event from the series was seen before last heartbeat.",
  }),
);

/**
 * EventsV1EventSeries as TypeScript sees it (see {@link EventsV1EventSeriesSchema}).
 *
 * @example
 * ```ts
 * import type { EventsV1EventSeries } from "@skiff/kinds";
 *
 * const value: EventsV1EventSeries = { count: 1, lastObservedTime: "2024-05-01T12:00:00Z" };
 * ```
 */
export type EventsV1EventSeries = v.InferOutput<typeof EventsV1EventSeriesSchema>;

/**
 * Event is a report of an event somewhere in the cluster. It generally denotes some state change in the system. Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EventsV1EventSchema } from "@skiff/kinds";
 *
 * v.parse(EventsV1EventSchema, { apiVersion: "events.k8s.io/v1", kind: "Event", metadata: { name: "web.17c4", namespace: "default" }, eventTime: "2024-05-01T12:00:00.000000Z", reportingController: "skiff.dev/scheduler", reportingInstance: "scheduler-1", action: "Binding", reason: "Scheduled", regarding: { kind: "Pod", name: "web", namespace: "default" }, type: "Normal" });
 * ```
 */
export const EventsV1EventSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    eventTime: time(),
    series: v.optional(EventsV1EventSeriesSchema),
    reportingController: v.optional(v.string()),
    reportingInstance: v.optional(v.string()),
    action: v.optional(v.string()),
    reason: v.optional(v.string()),
    regarding: v.optional(ObjectReferenceSchema),
    related: v.optional(ObjectReferenceSchema),
    note: v.optional(v.string()),
    type: v.optional(v.string()),
    deprecatedSource: v.optional(EventSourceSchema),
    deprecatedFirstTimestamp: v.optional(time()),
    deprecatedLastTimestamp: v.optional(time()),
    deprecatedCount: v.optional(int32()),
  }),
  v.description(
    "Event is a report of an event somewhere in the cluster. It generally denotes some state change in the system. Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "metadata is the standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    eventTime: "eventTime is the time when this Event was first observed. It is required.",
    series: "series is data about the Event series this event represents or nil if it's a singleton Event.",
    reportingController:
      "reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`. This field cannot be empty for new Events.",
    reportingInstance:
      "reportingInstance is the ID of the controller instance, e.g. `kubelet-xyzf`. This field cannot be empty for new Events and it can have at most 128 characters.",
    action:
      "action is what action was taken/failed regarding to the regarding object. It is machine-readable. This field cannot be empty for new Events and it can have at most 128 characters.",
    reason:
      "reason is why the action was taken. It is human-readable. This field cannot be empty for new Events and it can have at most 128 characters.",
    regarding:
      "regarding contains the object this Event is about. In most cases it's an Object reporting controller implements, e.g. ReplicaSetController implements ReplicaSets and this event is emitted because it acts on some changes in a ReplicaSet object.",
    related:
      "related is the optional secondary object for more complex actions. E.g. when regarding object triggers a creation or deletion of related object.",
    note:
      "note is a human-readable description of the status of this operation. Maximal length of the note is 1kB, but libraries should be prepared to handle values up to 64kB.",
    type:
      "type is the type of this event (Normal, Warning), new types could be added in the future. It is machine-readable. This field cannot be empty for new Events.",
    deprecatedSource:
      "deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type.",
    deprecatedFirstTimestamp:
      "deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.",
    deprecatedLastTimestamp:
      "deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.",
    deprecatedCount:
      "deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type.",
  }),
);

/**
 * EventsV1Event as TypeScript sees it (see {@link EventsV1EventSchema}).
 *
 * @example
 * ```ts
 * import type { EventsV1Event } from "@skiff/kinds";
 *
 * const value: EventsV1Event = { apiVersion: "events.k8s.io/v1", kind: "Event", metadata: { name: "web.17c4", namespace: "default" }, eventTime: "2024-05-01T12:00:00.000000Z", reportingController: "skiff.dev/scheduler", reportingInstance: "scheduler-1", action: "Binding", reason: "Scheduled", regarding: { kind: "Pod", name: "web", namespace: "default" }, type: "Normal" };
 * ```
 */
export type EventsV1Event = v.InferOutput<typeof EventsV1EventSchema>;
