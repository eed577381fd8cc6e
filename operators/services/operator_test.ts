import assert from "node:assert/strict";
import { ApiError, eventually } from "@skiff/sdk";
import type { Service } from "./api/service.ts";
import { servicesResource } from "./resources.ts";
import { startServicesCore } from "./_testing.ts";

function svc(name: string, spec: Service["spec"]): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name }, spec };
}

/** The code and message of the Status a refused write answered with. */
async function refusal(p: Promise<unknown>): Promise<[number, string]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return [e.code, e.status.message ?? ""];
    throw e;
  }
  assert.fail("the write was accepted");
}

Deno.test("a created service gets Kubernetes' defaults and a cluster IP from 10.96.0.0/12", async () => {
  const s = await startServicesCore();
  try {
    const created = await s.client.resource(servicesResource).namespace("default").create(
      svc("web", { selector: { app: "web" }, ports: [{ port: 80 }] }),
    );
    const spec = created.spec!;
    assert.equal(spec.type, "ClusterIP");
    assert.equal(spec.sessionAffinity, "None");
    assert.equal(spec.internalTrafficPolicy, "Cluster");
    assert.equal(spec.ipFamilyPolicy, "SingleStack");
    assert.deepEqual(spec.ipFamilies, ["IPv4"]);
    assert.deepEqual(spec.ports, [{ port: 80, protocol: "TCP", targetPort: 80 }]);
    assert.ok(s.allocator().range.contains(spec.clusterIP!), String(spec.clusterIP));
    assert.notEqual(spec.clusterIP, "10.96.0.1");
    assert.deepEqual(spec.clusterIPs, [spec.clusterIP]);
    assert.deepEqual(created.status, { loadBalancer: {} });
  } finally {
    await s.close();
  }
});

Deno.test("the module creates the kubernetes service on the first address of the range", async () => {
  const s = await startServicesCore({ serviceCIDR: "10.43.0.0/16", apiServerPort: 7443 });
  try {
    const k = await eventually(
      "the kubernetes service exists",
      () => s.client.resource(servicesResource).namespace("default").get("kubernetes").catch(() => undefined),
    );
    assert.equal(k.spec?.clusterIP, "10.43.0.1");
    assert.deepEqual(k.metadata?.labels, { component: "apiserver", provider: "kubernetes" });
    assert.deepEqual(k.spec?.ports, [{ name: "https", port: 443, protocol: "TCP", targetPort: 7443 }]);
    assert.equal(k.spec?.type, "ClusterIP");
  } finally {
    await s.close();
  }
});

Deno.test("fifty concurrent creates never get the same cluster IP or node port", async () => {
  // 62 addresses and 64 ports: random picks would collide often if allocation were not serialized.
  const s = await startServicesCore({ serviceCIDR: "10.0.0.0/26", nodePortRange: "30000-30063" });
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    const created = await Promise.all(
      Array.from(
        { length: 50 },
        (_, i) => services.create(svc(`s${i}`, { type: "NodePort", ports: [{ port: 80 }] })),
      ),
    );
    const ips = created.map((c) => c.spec!.clusterIP!);
    const ports = created.map((c) => c.spec!.ports![0].nodePort!);
    assert.equal(new Set(ips).size, 50);
    assert.equal(new Set(ports).size, 50);
    assert.ok(ips.every((ip) => s.allocator().range.contains(ip)));
    assert.ok(ports.every((p) => p >= 30000 && p <= 30063));
    assert.ok(!ips.includes("10.0.0.1"), "10.0.0.1 is the kubernetes service's");
  } finally {
    await s.close();
  }
});

Deno.test("a requested cluster IP or node port that is taken or out of range is refused as Kubernetes words it", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    await services.create(
      svc("a", { type: "NodePort", clusterIP: "10.96.0.50", ports: [{ port: 80, nodePort: 30080 }] }),
    );
    assert.deepEqual(
      await refusal(services.create(svc("b", { clusterIP: "10.96.0.50", ports: [{ port: 80 }] }))),
      [
        422,
        'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated',
      ],
    );
    assert.deepEqual(
      await refusal(services.create(svc("b", { clusterIP: "192.168.0.10", ports: [{ port: 80 }] }))),
      [
        422,
        'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.10"}: failed to allocate IP 192.168.0.10: the provided IP (192.168.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      ],
    );
    assert.deepEqual(
      await refusal(
        services.create(
          svc("b", {
            type: "NodePort",
            ports: [{ name: "a", port: 80 }, { name: "b", port: 81, nodePort: 30080 }],
          }),
        ),
      ),
      [
        422,
        'Service "b" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated',
      ],
    );
    assert.deepEqual(
      await refusal(services.create(svc("b", { type: "NodePort", ports: [{ port: 80, nodePort: 8080 }] }))),
      [
        422,
        'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
      ],
    );
    // Nothing the refused creates allocated stays taken.
    const b = await services.create(svc("b", { type: "NodePort", ports: [{ port: 80 }] }));
    assert.ok(b.spec!.ports![0].nodePort! >= 30000);
    await eventually("the kubernetes service holds 10.96.0.1", () => s.allocator().hasIP("10.96.0.1"));
    assert.deepEqual(s.allocator().used, { ips: 3, ports: 2 });
  } finally {
    await s.close();
  }
});

Deno.test("deleting a service frees its cluster IP and node port for the next service at once", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    const spec = { type: "NodePort", clusterIP: "10.96.1.1", ports: [{ port: 80, nodePort: 31000 }] };
    await services.create(svc("first", spec));
    await services.delete("first");
    const second = await services.create(svc("second", structuredClone(spec)));
    assert.equal(second.spec?.clusterIP, "10.96.1.1");
    assert.equal(second.spec?.ports?.[0].nodePort, 31000);
    // The same name again, right after its delete.
    await services.delete("second");
    const again = await services.create(svc("second", structuredClone(spec)));
    assert.equal(again.spec?.clusterIP, "10.96.1.1");
  } finally {
    await s.close();
  }
});

Deno.test("a type change to ClusterIP releases node ports and one to ExternalName releases the cluster IP", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    const np = await services.create(svc("np", { type: "NodePort", ports: [{ port: 80, nodePort: 31500 }] }));
    const ip = np.spec!.clusterIP!;
    const asClusterIP = await services.update({ ...np, spec: { ...np.spec, type: "ClusterIP" } });
    assert.equal(asClusterIP.spec?.ports?.[0].nodePort, undefined);
    assert.equal(asClusterIP.spec?.externalTrafficPolicy, undefined);
    const other = await services.create(
      svc("other", { type: "NodePort", ports: [{ port: 80, nodePort: 31500 }] }),
    );
    assert.equal(other.spec?.ports?.[0].nodePort, 31500);

    const asName = await services.update({
      ...asClusterIP,
      spec: { ...asClusterIP.spec, type: "ExternalName", externalName: "example.com" },
    });
    assert.equal(asName.spec?.clusterIP, undefined);
    assert.equal(asName.spec?.ipFamilies, undefined);
    const takes = await services.create(svc("takes", { clusterIP: ip, ports: [{ port: 80 }] }));
    assert.equal(takes.spec?.clusterIP, ip);

    // Back from ExternalName: a new address is allocated.
    const back = await services.update({
      ...asName,
      spec: { ...asName.spec, type: "ClusterIP", externalName: undefined },
    });
    assert.ok(back.spec?.clusterIP && back.spec.clusterIP !== ip);
  } finally {
    await s.close();
  }
});

Deno.test("a cluster IP may not change once set and a resubmitted object keeps what was allocated", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    const created = await services.create(
      svc("web", { type: "NodePort", ports: [{ name: "http", port: 80 }] }),
    );
    const [code, message] = await refusal(
      services.update({
        ...created,
        spec: { ...created.spec, clusterIP: "10.96.9.9", clusterIPs: ["10.96.9.9"] },
      }),
    );
    assert.equal(code, 422);
    assert.equal(
      message,
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.9.9"}: may not change once set',
    );
    // `kubectl replace -f` of the original manifest: no clusterIP, no nodePort.
    const replaced = await services.update({
      ...svc("web", { type: "NodePort", ports: [{ name: "http", port: 80 }] }),
      metadata: { name: "web", resourceVersion: created.metadata!.resourceVersion },
    });
    assert.equal(replaced.spec?.clusterIP, created.spec?.clusterIP);
    assert.equal(replaced.spec?.ports?.[0].nodePort, created.spec?.ports?.[0].nodePort);
  } finally {
    await s.close();
  }
});

Deno.test("a dry-run create allocates nothing", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    await eventually("the kubernetes service holds 10.96.0.1", () => s.allocator().hasIP("10.96.0.1"));
    const before = s.allocator().used;
    const dry = await services.create(
      svc("dry", { type: "NodePort", clusterIP: "10.96.3.3", ports: [{ port: 80, nodePort: 30303 }] }),
      { dryRun: true },
    );
    assert.equal(dry.spec?.clusterIP, "10.96.3.3");
    assert.deepEqual(s.allocator().used, before);
    const real = await services.create(
      svc("real", { type: "NodePort", clusterIP: "10.96.3.3", ports: [{ port: 80, nodePort: 30303 }] }),
    );
    assert.equal(real.spec?.clusterIP, "10.96.3.3");
  } finally {
    await s.close();
  }
});

Deno.test("a full range answers Kubernetes' range is full error", async () => {
  // A /29 offers six addresses; the kubernetes service holds the first.
  const s = await startServicesCore({ serviceCIDR: "10.1.0.0/29" });
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    await eventually("the kubernetes service holds 10.1.0.1", () => s.allocator().hasIP("10.1.0.1"));
    for (let i = 0; i < 5; i++) await services.create(svc(`s${i}`, { ports: [{ port: 80 }] }));
    assert.deepEqual(
      await refusal(services.create(svc("full", { ports: [{ port: 80 }] }))),
      [500, "Internal error occurred: failed to allocate a serviceIP: range is full"],
    );
    await services.delete("s0");
    await services.create(svc("fits", { ports: [{ port: 80 }] }));
  } finally {
    await s.close();
  }
});

Deno.test("a reinstalled module rebuilds its allocations from the stored services", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    await services.create(
      svc("kept", { type: "NodePort", clusterIP: "10.96.7.7", ports: [{ port: 80, nodePort: 30777 }] }),
    );
    await s.host.uninstall("services");
    await s.host.install("services");
    await s.allocator().waitReady(10_000);
    assert.ok(s.allocator().hasIP("10.96.7.7"));
    assert.ok(s.allocator().hasNodePort(30777));
    const [code, message] = await refusal(
      services.create(svc("thief", { clusterIP: "10.96.7.7", ports: [{ port: 80 }] })),
    );
    assert.equal(code, 422);
    assert.match(message, /provided IP is already allocated/);
  } finally {
    await s.close();
  }
});

Deno.test("Kubernetes' validation messages come back as a 422 naming every field", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    assert.deepEqual(
      await refusal(services.create(svc("no-ports", { selector: { app: "x" } }))),
      [422, 'Service "no-ports" is invalid: spec.ports: Required value'],
    );
    assert.deepEqual(
      await refusal(services.create(svc("ext", { type: "ExternalName" }))),
      [422, 'Service "ext" is invalid: spec.externalName: Required value'],
    );
    assert.deepEqual(
      await refusal(
        services.create(svc("two", { ports: [{ port: 80 }, { port: 70000, name: "b", protocol: "ICMP" }] })),
      ),
      [
        422,
        'Service "two" is invalid: [spec.ports[0].name: Required value, spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP", spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
      ],
    );
    assert.deepEqual(
      await refusal(services.create(svc("1bad", { ports: [{ port: 80 }] }))),
      [
        422,
        `Service "1bad" is invalid: metadata.name: Invalid value: "1bad": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    );
    // Headless services need no ports.
    const headless = await services.create(svc("db", { clusterIP: "None", selector: { app: "db" } }));
    assert.deepEqual(headless.spec?.clusterIPs, ["None"]);
  } finally {
    await s.close();
  }
});

Deno.test("a load balancer gets node ports, a Local one a health-check port, and its status takes ingress with ipMode VIP", async () => {
  const s = await startServicesCore();
  try {
    const services = s.client.resource(servicesResource).namespace("default");
    const lb = await services.create(svc("lb", { type: "LoadBalancer", ports: [{ port: 443 }] }));
    assert.equal(lb.spec?.allocateLoadBalancerNodePorts, true);
    assert.equal(lb.spec?.externalTrafficPolicy, "Cluster");
    assert.ok(lb.spec?.ports?.[0].nodePort);
    const updated = await services.updateStatus({
      ...lb,
      status: { loadBalancer: { ingress: [{ ip: "192.0.2.10" }] } },
    });
    assert.deepEqual(updated.status?.loadBalancer?.ingress, [{ ip: "192.0.2.10", ipMode: "VIP" }]);
    const local = await services.create(
      svc("local", { type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ port: 443 }] }),
    );
    const hc = local.spec?.healthCheckNodePort;
    assert.ok(hc && hc >= 30000 && hc <= 32767 && hc !== local.spec?.ports?.[0].nodePort, String(hc));
    assert.ok(s.allocator().hasNodePort(hc));
    const cip = await services.create(svc("cip", { ports: [{ port: 80 }] }));
    const [code, message] = await refusal(
      services.updateStatus({ ...cip, status: { loadBalancer: { ingress: [{ ip: "192.0.2.11" }] } } }),
    );
    assert.equal(code, 422);
    assert.match(
      message,
      /status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'/,
    );
  } finally {
    await s.close();
  }
});
