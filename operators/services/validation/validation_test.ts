import assert from "node:assert/strict";
import type { Service } from "../api/service.ts";
import { defaultService, prepareServiceCreate } from "../defaults/mod.ts";
import { validateService, validateServiceStatus, validateServiceUpdate } from "./mod.ts";

/** A service as it reaches validation: defaulted and prepared. */
function prepared(name: string, spec: Service["spec"]): Service {
  const svc = defaultService({ metadata: { name }, spec });
  prepareServiceCreate(svc);
  return svc;
}

function messages(errors: { field?: string; message: string }[]): string[] {
  return errors.map((e) => `${e.field}: ${e.message}`);
}

Deno.test("a defaulted service with ports is valid, and so is a headless one without", () => {
  assert.deepEqual(validateService(prepared("web", { ports: [{ port: 80 }] })), []);
  assert.deepEqual(validateService(prepared("db", { clusterIP: "None" })), []);
  assert.deepEqual(
    validateService(prepared("ext", { type: "ExternalName", externalName: "db.example.com." })),
    [],
  );
});

Deno.test("ports need names when there are several, unique names, valid numbers and protocols", () => {
  assert.deepEqual(
    messages(validateService(prepared("web", {
      ports: [
        { name: "http", port: 80 },
        { name: "http", port: 0, protocol: "HTTP", targetPort: "Web_Port" },
        { port: 80 },
      ],
    }))),
    [
      'spec.ports[1].name: Duplicate value: "http"',
      "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      'spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[1].targetPort: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      "spec.ports[2].name: Required value",
      'spec.ports[2]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
  );
});

Deno.test("type-specific rules: ExternalName needs a name, NodePort may not be headless, ClusterIP has no node ports", () => {
  assert.deepEqual(
    messages(validateService(prepared("e", { type: "ExternalName", externalName: "Not A Host" }))),
    [
      `spec.externalName: Invalid value: "Not A Host": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
  );
  assert.deepEqual(
    messages(validateService(prepared("n", { type: "NodePort", clusterIP: "None", ports: [{ port: 80 }] }))),
    [
      `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`,
    ],
  );
  assert.deepEqual(messages(validateService(prepared("c", { ports: [{ port: 80, nodePort: 30000 }] }))), [
    "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
  ]);
  assert.deepEqual(messages(validateService(prepared("t", { type: "Magic", ports: [{ port: 80 }] }))), [
    'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  ]);
});

Deno.test("cluster IPs must be addresses of this IPv4 cluster and in step with clusterIP", () => {
  assert.deepEqual(
    messages(validateService(prepared("a", { clusterIP: "10.96.0.300", ports: [{ port: 80 }] }))),
    [
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
  );
  assert.deepEqual(
    messages(
      validateService(
        prepared("b", { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.6"], ports: [{ port: 80 }] }),
      ),
    ),
    ['spec.clusterIPs: Invalid value: []string{"10.96.0.6"}: first value must match `clusterIP`'],
  );
  assert.deepEqual(
    messages(validateService(prepared("c", { ipFamilyPolicy: "RequireDualStack", ports: [{ port: 80 }] }))),
    ['spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services'],
  );
});

Deno.test("an update may not change the cluster IP, and the status may only list ingress for a LoadBalancer", () => {
  const old = prepared("web", { clusterIP: "10.96.0.5", ports: [{ port: 80 }] });
  const changed = structuredClone(old);
  changed.spec!.clusterIP = "10.96.0.6";
  changed.spec!.clusterIPs = ["10.96.0.6"];
  assert.deepEqual(messages(validateServiceUpdate(changed, old)), [
    'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.6"}: may not change once set',
  ]);
  assert.deepEqual(validateServiceUpdate(structuredClone(old), old), []);
  assert.deepEqual(
    messages(
      validateServiceStatus({
        spec: { type: "LoadBalancer" },
        status: { loadBalancer: { ingress: [{ ip: "x" }] } },
      }),
    ),
    [
      'status.loadBalancer.ingress[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      "status.loadBalancer.ingress[0].ipMode: Required value: must be specified when `ip` is set",
    ],
  );
});

Deno.test("a Local LoadBalancer needs its health-check node port once allocated, not before", () => {
  const lb = prepared("lb", {
    type: "LoadBalancer",
    externalTrafficPolicy: "Local",
    ports: [{ port: 80, nodePort: 30001 }],
  });
  assert.deepEqual(validateService(lb, { allocating: true }), []);
  assert.deepEqual(messages(validateService(lb)), ["spec.healthCheckNodePort: Required value"]);
  const np = prepared("np", { type: "NodePort", healthCheckNodePort: 30002, ports: [{ port: 80 }] });
  assert.deepEqual(messages(validateService(np)), [
    "spec.healthCheckNodePort: Invalid value: 30002: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
  ]);
});

Deno.test("selector keys and appProtocols are label keys, worded as Kubernetes words them", () => {
  const NAME_PART =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  assert.deepEqual(
    messages(validateService(prepared("web", {
      ports: [{ port: 80, appProtocol: "example.com/" }],
      selector: { "a/b/c": "x" },
    }))),
    [
      'spec.ports[0].appProtocol: Invalid value: "example.com/": name part must be non-empty',
      `spec.ports[0].appProtocol: Invalid value: "example.com/": ${NAME_PART}`,
      `spec.selector: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  );
});
