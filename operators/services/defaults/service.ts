/**
 * Kubernetes' defaulting of Services (SetDefaults_Service in pkg/apis/core/v1/defaults.go) and what the
 * Service registry does to a write before validating it: the strategy's PrepareForCreate/Update (status
 * reset, dropTypeDependentFields) and the REST layer's normalizeClusterIPs and patchAllocatedValues
 * (pkg/registry/core/service/storage/storage.go). IP families are this single-stack IPv4 cluster's.
 *
 * @module
 */
import type { Service, ServicePort, ServiceSpec } from "../api/service.ts";
import { needsClusterIP, needsHealthCheckNodePort, needsNodePort } from "../allocation/allocator.ts";

/** The ClientIP affinity timeout Kubernetes defaults to (3 hours). */
export const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

/**
 * Whether traffic reaches the Service from outside the cluster (service.ExternallyAccessible): NodePort,
 * LoadBalancer, or a ClusterIP Service with externalIPs.
 *
 * @example
 * ```ts
 * import { externallyAccessible } from "@skiff/services";
 *
 * externallyAccessible({ spec: { type: "ClusterIP", externalIPs: ["192.0.2.1"] } }); // true
 * ```
 */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === "LoadBalancer" || t === "NodePort" || (t === "ClusterIP" && !!svc.spec?.externalIPs?.length);
}

/**
 * SetDefaults_Service: type ClusterIP, sessionAffinity None (ClientIP gets a 10800 s timeout), port
 * protocol TCP, targetPort = port, externalTrafficPolicy Cluster when externally accessible,
 * internalTrafficPolicy Cluster, allocateLoadBalancerNodePorts true for LoadBalancer, a load-balancer
 * ingress IP's ipMode VIP.
 *
 * @example
 * ```ts
 * import { defaultService } from "@skiff/services";
 *
 * defaultService({ metadata: { name: "web" }, spec: { ports: [{ port: 80 }] } }).spec!.ports![0];
 * // { port: 80, protocol: "TCP", targetPort: 80 }
 * ```
 */
export function defaultService(svc: Service): Service {
  fillServiceDefaults(svc);
  return svc;
}

/** {@link defaultService} in place. */
export function fillServiceDefaults(svc: Service): void {
  const spec: ServiceSpec = svc.spec ??= {};
  spec.sessionAffinity ||= "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined
  ) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS } };
  }
  spec.type ||= "ClusterIP";
  for (const p of spec.ports ?? []) {
    p.protocol ||= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = "Cluster";
  if (
    spec.internalTrafficPolicy === undefined &&
    (spec.type === "NodePort" || spec.type === "LoadBalancer" || spec.type === "ClusterIP")
  ) {
    spec.internalTrafficPolicy = "Cluster";
  }
  if (spec.type === "LoadBalancer") {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
      if (ing.ip && !ing.ipMode) ing.ipMode = "VIP";
    }
  }
}

/**
 * What the registry does to a create before validation and allocation: status reset (the strategy's
 * PrepareForCreate), clusterIPs initialized from clusterIP (normalizeClusterIPs), and this
 * single-stack cluster's IP families (initIPFamilyFields): SingleStack and IPv4 unless given, for every
 * type but ExternalName.
 *
 * @example
 * ```ts
 * import { prepareServiceCreate } from "@skiff/services";
 *
 * const svc = { metadata: { name: "db" }, spec: { clusterIP: "None", ports: [{ port: 5432 }] } };
 * prepareServiceCreate(svc);
 * svc.spec.clusterIPs; // ["None"]
 * ```
 */
export function prepareServiceCreate(svc: Service): void {
  // ServiceStatus{}: loadBalancer is a struct, not a pointer, so JSON carries it empty.
  svc.status = { loadBalancer: {} };
  const spec = svc.spec ??= {};
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  initIPFamilies(svc);
}

/**
 * What the registry does to an update before validation and allocation: the stored status kept,
 * fields a type change leaves behind wiped when the client left them as they were
 * (dropTypeDependentFields), clusterIP/clusterIPs kept in step (normalizeClusterIPs), and values the
 * server allocated kept when a client resubmits the object it created (patchAllocatedValues).
 *
 * @example
 * ```ts
 * import { prepareServiceUpdate } from "@skiff/services";
 *
 * prepareServiceUpdate(next, stored); // next.spec.clusterIP = stored.spec.clusterIP when left out
 * ```
 */
export function prepareServiceUpdate(svc: Service, old: Service): void {
  svc.status = old.status === undefined ? undefined : structuredClone(old.status);
  if (svc.status === undefined) delete svc.status;
  const spec = svc.spec ??= {};
  const oldSpec = old.spec ?? {};
  normalizeClusterIPsOnUpdate(spec, oldSpec);
  patchAllocatedValues(svc, old);
  dropTypeDependentFields(svc, old);
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    // initIPFamilyFields on update: families and policy carry over when the client left them out.
    if (!spec.ipFamilies?.length && oldSpec.ipFamilies?.length) spec.ipFamilies = [...oldSpec.ipFamilies];
    if (!spec.ipFamilyPolicy && oldSpec.ipFamilyPolicy) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
  }
  initIPFamilies(svc);
}

function initIPFamilies(svc: Service): void {
  const spec = svc.spec!;
  if (!needsClusterIP(svc)) return;
  spec.ipFamilyPolicy ||= "SingleStack";
  if (!spec.ipFamilies?.length) spec.ipFamilies = ["IPv4"];
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b![i]);
}

function normalizeClusterIPsOnUpdate(spec: ServiceSpec, oldSpec: ServiceSpec): void {
  // An old client that left clusterIPs out while patching something else.
  if (oldSpec.clusterIPs?.length && !spec.clusterIPs?.length && oldSpec.clusterIP === spec.clusterIP) {
    spec.clusterIPs = [...oldSpec.clusterIPs];
  }
  if ((oldSpec.clusterIP ?? "") !== (spec.clusterIP ?? "")) {
    if (oldSpec.clusterIP && !spec.clusterIP) {
      // Clearing clusterIP clears clusterIPs on the client's behalf when it did not touch them.
      if (sameStrings(oldSpec.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    } else if (sameStrings(oldSpec.clusterIPs, spec.clusterIPs)) {
      spec.clusterIPs = [spec.clusterIP!];
    }
  }
}

function patchAllocatedValues(svc: Service, old: Service): void {
  const spec = svc.spec!, oldSpec = old.spec ?? {};
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIPs?.length && oldSpec.clusterIPs?.length) spec.clusterIPs = [...oldSpec.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = (s: Service) => new Set((s.spec?.ports ?? []).map((p) => p.nodePort).filter((n) => !!n));
    const oldUsed = used(old), newUsed = used(svc);
    const byName = new Map((oldSpec.ports ?? []).map((p) => [p.name ?? "", p.nodePort]));
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const previous = byName.get(p.name ?? "");
      // A value the update also asks for elsewhere cannot be patched in.
      if (previous && !(oldUsed.has(previous) && newUsed.has(previous))) p.nodePort = previous;
    }
  }
  if (needsHealthCheckNodePort(old) && needsHealthCheckNodePort(svc) && !spec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = svc.spec!, oldSpec = old.spec ?? {};
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (oldSpec.clusterIP === spec.clusterIP && sameStrings(oldSpec.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameStrings(oldSpec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (oldSpec.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc)) {
    const nodePorts = (ports: ServicePort[] | undefined) => (ports ?? []).map((p) => p.nodePort ?? 0);
    if (sameNumbers(nodePorts(oldSpec.ports), nodePorts(spec.ports))) {
      for (const p of spec.ports ?? []) delete p.nodePort;
    }
  }
  if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(svc)) {
    if (oldSpec.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort;
  }
  if (oldSpec.type === "LoadBalancer" && spec.type !== "LoadBalancer") {
    if (
      spec.allocateLoadBalancerNodePorts !== undefined &&
      oldSpec.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts
    ) delete spec.allocateLoadBalancerNodePorts;
    if (oldSpec.loadBalancerClass === spec.loadBalancerClass) delete spec.loadBalancerClass;
    if (svc.status) svc.status.loadBalancer = {};
  }
  if (externallyAccessible(old) && !externallyAccessible(svc)) {
    if (oldSpec.externalTrafficPolicy === spec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  }
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
