import assert from "node:assert/strict";
import { isScalarResourceName, podResources, resourceFromList } from "./resources.ts";

Deno.test("pod requests sum the containers and take the largest init container as a floor", () => {
  const r = podResources({
    spec: {
      initContainers: [{ name: "i1", resources: { requests: { cpu: "2", memory: "1Gi" } } }, {
        name: "i2",
        resources: { requests: { cpu: "500m", memory: "3Gi" } },
      }],
      containers: [
        { name: "a", resources: { requests: { cpu: "250m", memory: "1Gi" } } },
        { name: "b", resources: { requests: { cpu: "250m", memory: "512Mi" } } },
      ],
    },
  });
  assert.equal(r.requested.milliCPU, 2000);
  assert.equal(r.requested.memory, 3 * 1024 ** 3);
});

Deno.test("sidecars add to the containers and to every later init container", () => {
  const r = podResources({
    spec: {
      initContainers: [
        { name: "sidecar", restartPolicy: "Always", resources: { requests: { cpu: "1" } } },
        { name: "init", resources: { requests: { cpu: "2" } } },
      ],
      containers: [{ name: "a", resources: { requests: { cpu: "500m" } } }],
    },
  });
  // containers 500m + sidecar 1 = 1500m; the init container runs beside the sidecar: 2 + 1 = 3.
  assert.equal(r.requested.milliCPU, 3000);
});

Deno.test("pod overhead is added to the requests", () => {
  const r = podResources({
    spec: {
      containers: [{ name: "a", resources: { requests: { cpu: "1" } } }],
      overhead: { cpu: "250m", memory: "120Mi" },
    },
  });
  assert.equal(r.requested.milliCPU, 1250);
  assert.equal(r.requested.memory, 120 * 1024 * 1024);
});

Deno.test("containers without cpu or memory requests count 100m and 200Mi for scoring only", () => {
  const r = podResources({
    spec: { containers: [{ name: "a" }, { name: "b", resources: { requests: { cpu: "0" } } }] },
  });
  assert.equal(r.requested.milliCPU, 0);
  assert.equal(r.nonZeroMilliCPU, 100); // "b" asked for 0 explicitly, which stays 0
  assert.equal(r.nonZeroMemory, 2 * 200 * 1024 * 1024);
});

Deno.test("fractional quantities round up as Quantity.Value and MilliValue do", () => {
  const r = resourceFromList({ cpu: "0.0001", memory: "1.5", "example.com/gpu": "2", pods: 110 });
  assert.equal(r.milliCPU, 1);
  assert.equal(r.memory, 2);
  assert.equal(r.scalar?.get("example.com/gpu"), 2);
  assert.equal(r.allowedPodNumber, 110);
});

Deno.test("scalar resources are extended, hugepages and attachable-volumes names", () => {
  assert.deepEqual(
    ["nvidia.com/gpu", "hugepages-2Mi", "attachable-volumes-aws-ebs", "cpu", "requests.foo/bar"].map(
      isScalarResourceName,
    ),
    [true, true, true, false, false],
  );
});
