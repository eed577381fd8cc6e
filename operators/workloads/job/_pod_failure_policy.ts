/**
 * matchPodFailurePolicy (pkg/controller/job/pod_failure_policy.go): the first rule matching a failed
 * pod's container exit codes or conditions decides whether the failure counts against backoffLimit
 * (Ignore: no; Count, FailIndex: yes) and whether it fails the whole Job (FailJob, with a message).
 *
 * @module
 */
import type { Pod, PodFailurePolicy } from "./_types.ts";

/** What a rule decided: the FailJob message, whether the failure counts, and the action. */
export interface PolicyMatch {
  failJobMessage?: string;
  countFailed: boolean;
  action?: string;
}

/** Answers what `policy` makes of `pod`'s failure. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata?.namespace, name = pod.metadata?.name;
  for (const [index, rule] of policy.rules.entries()) {
    if (rule.onExitCodes) {
      const container = [
        ...(pod.status?.containerStatuses ?? []),
        ...(pod.status?.initContainerStatuses ?? []),
      ]
        .find((s) => {
          const code = s.state?.terminated?.exitCode;
          if (code === undefined || code === 0) return false;
          const req = rule.onExitCodes!;
          if (req.containerName !== undefined && req.containerName !== s.name) return false;
          return req.operator === "In" ? req.values.includes(code) : !req.values.includes(code);
        });
      if (!container) continue;
      if (rule.action === "FailJob") {
        return {
          failJobMessage: `Container ${container.name} for pod ${ns}/${name} failed with exit code ${
            container.state!.terminated!.exitCode
          } matching FailJob rule at index ${index}`,
          countFailed: true,
          action: "FailJob",
        };
      }
      return { countFailed: rule.action !== "Ignore", action: rule.action };
    } else if (rule.onPodConditions) {
      const condition = (pod.status?.conditions ?? []).find((c) =>
        rule.onPodConditions!.some((p) => p.type === c.type && (p.status ?? "True") === c.status)
      );
      if (!condition) continue;
      if (rule.action === "FailJob") {
        return {
          failJobMessage:
            `Pod ${ns}/${name} has condition ${condition.type} matching FailJob rule at index ${index}`,
          countFailed: true,
          action: "FailJob",
        };
      }
      return { countFailed: rule.action !== "Ignore", action: rule.action };
    }
  }
  return { countFailed: true };
}
