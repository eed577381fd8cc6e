import assert from "node:assert/strict";
import {
  DEFAULT_NODE_TEMPLATE,
  formatMicroTime,
  heartbeatConditions,
  nodeLease,
  simulatedNode,
  stableHex,
} from "./node_object.ts";

const now = new Date("2026-11-23T10:00:00.123Z");

Deno.test("simulated nodes spread over zones a, b and c and carry kwok's label and annotation", () => {
  const zones = [0, 1, 2, 3].map((i) =>
    simulatedNode(i, DEFAULT_NODE_TEMPLATE, now).metadata!.labels!["topology.kubernetes.io/zone"]
  );
  assert.deepEqual(zones, ["zone-a", "zone-b", "zone-c", "zone-a"]);
  const node = simulatedNode(0, DEFAULT_NODE_TEMPLATE, now);
  assert.equal(node.metadata?.labels?.type, "kwok");
  assert.equal(node.metadata?.annotations?.["kwok.x-k8s.io/node"], "fake");
  assert.deepEqual(node.spec?.podCIDRs, ["10.244.0.0/24"]);
});

Deno.test("a node's identity (machine and boot IDs) is the same every time it is registered", () => {
  const a = simulatedNode(5, DEFAULT_NODE_TEMPLATE, now).status!.nodeInfo!;
  const b = simulatedNode(5, DEFAULT_NODE_TEMPLATE, new Date()).status!.nodeInfo!;
  assert.equal(a.machineID, b.machineID);
  assert.equal(a.systemUUID, b.systemUUID);
  assert.notEqual(a.systemUUID, simulatedNode(6, DEFAULT_NODE_TEMPLATE, now).status!.nodeInfo!.systemUUID);
  assert.match(a.systemUUID, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const hex = stableHex("x", 64);
  assert.equal(hex.length, 64);
  assert.equal(new Set(hex.match(/.{8}/g)).size, 8, "no 8-digit block repeats");
});

Deno.test("a heartbeat moves lastHeartbeatTime and keeps lastTransitionTime", () => {
  const conditions = simulatedNode(0, DEFAULT_NODE_TEMPLATE, now).status!.conditions!;
  const later = heartbeatConditions(conditions, new Date("2026-11-23T10:05:00Z"));
  for (const c of later) {
    assert.equal(c.lastHeartbeatTime, "2026-11-23T10:05:00Z");
    assert.equal(c.lastTransitionTime, "2026-11-23T10:00:00Z");
  }
});

Deno.test("node leases hold the node's name for 40 s with a microsecond renew time", () => {
  const lease = nodeLease({ metadata: { name: "sim-node-0", uid: "u" } }, now);
  assert.equal(lease.metadata?.namespace, "kube-node-lease");
  assert.equal(lease.spec?.holderIdentity, "sim-node-0");
  assert.equal(lease.spec?.leaseDurationSeconds, 40);
  assert.equal(lease.spec?.renewTime, "2026-11-23T10:00:00.123000Z");
  assert.equal(formatMicroTime(new Date(0)), "1970-01-01T00:00:00.000000Z");
  assert.deepEqual(lease.metadata?.ownerReferences, [{
    apiVersion: "v1",
    kind: "Node",
    name: "sim-node-0",
    uid: "u",
  }]);
});
