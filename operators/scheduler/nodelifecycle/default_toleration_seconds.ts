/**
 * The DefaultTolerationSeconds admission plugin (plugin/pkg/admission/defaulttolerationseconds): a pod
 * created without tolerating the not-ready or unreachable NoExecute taint gets a toleration for it with
 * tolerationSeconds 300, so it is evicted five minutes after its node goes, not at once.
 *
 * @module
 */
import type { AdmissionStep } from "@skiff/api";
import type { Toleration } from "@skiff/kinds";
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from "./taints.ts";

/** The plugin's default for both taints (--default-not-ready-toleration-seconds and -unreachable-). */
export const DEFAULT_TOLERATION_SECONDS = 300;

/** Whether some toleration covers `key`'s NoExecute taint the way the plugin checks it (key and effect only). */
function covers(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === "NoExecute" || !t.effect));
}

/**
 * Adds the default tolerations to a pod spec's list, as the plugin does on CREATE.
 *
 * @example
 * ```ts
 * import { withDefaultTolerations } from "@skiff/scheduler";
 *
 * withDefaultTolerations([]).map((t) => t.key); // ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
 * ```
 */
export function withDefaultTolerations(
  tolerations: readonly Toleration[],
  seconds = DEFAULT_TOLERATION_SECONDS,
): Toleration[] {
  const out = [...tolerations];
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    if (!covers(tolerations, key)) {
      out.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: seconds });
    }
  }
  return out;
}

/**
 * The admission step: on Pod CREATE (not its subresources) the default tolerations are added.
 *
 * @example
 * ```ts
 * import { defaultTolerationSecondsAdmission } from "@skiff/scheduler";
 *
 * api.admission.add(defaultTolerationSecondsAdmission);
 * ```
 */
export const defaultTolerationSecondsAdmission: AdmissionStep = {
  name: "DefaultTolerationSeconds",
  kinds: ["v1/Pod"],
  operations: ["CREATE"],
  mutate(req) {
    if (req.subresource) return;
    const spec = req.object.spec ??= {};
    spec.tolerations = withDefaultTolerations(spec.tolerations ?? []);
  },
};
