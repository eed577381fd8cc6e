import assert from "node:assert/strict";
import type { Service } from "../api/service.ts";
import { servicePrinter, servicesPrinters } from "./mod.ts";

const now = Date.parse("2026-01-01T00:10:00Z");
const created = "2026-01-01T00:05:00Z";

function cells(svc: Service): unknown[] {
  return servicePrinter.row({ metadata: { name: "s", creationTimestamp: created }, ...svc } as never, now)
    .cells;
}

Deno.test("services print NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE and a wide SELECTOR", () => {
  assert.deepEqual(servicesPrinters.get("core/Service")!.columns.map((c) => [c.name, c.priority]), [
    ["Name", 0],
    ["Type", 0],
    ["Cluster-IP", 0],
    ["External-IP", 0],
    ["Port(s)", 0],
    ["Age", 0],
    ["Selector", 1],
  ]);
  assert.deepEqual(
    cells({
      spec: {
        type: "NodePort",
        clusterIPs: ["10.96.4.2"],
        selector: { tier: "web", app: "shop" },
        ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 53, protocol: "UDP" }],
      },
    }),
    ["s", "NodePort", "10.96.4.2", "<none>", "80:30080/TCP,53/UDP", "5m", "app=shop,tier=web"],
  );
});

Deno.test("EXTERNAL-IP reads <pending> for a LoadBalancer without ingress and the name for ExternalName", () => {
  assert.deepEqual(
    cells({
      spec: {
        type: "LoadBalancer",
        clusterIPs: ["10.96.0.9"],
        ports: [{ port: 443, nodePort: 31443, protocol: "TCP" }],
      },
    }).slice(1, 5),
    [
      "LoadBalancer",
      "10.96.0.9",
      "<pending>",
      "443:31443/TCP",
    ],
  );
  assert.equal(
    cells({
      spec: { type: "LoadBalancer", externalIPs: ["198.51.100.7"] },
      status: {
        loadBalancer: { ingress: [{ ip: "192.0.2.9" }, { hostname: "lb.example.com" }, { ip: "192.0.2.9" }] },
      },
    })[3],
    "192.0.2.9,lb.example.com,198.51.100.7",
  );
  assert.deepEqual(cells({ spec: { type: "ExternalName", externalName: "db.example.com" } }).slice(1, 5), [
    "ExternalName",
    "<none>",
    "db.example.com",
    "<none>",
  ]);
  assert.deepEqual(cells({ spec: { type: "ClusterIP", clusterIPs: ["None"] } })[2], "None");
});
