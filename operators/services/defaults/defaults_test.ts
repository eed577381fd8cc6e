import assert from "node:assert/strict";
import type { Service } from "../api/service.ts";
import { defaultService, prepareServiceCreate, prepareServiceUpdate } from "./mod.ts";

Deno.test("a bare service defaults to ClusterIP, affinity None, TCP and targetPort = port", () => {
  const svc = defaultService({
    spec: { ports: [{ port: 80 }, { port: 53, protocol: "UDP", targetPort: "dns" }] },
  });
  assert.deepEqual(svc.spec, {
    sessionAffinity: "None",
    type: "ClusterIP",
    internalTrafficPolicy: "Cluster",
    ports: [{ port: 80, protocol: "TCP", targetPort: 80 }, { port: 53, protocol: "UDP", targetPort: "dns" }],
  });
});

Deno.test("NodePort and LoadBalancer services get externalTrafficPolicy Cluster; LoadBalancer allocates node ports", () => {
  assert.equal(defaultService({ spec: { type: "NodePort" } }).spec?.externalTrafficPolicy, "Cluster");
  const lb = defaultService({
    spec: { type: "LoadBalancer" },
    status: { loadBalancer: { ingress: [{ ip: "192.0.2.1" }, { hostname: "lb.example.com" }] } },
  });
  assert.equal(lb.spec?.allocateLoadBalancerNodePorts, true);
  assert.deepEqual(lb.status?.loadBalancer?.ingress, [{ ip: "192.0.2.1", ipMode: "VIP" }, {
    hostname: "lb.example.com",
  }]);
  assert.equal(defaultService({ spec: { type: "ClusterIP" } }).spec?.externalTrafficPolicy, undefined);
  assert.equal(
    defaultService({ spec: { type: "ClusterIP", externalIPs: ["192.0.2.2"] } }).spec?.externalTrafficPolicy,
    "Cluster",
  );
  assert.equal(defaultService({ spec: { type: "ExternalName" } }).spec?.internalTrafficPolicy, undefined);
});

Deno.test("ClientIP affinity gets the three-hour timeout and None drops a config", () => {
  assert.deepEqual(
    defaultService({ spec: { sessionAffinity: "ClientIP" } }).spec?.sessionAffinityConfig,
    { clientIP: { timeoutSeconds: 10800 } },
  );
  assert.equal(
    defaultService({ spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } } }).spec
      ?.sessionAffinityConfig,
    undefined,
  );
});

Deno.test("a create mirrors clusterIP into clusterIPs and takes this cluster's IPv4 single stack", () => {
  const svc: Service = {
    spec: { clusterIP: "None", type: "ClusterIP" },
    status: { loadBalancer: { ingress: [{ ip: "1.2.3.4" }] } },
  };
  prepareServiceCreate(svc);
  assert.deepEqual(svc.spec?.clusterIPs, ["None"]);
  assert.deepEqual(svc.spec?.ipFamilies, ["IPv4"]);
  assert.equal(svc.spec?.ipFamilyPolicy, "SingleStack");
  assert.deepEqual(svc.status, { loadBalancer: {} });
  const ext: Service = { spec: { type: "ExternalName", externalName: "example.com" } };
  prepareServiceCreate(ext);
  assert.equal(ext.spec?.ipFamilies, undefined);
});

Deno.test("an update keeps allocated values a client left out and wipes what a type change leaves behind", () => {
  const old: Service = {
    spec: {
      type: "NodePort",
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      externalTrafficPolicy: "Cluster",
      ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: 80, nodePort: 30080 }],
    },
    status: { loadBalancer: {} },
  };
  const resubmitted: Service = defaultService({
    spec: { type: "NodePort", ports: [{ name: "http", port: 80 }] },
  });
  prepareServiceUpdate(resubmitted, old);
  assert.equal(resubmitted.spec?.clusterIP, "10.96.0.10");
  assert.deepEqual(resubmitted.spec?.clusterIPs, ["10.96.0.10"]);
  assert.equal(resubmitted.spec?.ports?.[0].nodePort, 30080);

  const toClusterIP: Service = structuredClone(old);
  toClusterIP.spec!.type = "ClusterIP";
  prepareServiceUpdate(toClusterIP, old);
  assert.equal(toClusterIP.spec?.ports?.[0].nodePort, undefined);
  assert.equal(toClusterIP.spec?.externalTrafficPolicy, undefined);
  assert.equal(toClusterIP.spec?.clusterIP, "10.96.0.10");

  const toName: Service = structuredClone(old);
  toName.spec!.type = "ExternalName";
  toName.spec!.externalName = "example.com";
  prepareServiceUpdate(toName, old);
  assert.equal(toName.spec?.clusterIP, undefined);
  assert.equal(toName.spec?.clusterIPs, undefined);
  assert.equal(toName.spec?.ipFamilies, undefined);
  assert.equal(toName.spec?.ipFamilyPolicy, undefined);
});
