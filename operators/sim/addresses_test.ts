import assert from "node:assert/strict";
import { MAX_SIMULATED_NODES, nodeInternalIp, podCidr, PodIpAllocator } from "./addresses.ts";

Deno.test("pod CIDRs are 10.244.X.0/24 for the first 256 nodes and stay distinct beyond", () => {
  assert.equal(podCidr(0), "10.244.0.0/24");
  assert.equal(podCidr(255), "10.244.255.0/24");
  assert.equal(podCidr(256), "10.245.0.0/24");
  assert.equal(podCidr(12 * 256), "100.64.0.0/24");
  const all = new Set(Array.from({ length: MAX_SIMULATED_NODES }, (_, i) => podCidr(i)));
  assert.equal(all.size, MAX_SIMULATED_NODES);
  assert.throws(() => podCidr(MAX_SIMULATED_NODES), RangeError);
});

Deno.test("node InternalIPs are private and distinct, starting past the gateway address", () => {
  assert.equal(nodeInternalIp(0), "172.16.0.2");
  assert.equal(nodeInternalIp(254), "172.16.1.0");
  const all = new Set(Array.from({ length: MAX_SIMULATED_NODES }, (_, i) => nodeInternalIp(i)));
  assert.equal(all.size, MAX_SIMULATED_NODES);
  assert.ok([...all].every((ip) => ip.startsWith("172.16.") || ip.startsWith("172.17.")));
});

Deno.test("the allocator gives each pod one IP in its node's CIDR and reuses freed ones", () => {
  const ips = new PodIpAllocator();
  assert.equal(ips.allocate(3, "a"), "10.244.3.2");
  assert.equal(ips.allocate(3, "b"), "10.244.3.3");
  assert.equal(ips.allocate(3, "a"), "10.244.3.2");
  assert.equal(ips.allocate(4, "c"), "10.244.4.2");
  ips.release("a");
  assert.equal(ips.inUse(3), 1);
  assert.equal(ips.allocate(3, "d"), "10.244.3.2");
});

Deno.test("the allocator answers undefined once a node's 253 addresses are taken", () => {
  const ips = new PodIpAllocator();
  for (let i = 0; i < 253; i++) assert.ok(ips.allocate(0, `p${i}`));
  assert.equal(ips.allocate(0, "one-too-many"), undefined);
});

Deno.test("reserved IPs are kept for their pod and not handed to another", () => {
  const ips = new PodIpAllocator();
  assert.equal(ips.reserve(1, "old", "10.244.1.2"), true);
  assert.equal(ips.reserve(1, "other", "10.244.1.2"), false);
  assert.equal(ips.reserve(1, "x", "10.244.2.9"), false, "not in node 1's CIDR");
  assert.equal(ips.allocate(1, "new"), "10.244.1.3");
  assert.equal(ips.allocate(1, "old"), "10.244.1.2");
});
