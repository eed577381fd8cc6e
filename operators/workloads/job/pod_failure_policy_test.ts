import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import type { PodFailurePolicy } from "../api/job.ts";
import { matchPodFailurePolicy } from "./_pod_failure_policy.ts";

const failed = (exitCode: number, conditions: { type: string; status: string }[] = []): Pod => ({
  metadata: { name: "p", namespace: "ns" },
  status: {
    phase: "Failed",
    conditions,
    containerStatuses: [{ name: "main", state: { terminated: { exitCode } } }],
  },
} as Pod);

// Cases after TestMatchPodFailurePolicy (pod_failure_policy_test.go).
Deno.test("the first matching pod failure policy rule decides; FailJob says which container and rule", () => {
  const policy: PodFailurePolicy = {
    rules: [
      { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] },
      { action: "FailJob", onExitCodes: { containerName: "main", operator: "In", values: [42] } },
      { action: "Count", onExitCodes: { operator: "NotIn", values: [1, 2] } },
    ],
  };
  assert.deepEqual(matchPodFailurePolicy(policy, failed(42)), {
    failJobMessage: "Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1",
    countFailed: true,
    action: "FailJob",
  });
  assert.deepEqual(
    matchPodFailurePolicy(policy, failed(42, [{ type: "DisruptionTarget", status: "True" }])),
    {
      countFailed: false,
      action: "Ignore",
    },
  );
  assert.deepEqual(matchPodFailurePolicy(policy, failed(7)), { countFailed: true, action: "Count" });
  assert.deepEqual(matchPodFailurePolicy(policy, failed(1)), { countFailed: true });
  assert.deepEqual(matchPodFailurePolicy(undefined, failed(42)), { countFailed: true });
});

Deno.test("a FailJob rule on a pod condition names the condition", () => {
  const policy: PodFailurePolicy = {
    rules: [{ action: "FailJob", onPodConditions: [{ type: "ConfigIssue", status: "True" }] }],
  };
  assert.equal(
    matchPodFailurePolicy(policy, failed(1, [{ type: "ConfigIssue", status: "True" }])).failJobMessage,
    "Pod ns/p has condition ConfigIssue matching FailJob rule at index 0",
  );
});
