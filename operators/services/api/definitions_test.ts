import assert from "node:assert/strict";
import * as v from "valibot";
import { checkStructural } from "@skiff/schema";
import { serviceDefinition, ServiceSchema, servicesDefinitions } from "./mod.ts";

Deno.test("the Service kind has Kubernetes' names, short name, category and status subresource", () => {
  assert.deepEqual(servicesDefinitions, [serviceDefinition]);
  assert.equal(serviceDefinition.group, "");
  assert.equal(serviceDefinition.scope, "Namespaced");
  assert.deepEqual(serviceDefinition.names, {
    plural: "services",
    singular: "service",
    kind: "Service",
    listKind: "ServiceList",
    shortNames: ["svc"],
    categories: ["all"],
  });
  assert.deepEqual(serviceDefinition.versions[0].subresources, { status: {} });
});

Deno.test("the Service schema is structural and carries Kubernetes' list and patch markers", () => {
  const schema = serviceDefinition.versions[0].schema!.openAPIV3Schema!;
  assert.deepEqual(checkStructural(schema).map((e) => e.field), ["properties[metadata]"]);
  const spec = schema.properties!.spec.properties!;
  assert.deepEqual(spec.ports["x-kubernetes-list-map-keys"], ["port", "protocol"]);
  assert.equal(spec.ports["x-kubernetes-patch-merge-key"], "port");
  assert.deepEqual(spec.ports.items!.required, ["port"]);
  assert.equal(spec.ports.items!.properties!.protocol.default, "TCP");
  assert.equal(spec.ports.items!.properties!.targetPort["x-kubernetes-int-or-string"], true);
  assert.equal(spec.selector["x-kubernetes-map-type"], "atomic");
  assert.equal(spec.clusterIPs["x-kubernetes-list-type"], "atomic");
  const conditions = schema.properties!.status.properties!.conditions;
  assert.deepEqual(conditions["x-kubernetes-list-map-keys"], ["type"]);
  assert.match(spec.type.description!, /^type determines how the Service is exposed/);
});

Deno.test("the valibot schema accepts services as users write them", () => {
  assert.ok(
    v.safeParse(ServiceSchema, {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: {
        type: "NodePort",
        selector: { app: "web" },
        ports: [{ port: 80, targetPort: "http", nodePort: 30080 }],
      },
    }).success,
  );
  assert.equal(v.safeParse(ServiceSchema, { spec: { ports: [{ port: "80" }] } }).success, false);
});
