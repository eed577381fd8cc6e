/**
 * Helpers every controller needs: finalizers, owner references, status conditions, an event recorder
 * that folds repeats, and createOrUpdate. They follow controller-runtime's controllerutil, apimachinery's
 * meta conditions and client-go's event correlation.
 *
 * @example
 * ```ts
 * import { addFinalizer, createOrUpdate, EventRecorder, setCondition, setControllerReference } from "@skiff/sdk";
 *
 * if (addFinalizer(widget, "example.com/cleanup")) await widgets.update(widget);
 * const result = await createOrUpdate(configMaps, desired, (cm) => {
 *   cm.data = { size: String(widget.spec.size) };
 *   setControllerReference(widget, cm);
 * });
 * setCondition(widget.status.conditions, { type: "Ready", status: "True", reason: "Synced" }, widget.metadata.generation);
 * recorder.event(widget, "Normal", "Synced", `ConfigMap ${result}`);
 * ```
 *
 * @module
 */
export type { MetaObject } from "./types.ts";
export { addFinalizer, hasFinalizer, removeFinalizer } from "./finalizers.ts";
export {
  AlreadyOwnedError,
  type ControllerReferenceOptions,
  getControllerOf,
  isControlledBy,
  newControllerRef,
  setControllerReference,
  setOwnerReference,
} from "./owner_references.ts";
export {
  type Condition,
  type ConditionInput,
  findCondition,
  formatTime,
  isConditionFalse,
  isConditionTrue,
  removeCondition,
  setCondition,
} from "./conditions.ts";
export {
  type CoreEvent,
  EventRecorder,
  type EventRecorderOptions,
  type EventsClient,
  type EventSink,
  eventSinkFrom,
  type ObjectReference,
  referenceOf,
} from "./event_recorder.ts";
export { createOrUpdate, type ObjectClient, type OperationResult } from "./create_or_update.ts";
