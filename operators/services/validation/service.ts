/**
 * Kubernetes' validation of Services (ValidateService, ValidateServiceUpdate and
 * ValidateServiceStatusUpdate in pkg/apis/core/validation/validation.go) with its messages, for this
 * single-stack IPv4 cluster (initIPFamilyFields' refusals of IPv6 and dual-stack included).
 *
 * @module
 */
import {
  duplicate,
  type FieldError,
  forbidden,
  goQuote,
  goStrings,
  GoValue,
  invalid,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  notSupported,
  required,
  validateLabels,
} from "@skiff/schema";
import type { Service, ServiceSpec } from "../api/service.ts";
import { isHeadless, needsHealthCheckNodePort } from "../allocation/allocator.ts";
import { isIP, isIPv6, parseIPv4 } from "../allocation/cidr.ts";
import { externallyAccessible } from "../defaults/service.ts";

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const AFFINITIES = ["ClientIP", "None"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const IP_FAMILIES = ["IPv4", "IPv6"];
const IP_FAMILY_POLICIES = ["PreferDualStack", "RequireDualStack", "SingleStack"];
const TRAFFIC_POLICIES = ["Cluster", "Local"];
const TRAFFIC_DISTRIBUTIONS = ["PreferClose"];
const IP_MODES = ["Proxy", "VIP"];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

/**
 * Options of {@link validateService}.
 *
 * @example
 * ```ts
 * const options: ServiceValidationOptions = { allocating: true };
 * ```
 */
export interface ServiceValidationOptions {
  /**
   * The object is checked before the allocators fill it in (this module validates, then allocates):
   * a health-check node port they will allocate is not missing yet.
   */
  allocating?: boolean;
}

/**
 * ValidateService: every rule a stored Service must satisfy, with Kubernetes' messages.
 *
 * @example
 * ```ts
 * import { validateService } from "@skiff/services";
 *
 * validateService({ metadata: { name: "web" }, spec: { type: "ClusterIP", sessionAffinity: "None", ports: [] } })
 *   .map((e) => `${e.field}: ${e.message}`); // includes "spec.ports: Required value"
 * ```
 */
export function validateService(svc: Service, options: ServiceValidationOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  const name = svc.metadata?.name;
  if (name) { for (const msg of isDNS1035Label(name)) errs.push(invalid("metadata.name", name, msg)); }
  const spec: ServiceSpec = svc.spec ?? {};
  const ports = spec.ports ?? [];
  const headless = isHeadless(svc);

  if (!ports.length && !headless && spec.type !== "ExternalName") errs.push(required("spec.ports"));
  switch (spec.type) {
    case "LoadBalancer":
    case "NodePort":
      if (headless) {
        errs.push(
          invalid("spec.clusterIPs[0]", "None", `may not be set to 'None' for ${spec.type} services`),
        );
      }
      break;
    case "ExternalName": {
      if (spec.clusterIPs?.length) {
        errs.push(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
      }
      if (spec.ipFamilies?.length) {
        errs.push(forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
      }
      if (spec.ipFamilyPolicy) {
        errs.push(forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
      }
      // A CNAME may end in a dot, fully qualified.
      const cname = (spec.externalName ?? "").replace(/\.$/, "");
      if (cname) {
        for (const msg of isDNS1123Subdomain(cname)) errs.push(invalid("spec.externalName", cname, msg));
      } else errs.push(required("spec.externalName"));
      break;
    }
  }

  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${path}.name`));
    else if (p.name) {
      for (const msg of isDNS1123Label(p.name)) errs.push(invalid(`${path}.name`, p.name, msg));
      if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
      else names.add(p.name);
    }
    for (const msg of isValidPortNum(p.port)) errs.push(invalid(`${path}.port`, p.port, msg));
    if (!p.protocol) errs.push(required(`${path}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) {
      errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
    }
    const target = p.targetPort ?? 0;
    if (typeof target === "number") {
      for (const msg of isValidPortNum(target)) errs.push(invalid(`${path}.targetPort`, target, msg));
    } else {
      for (const msg of isValidPortName(target)) errs.push(invalid(`${path}.targetPort`, target, msg));
    }
    if (p.appProtocol !== undefined) {
      for (const msg of isQualifiedName(p.appProtocol)) {
        errs.push(invalid(`${path}.appProtocol`, p.appProtocol, msg));
      }
    }
  });

  errs.push(...validateLabels(spec.selector, "spec.selector"));

  if (!spec.sessionAffinity) errs.push(required("spec.sessionAffinity"));
  else if (!AFFINITIES.includes(spec.sessionAffinity)) {
    errs.push(notSupported("spec.sessionAffinity", spec.sessionAffinity, AFFINITIES));
  }
  if (spec.sessionAffinity === "ClientIP") errs.push(...clientIPConfigErrors(spec));
  else if (spec.sessionAffinity === "None" && spec.sessionAffinityConfig) {
    errs.push(forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
  }

  errs.push(...clusterIPErrors(svc));

  (spec.externalIPs ?? []).forEach((ip, i) => {
    const path = `spec.externalIPs[${i}]`;
    if (!isIP(ip)) errs.push(invalid(path, ip, INVALID_IP));
    else errs.push(...specialIPErrors(ip, path));
  });

  if (!spec.type) errs.push(required("spec.type"));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported("spec.type", spec.type, SERVICE_TYPES));

  if (spec.type === "ClusterIP") {
    ports.forEach((p, i) => {
      if (p.nodePort) {
        errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
      }
    });
  }
  // Duplicates, by (protocol, nodePort) and by (protocol, port).
  const nodePorts = new Set<string>(), portKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(key);
    }
  });
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (portKeys.has(key)) {
      errs.push(duplicate(
        `spec.ports[${i}]`,
        new GoValue(
          `core.ServicePort{Name:"", Protocol:${
            goQuote(p.protocol ?? "")
          }, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
        ),
      ));
    }
    portKeys.add(key);
  });

  if (spec.loadBalancerSourceRanges?.length) {
    // Kubernetes names this path with a capital L.
    const path = "spec.LoadBalancerSourceRanges";
    if (spec.type !== "LoadBalancer") {
      errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    }
    spec.loadBalancerSourceRanges.forEach((r, i) => {
      const value = r.trim();
      if (!isCIDR(value)) {
        errs.push(
          invalid(`${path}[${i}]`, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"),
        );
      }
    });
  }

  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== "LoadBalancer") {
    errs.push(
      forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"),
    );
  }
  if (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts === undefined) {
    // Kubernetes reports this one without the spec prefix.
    errs.push(required("allocateLoadBalancerNodePorts"));
  }

  if (spec.type === "LoadBalancer") {
    if (spec.loadBalancerClass !== undefined) {
      for (const msg of isQualifiedName(spec.loadBalancerClass)) {
        errs.push(invalid("spec.loadBalancerClass", spec.loadBalancerClass, msg));
      }
    }
  } else if (spec.loadBalancerClass !== undefined) {
    errs.push(forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"));
  }

  // External traffic policy and the health-check node port.
  if (!externallyAccessible(svc)) {
    if (spec.externalTrafficPolicy) {
      errs.push(invalid(
        "spec.externalTrafficPolicy",
        spec.externalTrafficPolicy,
        "may only be set for externally-accessible services",
      ));
    }
  } else if (!spec.externalTrafficPolicy) errs.push(required("spec.externalTrafficPolicy"));
  else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported("spec.externalTrafficPolicy", spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (!needsHealthCheckNodePort(svc)) {
    if (spec.healthCheckNodePort) {
      errs.push(invalid(
        "spec.healthCheckNodePort",
        spec.healthCheckNodePort,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ));
    }
  } else if (!spec.healthCheckNodePort) {
    if (!options.allocating) errs.push(required("spec.healthCheckNodePort"));
  } else {
    for (const msg of isValidPortNum(spec.healthCheckNodePort)) {
      errs.push(invalid("spec.healthCheckNodePort", spec.healthCheckNodePort, msg));
    }
  }

  if (spec.internalTrafficPolicy === undefined) {
    if (spec.type === "NodePort" || spec.type === "LoadBalancer" || spec.type === "ClusterIP") {
      errs.push(required("spec.internalTrafficPolicy"));
    }
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported("spec.internalTrafficPolicy", spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (spec.trafficDistribution !== undefined && !TRAFFIC_DISTRIBUTIONS.includes(spec.trafficDistribution)) {
    errs.push(notSupported("spec.trafficDistribution", spec.trafficDistribution, TRAFFIC_DISTRIBUTIONS));
  }
  return errs;
}

/**
 * ValidateServiceUpdate: ValidateService plus what may not change: ClusterIPs and IP families once set
 * (unless the type changes to or from ExternalName), loadBalancerClass of a LoadBalancer.
 *
 * @example
 * ```ts
 * import { validateServiceUpdate } from "@skiff/services";
 *
 * validateServiceUpdate(changed, stored); // [{ field: "spec.clusterIPs[0]", message: "Invalid value: ...: may not change once set" }]
 * ```
 */
export function validateServiceUpdate(
  svc: Service,
  old: Service,
  options: ServiceValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {}, oldSpec = old.spec ?? {};
  const externalName = spec.type === "ExternalName" || oldSpec.type === "ExternalName";
  if (!externalName && !(isHeadless(svc) && isHeadless(old))) {
    const now = spec.clusterIPs ?? [], was = oldSpec.clusterIPs ?? [];
    const value = goStrings(spec.clusterIPs);
    if (was.length === now.length) {
      was.forEach((ip, i) => {
        if (ip !== now[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, value, "may not change once set"));
      });
    } else if (was.length > now.length) {
      if (!now.length) errs.push(invalid("spec.clusterIPs[0]", value, "primary clusterIP can not be unset"));
      else if (now[0] !== was[0]) errs.push(invalid("spec.clusterIPs[0]", value, "may not change once set"));
      if (now.length === 1 && spec.ipFamilyPolicy !== "SingleStack") {
        errs.push(invalid(
          "spec.ipFamilyPolicy",
          spec.ipFamilyPolicy ?? null,
          "must be set to 'SingleStack' when releasing the secondary clusterIP",
        ));
      }
    } else if (was.length && now[0] !== was[0]) {
      errs.push(invalid("spec.clusterIPs[0]", value, "may not change once set"));
    }
  }
  if (!externalName && isHeadless(svc) === isHeadless(old) && !isHeadless(svc)) {
    const now = spec.ipFamilies ?? [], was = oldSpec.ipFamilies ?? [];
    if (now.length === was.length && was.some((f, i) => f !== now[i])) {
      errs.push(invalid("spec.ipFamilies[0]", goStrings(now), "may not change once set"));
    }
  }
  if (spec.type === "LoadBalancer" && oldSpec.type === "LoadBalancer") {
    if ((spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)) {
      errs.push(invalid("spec.loadBalancerClass", spec.loadBalancerClass ?? null, "may not change once set"));
    }
  }
  return [...errs, ...validateService(svc, options)];
}

/**
 * ValidateServiceStatusUpdate: the load balancer's ingress points (only a LoadBalancer has them; IPs
 * valid, an ipMode with every IP, hostnames DNS names) and the conditions' status values.
 *
 * @example
 * ```ts
 * import { validateServiceStatus } from "@skiff/services";
 *
 * validateServiceStatus({ spec: { type: "ClusterIP" }, status: { loadBalancer: { ingress: [{ ip: "192.0.2.1" }] } } });
 * // [{ field: "status.loadBalancer.ingress", message: "Forbidden: may only be used when `spec.type` is 'LoadBalancer'" }]
 * ```
 */
export function validateServiceStatus(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  const path = "status.loadBalancer.ingress";
  if (svc.spec?.type !== "LoadBalancer" && ingress.length) {
    errs.push(forbidden(path, "may only be used when `spec.type` is 'LoadBalancer'"));
  } else {
    ingress.forEach((ing, i) => {
      const at = `${path}[${i}]`;
      if (ing.ip && !isIP(ing.ip)) errs.push(invalid(`${at}.ip`, ing.ip, INVALID_IP));
      if (!ing.ipMode) {
        if (ing.ip) errs.push(required(`${at}.ipMode`, "must be specified when `ip` is set"));
      } else if (!ing.ip) errs.push(forbidden(`${at}.ipMode`, "may not be specified when `ip` is not set"));
      else if (!IP_MODES.includes(ing.ipMode)) errs.push(notSupported(`${at}.ipMode`, ing.ipMode, IP_MODES));
      if (ing.hostname) {
        for (const msg of isDNS1123Subdomain(ing.hostname)) {
          errs.push(invalid(`${at}.hostname`, ing.hostname, msg));
        }
        if (isIP(ing.hostname)) {
          errs.push(invalid(`${at}.hostname`, ing.hostname, "must be a DNS name, not an IP address"));
        }
      }
    });
  }
  (svc.status?.conditions ?? []).forEach((c, i) => {
    const at = `status.conditions[${i}]`;
    if (!["True", "False", "Unknown"].includes(c.status)) {
      errs.push(notSupported(`${at}.status`, c.status, ["False", "True", "Unknown"]));
    }
    if (!c.reason) errs.push(required(`${at}.reason`, "must be specified"));
  });
  return errs;
}

function clientIPConfigErrors(spec: ServiceSpec): FieldError[] {
  const path = "spec.sessionAffinityConfig";
  const when = "when session affinity type is ClientIP";
  const config = spec.sessionAffinityConfig;
  if (!config) return [required(path, when)];
  if (!config.clientIP) return [required(`${path}.clientIP`, when)];
  const t = config.clientIP.timeoutSeconds;
  if (t === undefined) return [required(`${path}.clientIP.timeoutSeconds`, when)];
  return t > 0 && t <= MAX_CLIENT_IP_AFFINITY_SECONDS ? [] : [
    invalid(
      `${path}.clientIP.timeoutSeconds`,
      t,
      `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`,
    ),
  ];
}

/** ValidateServiceClusterIPsRelatedFields, and this single-stack IPv4 cluster's family checks. */
function clusterIPErrors(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === "ExternalName") return [];
  const errs: FieldError[] = [];
  const ips = spec.clusterIPs ?? [];
  const value = goStrings(spec.clusterIPs);
  if (spec.clusterIP) {
    if (!ips.length) errs.push(required("spec.clusterIPs"));
    else if (ips[0] !== spec.clusterIP) {
      errs.push(invalid("spec.clusterIPs", value, "first value must match `clusterIP`"));
    }
  } else if (ips.length) {
    errs.push(invalid("spec.clusterIPs", value, "must be empty when `clusterIP` is not specified"));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported("spec.ipFamilyPolicy", spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === "None") {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid("spec.clusterIPs", value, "'None' must be the first and only value"));
      }
      return;
    }
    if (!isIP(ip)) {
      badIPs = true;
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, INVALID_IP));
    }
  });
  if (ips.length > 2) errs.push(invalid("spec.clusterIPs", value, "may only hold up to 2 values"));
  if (badIPs) return errs;
  if (ips.length > 1 && isIPv6(ips[0]) === isIPv6(ips[1])) {
    errs.push(invalid("spec.clusterIPs", value, "may specify no more than one IP for each IP family"));
  }
  if (!isHeadless(svc)) {
    ips.forEach((ip, i) => {
      const family = spec.ipFamilies?.[i];
      if (family === "IPv4" && isIPv6(ip)) {
        errs.push(
          invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``),
        );
      }
      if (family === "IPv6" && !isIPv6(ip)) {
        errs.push(
          invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``),
        );
      }
    });
  }
  if (errs.length) return errs;
  // What initIPFamilyFields refuses on a cluster whose only family is IPv4.
  if (spec.ipFamilyPolicy === "RequireDualStack") {
    errs.push(invalid(
      "spec.ipFamilyPolicy",
      "RequireDualStack",
      "this cluster is not configured for dual-stack services",
    ));
  }
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (f === "IPv6") errs.push(invalid(`spec.ipFamilies[${i}]`, f, "not configured on this cluster"));
  });
  if ((spec.ipFamilies?.length ?? 0) > 1 && spec.ipFamilyPolicy === "SingleStack") {
    errs.push(invalid(
      "spec.ipFamilies",
      goStrings(spec.ipFamilies),
      "when multiple IP families are specified, IP family policy must be PreferDualStack or RequireDualStack",
    ));
  }
  ips.forEach((ip, i) => {
    if (ip !== "None" && isIPv6(ip)) {
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, "not configured on this cluster"));
    }
  });
  return errs;
}

/** ValidateNonSpecialIP for IPv4 (unspecified, loopback, link-local, link-local multicast). */
function specialIPErrors(ip: string, path: string): FieldError[] {
  const n = parseIPv4(ip);
  if (n === undefined) return [];
  const a = Math.floor(n / 2 ** 24), b = Math.floor(n / 2 ** 16) % 256, c = Math.floor(n / 256) % 256;
  if (n === 0) return [invalid(path, ip, "may not be unspecified (0.0.0.0)")];
  if (a === 127) return [invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)")];
  if (a === 169 && b === 254) {
    return [invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")];
  }
  if (a === 224 && b === 0 && c === 0) {
    return [invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")];
  }
  return [];
}

function isCIDR(value: string): boolean {
  const [ip, bits, extra] = value.split("/");
  if (extra !== undefined || !bits || !/^\d+$/.test(bits)) return false;
  if (parseIPv4(ip) !== undefined) return Number(bits) <= 32;
  return isIPv6(ip) && Number(bits) <= 128;
}
