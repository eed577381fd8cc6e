import assert from "node:assert/strict";
import type { Pod } from "../api/pod.ts";
import { defaultPod, fillPodDefaults } from "./pod.ts";

const withContainers = (...images: string[]): Pod => ({
  metadata: { name: "web" },
  spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) },
});

Deno.test("imagePullPolicy defaults to Always for :latest or no tag, IfNotPresent otherwise", () => {
  const pod = defaultPod(withContainers(
    "nginx",
    "nginx:latest",
    "nginx:1.27",
    "registry.local:5000/team/app",
    "registry.local:5000/team/app:v2",
    "nginx@sha256:0123456789abcdef",
  ));
  assert.deepEqual(pod.spec!.containers.map((c) => c.imagePullPolicy), [
    "Always",
    "Always",
    "IfNotPresent",
    "Always",
    "IfNotPresent",
    "IfNotPresent",
  ]);
});

Deno.test("a defaulted pod carries the spec defaults kubectl shows", () => {
  const spec = defaultPod(withContainers("nginx:1.27")).spec!;
  assert.equal(spec.restartPolicy, "Always");
  assert.equal(spec.dnsPolicy, "ClusterFirst");
  assert.equal(spec.terminationGracePeriodSeconds, 30);
  assert.equal(spec.schedulerName, "default-scheduler");
  assert.equal(spec.enableServiceLinks, true);
  assert.deepEqual(spec.securityContext, {});
  assert.equal(spec.containers[0].terminationMessagePath, "/dev/termination-log");
  assert.equal(spec.containers[0].terminationMessagePolicy, "File");
});

Deno.test("probes, ports and volumes get their defaults", () => {
  const pod = defaultPod({
    spec: {
      containers: [{
        name: "web",
        image: "nginx:1.27",
        ports: [{ containerPort: 80 }],
        readinessProbe: { httpGet: { port: 80 } },
        env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
      }],
      volumes: [{ name: "scratch" }, { name: "cfg", configMap: { name: "cfg" } }, {
        name: "host",
        hostPath: { path: "/x" },
      }],
    },
  });
  const c = pod.spec!.containers[0];
  assert.equal(c.ports![0].protocol, "TCP");
  assert.deepEqual(
    [
      c.readinessProbe!.timeoutSeconds,
      c.readinessProbe!.periodSeconds,
      c.readinessProbe!.successThreshold,
      c.readinessProbe!.failureThreshold,
    ],
    [1, 10, 1, 3],
  );
  assert.deepEqual([c.readinessProbe!.httpGet!.path, c.readinessProbe!.httpGet!.scheme], ["/", "HTTP"]);
  assert.equal(c.env![0].valueFrom!.fieldRef!.apiVersion, "v1");
  assert.deepEqual(pod.spec!.volumes![0], { name: "scratch", emptyDir: {} });
  assert.equal(pod.spec!.volumes![1].configMap!.defaultMode, 420);
  assert.equal(pod.spec!.volumes![2].hostPath!.type, "");
});

Deno.test("a pod's limits become its requests where no request is given", () => {
  const pod = defaultPod({
    spec: {
      containers: [{
        name: "web",
        image: "a",
        resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "100m" } },
      }],
    },
  });
  assert.deepEqual(pod.spec!.containers[0].resources!.requests, { cpu: "100m", memory: "1Gi" });
});

Deno.test("under hostNetwork every container port is also a host port", () => {
  const pod = defaultPod({
    spec: { hostNetwork: true, containers: [{ name: "web", image: "a", ports: [{ containerPort: 8080 }] }] },
  });
  assert.equal(pod.spec!.containers[0].ports![0].hostPort, 8080);
});

Deno.test("defaulting leaves the given pod unchanged and keeps values that are set", () => {
  const input: Pod = {
    spec: { restartPolicy: "Never", containers: [{ name: "web", image: "a", imagePullPolicy: "Never" }] },
  };
  const before = structuredClone(input);
  const pod = defaultPod(input);
  assert.deepEqual(input, before);
  assert.equal(pod.spec!.restartPolicy, "Never");
  assert.equal(pod.spec!.containers[0].imagePullPolicy, "Never");
});

Deno.test("fillPodDefaults fills the pod itself with what defaultPod returns", () => {
  const pod = withContainers("nginx:1.27", "nginx");
  pod.spec!.containers[0].resources = { limits: { cpu: "1" } };
  const copy = defaultPod(pod);
  assert.equal(pod.spec!.restartPolicy, undefined, "defaultPod leaves its input alone");
  fillPodDefaults(pod);
  assert.deepEqual(pod, copy);
});
