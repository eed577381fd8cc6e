/**
 * The Service kind (v1): a stable virtual address and ports in front of the pods its selector picks.
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api core/v1,
 * types_swagger_doc_generated.go), which `kubectl explain` prints; list, map and patch extensions follow the
 * +listType/+listMapKey/+mapType markers and patchStrategy/patchMergeKey tags of core/v1/types.go. Enumerated
 * fields (type, protocol, sessionAffinity, ...) are plain strings, as in Kubernetes' OpenAPI: the validation
 * refuses unknown values with Kubernetes' own "Unsupported value" message, not the schema.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, intOrString, k8s, ObjectMetaSchema, time } from "@skiff/kinds";

const ATOMIC_LIST = { "x-kubernetes-list-type": "atomic" } as const;

/**
 * ServicePort contains information on service's port.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServicePortSchema } from "@skiff/services";
 *
 * v.parse(ServicePortSchema, { name: "http", port: 80, targetPort: 8080 });
 * ```
 */
export const ServicePortSchema = v.pipe(
  v.object({
    name: v.optional(v.string()),
    protocol: v.optional(v.pipe(v.string(), k8s({ default: "TCP" }))),
    appProtocol: v.optional(v.string()),
    port: int32(),
    targetPort: v.optional(intOrString()),
    nodePort: v.optional(int32()),
  }),
  v.description("ServicePort contains information on service's port."),
  fieldDocs({
    name:
      "The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names. When considering the endpoints for a Service, this must match the 'name' field in the EndpointPort. Optional if only one ServicePort is defined on this service.",
    protocol: 'The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.',
    appProtocol:
      "The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand. This field follows standard Kubernetes label syntax. Valid values are either:\n\n* Un-prefixed protocol names - reserved for IANA standard service names (as per RFC-6335 and https://www.iana.org/assignments/service-names).\n\n* Kubernetes-defined prefixed names:\n  * 'kubernetes.io/h2c' - HTTP/2 prior knowledge over cleartext as described in https://www.rfc-editor.org/rfc/rfc9113.html#name-starting-http-2-with-prior-\n  * 'kubernetes.io/ws'  - WebSocket over cleartext as described in https://www.rfc-editor.org/rfc/rfc6455\n  * 'kubernetes.io/wss' - WebSocket over TLS as described in https://www.rfc-editor.org/rfc/rfc6455\n\n* Other protocols should use implementation-defined prefixed names such as mycompany.com/my-custom-protocol.",
    port: "The port that will be exposed by this service.",
    targetPort:
      "Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If this is a string, it will be looked up as a named port in the target Pod's container ports. If this is not specified, the value of the 'port' field is used (an identity map). This field is ignored for services with clusterIP=None, and should be omitted or set equal to the 'port' field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
    nodePort:
      "The port on each node on which this service is exposed when type is NodePort or LoadBalancer.  Usually assigned by the system. If a value is specified, in-range, and not in use it will be used, otherwise the operation will fail.  If not specified, a port will be allocated if this Service requires one.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type from NodePort to ClusterIP). More info: https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport",
  }),
);

/**
 * ServicePort as TypeScript sees it (see {@link ServicePortSchema}).
 *
 * @example
 * ```ts
 * import type { ServicePort } from "@skiff/services";
 *
 * const port: ServicePort = { name: "http", port: 80, targetPort: 8080, protocol: "TCP" };
 * ```
 */
export type ServicePort = v.InferOutput<typeof ServicePortSchema>;

/**
 * ClientIPConfig represents the configurations of Client IP based session affinity.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ClientIPConfigSchema } from "@skiff/services";
 *
 * v.parse(ClientIPConfigSchema, { timeoutSeconds: 10800 });
 * ```
 */
export const ClientIPConfigSchema = v.pipe(
  v.object({ timeoutSeconds: v.optional(int32()) }),
  v.description("ClientIPConfig represents the configurations of Client IP based session affinity."),
  fieldDocs({
    timeoutSeconds:
      'timeoutSeconds specifies the seconds of ClientIP type session sticky time. The value must be >0 && <=86400(for 1 day) if ServiceAffinity == "ClientIP". Default value is 10800(for 3 hours).',
  }),
);

/**
 * SessionAffinityConfig represents the configurations of session affinity.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SessionAffinityConfigSchema } from "@skiff/services";
 *
 * v.parse(SessionAffinityConfigSchema, { clientIP: { timeoutSeconds: 600 } });
 * ```
 */
export const SessionAffinityConfigSchema = v.pipe(
  v.object({ clientIP: v.optional(ClientIPConfigSchema) }),
  v.description("SessionAffinityConfig represents the configurations of session affinity."),
  fieldDocs({ clientIP: "clientIP contains the configurations of Client IP based session affinity." }),
);

/**
 * ServiceSpec describes the attributes that a user creates on a service.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceSpecSchema } from "@skiff/services";
 *
 * v.parse(ServiceSpecSchema, { selector: { app: "web" }, ports: [{ port: 80 }] });
 * ```
 */
export const ServiceSpecSchema = v.pipe(
  v.object({
    ports: v.optional(v.pipe(
      v.array(ServicePortSchema),
      k8s({
        "x-kubernetes-patch-merge-key": "port",
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["port", "protocol"],
      }),
    )),
    selector: v.optional(
      v.pipe(v.record(v.string(), v.string()), k8s({ "x-kubernetes-map-type": "atomic" })),
    ),
    clusterIP: v.optional(v.string()),
    clusterIPs: v.optional(v.pipe(v.array(v.string()), k8s(ATOMIC_LIST))),
    type: v.optional(v.string()),
    externalIPs: v.optional(v.pipe(v.array(v.string()), k8s(ATOMIC_LIST))),
    sessionAffinity: v.optional(v.string()),
    loadBalancerIP: v.optional(v.string()),
    loadBalancerSourceRanges: v.optional(v.pipe(v.array(v.string()), k8s(ATOMIC_LIST))),
    externalName: v.optional(v.string()),
    externalTrafficPolicy: v.optional(v.string()),
    healthCheckNodePort: v.optional(int32()),
    publishNotReadyAddresses: v.optional(v.boolean()),
    sessionAffinityConfig: v.optional(SessionAffinityConfigSchema),
    ipFamilies: v.optional(v.pipe(v.array(v.string()), k8s(ATOMIC_LIST))),
    ipFamilyPolicy: v.optional(v.string()),
    allocateLoadBalancerNodePorts: v.optional(v.boolean()),
    loadBalancerClass: v.optional(v.string()),
    internalTrafficPolicy: v.optional(v.string()),
    trafficDistribution: v.optional(v.string()),
  }),
  v.description("ServiceSpec describes the attributes that a user creates on a service."),
  fieldDocs({
    ports:
      "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies",
    selector:
      "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/",
    clusterIP:
      'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
    clusterIPs:
      'ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly.  If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be empty) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address.  Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName.  If this field is not specified, it will be initialized from the clusterIP field.  If this field is specified, clients must ensure that clusterIPs[0] and clusterIP have the same value.\n\nThis field may hold a maximum of two entries (dual-stack IPs, in either order). These IPs must correspond to the values of the ipFamilies field. Both clusterIPs and ipFamilies are governed by the ipFamilyPolicy field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
    type:
      'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    externalIPs:
      "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.",
    sessionAffinity:
      'Supports "ClientIP" and "None". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
    loadBalancerIP:
      "Only applies to Service Type: LoadBalancer. This feature depends on whether the underlying cloud-provider supports specifying the loadBalancerIP when a load balancer is created. This field will be ignored if the cloud-provider does not support the feature. Deprecated: This field was under-specified and its meaning varies across implementations. Using it is non-portable and it may not support dual-stack. Users are encouraged to use implementation-specific annotations when available.",
    loadBalancerSourceRanges:
      'If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs. This field will be ignored if the cloud-provider does not support the feature." More info: https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/',
    externalName:
      'externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record). No proxying will be involved.  Must be a lowercase RFC-1123 hostname (https://tools.ietf.org/html/rfc1123) and requires `type` to be "ExternalName".',
    externalTrafficPolicy:
      'externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service\'s "externally-facing" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs). If set to "Local", the proxy will configure the service in a way that assumes that external load balancers will take care of balancing the service traffic between nodes, and so each node will deliver traffic only to the node-local endpoints of the service, without masquerading the client source IP. (Traffic mistakenly sent to a node with no endpoints will be dropped.) The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features). Note that traffic sent to an External IP or LoadBalancer IP from within the cluster will always get "Cluster" semantics, but clients sending to a NodePort from within the cluster may need to take traffic policy into account when picking a node.',
    healthCheckNodePort:
      "healthCheckNodePort specifies the healthcheck nodePort for the service. This only applies when type is set to LoadBalancer and externalTrafficPolicy is set to Local. If a value is specified, is in-range, and is not in use, it will be used.  If not specified, a value will be automatically allocated.  External systems (e.g. load-balancers) can use this port to determine if a given node holds endpoints for this service or not.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type). This field cannot be updated once set.",
    publishNotReadyAddresses:
      'publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready. The primary use case for setting this field is for a StatefulSet\'s Headless Service to propagate SRV DNS records for its Pods for the purpose of peer discovery. The Kubernetes controllers that generate Endpoints and EndpointSlice resources for Services interpret this to mean that all endpoints are considered "ready" even if the Pods themselves are not. Agents which consume only Kubernetes generated endpoints through the Endpoints or EndpointSlice resources can safely assume this behavior.',
    sessionAffinityConfig: "sessionAffinityConfig contains the configurations of session affinity.",
    ipFamilies:
      'IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service. This field is usually assigned automatically based on cluster configuration and the ipFamilyPolicy field. If this field is specified manually, the requested family is available in the cluster, and ipFamilyPolicy allows it, it will be used; otherwise creation of the service will fail. This field is conditionally mutable: it allows for adding or removing a secondary IP family, but it does not allow changing the primary IP family of the Service. Valid values are "IPv4" and "IPv6".  This field only applies to Services of types ClusterIP, NodePort, and LoadBalancer, and does apply to "headless" services. This field will be wiped when updating a Service to type ExternalName.\n\nThis field may hold a maximum of two entries (dual-stack families, in either order).  These families must correspond to the values of the clusterIPs field, if specified. Both clusterIPs and ipFamilies are governed by the ipFamilyPolicy field.',
    ipFamilyPolicy:
      'IPFamilyPolicy represents the dual-stack-ness requested or required by this Service. If there is no value provided, then this field will be set to SingleStack. Services can be "SingleStack" (a single IP family), "PreferDualStack" (two IP families on dual-stack configured clusters or a single IP family on single-stack clusters), or "RequireDualStack" (two IP families on dual-stack configured clusters, otherwise fail). The ipFamilies and clusterIPs fields depend on the value of this field. This field will be wiped when updating a service to type ExternalName.',
    allocateLoadBalancerNodePorts:
      'allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer.  Default is "true". It may be set to "false" if the cluster load-balancer does not rely on NodePorts.  If the caller requests specific NodePorts (by specifying a value), those requests will be respected, regardless of this field. This field may only be set for services with type LoadBalancer and will be cleared if the type is changed to any other type.',
    loadBalancerClass:
      "loadBalancerClass is the class of the load balancer implementation this Service belongs to. If specified, the value of this field must be a label-style identifier, with an optional prefix, e.g. \"internal-vip\" or \"example.com/internal-vip\". Unprefixed names are reserved for end-users. This field can only be set when the Service type is 'LoadBalancer'. If not set, the default load balancer implementation is used, today this is typically done through the cloud provider integration, but should apply for any default implementation. If set, it is assumed that a load balancer implementation is watching for Services with a matching class. Any default load balancer implementation (e.g. cloud providers) should ignore Services that set this field. This field can only be set when creating or updating a Service to type 'LoadBalancer'. Once set, it can not be changed. This field will be wiped when a service is updated to a non 'LoadBalancer' type.",
    internalTrafficPolicy:
      'InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP. If set to "Local", the proxy will assume that pods only want to talk to endpoints of the service on the same node as the pod, dropping the traffic if there are no local endpoints. The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features).',
    trafficDistribution:
      'TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints. Implementations can use this field as a hint, but are not required to guarantee strict adherence. If the field is not set, the implementation will apply its default routing strategy. If set to "PreferClose", implementations should prioritize endpoints that are topologically close (e.g., same zone). This is a beta field and requires enabling ServiceTrafficDistribution feature.',
  }),
);

/**
 * ServiceSpec as TypeScript sees it (see {@link ServiceSpecSchema}).
 *
 * @example
 * ```ts
 * import type { ServiceSpec } from "@skiff/services";
 *
 * const spec: ServiceSpec = { type: "NodePort", selector: { app: "web" }, ports: [{ port: 80, nodePort: 30080 }] };
 * ```
 */
export type ServiceSpec = v.InferOutput<typeof ServiceSpecSchema>;

/**
 * PortStatus represents the error condition of a service port.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PortStatusSchema } from "@skiff/services";
 *
 * v.parse(PortStatusSchema, { port: 80, protocol: "TCP" });
 * ```
 */
export const PortStatusSchema = v.pipe(
  v.object({ port: int32(), protocol: v.string(), error: v.optional(v.string()) }),
  v.description("PortStatus represents the error condition of a service port"),
  fieldDocs({
    port: "Port is the port number of the service port of which status is recorded here",
    protocol:
      'Protocol is the protocol of the service port of which status is recorded here The supported values are: "TCP", "UDP", "SCTP"',
    error:
      "Error is to record the problem with the service port The format of the error shall comply with the following rules: - built-in error values shall be specified in this file and those shall use\n  CamelCase names\n- cloud provider specific error values must have names that comply with the\n  format foo.example.com/CamelCase.",
  }),
);

/**
 * LoadBalancerIngress represents the status of a load-balancer ingress point.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LoadBalancerIngressSchema } from "@skiff/services";
 *
 * v.parse(LoadBalancerIngressSchema, { ip: "192.0.2.10", ipMode: "VIP" });
 * ```
 */
export const LoadBalancerIngressSchema = v.pipe(
  v.object({
    ip: v.optional(v.string()),
    hostname: v.optional(v.string()),
    ipMode: v.optional(v.string()),
    ports: v.optional(v.pipe(v.array(PortStatusSchema), k8s(ATOMIC_LIST))),
  }),
  v.description(
    "LoadBalancerIngress represents the status of a load-balancer ingress point: traffic intended for the service should be sent to an ingress point.",
  ),
  fieldDocs({
    ip:
      "IP is set for load-balancer ingress points that are IP based (typically GCE or OpenStack load-balancers)",
    hostname:
      "Hostname is set for load-balancer ingress points that are DNS based (typically AWS load-balancers)",
    ipMode:
      'IPMode specifies how the load-balancer IP behaves, and may only be specified when the ip field is specified. Setting this to "VIP" indicates that traffic is delivered to the node with the destination set to the load-balancer\'s IP and port. Setting this to "Proxy" indicates that traffic is delivered to the node or pod with the destination set to the node\'s IP and node port or the pod\'s IP and port. Service implementations may use this information to adjust traffic routing.',
    ports:
      "Ports is a list of records of service ports If used, every port defined in the service should have an entry in it",
  }),
);

/**
 * LoadBalancerStatus represents the status of a load-balancer.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LoadBalancerStatusSchema } from "@skiff/services";
 *
 * v.parse(LoadBalancerStatusSchema, { ingress: [{ ip: "192.0.2.10" }] });
 * ```
 */
export const LoadBalancerStatusSchema = v.pipe(
  v.object({
    ingress: v.optional(v.pipe(v.array(LoadBalancerIngressSchema), k8s(ATOMIC_LIST))),
  }),
  v.description("LoadBalancerStatus represents the status of a load-balancer."),
  fieldDocs({
    ingress:
      "Ingress is a list containing ingress points for the load-balancer. Traffic intended for the service should be sent to these ingress points.",
  }),
);

/**
 * metav1.Condition: details for one aspect of the current state of this API Resource.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceConditionSchema } from "@skiff/services";
 *
 * v.parse(ServiceConditionSchema, { type: "Ready", status: "True", lastTransitionTime: "2024-05-01T12:00:00Z", reason: "Done", message: "" });
 * ```
 */
export const ServiceConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    observedGeneration: v.optional(int64()),
    lastTransitionTime: time(),
    reason: v.string(),
    message: v.string(),
  }),
  v.description("Condition contains details for one aspect of the current state of this API Resource."),
  fieldDocs({
    type: "type of condition in CamelCase or in foo.example.com/CamelCase.",
    status: "status of the condition, one of True, False, Unknown.",
    observedGeneration:
      "observedGeneration represents the .metadata.generation that the condition was set based upon. For instance, if .metadata.generation is currently 12, but the .status.conditions[x].observedGeneration is 9, the condition is out of date with respect to the current state of the instance.",
    lastTransitionTime:
      "lastTransitionTime is the last time the condition transitioned from one status to another. This should be when the underlying condition changed.  If that is not known, then using the time when the API field changed is acceptable.",
    reason:
      "reason contains a programmatic identifier indicating the reason for the condition's last transition. Producers of specific condition types may define expected values and meanings for this field, and whether the values are considered a guaranteed API. The value should be a CamelCase string. This field may not be empty.",
    message:
      "message is a human readable message indicating details about the transition. This may be an empty string.",
  }),
);

/**
 * ServiceStatus represents the current status of a service.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceStatusSchema } from "@skiff/services";
 *
 * v.parse(ServiceStatusSchema, { loadBalancer: { ingress: [{ ip: "192.0.2.10" }] } });
 * ```
 */
export const ServiceStatusSchema = v.pipe(
  v.object({
    loadBalancer: v.optional(LoadBalancerStatusSchema),
    conditions: v.optional(v.pipe(
      v.array(ServiceConditionSchema),
      k8s({
        "x-kubernetes-patch-merge-key": "type",
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["type"],
      }),
    )),
  }),
  v.description("ServiceStatus represents the current status of a service."),
  fieldDocs({
    loadBalancer: "LoadBalancer contains the current status of the load-balancer, if one is present.",
    conditions: "Current service state",
  }),
);

/**
 * ServiceStatus as TypeScript sees it (see {@link ServiceStatusSchema}).
 *
 * @example
 * ```ts
 * import type { ServiceStatus } from "@skiff/services";
 *
 * const status: ServiceStatus = { loadBalancer: {} };
 * ```
 */
export type ServiceStatus = v.InferOutput<typeof ServiceStatusSchema>;

/**
 * Service is a named abstraction of software service consisting of a local port that the proxy listens
 * on, and the selector that determines which pods will answer requests sent through the proxy.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceSchema } from "@skiff/services";
 *
 * v.parse(ServiceSchema, { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
 * ```
 */
export const ServiceSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(ServiceSpecSchema),
    status: v.optional(ServiceStatusSchema),
  }),
  v.description(
    "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Spec defines the behavior of a service. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Most recently observed status of the service. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * Service as TypeScript sees it (see {@link ServiceSchema}).
 *
 * @example
 * ```ts
 * import type { Service } from "@skiff/services";
 *
 * const svc: Service = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { ports: [{ port: 80 }] } };
 * ```
 */
export type Service = v.InferOutput<typeof ServiceSchema>;
