/**
 * Status conditions (meta/v1 Condition) with apimachinery's meta.SetStatusCondition semantics:
 * lastTransitionTime moves only when the status changes.
 *
 * @module
 */

/**
 * A meta/v1 Condition.
 *
 * @example
 * ```ts
 * const ready: Condition = { type: "Ready", status: "True", reason: "AllReplicasReady", message: "", lastTransitionTime: "2024-05-01T12:00:00Z", observedGeneration: 3 };
 * ```
 */
export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/**
 * The condition to set; lastTransitionTime is filled in when omitted.
 *
 * @example
 * ```ts
 * const c: ConditionInput = { type: "Ready", status: "False", reason: "Progressing", message: "1 of 3 ready" };
 * ```
 */
export type ConditionInput = Omit<Condition, "lastTransitionTime" | "observedGeneration" | "message"> & {
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
};

/**
 * A meta/v1 Time: RFC 3339 in whole seconds.
 *
 * @example
 * ```ts
 * formatTime(new Date(Date.UTC(2024, 4, 1, 12))); // "2024-05-01T12:00:00Z"
 * ```
 */
export function formatTime(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Sets a condition in place: adds it, or updates status, reason, message and observedGeneration of the
 * one of the same type. lastTransitionTime is set when the condition is added or its status changes, and
 * kept otherwise. Answers whether anything changed.
 *
 * @example
 * ```ts
 * const conditions: Condition[] = [];
 * setCondition(conditions, { type: "Ready", status: "False", reason: "Progressing", message: "0/3" }, 1); // true
 * setCondition(conditions, { type: "Ready", status: "False", reason: "Progressing", message: "0/3" }, 1); // false
 * ```
 */
export function setCondition(
  conditions: Condition[],
  condition: ConditionInput,
  observedGeneration?: number,
): boolean {
  const generation = observedGeneration ?? condition.observedGeneration;
  const existing = findCondition(conditions, condition.type);
  if (!existing) {
    const added: Condition = {
      type: condition.type,
      status: condition.status,
      lastTransitionTime: condition.lastTransitionTime ?? formatTime(),
      reason: condition.reason,
      message: condition.message ?? "",
    };
    if (generation !== undefined) added.observedGeneration = generation;
    conditions.push(added);
    return true;
  }
  let changed = false;
  if (existing.status !== condition.status) {
    existing.status = condition.status;
    existing.lastTransitionTime = condition.lastTransitionTime ?? formatTime();
    changed = true;
  }
  if (existing.reason !== condition.reason) {
    existing.reason = condition.reason;
    changed = true;
  }
  if (existing.message !== (condition.message ?? "")) {
    existing.message = condition.message ?? "";
    changed = true;
  }
  if ((existing.observedGeneration ?? 0) !== (generation ?? 0)) {
    if (generation === undefined) delete existing.observedGeneration;
    else existing.observedGeneration = generation;
    changed = true;
  }
  return changed;
}

/**
 * The condition of the type, if present.
 *
 * @example
 * ```ts
 * findCondition(status.conditions ?? [], "Ready")?.reason;
 * ```
 */
export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * Whether the condition of the type is present with status "True".
 *
 * @example
 * ```ts
 * isConditionTrue([{ type: "Ready", status: "True", reason: "Ok", message: "", lastTransitionTime: "" }], "Ready"); // true
 * ```
 */
export function isConditionTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === "True";
}

/**
 * Whether the condition of the type is present with status "False".
 *
 * @example
 * ```ts
 * isConditionFalse([], "Ready"); // false: absent is not False
 * ```
 */
export function isConditionFalse(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === "False";
}

/**
 * Removes the condition of the type in place; answers whether it was present.
 *
 * @example
 * ```ts
 * removeCondition(conditions, "Degraded");
 * ```
 */
export function removeCondition(conditions: Condition[], type: string): boolean {
  const i = conditions.findIndex((c) => c.type === type);
  if (i === -1) return false;
  conditions.splice(i, 1);
  return true;
}
