/**
 * kubectl's printer for Services (printService in kubernetes/pkg/printers/internalversion/printers.go),
 * as the API server runs it for Tables: with GenerateOptions{Wide: true}, so the Selector cell is always
 * there (kubectl shows it with `-o wide`) and load-balancer addresses are not clipped.
 *
 * @module
 */
import { age, AGE_COLUMN, column, NAME_COLUMN, type Printer } from "@skiff/api";
import type { Service, ServicePort } from "../api/service.ts";

const TYPE_DOC =
  'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types';
const CLUSTER_IP_DOC =
  'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies';
const EXTERNAL_IPS_DOC =
  "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.";
const PORTS_DOC =
  "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";
const SELECTOR_DOC =
  "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/";

/**
 * makePortString: `80/TCP`, `80:30080/TCP` with a node port, joined by commas.
 *
 * @example
 * ```ts
 * import { servicePorts } from "@skiff/services";
 *
 * servicePorts([{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 53, protocol: "UDP" }]); // "80:30080/TCP,53/UDP"
 * ```
 */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((p) =>
    p.nodePort && p.nodePort > 0
      ? `${p.port}:${p.nodePort}/${p.protocol ?? ""}`
      : `${p.port}/${p.protocol ?? ""}`
  ).join(",");
}

/**
 * getServiceExternalIP: externalIPs for ClusterIP and NodePort (`<none>` without), the load balancer's
 * ingress IPs or hostnames then externalIPs for LoadBalancer (`<pending>` while it has none), the
 * externalName for ExternalName.
 *
 * @example
 * ```ts
 * import { serviceExternalIP } from "@skiff/services";
 *
 * serviceExternalIP({ spec: { type: "LoadBalancer" } }); // "<pending>"
 * ```
 */
export function serviceExternalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case "ClusterIP":
    case "NodePort":
      return external.length ? external.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = [
        ...new Set(
          (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || "").filter((s) => s),
        ),
      ].sort();
      if (external.length) return [...lb, ...external].join(",");
      return lb.length ? lb.join(",") : "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
  }
  return "<unknown>";
}

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(",") : "<none>";
}

/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.
 *
 * @example
 * ```ts
 * import { servicePrinter } from "@skiff/services";
 *
 * servicePrinter.row(svc, Date.now()).cells; // ["web", "NodePort", "10.96.12.7", "<none>", "80:30080/TCP", "5m", "app=web"]
 * ```
 */
export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Type", "string", TYPE_DOC),
    column("Cluster-IP", "string", CLUSTER_IP_DOC),
    column("External-IP", "string", EXTERNAL_IPS_DOC),
    column("Port(s)", "string", PORTS_DOC),
    AGE_COLUMN,
    column("Selector", "string", SELECTOR_DOC, { priority: 1 }),
  ],
  row(obj, now) {
    const svc = obj as Service;
    return {
      cells: [
        svc.metadata?.name ?? "",
        svc.spec?.type ?? "",
        svc.spec?.clusterIPs?.[0] ?? "<none>",
        serviceExternalIP(svc),
        servicePorts(svc.spec?.ports) || "<none>",
        age(svc.metadata?.creationTimestamp, now),
        formatLabels(svc.spec?.selector),
      ],
    };
  },
};
